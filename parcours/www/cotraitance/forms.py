from django import forms
from django.utils import timezone

from parcours.cotraitance.enums import ReferralEndReason, ReferralStatus, Unavailability
from parcours.cotraitance.referral_file import MAX_WEB_UPLOAD_MB
from parcours.www.forms import DateInput, DsfrFormMixin


class ImportForm(DsfrFormMixin, forms.Form):
    file = forms.FileField(
        label="Fichier d'orientations (CSV)",
        help_text="UTF-8, séparateur « ; », une orientation par ligne ; format décrit dans la documentation.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_WEB_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"Le fichier dépasse {MAX_WEB_UPLOAD_MB} Mo : importez-le par la commande importer_orientations."
            )
        return upload


class ExportForm(DsfrFormMixin, forms.Form):
    start = forms.DateField(label="Du", widget=DateInput())
    end = forms.DateField(label="Au (inclus)", widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", "La fin de période précède son début.")
        return cleaned


class ReferralFilterForm(DsfrFormMixin, forms.Form):
    statut = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous"), *ReferralStatus.choices]
    )


class EndReferralForm(DsfrFormMixin, forms.Form):
    end_date = forms.DateField(label="Date de fin", widget=DateInput())
    reason = forms.ChoiceField(label="Motif", choices=[("", "Choisir…"), *ReferralEndReason.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()


class UnavailabilityForm(DsfrFormMixin, forms.Form):
    reason = forms.ChoiceField(label="Motif", choices=[("", "Choisir…"), *Unavailability.choices])
    start_date = forms.DateField(label="Du", widget=DateInput())
    end_date = forms.DateField(label="Au (inclus)", widget=DateInput())
