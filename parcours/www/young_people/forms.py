from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from parcours.accounts.access import possible_referents
from parcours.accounts.models import User
from parcours.www.forms import DateInput, DsfrFormMixin, SearchTextField, VersionedFormMixin, check_rule
from parcours.www.idempotency import IdempotentFormMixin
from parcours.young_people import duplicates, rules
from parcours.young_people.enums import ArchiveReason
from parcours.young_people.models import SENSITIVE_FIELDS, YoungPerson
from parcours.young_people.validators import compact_nir, validate_nir

IDENTITY_FIELDS = ["last_name", "first_name", "birth_date", "sex", "nir", "first_reception_date"]
FILE_FIELDS = [
    *IDENTITY_FIELDS,
    "email",
    "phone",
    "address",
    "postcode",
    "commune",
    "in_qpv",
    "in_zrr",
    "is_rural",
    "education_level",
    "highest_diploma",
    "certification_level",
    "driving_licence",
    "transport",
    "housing",
    "health_cover",
    "resources",
    "rqth",
    "child_welfare",
    *SENSITIVE_FIELDS,
]


#: Les rubriques du formulaire du dossier (hors données sensibles) : titre, puis les cases de la grille,
#: chacune ``champ:largeur`` (sur 12, à partir des écrans moyens ; sans largeur : toute la ligne), ``a+b`` pour
#: deux champs dans la même case.
FILE_FIELDSETS = [
    (
        "Identité et premier accueil",
        "last_name:6 first_name:6 birth_date:4 sex:4 first_reception_date:4 nir:6",
    ),
    (
        "Coordonnées et lieu de vie",
        "email:6 phone:6 address postcode:4 commune:8 in_qpv:4 in_zrr:4 is_rural:4",
    ),
    (
        "Formation, mobilité, logement, ressources",
        "education_level:6 highest_diploma:6 certification_level:6 transport:6 driving_licence:6 housing:6 "
        "health_cover:6 resources:6 rqth+child_welfare:6",
    ),
]


class YoungPersonForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    """Création et modification du dossier ; les champs sensibles n'existent que pour qui peut les voir."""

    # Le NIR se tape par groupes, comme sur la carte Vitale (« 2 06 04 59 350 012 78 » : 21 caractères) ; il est
    # enregistré sans séparateurs (15 caractères au plus, ``clean_nir``).
    nir = forms.CharField(
        label=YoungPerson._meta.get_field("nir").verbose_name,
        required=False,
        max_length=25,
        validators=[validate_nir],
        help_text="Facultatif ; sert à repérer les doublons.",
    )

    class Meta:
        model = YoungPerson
        fields = FILE_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "first_reception_date": DateInput(),
            "health_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, mission_locale, show_sensitive, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission_locale = mission_locale
        if not show_sensitive:
            for name in SENSITIVE_FIELDS:
                del self.fields[name]
        if not self.instance.pk:
            self.fields["first_reception_date"].initial = timezone.localdate()

    def fieldsets(self):
        """``FILE_FIELDSETS`` avec les champs du formulaire : (titre, [(champs, largeur ou rien), …])."""
        return [(legend, [self._cell(cell) for cell in cells.split()]) for legend, cells in FILE_FIELDSETS]

    def _cell(self, cell):
        names, _, width = cell.partition(":")
        return [self[name] for name in names.split("+")], width

    def clean_nir(self):
        return compact_nir(self.cleaned_data["nir"])

    def clean_first_reception_date(self):
        value = self.cleaned_data["first_reception_date"]
        if value and value > timezone.localdate():
            raise ValidationError("Le premier accueil ne peut pas être dans le futur.")
        return value

    def clean(self):
        cleaned = super().clean()
        check_rule(self, rules.eligibility_error, "birth_date", "first_reception_date", "birth_date")
        return cleaned

    def _post_clean(self):
        self.instance.mission_locale = self.mission_locale
        super()._post_clean()


class NewYoungPersonForm(IdempotentFormMixin, YoungPersonForm):
    confirm_not_duplicate = forms.BooleanField(
        label="J'ai vérifié : il ne s'agit d'aucun des dossiers proposés, créer un nouveau dossier",
        required=False,
    )

    def __init__(self, *args, duplicate_scope, choose_referent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate_scope = duplicate_scope
        self.duplicates = []
        if choose_referent:
            self.fields["referent"] = forms.ModelChoiceField(
                label="Référent",
                queryset=possible_referents(self.mission_locale),
                required=False,
                empty_label="Aucun pour l'instant (la direction l'attribuera)",
                help_text="Facultatif : un conseiller de la mission locale.",
            )

    def fieldsets(self):
        fieldsets = super().fieldsets()
        if "referent" in self.fields:
            fieldsets.append(("Suivi", [([self["referent"]], "6")]))
        return fieldsets

    def _post_clean(self):
        super()._post_clean()
        if "referent" in self.fields:
            self.instance.referent = self.cleaned_data.get("referent")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        matches = duplicates.candidates(
            self.duplicate_scope,
            duplicates.Person(
                cleaned["last_name"], cleaned["first_name"], cleaned["birth_date"], cleaned.get("nir", "")
            ),
        )[:10]
        self.duplicates = []
        for match in matches:  # le gabarit montre chaque dossier et pourquoi il ressemble à la saisie
            match.young_person.duplicate_reasons = ", ".join(match.reasons)
            self.duplicates.append(match.young_person)
        if self.duplicates and not cleaned.get("confirm_not_duplicate"):
            exact = any(duplicates.is_certain(match.reasons) for match in matches)
            raise ValidationError(
                (
                    "Un dossier existe déjà pour ce jeune (même nom, prénom et date de naissance, ou même NIR). "
                    if exact
                    else "Un dossier ressemble beaucoup à celui-ci (nom proche, date de naissance voisine) : "
                    "c'est peut-être le même jeune. "
                )
                + "Ouvrez le dossier existant, ou cochez la case de confirmation pour créer un nouveau dossier."
            )
        return cleaned


class ArchiveForm(DsfrFormMixin, forms.Form):
    reason = forms.ChoiceField(label="Motif d'archivage", choices=ArchiveReason.choices)


class TransferReferentForm(DsfrFormMixin, forms.Form):
    referent = forms.ModelChoiceField(label="Nouveau référent", queryset=User.objects.none())
    reason = forms.CharField(label="Motif du transfert", max_length=250, required=False)

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = possible_referents(young_person.mission_locale).exclude(
            pk=young_person.referent_id
        )


class SearchForm(DsfrFormMixin, forms.Form):
    q = SearchTextField(label="Nom ou prénom (ou un fragment)")
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DateInput())
    include_archived = forms.BooleanField(label="Inclure les dossiers archivés", required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("q", "").strip() and not cleaned.get("birth_date"):
            raise ValidationError("Saisissez au moins un fragment de nom ou une date de naissance.")
        return cleaned
