"""Formulaires des immersions, du parrainage, des évènements, des accords et des filtres."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone

from parcours.employers import rules
from parcours.employers.enums import Barrier, ContractType, SponsorshipOutcome
from parcours.employers.models import (
    Agreement,
    Event,
    FollowUpMeeting,
    Immersion,
    LocalAction,
    Partner,
    RegionalDeclination,
    Sponsor,
    Sponsorship,
)
from parcours.employers.models.requests import CONSENT_TEXT
from parcours.validators import validate_readable
from parcours.www.employers.forms import EMPLOYER_FIELDS, EmployerChoicesMixin, EmployerRecordMixin
from parcours.www.forms import (
    DateInput,
    DsfrFormMixin,
    SearchTextField,
    VersionedFormMixin,
    check_not_above,
    check_period,
    check_rule,
    dated_widgets,
)
from parcours.www.pickers import PartnersChoiceField, PartnersPicker


class ImmersionForm(EmployerRecordMixin, forms.ModelForm):
    class Meta:
        model = Immersion
        fields = [
            *EMPLOYER_FIELDS,
            "goal",
            "rome_code",
            "start_date",
            "end_date",
            "tutor_name",
            "tutor_job_title",
            "outcome",
            "assessment",
        ]
        widgets = dated_widgets("start_date", "end_date", text="assessment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["outcome"], self.fields["assessment"]

    def clean(self):
        cleaned = super().clean()
        check_rule(self, rules.immersion_dates_error, "start_date", "end_date")
        return cleaned


class SponsorForm(EmployerChoicesMixin, DsfrFormMixin, forms.ModelForm):
    employer_field = "employer"

    class Meta:
        model = Sponsor
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "occupation",
            "employer",
            "is_retired",
            "active",
        ]


class SponsorshipForm(DsfrFormMixin, forms.ModelForm):
    barriers = forms.MultipleChoiceField(
        label="Freins à lever", choices=Barrier.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Sponsorship
        fields = ["sponsor", "signed_on", "barriers", "objectives", "monthly_hours", "agreement"]
        widgets = dated_widgets("signed_on", text="objectives")

    def __init__(self, *args, user, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = Sponsor.objects.visible_to(user).filter(active=True)
        self.fields["agreement"].queryset = Agreement.objects.signed()

    def clean_monthly_hours(self):
        hours = self.cleaned_data["monthly_hours"]
        if not rules.SPONSOR_MIN_HOURS <= hours <= rules.SPONSOR_MAX_HOURS:
            raise ValidationError("Un parrainage compte de 1 à 2 heures par mois.")
        return hours


class SponsorNoteForm(DsfrFormMixin, forms.Form):
    date = forms.DateField(label="Date de la rencontre", widget=DateInput())
    duration_minutes = forms.IntegerField(label="Durée (minutes)", min_value=15, max_value=480, initial=60)
    text = forms.CharField(label="Compte rendu du parrain", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class SponsorshipEndForm(DsfrFormMixin, forms.Form):
    ended_on = forms.DateField(label="Fin du parrainage", widget=DateInput())
    outcome = forms.ChoiceField(label="Résultat", choices=SponsorshipOutcome.choices[1:])


class EventForm(EmployerChoicesMixin, VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    employer_field = "partners"
    partners = PartnersChoiceField(
        label="Partenaires présents",
        queryset=Partner.objects.none(),
        required=False,
        widget=PartnersPicker(url=reverse_lazy("employers:partner_options")),
        help_text="Cherchez chaque entreprise ou partenaire par son nom ; décochez pour retirer.",
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "end_date",
            "place",
            "agreement",
            "partners",
            "companies",
            "offers",
            "visitors",
            "cvs",
            "interviews",
            "hires",
            "notes",
        ]
        widgets = dated_widgets("date", "end_date", text="notes")

    def clean(self):
        cleaned = super().clean()
        check_not_above(
            self,
            ["cvs", "interviews", "hires"],
            "visitors",
            "Ce nombre ne peut pas dépasser celui des visiteurs.",
        )
        return cleaned


class LocalActionForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = LocalAction
        fields = [
            "title",
            "territory",
            "start_date",
            "end_date",
            "agreement",
            "targeted",
            "reached",
            "proposals",
            "with_follow_up",
            "into_employment",
            "into_training",
            "description",
        ]
        widgets = dated_widgets("start_date", "end_date", text="description")

    def clean(self):
        cleaned = super().clean()
        reached = cleaned.get("reached") or 0
        check_not_above(
            self, ["with_follow_up"], "reached", "Ce nombre ne peut pas dépasser celui des jeunes touchés."
        )
        if (cleaned.get("into_employment") or 0) + (cleaned.get("into_training") or 0) > reached:
            self.add_error(
                "into_training", "Les sorties en emploi et en formation dépassent les jeunes touchés."
            )
        check_period(self)
        return cleaned


class MeetingForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUpMeeting
        fields = ["date", "kind", "place", "subject", "minutes"]
        widgets = dated_widgets("date", text="minutes", rows=4)


class DeclinationForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = RegionalDeclination
        fields = ["region", "signed_on", "leads", "action_plan", "results"]
        widgets = {
            "signed_on": DateInput(),
            "action_plan": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class PublicOfferFilterForm(DsfrFormMixin, forms.Form):
    """Filtres de la page publique, dans les mots d'un jeune : un métier ou des mots, un lieu, un contrat."""

    q = SearchTextField(label="Métier ou mots-clés", help_text="Par exemple : serveur, boulangerie, cariste")
    lieu = SearchTextField(
        label="Ville, code postal ou département", help_text="Par exemple : Lille, 59000, 59"
    )
    contract = forms.ChoiceField(
        label="Contrat", choices=[("", "Tous"), *ContractType.choices], required=False
    )


