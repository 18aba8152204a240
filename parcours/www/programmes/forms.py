from django import forms
from django.utils import timezone

from parcours.programmes.enums import AlertReason, ExitOutcome
from parcours.programmes.models import Cohort, Programme
from parcours.www.forms import DateInput, DsfrFormMixin


def _objective_choices(programmes):
    labels = sorted(
        {o for p in programmes for o in p.objectives}
        | {o for p in programmes for ph in p.phases.all() for o in ph.objectives}
    )
    return [(label, label) for label in labels]


class EnrolForm(DsfrFormMixin, forms.Form):
    programme = forms.ModelChoiceField(
        label="Dispositif", queryset=Programme.objects.none(), empty_label="Choisir…"
    )
    entry_date = forms.DateField(
        label="Date d'entrée",
        widget=DateInput(),
        help_text="Seuls les dispositifs ouverts aux entrées à cette date sont proposés.",
    )
    cohort = forms.ModelChoiceField(
        label="Cohorte",
        queryset=Cohort.objects.none(),
        required=False,
        help_text="Obligatoire pour un dispositif qui fonctionne par cohortes (Garantie jeunes).",
    )
    objectives = forms.MultipleChoiceField(
        label="Objectifs de la première phase",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sans choix, les objectifs prévus pour la phase sont repris.",
    )

    def __init__(self, *args, young_person, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(is_active=True).prefetch_related("phases").order_by("label")
        self.fields["programme"].queryset = programmes
        # La liste ne propose que les dispositifs ouverts à la date d'entrée ; un dispositif fermé envoyé quand
        # même reste refusé par les règles d'entrée, avec leur motif.
        self.fields["programme"].widget.choices = [
            ("", "Choisir…"),
            *((p.pk, p.label) for p in programmes.open_on(self._entry_date())),
        ]
        self.fields["cohort"].queryset = Cohort.objects.filter(
            mission_locale=young_person.mission_locale
        ).select_related("programme")
        self.fields["objectives"].choices = _objective_choices(programmes)
        self.fields["entry_date"].initial = timezone.localdate()

    def _entry_date(self):
        """La date d'entrée envoyée si elle se lit, sinon le jour même."""
        if self.is_bound:
            try:
                value = self.fields["entry_date"].clean(self.data.get(self.add_prefix("entry_date")))
            except forms.ValidationError:
                value = None
            if value:
                return value
        return timezone.localdate()


class PhaseForm(DsfrFormMixin, forms.Form):
    phase = forms.ChoiceField(label="Phase suivante")
    start_date = forms.DateField(label="Début de la phase", widget=DateInput())
    objectives = forms.MultipleChoiceField(
        label="Objectifs retenus avec le jeune", required=False, widget=forms.CheckboxSelectMultiple
    )
    review = forms.CharField(
        label="Bilan de la phase qui se termine", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, phases, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = {str(p.pk): p for p in phases}
        self.fields["phase"].choices = [(str(p.pk), f"{p.order}. {p.label}") for p in phases]
        catalogue = list(programme.objectives) + [
            o for p in phases for o in p.objectives if o not in programme.objectives
        ]
        self.fields["objectives"].choices = [(o, o) for o in catalogue]
        self.fields["start_date"].initial = timezone.localdate()

    def clean_phase(self):
        return self.phases[self.cleaned_data["phase"]]


class ExitForm(DsfrFormMixin, forms.Form):
    exit_date = forms.DateField(label="Date de sortie", widget=DateInput())
    outcome = forms.ChoiceField(label="Motif de sortie", choices=[("", "Choisir…"), *ExitOutcome.choices])
    notes = forms.CharField(label="Précisions", required=False, max_length=250)
    confirm_outcome = forms.BooleanField(
        label="Je confirme ce motif de sortie, bien qu'aucune situation enregistrée ne le justifie",
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exit_date"].initial = min(timezone.localdate(), latest)  # durée maximale atteinte
        if self.data.get(self.add_prefix("confirm_outcome")) in ("on", "True", "true", "1"):
            self.ask_confirmation()  # déjà demandée : la case reste visible et cochée

    def ask_confirmation(self):
        """Montre la case de confirmation (après l'avertissement du motif de sortie)."""
        field = self.fields["confirm_outcome"]
        if isinstance(field.widget, forms.HiddenInput):
            field.widget = forms.CheckboxInput()
            field.widget.attrs["class"] = ""


class WorklistFilterForm(DsfrFormMixin, forms.Form):
    motif = forms.ChoiceField(
        label="Motif", required=False, choices=[("", "Tous les motifs"), *AlertReason.choices]
    )
    perimetre = forms.ChoiceField(
        label="Jeunes",
        required=False,
        choices=[("moi", "Mon portefeuille"), ("ml", "Toute la mission locale")],
    )
