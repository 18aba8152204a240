"""Formulaires des séances collectives : la séance, l'inscription de plusieurs jeunes, l'appel."""

from django import forms

from parcours.accompaniment.enums import SENSITIVE_THEMES, AttendanceStatus, ContactMode, Theme
from parcours.agenda.group_services import ROLL_STATUSES
from parcours.agenda.models import GROUP_KINDS, MAX_CAPACITY
from parcours.www.agenda.forms import CONFIRM_LABEL, SlotFields
from parcours.www.forms import DsfrFormMixin
from parcours.www.idempotency import IdempotentFormMixin
from parcours.www.pickers import YoungPeopleChoiceField
from parcours.young_people.models import YoungPerson


class SessionFields(DsfrFormMixin, SlotFields):
    """Le créneau d'un rendez-vous (``SlotFields``), pour une séance : type, intitulé, places, thèmes."""

    PAST_DAY = "Une séance se prévoit pour aujourd'hui ou un jour à venir."

    kind = forms.ChoiceField(label="Type de séance", choices=[(k.value, k.label) for k in GROUP_KINDS])
    title = forms.CharField(label="Intitulé", max_length=200)
    counsellor = forms.ModelChoiceField(label="Animée par", queryset=None, empty_label=None)
    duration = forms.IntegerField(label="Durée (minutes)", min_value=15, max_value=480, initial=120)
    mode = forms.ChoiceField(label="Modalité", choices=ContactMode.choices, initial=ContactMode.ON_SITE)
    capacity = forms.IntegerField(label="Nombre de places", min_value=1, max_value=MAX_CAPACITY, initial=12)
    themes = forms.MultipleChoiceField(
        label="Thèmes",
        choices=[(t.value, t.label) for t in Theme if t not in SENSITIVE_THEMES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_overlap = forms.BooleanField(
        label=CONFIRM_LABEL,
        required=False,
        help_text="L'animateur a déjà un rendez-vous ou une séance sur ce créneau : cochez pour l'enregistrer "
        "quand même.",
    )

    field_order = [
        "kind", "title", "counsellor", "date", "time", "duration", "site", "mode", "capacity", "themes",
        "confirm_overlap",
    ]  # fmt: skip

    def session(self):
        """La séance saisie sous les noms que prennent les services : son créneau (``slot``), type, intitulé,
        modalité, places et thèmes."""
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "title", "mode", "capacity", "themes")} | self.slot()


class SessionCreateForm(IdempotentFormMixin, SessionFields):
    pass


class SessionEditForm(SessionFields):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RegisterForm(IdempotentFormMixin, DsfrFormMixin, forms.Form):
    young_people = YoungPeopleChoiceField(
        label="Jeunes à inscrire",
        queryset=YoungPerson.objects.none(),
        help_text="Tapez au moins deux lettres du nom ou du prénom, choisissez le jeune dans la liste, puis le "
        "suivant : chaque jeune choisi s'ajoute à la liste.",
        error_messages={
            "required": "Choisissez au moins un jeune à inscrire.",
            "invalid_choice": "Un des jeunes choisis ne peut pas être inscrit ici.",
            "invalid_pk_value": "Un des jeunes choisis ne peut pas être inscrit ici.",
        },
    )

    def __init__(self, *args, candidates, url, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["young_people"]
        field.queryset = candidates
        field.widget.url = url


ROLL_CHOICES = [(s.value, s.label) for s in ROLL_STATUSES]


class AttendanceForm(forms.Form):
    """L'appel : pour chaque participant, présent, absent ou excusé (laisser vide : pas encore noté)."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            contact = registration.contact
            current = contact.status if contact.status in {s.value for s in ROLL_STATUSES} else ""
            self.fields[f"statut_{registration.pk}"] = forms.ChoiceField(
                label=str(registration.young_person),
                choices=ROLL_CHOICES,
                required=False,
                initial=current,
                widget=forms.RadioSelect,
            )
            self.fields[f"version_{registration.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=contact.version
            )

    def rows(self):
        """(inscription, champ du statut, champ de version) pour chaque participant, dans l'ordre de la liste."""
        return [(r, self[f"statut_{r.pk}"], self[f"version_{r.pk}"]) for r in self.registrations]

    def marks(self):
        """(inscription, version lue, statut) des participants dont un statut est coché."""
        return [
            (r, self.cleaned_data[f"version_{r.pk}"], self.cleaned_data[f"statut_{r.pk}"])
            for r in self.registrations
            if self.cleaned_data.get(f"statut_{r.pk}")
        ]


#: Badge DSFR du statut d'un participant.
STATUS_BADGES = {
    AttendanceStatus.PLANNED: "fr-badge--info",
    AttendanceStatus.PRESENT: "fr-badge--success",
    AttendanceStatus.ABSENT: "fr-badge--error",
    AttendanceStatus.EXCUSED: "fr-badge--warning",
}
