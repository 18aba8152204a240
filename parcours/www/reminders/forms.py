from django import forms

from parcours.reminders.enums import Channel
from parcours.reminders.models import ReminderSettings
from parcours.www.forms import STALE_FORM, DsfrFormMixin


class ConsentForm(DsfrFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label="Rappels de rendez-vous",
        choices=[
            (Channel.EMAIL, "Par courriel"),
            (Channel.SMS, "Par SMS"),
            (Channel.NONE, "Aucun rappel"),
        ],
        widget=forms.RadioSelect,
        help_text="Un rappel dit le lieu, le jour et l'heure du rendez-vous, et comment l'annuler ; rien d'autre.",
    )
    consent = forms.BooleanField(
        label="Le jeune accepte de recevoir ces rappels",
        required=False,
        help_text="Accord donné par le jeune ; il peut le retirer à tout moment.",
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": STALE_FORM},
    )


class SettingsForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["delay_hours", "cancel_contact"]
