"""Lectures de l'agenda : la journée et la semaine d'un conseiller, l'agenda d'un site, créneaux libres."""

import collections
import dataclasses
import datetime

from django.db.models import F
from django.utils import timezone

from parcours import dates
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


#: Ce qu'une page d'agenda lit d'un rendez-vous, de son lieu et de son jeune : ni le compte rendu, ni le reste du
#: dossier (37 colonnes : l'instanciation des jeunes coûtait le tiers d'un agenda de site).
SHOWN_FIELDS = (
    "date",
    "time",
    "duration",
    "kind",
    "mode",
    "status",
    "themes",
    "sensitive",
    "arrived_at",
    "version",
    "counsellor",
    "site__name",
    "young_person__first_name",
    "young_person__last_name",
    "young_person__mission_locale",
    "young_person__referent",
)


def appointments(user, counsellors, first_day, last_day=None):
    """Rendez-vous et contacts des ``counsellors`` parmi les dossiers visibles de ``user`` (sans les inscriptions
    aux séances collectives, montrées par séance : ``sessions``) ; leur conseiller est pris dans ``counsellors``
    (pas relu avec chaque rendez-vous)."""
    by_pk = {c.pk: c for c in counsellors}
    contacts = list(
        Contact.objects.visible_to(user)
        .filter(group_registration__isnull=True)
        .on_agenda(counsellors, first_day, last_day or first_day)
        .select_related(None)
        .select_related("young_person", "site")
        .only(*SHOWN_FIELDS)
    )
    for contact in contacts:
        contact.counsellor = by_pk[contact.counsellor_id]
    return contacts


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


def _grouped(items, *attributes):
    """{valeur(s) des attributs: [éléments]}, dans l'ordre reçu, en un seul passage (pas un filtre par case)."""
    groups = collections.defaultdict(list)
    for item in items:
        groups[tuple(getattr(item, name) for name in attributes)].append(item)
    return groups


def counsellor_week(user, counsellor, day, now=None):
    days = rules.week_of(day)
    by_day = _grouped(appointments(user, [counsellor], days[0], days[-1]), "date")
    led = _grouped(sessions(user, [counsellor], days[0], days[-1]), "date")
    return [day_of(by_day[(d,)], d, now, led[(d,)]) for d in days]


class Row(
    collections.namedtuple(
        "Row", "pk counsellor_id time duration status site_id site_name last_name first_name"
    )
):
    """Un rendez-vous d'une colonne de l'agenda d'un site : ce que la ligne affiche, lu en tuple (une grosse
    mission locale en a trois cents par jour ; trois modèles instanciés par ligne coûtaient un cinquième de la
    page)."""

    __slots__ = ()

    # Durée comptée comme celle du contact : la sienne, sinon ``Contact.DEFAULT_DURATION`` (une seule règle).
    DEFAULT_DURATION = Contact.DEFAULT_DURATION
    minutes = Contact.minutes

    @property
    def hours(self):
        if self.time is None:
            return ""
        return f"{self.time:%H:%M}–{dates.time_after(self.time, self.minutes):%H:%M}"

    @property
    def person(self):
        """Comme ``YoungPerson.__str__`` : « NGOMA Élise »."""
        return f"{self.last_name.upper()} {self.first_name}"


def site_columns(user, counsellors, day, now=None):
    """[(conseiller, Day)] de l'agenda d'un site : les rendez-vous de chaque colonne en ``Row``."""
    rows = (
        Contact.objects.visible_to(user)
        .filter(group_registration__isnull=True, counsellor__in=counsellors, date=day)
        .order_by(F("time").asc(nulls_last=True), "pk")
        .values_list("pk", "counsellor_id", "time", "duration", "status", "site_id", "site__name",
                     "young_person__last_name", "young_person__first_name")
    )  # fmt: skip
    by_counsellor = _grouped(map(Row._make, rows), "counsellor_id")
    led = _grouped(sessions(user, counsellors, day), "counsellor_id")
    return [(c, day_of(by_counsellor[(c.pk,)], day, now, led[(c.pk,)])) for c in counsellors]


#: Un rendez-vous dans la semaine de l'équipe : seulement ce que la case affiche (ni jeune, ni lieu).
Slot = collections.namedtuple("Slot", "counsellor_id date time status")


def team_week(user, counsellors, day):
    """Les jours de la semaine et [(conseiller, [[Slot du jour] pour chaque jour])].

    Toute une équipe sur une semaine, c'est un millier de rendez-vous : lus en tuples (quatre colonnes, sans
    instancier contact, jeune, lieu et conseiller) et rangés par case en un passage."""
    days = rules.week_of(day)
    rows = (
        Contact.objects.visible_to(user)
        .filter(counsellor__in=counsellors, date__range=(days[0], days[-1]))
        .order_by("date", F("time").asc(nulls_last=True), "pk")
        .values_list(*Slot._fields)
    )
    cells = _grouped(map(Slot._make, rows), "counsellor_id", "date")
    return days, [(c, [cells[(c.pk, d)] for d in days]) for c in counsellors]


def expected_at(user, site, day):
    """Jeunes attendus au site ce jour : rendez-vous planifiés ou tenus à ce lieu, par heure."""
    return list(
        Contact.objects.visible_to(user)
        .filter(site=site, date=day, status__in=(AttendanceStatus.PLANNED, AttendanceStatus.PRESENT))
        .select_related("young_person", "counsellor", "site")
        .only(*SHOWN_FIELDS, "counsellor__first_name", "counsellor__last_name", "counsellor__username")
        .order_by("time", "pk")
    )
