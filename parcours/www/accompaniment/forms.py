from django import forms
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus, SituationState, Theme
from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.www.forms import DateInput, DsfrFormMixin, TimeInput, VersionedFormMixin, check_period
from parcours.www.idempotency import IdempotentFormMixin

#: Ce qu'un contact dit du jeune, au-delà de sa date et de son type.
CONTENT_FIELDS = ("themes", "notes", "sensitive")


class ContactForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label="Thèmes abordés", choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    add_proposal = forms.BooleanField(
        label="Ajouter une proposition faite lors de ce contact", required=False
    )

    class Meta:
        model = Contact
        fields = ["date", "time", "kind", "mode", "status", "themes", "notes", "sensitive"]
        widgets = {"date": DateInput(), "time": TimeInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, show_content=True, can_propose=True, **kwargs):
        """``show_content`` : thèmes et compte rendu (absents pour l'accueil, et pour qui ne peut pas lire un
        contact confidentiel) ; ``can_propose`` : la proposition faite lors du contact."""
        super().__init__(*args, **kwargs)
        if not show_content:
            for name in CONTENT_FIELDS:
                del self.fields[name]
        if not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()
        if self.instance.pk or not can_propose:
            del self.fields["add_proposal"]

    def clean(self):
        cleaned = super().clean()
        date, status = cleaned.get("date"), cleaned.get("status")
        if date and status and date > timezone.localdate() and status != AttendanceStatus.PLANNED:
            self.add_error(
                "status", "Un rendez-vous à venir est « planifié » : sa présence se saisit le jour venu."
            )
        return cleaned


class NewContactForm(IdempotentFormMixin, ContactForm):
    """Saisie d'un contact : un second envoi du même formulaire ne crée pas un second contact."""


class ProposalForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["date", "theme", "kind", "description", "partner", "status", "sensitive"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()


class ProposalStatusForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["status"]


class NewProposalForm(IdempotentFormMixin, ProposalForm):
    pass


class SituationForm(VersionedFormMixin, DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Situation
        fields = ["category", "kind", "state", "start_date", "end_date", "rome_code", "employer"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean_rome_code(self):
        return self.cleaned_data["rome_code"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        end, state = cleaned.get("end_date"), cleaned.get("state")
        check_period(self)
        if state == SituationState.FINISHED and not end:
            self.add_error("end_date", "Une situation terminée a une date de fin.")
        return cleaned


class NewSituationForm(IdempotentFormMixin, SituationForm):
    pass