class CallbackRequestForm(DsfrFormMixin, forms.Form):
    """« Être rappelé(e) » : ce qu'il faut à la mission locale pour recontacter le jeune, rien de plus."""

    first_name = forms.CharField(label="Prénom", max_length=100, validators=[validate_readable])
    last_name = forms.CharField(label="Nom", max_length=100, validators=[validate_readable])
    phone = forms.CharField(
        label="Téléphone",
        max_length=20,
        required=False,
        help_text="Un téléphone ou un courriel, au choix.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="Courriel", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    message = forms.CharField(
        label="Message",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Vos disponibilités, une question sur l'offre. Ne donnez aucune information sur votre santé.",
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    # Champ piège : invisible pour une personne, rempli par les robots qui remplissent tout.
    website = forms.CharField(label="Ne pas remplir", required=False)

    def clean_phone(self):
        phone = re.sub(r"[\s.\-]", "", self.cleaned_data["phone"])
        if phone and not re.fullmatch(r"(?:\+33|0033)0?[1-9][0-9]{8}|0[1-9][0-9]{8}", phone):
            raise ValidationError("Numéro de téléphone à 10 chiffres, par exemple 06 12 34 56 78.")
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("phone") or data.get("email")):
            raise ValidationError("Donnez un téléphone ou un courriel pour être rappelé(e).")
        return data


def _years():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year, 2009, -1)]


class ReportForm(DsfrFormMixin, forms.Form):
    year = forms.TypedChoiceField(label="Année", coerce=int, choices=_years)
    group_by = forms.ChoiceField(
        label="Regrouper par",
        choices=[("accord", "Accord national"), ("partenaire", "Partenaire"), ("region", "Région")],
    )
    scope = forms.ChoiceField(label="Périmètre")

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [(code, label) for code, label, _ in scopes]
        self.fields["year"].initial = timezone.localdate().year
        self.fields["scope"].initial = scopes[0][0] if scopes else None
