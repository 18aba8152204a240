import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from parcours import modelkit
from parcours.accompaniment import rules
from parcours.accompaniment.enums import (
    SENSITIVE_THEMES,
    AttendanceStatus,
    ContactKind,
    ContactMode,
    ProposalKind,
    ProposalStatus,
    SituationCategory,
    SituationKind,
    SituationState,
    Theme,
)
from parcours.accounts.querysets import YoungPersonScopedQuerySet
from parcours.versioning import Versioned

SENSITIVE_HELP = (
    "À cocher si ce qui est noté révèle la santé ou la justice (suivi judiciaire, PJJ) : seuls le référent "
    "et la direction en verront le contenu. La santé cochée parmi les sujets abordés l'impose d'office."
)


def sensitive_field():
    return models.BooleanField("confidentiel (santé, justice)", default=False, help_text=SENSITIVE_HELP)


class ContactQuerySet(YoungPersonScopedQuerySet):
    def held(self):
        """Seul un contact tenu (jeune présent) compte (domain.md §3)."""
        return self.filter(status=AttendanceStatus.PRESENT)

    def upcoming(self, today):
        """Rendez-vous planifiés à partir d'aujourd'hui, le plus proche d'abord (sans heure : après ceux du jour qui
        en ont une, sur toute base)."""
        return self.filter(status=AttendanceStatus.PLANNED, date__gte=today).order_by(
            "date", F("time").asc(nulls_last=True)
        )

    def occupying(self):
        """Rendez-vous qui occupent l'agenda du conseiller : à une heure donnée, planifiés ou tenus (un rendez-vous
        annulé, reporté, manqué ou excusé libère la place)."""
        return self.filter(
            time__isnull=False, status__in=(AttendanceStatus.PLANNED, AttendanceStatus.PRESENT)
        )

    def on_agenda(self, counsellors, first_day, last_day):
        """Contacts et rendez-vous des ``counsellors`` du ``first_day`` au ``last_day``, dans l'ordre de l'agenda."""
        return (
            self.filter(counsellor__in=counsellors, date__range=(first_day, last_day))
            .select_related("young_person", "site", "counsellor")
            .order_by("date", F("time").asc(nulls_last=True), "pk")
        )


class Slot:
    """Ce qui se tient un jour, à une heure, pour une durée et sur des thèmes : un rendez-vous (``Contact``),
    une séance collective (``agenda.GroupSession``). Le modèle a les champs ``date``, ``time`` et ``themes``
    et donne sa durée en ``minutes``."""

    @property
    def end_time(self):
        """Heure de fin (None sans heure de début)."""
        if self.time is None:
            return None
        # Un jour quelconque : l'heure de fin n'en dépend pas, et le lendemain du 31/12/9999 n'existe pas.
        start = datetime.datetime.combine(datetime.date(2000, 1, 1), self.time)
        return (start + datetime.timedelta(minutes=self.minutes)).time()

    @property
    def theme_labels(self):
        return modelkit.choice_labels(Theme, self.themes)


