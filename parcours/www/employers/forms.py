from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.access import (
    placement_staff,
    positionable_young_people,
    positions_only_own_young_people,
    visible_mission_locale_ids,
)
from parcours.employers import rules
from parcours.employers.enums import ContractType, ReferralStatus
from parcours.employers.models import (
    Agreement,
    EmployerRelation,
    Exchange,
    JobOffer,
    Partner,
    PartnerContact,
)
from parcours.employers.models.offers import OFFER_CLOSES_MESSAGE
from parcours.referential.models import Department
from parcours.validators import ROME_CODE, ROME_CODE_MESSAGE
from parcours.www.forms import DateInput, DsfrFormMixin, VersionedFormMixin, check_period, dated_widgets
from parcours.www.pickers import YoungPersonChoiceField
from parcours.young_people.models import YoungPerson


def partners_for(user):
    """Partenaires proposés dans les listes : ceux en relation avec la ML et les signataires d'accords."""
    ids = visible_mission_locale_ids(user)
    return (
        Partner.objects.filter(Q(relations__mission_locale_id__in=ids) | Q(agreement_parties__isnull=False))
        .distinct()
        .order_by("name")
    )


#: Ce que l'offre dit du poste : saisi par la mission locale, publié sur la page publique des offres.
JOB_DESCRIPTION = [
    "rome_code",
    "contract_type",
    "duration_months",
    "weekly_hours",
    "positions",
    "description",
    "commune",
    "postcode",
]


class EmployerChoicesMixin:
    """Les listes proposées à ``user`` (argument nommé du formulaire) : employeurs (champ ``employer_field``)
    parmi ses partenaires et, si le formulaire a le champ ``agreement``, accords parmi les accords signés."""

    employer_field = "partner"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.employer_field].queryset = partners_for(user)
        if "agreement" in self.fields:
            self.fields["agreement"].queryset = Agreement.objects.signed()


class RomeCodeMixin:
    def clean_rome_code(self):
        return (self.cleaned_data.get("rome_code") or "").strip().upper()


#: L'employeur et l'accord d'une fiche, en tête de ses champs : ceux que ``EmployerChoicesMixin`` propose.
EMPLOYER_FIELDS = ["partner", "agreement"]


class EmployerRecordMixin(EmployerChoicesMixin, VersionedFormMixin, RomeCodeMixin, DsfrFormMixin):
    """Fiche rattachée à un employeur (offre, immersion) : employeur et accord proposés à l'utilisateur
    (``EMPLOYER_FIELDS``), code ROME normalisé, enregistrement protégé des écritures concurrentes."""


class PartnerForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    siret = forms.CharField(
        label="SIRET",
        max_length=20,
        required=False,
        help_text="14 chiffres (espaces acceptés). Obligatoire pour une entreprise.",
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "short_name",
            "kind",
            "siret",
            "sector",
            "address",
            "postcode",
            "commune",
            "department",
            "website",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_siret(self):
        siret = rules.normalize_siret(self.cleaned_data["siret"])
        if siret:
            error = rules.siret_error(siret)
            if error:
                raise ValidationError(error)
        return siret


class RelationForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = EmployerRelation
        fields = ["followed_by", "since", "notes"]
        widgets = {"since": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_by"].queryset = placement_staff(user)


class PartnerContactForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "job_title", "email", "phone"]


class ExchangeForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Exchange
        fields = ["date", "kind", "contact", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partner, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = PartnerContact.objects.visible_to(user).filter(partner=partner)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(
                "Un échange se saisit une fois qu'il a eu lieu : la date ne peut pas être future."
            )
        return value


class JobOfferForm(EmployerRecordMixin, forms.ModelForm):
    class Meta:
        model = JobOffer
        fields = [
            *EMPLOYER_FIELDS,
            "title",
            *JOB_DESCRIPTION,
            "department",
            "with_preselection",
            "counsellor",
            "received_on",
            "closes_on",
            "status",
            "published",
            "show_employer",
        ]
        widgets = dated_widgets("received_on", "closes_on", text="description", rows=5)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["counsellor"].queryset = placement_staff(user)
        self.fields["counsellor"].required = True
        self.fields["department"].queryset = Department.objects.order_by("code")
        if not self.instance.pk:
            del self.fields["status"]
            self.fields["counsellor"].initial = user.pk
            if user.mission_locale_id:
                self.fields["department"].initial = user.mission_locale.department_id

    def clean(self):
        cleaned = super().clean()
        if error := rules.offer_duration_error(cleaned.get("contract_type"), cleaned.get("duration_months")):
            self.add_error("duration_months", error)
        check_period(self, "received_on", "closes_on", OFFER_CLOSES_MESSAGE)
        return cleaned


def referral_candidates(user, offer):
    """Les jeunes que ``user`` peut positionner sur ``offer`` : actifs, de la mission locale de l'offre, pas
    encore positionnés (un conseiller : ceux dont il est le référent). Le choix et ses propositions les lisent."""
    visible = positionable_young_people(
        user,
        YoungPerson.objects.visible_to(user).active().filter(mission_locale_id=offer.mission_locale_id),
    )
    already = offer.referrals.values_list("young_person_id", flat=True)
    return visible.exclude(pk__in=already).order_by("last_name", "first_name")


class ReferralForm(DsfrFormMixin, forms.Form):
    young_person = YoungPersonChoiceField(label="Jeune à positionner", queryset=YoungPerson.objects.none())
    date = forms.DateField(label="Date de la mise en relation", widget=DateInput())
    notes = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, offer, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["young_person"]
        field.help_text = (
            "Tapez au moins deux lettres du nom ou du prénom, puis choisissez le jeune dans la liste."
        )
        if positions_only_own_young_people(user):
            field.help_text += " Les jeunes dont vous êtes le référent."
        field.queryset = referral_candidates(user, offer)
        field.widget.url = reverse("employers:referral_candidates", kwargs={"offer_pk": offer.pk})
        self.fields["date"].initial = timezone.localdate()


class ReferralUpdateForm(VersionedFormMixin, DsfrFormMixin, forms.Form):
    status = forms.ChoiceField(label="Nouvelle étape", choices=ReferralStatus.choices)
    result_on = forms.DateField(label="Résultat connu le", required=False, widget=DateInput())
    notes = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, initial={"status": instance.status, "notes": instance.notes}, **kwargs)


class HiringForm(RomeCodeMixin, DsfrFormMixin, forms.Form):
    """Contrat signé : à remplir quand le jeune est retenu, ou pour un recrutement hors offre."""

    contract_type = forms.ChoiceField(label="Type de contrat", choices=ContractType.choices)
    start_date = forms.DateField(label="Début du contrat", widget=DateInput())
    end_date = forms.DateField(
        label="Fin prévue", required=False, widget=DateInput(), help_text="Vide pour un CDI."
    )

    def clean(self):
        cleaned = super().clean()
        contract, start, end = (
            cleaned.get("contract_type"),
            cleaned.get("start_date"),
            cleaned.get("end_date"),
        )
        if contract and start:
            error = rules.contract_dates_error(contract, start, end)
            if error:
                self.add_error("end_date", error)
        return cleaned


class RecruitmentForm(EmployerChoicesMixin, HiringForm):
    partner = forms.ModelChoiceField(label="Employeur", queryset=Partner.objects.none())
    rome_code = forms.CharField(label="Métier (code ROME)", max_length=5, required=False)
    agreement = forms.ModelChoiceField(
        label="Accord national", queryset=Agreement.objects.none(), required=False
    )
    field_order = ["partner", "contract_type", "start_date", "end_date", "rome_code", "agreement"]

    def clean_rome_code(self):
        value = super().clean_rome_code()
        if value and not ROME_CODE.match(value):
            raise ValidationError(ROME_CODE_MESSAGE)
        return value
