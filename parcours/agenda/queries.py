"""Lectures de l'agenda : la journée et la semaine d'un conseiller, l'agenda d'un site, créneaux libres."""

import dataclasses
import datetime

from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.agenda import rules
from parcours.agenda.models import GroupSession


@dataclasses.dataclass
class Day:
    day: datetime.date
    appointments: list
    free_slots: list
    #: séances collectives animées ce jour (leurs participants n'apparaissent pas un à un dans ``appointments``)
    sessions: list = dataclasses.field(default_factory=list)

    @property
    def is_today(self):
        return self.day == timezone.localdate()


def appointments(user, counsellors, first_day, last_day=None):
    """Rendez-vous et contacts des ``counsellors`` parmi les dossiers visibles de ``user`` (sans les inscriptions
    aux séances collectives, montrées par séance : ``sessions``)."""
    return list(
        Contact.objects.visible_to(user)
        .filter(group_registration__isnull=True)
        .on_agenda(counsellors, first_day, last_day or first_day)
    )


def sessions(user, counsellors, first_day, last_day=None):
    """Séances collectives animées par ``counsellors``, dans les ML visibles de ``user``."""
    return list(GroupSession.objects.visible_to(user).led_by(counsellors, first_day, last_day or first_day))


def busy_intervals(contacts):
    occupying = (AttendanceStatus.PLANNED, AttendanceStatus.PRESENT)
    return [rules.interval(c.time, c.minutes) for c in contacts if c.time and c.status in occupying]


def day_of(contacts, day, now=None, led=()):
    """La journée : ses rendez-vous, ses séances ``led`` et, pour aujourd'hui et les jours à venir, les prochains
    créneaux libres (une séance occupe son animateur)."""
    now = timezone.localtime(now) if now else timezone.localtime()
    today = now.date()
    slots = []
    if day >= today:
        busy = busy_intervals(contacts) + [rules.interval(s.time, s.duration) for s in led]
        slots = rules.free_slots(busy, after=now.time() if day == today else None)
    return Day(day, contacts, slots, list(led))


def counsellor_day(user, counsellor, day, now=None):
    return day_of(appointments(user, [counsellor], day), day, now, sessions(user, [counsellor], day))


def counsellor_week(user, counsellor, day, now=None):
    days = rules.week_of(day)
    contacts = appointments(user, [counsellor], days[0], days[-1])
    led = sessions(user, [counsellor], days[0], days[-1])
    return [
        day_of([c for c in contacts if c.date == d], d, now, [s for s in led if s.date == d]) for d in days
    ]


def team_day(user, counsellors, day, now=None):
    """[(conseiller, Day)] pour chaque conseiller : l'agenda d'un site ou de l'équipe."""
    contacts = appointments(user, counsellors, day)
    led = sessions(user, counsellors, day)
    return [
        (
            c,
            day_of(
                [a for a in contacts if a.counsellor_id == c.pk],
                day,
                now,
                [s for s in led if s.counsellor_id == c.pk],
            ),
        )
        for c in counsellors
    ]


def team_week(user, counsellors, day):
    """[(conseiller, [nombre de rendez-vous planifiés ou tenus par jour])] et les jours de la semaine."""
    days = rules.week_of(day)
    contacts = appointments(user, counsellors, days[0], days[-1])
    rows = []
    for counsellor in counsellors:
        mine = [a for a in contacts if a.counsellor_id == counsellor.pk]
        rows.append((counsellor, [[a for a in mine if a.date == d] for d in days]))
    return days, rows


def expected_at(user, site, day):
    """Jeunes attendus au site ce jour : rendez-vous planifiés ou tenus à ce lieu, par heure."""
    return list(
        Contact.objects.visible_to(user)
        .filter(site=site, date=day, status__in=(AttendanceStatus.PLANNED, AttendanceStatus.PRESENT))
        .select_related("young_person", "counsellor", "site")
        .order_by("time", "pk")
    )
