"""Bilans des partenariats et chiffres pour l'entrepôt.

Le bilan de suivi compte, pour une année et un périmètre, par accord, par partenaire ou par région :
les mises en relation (un jeune positionné sur une offre), les recrutements par type de contrat, les
parrainages signés et les immersions commencées. Chaque mesure compte des faits (pas des personnes
distinctes) : les lignes s'additionnent exactement au total. L'année d'un fait est celle de sa date
(mise en relation, début du contrat, signature du parrainage, début de l'immersion). Une activité sans
accord (ou sans entreprise partenaire) a sa propre ligne.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth

from parcours.accounts.access import can_see_aggregates, visible_mission_locale_ids
from parcours.employers.enums import ContractType
from parcours.employers.models import (
    Agreement,
    Exchange,
    Immersion,
    JobOffer,
    Partner,
    Recruitment,
    Referral,
    Sponsorship,
)
from parcours.employers.report_secrecy import mask_small_counts
from parcours.referential.models import MissionLocale, Region

_REGION = "young_person__mission_locale__department__region"
#: Pour chaque regroupement : le champ de rattachement de chaque mesure.
GROUP_FIELDS = {
    "accord": {
        "put_forward": "offer__agreement",
        "recruited": "agreement",
        "sponsored": "agreement",
        "immersions": "agreement",
    },
    "partenaire": {
        "put_forward": "offer__partner",
        "recruited": "partner",
        "sponsored": "sponsor__employer",
        "immersions": "partner",
    },
    "region": {"put_forward": _REGION, "recruited": _REGION, "sponsored": _REGION, "immersions": _REGION},
}
GROUP_LABELS = {"accord": "Accord national", "partenaire": "Partenaire", "region": "Région"}
NONE_LABELS = {"accord": "Hors accord national", "partenaire": "Sans entreprise partenaire", "region": "—"}
MEASURES = {
    "put_forward": (Referral, "date"),
    "recruited": (Recruitment, "start_date"),
    "sponsored": (Sponsorship, "signed_on"),
    "immersions": (Immersion, "start_date"),
}


@dataclasses.dataclass
class ReportRow:
    key: object
    label: str
    put_forward: int = 0
    recruited_by_contract: dict = dataclasses.field(
        default_factory=lambda: dict.fromkeys(ContractType.values, 0)
    )
    sponsored: int = 0
    immersions: int = 0

    @property
    def recruited(self):
        return sum(self.recruited_by_contract.values())

    @property
    def contract_counts(self):
        return [self.recruited_by_contract[c] for c in ContractType.values]

    def add(self, other):
        self.put_forward += other.put_forward
        self.sponsored += other.sponsored
        self.immersions += other.immersions
        for contract, count in other.recruited_by_contract.items():
            self.recruited_by_contract[contract] += count


@dataclasses.dataclass
class Report:
    year: int
    group_by: str
    scope_label: str
    rows: list
    total: ReportRow
    agreement: object = None
    #: Effectifs masqués par le secret statistique (``report_secrecy``) : {(clé de ligne, colonne): motif}.
    masks: dict = dataclasses.field(default_factory=dict)

    @property
    def group_label(self):
        return GROUP_LABELS[self.group_by]

    @property
    def contract_labels(self):
        return [label for _, label in ContractType.choices]


def _base(model, date_field, year, mission_locale_ids, agreement):
    qs = model.objects.filter(**{f"{date_field}__year": year})
    if mission_locale_ids is not None:
        qs = qs.within(mission_locale_ids)
    if agreement is not None:
        field = "offer__agreement" if model is Referral else "agreement"
        qs = qs.filter(**{field: agreement})
    return qs


def _labels(group_by, keys):
    keys = [k for k in keys if k is not None]
    if group_by == "accord":
        return {a.pk: a.title for a in Agreement.objects.filter(pk__in=keys)}
    if group_by == "partenaire":
        return {p.pk: p.label for p in Partner.objects.filter(pk__in=keys)}
    return {r.pk: r.name for r in Region.objects.filter(pk__in=keys)}


def follow_up_report(
    year, group_by="accord", mission_locale_ids=None, scope_label="France entière", agreement=None
):
    """Bilan de suivi d'une année ; ``mission_locale_ids=None`` pour la France entière."""
    if group_by not in GROUP_FIELDS:
        raise ValueError(f"Regroupement inconnu : {group_by}")
    fields = GROUP_FIELDS[group_by]
    rows = {}

    def row(key):
        return rows.setdefault(key, ReportRow(key=key, label=""))

    for measure, (model, date_field) in MEASURES.items():
        qs = _base(model, date_field, year, mission_locale_ids, agreement)
        field = fields[measure]
        if measure == "recruited":
            for item in qs.values(field, "contract_type").annotate(n=Count("pk")).order_by():
                row(item[field]).recruited_by_contract[item["contract_type"]] += item["n"]
            continue
        for item in qs.values(field).annotate(n=Count("pk")).order_by():
            setattr(row(item[field]), measure, getattr(row(item[field]), measure) + item["n"])
    labels = _labels(group_by, rows)
    for key, item in rows.items():
        item.label = labels.get(key, NONE_LABELS[group_by]) if key is not None else NONE_LABELS[group_by]
    ordered = sorted(rows.values(), key=lambda r: (r.key is None, r.label.lower()))
    total = ReportRow(key="total", label="Total")
    for item in ordered:
        total.add(item)
    return Report(
        year=year, group_by=group_by, scope_label=scope_label, rows=ordered, total=total, agreement=agreement
    )


