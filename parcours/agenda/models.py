"""Séances collectives : informations collectives et ateliers d'une mission locale, et leurs inscriptions.

Une inscription *est* le contact du jeune pour cette séance (``accompaniment.Contact`` de type « information
collective » ou « atelier », planifié à la date et à l'heure de la séance) : le fil du dossier la montre, l'appel
la note présent, absent ou excusé, et le contact tenu compte aussitôt (un seul fait, saisi une fois). Le statut
de l'inscription est celui de ce contact ; rien ne le recopie.
"""

import datetime

from django.db import models
from django.db.models import Count, F, Q

from parcours import modelkit
from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ContactMode
from parcours.accompaniment.models import Slot
from parcours.accounts.querysets import MissionLocaleScopedQuerySet, YoungPersonScopedQuerySet
from parcours.versioning import Versioned

#: Types de contact d'une séance collective.
GROUP_KINDS = (ContactKind.GROUP, ContactKind.WORKSHOP)
#: Une inscription annulée libère sa place ; les autres (planifiée, présent, absent, excusé) la gardent.
RELEASED = (AttendanceStatus.CANCELLED,)
MAX_CAPACITY = 500
#: Séances passées dont l'appel reste à faire, montrées dans la liste des séances : celles de ces derniers jours.
ROLL_CALL_DAYS = 30


class GroupSessionQuerySet(MissionLocaleScopedQuerySet):
    def with_registered(self):
        """Annote ``registered`` : les inscriptions qui occupent une place, comptées sur les contacts eux-mêmes
        (un contact annulé ailleurs, depuis l'agenda d'un site par exemple, libère aussitôt sa place affichée)."""
        return self.annotate(
            registered=Count("registrations", filter=~Q(registrations__contact__status__in=RELEASED))
        )

    def held_or_planned(self):
        """Séances qui ont lieu (pas annulées)."""
        return self.filter(cancelled_at__isnull=True)

    def awaiting_roll_call(self, today):
        """Séances des ``ROLL_CALL_DAYS`` derniers jours (aujourd'hui compris) dont un inscrit au moins n'est pas
        encore noté présent, absent ou excusé : l'appel reste à faire."""
        waiting = Registration.objects.filter(contact__status=AttendanceStatus.PLANNED).values("session_id")
        return self.held_or_planned().filter(
            date__range=(today - datetime.timedelta(days=ROLL_CALL_DAYS), today), pk__in=waiting
        )

    def upcoming(self, today):
        """Séances à venir, aujourd'hui compris, la plus proche d'abord."""
        return self.held_or_planned().with_registered().filter(date__gte=today).order_by("date", "time", "pk")

    def led_by(self, counsellors, first_day, last_day):
        """Séances animées par ``counsellors`` du ``first_day`` au ``last_day`` (agenda du conseiller)."""
        return (
            self.held_or_planned()
            .filter(counsellor__in=counsellors, date__range=(first_day, last_day))
            .with_registered()
            .select_related("site", "counsellor")
            .order_by("date", "time", "pk")
        )


class GroupSession(Slot, Versioned):
    mission_locale = modelkit.mission_locale_field(related_name="group_sessions")
    kind = models.CharField(
        "type de séance",
        max_length=30,
        choices=[(k.value, k.label) for k in GROUP_KINDS],
        default=ContactKind.GROUP,
    )
    title = models.CharField("intitulé", max_length=200)
    date = models.DateField("date")
    time = models.TimeField("heure de début")
    duration = models.PositiveSmallIntegerField(
        "durée (minutes)", default=120, validators=modelkit.bounds(15, 480)
    )
    site = modelkit.optional_fk("referential.Site", "lieu")
    mode = models.CharField(
        "modalité", max_length=20, choices=ContactMode.choices, default=ContactMode.ON_SITE
    )
    counsellor = modelkit.user_field("animée par")
    themes = models.JSONField("thèmes", default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        "nombre de places", validators=modelkit.bounds(1, MAX_CAPACITY)
    )
    #: Places prises (inscriptions non annulées), tenu par le service sous verrou : la base refuse d'en
    #: compter plus que de places, même si deux inscriptions arrivent en même temps.
    taken = models.PositiveSmallIntegerField("places prises", default=0, editable=False)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True, editable=False)
    created_at = modelkit.created_at_field("créée le")

    objects = GroupSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance collective"
        verbose_name_plural = "séances collectives"
        ordering = ["date", "time"]
        indexes = [
            models.Index(fields=["mission_locale", "date"], name="group_session_ml_date"),
            models.Index(fields=["counsellor", "date"], name="group_session_counsellor_day"),
        ]
        constraints = [
            models.CheckConstraint(
                name="group_session_kind",
                condition=Q(kind__in=[k.value for k in GROUP_KINDS]),
                violation_error_message="Une séance collective est une information collective ou un atelier.",
            ),
            modelkit.in_range(
                "group_session_capacity",
                "capacity",
                (1, MAX_CAPACITY),
                f"Une séance compte de 1 à {MAX_CAPACITY} places.",
            ),
            models.CheckConstraint(
                name="group_session_taken_within_capacity",
                condition=Q(taken__lte=F("capacity")),
                violation_error_message="La séance est complète.",
            ),
            modelkit.in_range(
                "group_session_duration_range",
                "duration",
                (15, 480),
                "Une séance dure de 15 minutes à 8 heures.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} « {self.title} » du {self.date:%d/%m/%Y}"

    @property
    def minutes(self):
        return self.duration

    @property
    def places_left(self):
        return max(self.capacity - self.taken, 0)

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class RegistrationQuerySet(YoungPersonScopedQuerySet):
    def taking_place(self):
        """Inscriptions qui occupent une place : toutes sauf les annulées."""
        return self.exclude(contact__status__in=RELEASED)

    def for_roll(self):
        return self.select_related("young_person", "contact").order_by(
            "young_person__last_name", "young_person__first_name", "pk"
        )


class Registration(models.Model):
    session = models.ForeignKey(
        GroupSession, verbose_name="séance", on_delete=models.CASCADE, related_name="registrations"
    )
    young_person = modelkit.young_person_field("group_registrations")
    #: Le contact du jeune pour cette séance : c'est lui qui porte le statut (planifié, présent, absent…).
    contact = models.OneToOneField(
        "accompaniment.Contact",
        verbose_name="contact",
        on_delete=models.CASCADE,
        related_name="group_registration",
    )
    registered_at = modelkit.created_at_field("inscrit le")
    registered_by = modelkit.user_field("inscrit par")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription à une séance collective"
        verbose_name_plural = "inscriptions aux séances collectives"
        constraints = [
            modelkit.unique(
                "registration_once_per_session",
                ["session", "young_person"],
                message="Ce jeune est déjà inscrit à cette séance.",
            ),
        ]

    def __str__(self):
        return f"Inscription de {self.young_person} ({self.session})"

    @property
    def status(self):
        return self.contact.status

    @property
    def is_cancelled(self):
        return self.contact.status in RELEASED
