"""Alertes des dispositifs : calculées à la demande à partir des inscriptions et des contacts tenus."""

import dataclasses
import datetime

from django.db import models

from parcours.accompaniment.enums import ContactKind
from parcours.accompaniment.models import Contact
from parcours.prepared import PreparedQuery
from parcours.programmes import rules
from parcours.programmes.enums import AlertReason, ContactFrequency
from parcours.programmes.models import EnrolmentPhase


@dataclasses.dataclass(frozen=True)
class Alert:
    young_person_id: int
    reason: str
    detail: str
    due: datetime.date  # date à laquelle l'action était (ou sera) due

    @property
    def label(self):
        return AlertReason(self.reason).label


def last_interview_since(field, kinds=(ContactKind.INDIVIDUAL,)):
    """Sous-requête : dernier contact tenu du jeune (entretien individuel par défaut) à partir de ``field``."""
    return models.Subquery(
        Contact.objects.held()
        .filter(
            young_person=models.OuterRef("enrolment__young_person"),
            kind__in=kinds,
            date__gte=models.OuterRef(field),
        )
        .order_by("-date")
        .values("date")[:1]
    )


def _current_phases(young_people, today):
    """Les phases en cours des jeunes, avec leur dernier entretien individuel et leur dernier contact tenu."""
    return (
        EnrolmentPhase.objects.filter(
            end_date__isnull=True,
            enrolment__exit_date__isnull=True,
            enrolment__young_person__in=young_people,
            start_date__lte=today,
        )
        .select_related("phase", "enrolment__programme")
        .annotate(
            last_individual=last_interview_since("start_date"),
            last_any_contact=last_interview_since("start_date", ContactKind.values),
        )
    )


_CURRENT_PHASES = PreparedQuery(_current_phases, ids=True)


def programme_alerts(young_people, today):
    """Entretien exigé manqué, revue de phase due, fin de dispositif : pour les jeunes donnés (QuerySet, ou
    identifiants)."""
    for current in _CURRENT_PHASES(young_people, today):
        enrolment, phase, programme = current.enrolment, current.phase, current.enrolment.programme
        # Phase collective (sas de la Garantie jeunes) : ateliers et informations collectives comptent.
        current.last_interview = (
            current.last_any_contact if phase.counts_group_contacts else current.last_individual
        )
        yp_id = enrolment.young_person_id
        if rules.contact_missed(phase, current.start_date, current.last_interview, today):
            frequency, due = rules.contact_frequency_due(phase, current.start_date, current.last_interview)
            last = (
                f"dernier le {current.last_interview:%d/%m/%Y}"
                if current.last_interview
                else "aucun depuis le début de la phase"
            )
            yield Alert(
                yp_id,
                AlertReason.PROGRAMME_INTERVIEW_MISSED,
                f"{programme.label}, {phase.label} : {ContactFrequency(frequency).label.lower()} ({last}).",
                due,
            )
        if rules.phase_review_due(phase, current.start_date, today):
            review = rules.phase_review_date(phase, current.start_date)
            yield Alert(
                yp_id,
                AlertReason.PHASE_REVIEW_DUE,
                f"{programme.label}, {phase.label} : revue prévue le {review:%d/%m/%Y}.",
                review,
            )
        if rules.programme_ending(enrolment.entry_date, programme.max_duration_months, today):
            end = rules.planned_end_date(enrolment.entry_date, programme.max_duration_months)
            verb = "a atteint" if today > end else "atteint"
            yield Alert(
                yp_id,
                AlertReason.PROGRAMME_ENDING,
                f"{programme.label} {verb} sa durée maximale de {programme.max_duration_months} mois le {end:%d/%m/%Y} : "
                "préparez la sortie.",
                end,
            )
