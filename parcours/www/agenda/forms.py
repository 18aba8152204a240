from django import forms
from django.utils import timezone

from parcours.accompaniment.enums import ContactMode, Theme
from parcours.accounts.access import agenda_holders, visible_sites
from parcours.agenda import rules
from parcours.www.forms import DateInput, DsfrFormMixin, SearchTextField, TimeInput
from parcours.www.idempotency import IdempotentFormMixin

CONFIRM_LABEL = "Confirmer malgré le chevauchement"


class SlotFields(forms.Form):
    """Jour, heure, durée, lieu et conseiller d'un rendez-vous (ou, redéfinis, d'une séance collective).

    Conseillers et lieux proposés : ceux de la mission locale ``mission_locale_id`` (celle du jeune ou de la
    séance) que ``user`` voit, les conseillers parmi ceux qui tiennent un agenda."""

    PAST_DAY = "Un rendez-vous se prend pour aujourd'hui ou un jour à venir."

    counsellor = forms.ModelChoiceField(label="Conseiller", queryset=None, empty_label=None)
    date = forms.DateField(label="Jour", widget=DateInput())
    time = forms.TimeField(label="Heure de début", widget=TimeInput())
    duration = forms.IntegerField(
        label="Durée (minutes)", min_value=5, max_value=480, initial=rules.DEFAULT_DURATION
    )
    site = forms.ModelChoiceField(
        label="Lieu", queryset=None, required=False, empty_label="Sans lieu (à distance)"
    )
    confirm_overlap = forms.BooleanField(
        label=CONFIRM_LABEL,
        required=False,
        help_text="Le conseiller a déjà un rendez-vous sur ce créneau : cochez pour l'enregistrer quand même.",
    )

    def __init__(self, *args, user, mission_locale_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = agenda_holders(user).filter(mission_locale_id=mission_locale_id)
        self.fields["site"].queryset = visible_sites(user).filter(mission_locale_id=mission_locale_id)
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise forms.ValidationError(self.PAST_DAY)
        return day

    def slot(self):
        """Le créneau saisi sous les noms que prennent les services de l'agenda : conseiller, jour, heure, durée,
        lieu."""
        return {name: self.cleaned_data[name] for name in ("counsellor", "date", "time", "duration", "site")}


class BookingForm(IdempotentFormMixin, DsfrFormMixin, SlotFields):
    mode = forms.ChoiceField(label="Modalité", choices=ContactMode.choices, initial=ContactMode.ON_SITE)
    themes = forms.MultipleChoiceField(
        label="Objet du rendez-vous",
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["counsellor", "date", "time", "duration", "site", "mode", "themes", "confirm_overlap"]


class MoveForm(DsfrFormMixin, SlotFields):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PickYoungPersonForm(forms.Form):
    q = SearchTextField(label="Jeune (nom, prénom)")
