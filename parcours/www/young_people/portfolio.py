"""« Mes jeunes » : filtres du portefeuille et export CSV / XLSX de la liste filtrée.

Les filtres composent des méthodes de QuerySet du domaine (``in_programme``, ``in_current_situation``,
``without_held_contact_since``) et la liste gardée de la page « À faire » (``worklist.with_alert``) : la page
et l'export lisent la même liste, en une requête, sans requête par ligne.
"""

import datetime
import io
from urllib.parse import urlencode

from django import forms
from django.db.models import F
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from parcours.accompaniment.enums import SituationCategory
from parcours.accounts.access import visible_mission_locale_ids
from parcours.exports import CsvWriter, append_row
from parcours.prepared import PreparedList, PreparedQuery
from parcours.programmes import worklist as worklists
from parcours.programmes.enums import AlertReason
from parcours.programmes.models import Programme
from parcours.www.forms import DsfrFormMixin

SORTS = {
    "nom": ["last_name", "first_name"],
    "-nom": ["-last_name", "-first_name"],
    "contact": [F("last_contact_on").asc(nulls_first=True), "last_name"],
    "-contact": [F("last_contact_on").desc(nulls_last=True), "last_name"],
    "accueil": ["first_reception_date", "last_name"],
    "-accueil": ["-first_reception_date", "last_name"],
}
DEFAULT_SORT = "-contact"

#: « Sans contact tenu depuis plus de … jours » (les jeunes qui n'en ont jamais eu en sont).
CONTACT_DAYS = (30, 60, 90)
#: Paramètres de la liste filtrée, gardés dans les liens de tri, de pagination et d'export.
FILTERS = ("dispositif", "situation", "motif", "sans_contact")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
EXPORT_FORMATS = ("csv", "xlsx")
HEADER = [
    "Nom",
    "Prénom",
    "Date de naissance",
    "Commune",
    "Premier accueil",
    "Dernier contact tenu",
    "Jours depuis le dernier contact",
    "Situation en cours",
    "Dispositif en cours",
]


def listed(young_people, today, sort):
    """Les colonnes de la liste (dernier contact tenu, situation et dispositif en cours), triées par ``sort``."""
    return (
        young_people.for_listing()
        .with_last_contact()
        .with_current_situation(today)
        .with_current_programme()
        .order_by(*SORTS[sort], "pk")
    )


# « Mes jeunes » sans filtre, la page la plus ouverte : la tranche affichée et le compte en requête préparée
# (parcours/prepared.py), compilée une fois par tri et par page.
_UNFILTERED = PreparedQuery(
    lambda referent_id, ml_ids, today, *, sort: listed(
        worklists.portfolio_of(referent_id, ml_ids), today, sort
    )
)


def unfiltered(user, today, sort):
    """Le portefeuille de ``user`` sans filtre, pour ``Paginator`` (mêmes lignes que ``listed`` sur
    ``worklist.counsellor_scope``)."""
    return PreparedList(_UNFILTERED, user.pk, visible_mission_locale_ids(user), today, sort=sort)


def programme_choices():
    """(code, libellé) des dispositifs, gardés comme les chiffres de « À faire » : un dispositif modifié
    change l'époque des listes gardées (``worklist.EPOCH_MODELS``) et la liste est relue."""
    return worklists.cached("dispositifs:choix", lambda: list(Programme.objects.values_list("code", "label")))


class PortfolioFilterForm(DsfrFormMixin, forms.Form):
    dispositif = forms.ChoiceField(label="Dispositif en cours", required=False)
    situation = forms.ChoiceField(
        label="Situation en cours",
        required=False,
        choices=[("", "Toutes les situations"), *SituationCategory.choices],
    )
    motif = forms.ChoiceField(
        label="Alerte", required=False, choices=[("", "Avec ou sans alerte"), *AlertReason.choices]
    )
    sans_contact = forms.TypedChoiceField(
        label="Dernier contact tenu",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "Quelle que soit sa date"),
            *((d, f"Il y a plus de {d} jours ou jamais") for d in CONTACT_DAYS),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispositif"].choices = [("", "Avec ou sans dispositif"), *programme_choices()]

    def filter(self, young_people, today, alert_key):
        """Les jeunes du QuerySet qui passent les filtres choisis (le formulaire est valide)."""
        data = self.cleaned_data
        if data["dispositif"]:
            young_people = young_people.in_programme(data["dispositif"])
        if data["situation"]:
            young_people = young_people.in_current_situation(data["situation"], today)
        if data["sans_contact"]:
            young_people = young_people.without_held_contact_since(
                today - datetime.timedelta(days=data["sans_contact"])
            )
        if data["motif"]:
            young_people = worklists.with_alert(young_people, today, data["motif"], alert_key)
        return young_people

    def query(self):
        """Les filtres choisis, en paramètres d'URL (vide sans filtre) ; ``&`` devant s'il y en a."""
        if not self.is_bound or not self.is_valid():
            return ""
        chosen = [(name, self.data[name]) for name in FILTERS if self.cleaned_data.get(name)]
        return f"&{urlencode(chosen)}" if chosen else ""

    @property
    def active(self):
        return bool(self.query())


def situation_label(value):
    return SituationCategory(value).label if value else ""


def _row(young_person, today, date):
    last = young_person.last_contact_on
    return [
        young_person.last_name.upper(),
        young_person.first_name,
        date(young_person.birth_date),
        young_person.commune,
        date(young_person.first_reception_date),
        date(last) if last else None,
        (today - last).days if last else None,
        situation_label(young_person.current_situation),
        young_person.current_programme or "",
    ]


def _csv(young_people, today):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # les tableurs lisent alors l'UTF-8
    writer = CsvWriter(buffer)
    writer.writerow(HEADER)
    for young_person in young_people:
        writer.writerow(_row(young_person, today, lambda day: f"{day:%d/%m/%Y}"))
    return buffer.getvalue()


def _xlsx(young_people, today):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mes jeunes"
    for cell in append_row(sheet, HEADER):
        cell.font = Font(bold=True)
    for young_person in young_people:
        for cell in append_row(sheet, _row(young_person, today, lambda day: day)):
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEFGHI", (22, 18, 14, 20, 14, 14, 12, 26, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(young_people, today, kind):
    """La liste en fichier joint (``kind`` : csv ou xlsx) ; le journal de sécurité trace le téléchargement."""
    build, content_type = {"csv": (_csv, CSV), "xlsx": (_xlsx, XLSX)}[kind]
    response = HttpResponse(build(young_people, today), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mes-jeunes-{today:%Y%m%d}.{kind}"'
    return response