def scoped_report(scope, year, group_by, agreement=None):
    """Le bilan d'un périmètre de ``report_scopes`` : en clair pour la mission locale de l'utilisateur (« ml »,
    ses propres chiffres) ; un bilan régional ou national couvre d'autres ML : secret statistique."""
    code, label, ml_ids = scope
    report = follow_up_report(year, group_by, ml_ids, label, agreement=agreement)
    return report if code == "ml" else mask_small_counts(report)


def report_scopes(user):
    """Périmètres de bilan offerts à l'utilisateur : (code, libellé, identifiants de ML ou None)."""
    scopes = []
    ml_ids = visible_mission_locale_ids(user)
    if ml_ids:
        scopes.append(("ml", str(user.mission_locale), ml_ids))
    region = getattr(user, "region", None) or (user.mission_locale.region if ml_ids else None)
    if region is not None and can_see_aggregates(user, "region"):
        ids = list(MissionLocale.objects.filter(department__region=region).values_list("pk", flat=True))
        scopes.append(("region", region.name, ids))
    if can_see_aggregates(user, "national"):
        scopes.append(("national", "France entière", None))
    return scopes


def _month_keys(qs, ml_field, date_field, partner_field=None):
    values = [ml_field, "month"] + ([partner_field] if partner_field else [])
    return qs.annotate(month=TruncMonth(date_field)).values_list(*values).distinct().order_by()


def warehouse_monthly_figures(start, end, mission_locale_ids=None):
    """Chiffres mensuels par mission locale pour l'entrepôt, du mois de ``start`` à celui de ``end`` inclus.

    Renvoie une liste triée de dictionnaires ``{"mission_locale_id", "month" (1er du mois),
    "employers_in_contact", "immersions", "sponsored_young_people"}`` :
    - employeurs en contact : partenaires distincts avec, dans le mois, un échange saisi, une offre reçue,
      un recrutement ou une immersion qui commence ;
    - immersions : PMSMP commençant dans le mois ;
    - jeunes parrainés : jeunes distincts dont le contrat de parrainage est signé dans le mois
      (la somme sur douze mois donne les jeunes entrés en parrainage dans l'année).
    Seuls les couples (mission locale, mois) ayant au moins un chiffre non nul figurent.
    """
    start = start.replace(day=1)
    period = {"gte": start, "lte": end}

    def scoped(qs, ml_field, date_field):
        qs = qs.filter(**{f"{date_field}__{op}": value for op, value in period.items()})
        if mission_locale_ids is not None:
            qs = qs.filter(**{f"{ml_field}__in": mission_locale_ids})
        return qs

    contacts = defaultdict(set)
    sources = [
        (Exchange.objects.all(), "relation__mission_locale_id", "date", "relation__partner_id"),
        (JobOffer.objects.all(), "mission_locale_id", "received_on", "partner_id"),
        (Recruitment.objects.all(), "young_person__mission_locale_id", "start_date", "partner_id"),
        (Immersion.objects.all(), "young_person__mission_locale_id", "start_date", "partner_id"),
    ]
    for qs, ml_field, date_field, partner_field in sources:
        for ml_id, month, partner_id in _month_keys(
            scoped(qs, ml_field, date_field), ml_field, date_field, partner_field
        ):
            contacts[(ml_id, _as_date(month))].add(partner_id)
    immersions = {
        (item["young_person__mission_locale_id"], _as_date(item["month"])): item["n"]
        for item in scoped(Immersion.objects.all(), "young_person__mission_locale_id", "start_date")
        .annotate(month=TruncMonth("start_date"))
        .values("young_person__mission_locale_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    sponsored = {
        (item["young_person__mission_locale_id"], _as_date(item["month"])): item["n"]
        for item in scoped(Sponsorship.objects.all(), "young_person__mission_locale_id", "signed_on")
        .annotate(month=TruncMonth("signed_on"))
        .values("young_person__mission_locale_id", "month")
        .annotate(n=Count("young_person", distinct=True))
        .order_by()
    }
    keys = sorted(set(contacts) | set(immersions) | set(sponsored), key=lambda k: (k[0], k[1]))
    return [
        {
            "mission_locale_id": ml_id,
            "month": month,
            "employers_in_contact": len(contacts.get((ml_id, month), ())),
            "immersions": immersions.get((ml_id, month), 0),
            "sponsored_young_people": sponsored.get((ml_id, month), 0),
        }
        for ml_id, month in keys
    ]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value
