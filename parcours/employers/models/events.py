from django.db import models
from django.db.models import F, Q

from parcours import modelkit
from parcours.accounts.querysets import MissionLocaleScopedQuerySet
from parcours.employers import rules
from parcours.employers.enums import EventKind
from parcours.employers.models.outcomes import agreement_field
from parcours.versioning import Versioned


class EventQuerySet(MissionLocaleScopedQuerySet):
    def visible_to(self, user):
        """Les évènements de ses missions locales et les évènements nationaux (sans mission locale)."""
        return super().visible_to(user) | self.filter(mission_locale__isnull=True)


class Event(Versioned):
    """Forum, journée de recrutement, information collective : ce qui a été mobilisé et obtenu."""

    mission_locale = modelkit.mission_locale_field(
        "mission locale organisatrice", null=True, blank=True, help_text="Vide pour une opération nationale."
    )
    kind = models.CharField("type", max_length=20, choices=EventKind.choices)
    title = models.CharField("intitulé", max_length=200)
    date = models.DateField("date")
    end_date = models.DateField("date de fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=200)
    agreement = agreement_field("events")
    partners = models.ManyToManyField(
        "employers.Partner", verbose_name="entreprises présentes", blank=True, related_name="events"
    )
    companies = models.PositiveIntegerField("entreprises présentes", default=0)
    offers = models.PositiveIntegerField("offres proposées", default=0)
    visitors = models.PositiveIntegerField("visiteurs", default=0)
    cvs = models.PositiveIntegerField("CV déposés", default=0)
    interviews = models.PositiveIntegerField("entretiens", default=0)
    hires = models.PositiveIntegerField("embauches", default=0)
    notes = models.TextField("bilan", blank=True, default="")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "évènement emploi", "évènements emploi"
        ordering = ["-date"]
        constraints = [
            modelkit.ends_after_start("event_end_after_start", start="date"),
            models.CheckConstraint(
                name="event_counts_within_visitors",
                condition=Q(cvs__lte=F("visitors"))
                & Q(interviews__lte=F("visitors"))
                & Q(hires__lte=F("visitors")),
                violation_error_message="CV, entretiens et embauches ne peuvent dépasser le nombre de visiteurs.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"


class LocalAction(Versioned):
    """Action de proximité (quartier prioritaire) mesurée en jeunes visés et touchés, propositions et sorties (004)."""

    mission_locale = modelkit.mission_locale_field()
    title = models.CharField("intitulé", max_length=200)
    territory = models.CharField("quartier ou territoire", max_length=200)
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    agreement = agreement_field("local_actions")
    targeted = models.PositiveIntegerField("jeunes visés")
    reached = models.PositiveIntegerField("jeunes effectivement touchés", default=0)
    proposals = models.PositiveIntegerField("propositions d'emploi et de formation", default=0)
    with_follow_up = models.PositiveIntegerField("jeunes ayant bénéficié d'au moins un acte", default=0)
    into_employment = models.PositiveIntegerField("sorties en emploi", default=0)
    into_training = models.PositiveIntegerField("sorties en formation", default=0)
    description = models.TextField("objectifs et déroulement", blank=True, default="")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "action de proximité", "actions de proximité"
        ordering = ["-start_date"]
        constraints = [
            modelkit.ends_after_start("action_end_after_start"),
            models.CheckConstraint(
                name="action_outcomes_within_reached",
                condition=Q(with_follow_up__lte=F("reached"))
                & Q(into_employment__lte=F("reached") - F("into_training")),
                violation_error_message="Les jeunes suivis et les sorties ne peuvent dépasser les jeunes touchés.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def reach_rate(self):
        return rules.rate(self.reached, self.targeted)
