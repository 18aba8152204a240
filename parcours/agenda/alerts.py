"""Rendez-vous manqués qui attendent une relance : ils alimentent les listes « À faire ».

Règle : un rendez-vous noté « absent » (pas « excusé », ni annulé, ni reporté) dans les
``WINDOW_DAYS`` derniers jours, sans contact tenu depuis (le jour même compris) ni rendez-vous planifié à
venir pour le jeune. L'alerte disparaît dès qu'un nouveau rendez-vous est pris ou qu'un contact est tenu.
Au-delà de la fenêtre, l'alerte « sans contact depuis 90 jours » (JDI) prend le relais : le dernier contact
tenu est au plus tard le jour de l'absence.

L'agenda est sous les dispositifs dans les dépendances : cette règle ne connaît pas les motifs d'alerte de
« À faire » ; ``programmes.worklist`` l'enregistre parmi ses sources et lui donne son motif.
"""

import dataclasses
import datetime

from django.db.models import Exists, OuterRef, Q

from parcours.accompaniment import jdi
from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.prepared import PreparedQuery

#: Fenêtre des absences relancées (jours) : celle de l'alerte JDI sans contact tenu, qui prend le relais.
WINDOW_DAYS = jdi.WARNING_DAYS


@dataclasses.dataclass(frozen=True)
class MissedAppointment:
    young_person_id: int
    detail: str
    due: datetime.date  # le jour du rendez-vous manqué : la relance est due depuis


def _later_follow_up(today):
    """Sous-requête : un contact tenu depuis le jour de l'absence, ou un rendez-vous planifié à venir."""
    return Contact.objects.filter(young_person=OuterRef("young_person"), date__gte=OuterRef("date")).filter(
        Q(status=AttendanceStatus.PRESENT) | Q(status=AttendanceStatus.PLANNED, date__gte=today)
    )


def _absences(young_people, since, today):
    """(jeune, jour, heure) des absences sans suite depuis ``since``, la plus récente d'abord pour chaque jeune."""
    return (
        Contact.objects.filter(
            young_person__in=young_people,
            status=AttendanceStatus.ABSENT,
            date__range=(since, today),
        )
        .exclude(Exists(_later_follow_up(today)))
        .order_by("young_person_id", "-date", "-time")
        .values_list("young_person_id", "date", "time")
    )


_ABSENCES = PreparedQuery(_absences, ids=True)


def missed_appointments(young_people, today):
    """Pour chaque jeune qui a manqué un rendez-vous sans suite (jeunes en QuerySet, ou leurs identifiants) : le
    plus récent et leur nombre."""
    by_person = {}
    for young_person_id, day, time in _ABSENCES(
        young_people, today - datetime.timedelta(days=WINDOW_DAYS), today
    ):
        by_person.setdefault(young_person_id, []).append((day, time))
    for young_person_id, missed in by_person.items():
        day, time = missed[0]
        at = f" à {time:%H:%M}" if time else ""
        detail = f"Absent au rendez-vous du {day:%d/%m/%Y}{at} ; aucun rendez-vous repris depuis."
        if len(missed) > 1:
            detail += f" {len(missed)} rendez-vous manqués depuis le {missed[-1][0]:%d/%m/%Y}."
        yield MissedAppointment(young_person_id, detail, day)
