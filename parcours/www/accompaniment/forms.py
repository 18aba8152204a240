from django import forms
from django.utils import timezone

from parcours.accompaniment import rules
from parcours.accompaniment import services as situations
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
        if date and rules.beyond_horizon(date, timezone.localdate()):
            self.add_error("date", f"Un rendez-vous se prend {rules.HORIZON_TEXT}.")
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


#: Refus d'un contact dont le bloc « proposition » est rempli sans que sa case soit cochée : rien n'est perdu.
PROPOSAL_NOT_TICKED = (
    "Vous avez rempli une proposition sans cocher « Ajouter une proposition faite lors de ce contact » : "
    "cochez la case pour l'enregistrer avec le contact, ou videz ses champs. Rien n'est encore enregistré."
)


def typed_in(form):
    """Ce que l'utilisateur a saisi dans un formulaire lié : les champs modifiés qui ne sont pas vides."""
    return [name for name in form.changed_data if form[name].data not in (None, "", [], False)]


def shown_unchecked(form):
    """Le même formulaire, non lié : il montre ce qui a été saisi sans le valider (bloc non coché, donc pas
    d'erreur « Ce champ est obligatoire » qui ne s'applique pas)."""
    return type(form)(
        initial={name: form[name].data for name in form.fields},
        prefix=form.prefix,
        use_required_attribute=False,
    )


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


CLOSING_REQUIRED = (
    "Cette situation est incompatible avec une situation en cours : cochez la case pour la clore, "
    "ou modifiez votre saisie. Rien n'est encore enregistré."
)


class NewSituationForm(IdempotentFormMixin, SituationForm):
    """Saisie d'une situation : si elle est incompatible avec une situation en cours (``rules.incompatible``),
    le formulaire montre ce qui sera clos et demande de cocher la clôture ; rien de ce qui a été saisi n'est
    perdu entre-temps. ``closing_plan`` garde ce qui a été montré : une clôture qui change (autre date de
    début, autre situation) se redemande."""

    confirm_closing = forms.BooleanField(
        label="Clore la situation incompatible en cours", error_messages={"required": CLOSING_REQUIRED}
    )
    closing_plan = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        self.young_person = young_person
        self.closings = []
        if not self.is_bound:
            del self.fields["confirm_closing"]

    def clean(self):
        cleaned = super().clean()
        self.closings = situations.closings_for(
            self.young_person, cleaned.get("category"), cleaned.get("start_date"), cleaned.get("state")
        )
        if not self.closings:  # rien à clore : la case n'est ni montrée ni exigée
            self.fields.pop("confirm_closing", None)
            self._errors.pop("confirm_closing", None)
            return cleaned
        plan = situations.plan_key(self.closings)
        field = self.fields["confirm_closing"]
        field.label = closing_label(self.closings)
        field.help_text = (
            "La situation close garde sa date de début ; sans cette case, rien n'est enregistré."
        )
        self._bound_fields_cache.pop(
            "confirm_closing", None
        )  # le libellé d'un champ lié est lu à sa création
        if cleaned.get("confirm_closing") and cleaned.get("closing_plan") == plan:
            return cleaned
        # Première demande, ou la clôture a changé depuis qu'elle a été montrée : on (re)demande.
        self.data = self.data.copy()
        self.data[self.add_prefix("closing_plan")] = plan
        self.data.pop(self.add_prefix("confirm_closing"), None)
        if "confirm_closing" not in self._errors:
            self.add_error("confirm_closing", CLOSING_REQUIRED)
        return cleaned

    @property
    def confirmed_plan(self):
        return self.cleaned_data.get("closing_plan") if self.cleaned_data.get("confirm_closing") else None


def closing_label(closings):
    if len(closings) == 1:
        return f"Clore la situation {closings[0].label}"
    return "Clore les situations " + " et ".join(closing.label for closing in closings)