class Contact(Slot, Versioned):
    young_person = modelkit.young_person_field("contacts")
    date = models.DateField("date")
    time = models.TimeField("heure", null=True, blank=True)
    kind = models.CharField("type de contact", max_length=30, choices=ContactKind.choices)
    mode = models.CharField(
        "modalité", max_length=20, choices=ContactMode.choices, default=ContactMode.ON_SITE
    )
    status = models.CharField(
        "statut", max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    themes = models.JSONField("thèmes abordés", default=list, blank=True)
    notes = models.TextField("compte rendu", blank=True, default="")
    sensitive = sensitive_field()
    counsellor = modelkit.user_field()
    # Un rendez-vous est le contact planifié (un seul fait) : durée, lieu et arrivée du jeune (agenda).
    duration = models.PositiveSmallIntegerField(
        "durée (minutes)", null=True, blank=True, validators=modelkit.bounds(5, 480)
    )
    site = modelkit.optional_fk("referential.Site", "lieu", on_delete=models.SET_NULL)
    arrived_at = models.DateTimeField("arrivé à", null=True, blank=True, editable=False)
    source_id = modelkit.source_id_field()
    created_at = modelkit.created_at_field("saisi le")

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "contact"
        ordering = ["-date", "-time"]
        indexes = [
            models.Index(fields=["young_person", "-date"], name="contact_yp_date"),
            models.Index(fields=["date"], name="contact_date"),
            models.Index(fields=["counsellor", "date", "time"], name="contact_counsellor_day"),
        ]
        constraints = [
            modelkit.unique_source_id("contact_unique_source_id"),
            modelkit.in_range(
                "contact_duration_range",
                "duration",
                (5, 480),
                "La durée d'un rendez-vous va de 5 minutes à 8 heures.",
                optional=True,
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    def clean(self):
        unknown = set(self.themes or []) - set(Theme.values)
        if unknown:
            raise ValidationError({"themes": f"Thème inconnu : {', '.join(sorted(unknown))}."})
        if self.status == AttendanceStatus.PRESENT and self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"status": "Un contact futur ne peut pas être « présent » : il est planifié."}
            )

    def is_upcoming(self, today):
        """Le pendant de ``ContactQuerySet.upcoming`` pour un contact déjà lu."""
        return self.status == AttendanceStatus.PLANNED and self.date >= today

    @property
    def agenda_key(self):
        """L'ordre de ``ContactQuerySet.upcoming`` pour des contacts déjà lus."""
        return (self.date, self.time is None, self.time)

    #: Durée retenue pour un rendez-vous saisi sans durée (contact ancien, import).
    DEFAULT_DURATION = 30

    @property
    def minutes(self):
        return self.duration or self.DEFAULT_DURATION

    @property
    def is_sensitive(self):
        """Révèle la santé ou la justice : coché confidentiel, ou un thème sensible parmi les thèmes abordés."""
        return self.sensitive or bool(SENSITIVE_THEMES.intersection(self.themes or []))


class ProposalQuerySet(YoungPersonScopedQuerySet):
    def not_sensitive(self):
        """Sans les propositions qui révèlent la santé ou la justice (pour ce qui sort de la mission locale)."""
        return self.exclude(sensitive=True).exclude(theme__in=SENSITIVE_THEMES)


class Proposal(Versioned):
    young_person = modelkit.young_person_field("proposals")
    contact = modelkit.optional_fk(Contact, "contact", on_delete=models.SET_NULL, related_name="proposals")
    date = models.DateField("date")
    theme = models.CharField("thème", max_length=30, choices=Theme.choices)
    kind = models.CharField("type", max_length=30, choices=ProposalKind.choices)
    partner = models.CharField("partenaire", max_length=200, blank=True, default="")
    description = models.CharField("intitulé", max_length=250, blank=True, default="")
    status = models.CharField(
        "statut", max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PRESCRIBED
    )
    sensitive = sensitive_field()
    counsellor = modelkit.user_field()
    source_id = modelkit.source_id_field()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "proposition"
        ordering = ["-date"]
        indexes = [models.Index(fields=["young_person", "-date"], name="proposal_yp_date")]
        constraints = [
            modelkit.unique_source_id("proposal_unique_source_id"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_sensitive(self):
        return self.sensitive or self.theme in SENSITIVE_THEMES


class SituationQuerySet(YoungPersonScopedQuerySet):
    def current(self, on=None):
        """Situations en cours le jour ``on`` (aujourd'hui par défaut), d'après leurs dates : commencées, pas
        encore finies et pas déclarées terminées. Une situation « prévue » dont le jour est venu en fait partie,
        sans traitement de nuit qui mette l'état à jour."""
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on).exclude(
            state=SituationState.FINISHED
        )


class Situation(Versioned):
    young_person = modelkit.young_person_field("situations")
    category = models.CharField("catégorie", max_length=20, choices=SituationCategory.choices)
    kind = modelkit.optional_choice("type", SituationKind, 30)
    state = models.CharField("état", max_length=10, choices=SituationState.choices)
    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin", null=True, blank=True)
    rome_code = modelkit.rome_code_field(blank=True, help_text="Ex. : K2204")
    employer = models.CharField("employeur ou organisme", max_length=200, blank=True, default="")
    counsellor = modelkit.user_field("saisi par")
    source_id = modelkit.source_id_field()

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = "situation"
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["young_person", "-start_date"], name="situation_yp_start"),
            models.Index(fields=["start_date"], name="situation_start"),
        ]
        constraints = [
            modelkit.ends_after_start("situation_end_after_start"),
            modelkit.implies(
                "situation_finished_has_end",
                Q(state=SituationState.FINISHED),
                Q(end_date__isnull=False),
                "Une situation terminée a une date de fin.",
            ),
            modelkit.rome_format("situation_rome_format", blank=True),
            modelkit.unique_source_id("situation_unique_source_id"),
        ]

    def __str__(self):
        label = self.get_kind_display() or self.get_category_display()
        return f"{label} ({self.state_on().label.lower()})"

    def state_on(self, on=None):
        """L'état au jour ``on`` d'après les dates : l'état saisi ne dit que ce qui était vrai à la saisie."""
        on = on or timezone.localdate()
        if self.state == SituationState.FINISHED or (self.end_date and self.end_date < on):
            return SituationState.FINISHED
        return SituationState.IN_PROGRESS if self.start_date <= on else SituationState.PLANNED

    def is_current(self, on=None):
        """Le pendant de ``SituationQuerySet.current`` pour une situation déjà lue."""
        return self.state_on(on) == SituationState.IN_PROGRESS

    def clean(self):
        if self.category:
            error = rules.kind_error(self.category, self.kind)
            if error:
                raise ValidationError({"kind": error})

    @property
    def is_durable_employment(self):
        return self.category == SituationCategory.EMPLOYMENT and rules.is_durable_employment(
            self.kind, self.start_date, self.end_date
        )
