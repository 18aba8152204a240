"""Agenda de démonstration : la semaine en cours des conseillers de démonstration de Lille.

Aujourd'hui et les jours à venir, des rendez-vous planifiés (pris par le service, sans chevauchement) ;
les jours déjà passés de la semaine, des rendez-vous tenus, quelques absences et excuses. Une semaine
qui a déjà ses rendez-vous d'agenda n'est pas remplie une seconde fois (``make demo`` relancé).
"""

import random

from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ContactMode, Theme
from parcours.accompaniment.models import Contact
from parcours.accounts.demo import DEMO_ACCOUNTS, DEMO_ML_CODE
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.agenda import group_services, queries, rules, services
from parcours.agenda.models import GroupSession
from parcours.referential.models import Site
from parcours.young_people.models import YoungPerson

PER_DAY = (5, 8)
DURATIONS = (30, 30, 45, 60)
PAST_STATUSES = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED]
SUBJECTS = [Theme.EMPLOYMENT, Theme.TRAINING, Theme.PROJECT, Theme.HOUSING, Theme.MOBILITY, Theme.RIGHTS]


def demo_counsellors():
    usernames = [a[0] for a in DEMO_ACCOUNTS if a[3] == Role.COUNSELLOR and a[4] == DEMO_ML_CODE]
    return list(User.objects.filter(username__in=usernames).order_by("username"))


def fill_week(today, rng=None):
    """Remplit la semaine de ``today`` des conseillers de démonstration ; renvoie le nombre de rendez-vous créés."""
    rng = rng or random.Random(f"agenda:{today.isoformat()}")
    created = 0
    fill_group_sessions(today, rng)  # d'abord : les rendez-vous se prennent autour des séances
    for counsellor in demo_counsellors():
        created += _fill(counsellor, today, rng)
    return created


#: Séances de démonstration : (type, intitulé, thèmes, places, inscrits, jour de la semaine voulu : passé, à venir).
DEMO_SESSIONS = [
    (ContactKind.GROUP, "Découvrir l'alternance", [Theme.TRAINING, Theme.EMPLOYMENT], 12, 8, "past"),
    (ContactKind.WORKSHOP, "Atelier CV et lettre de motivation", [Theme.EMPLOYMENT], 8, 5, "future"),
]
SESSION_DURATION = 120


def fill_group_sessions(today, rng):
    """Une information collective déjà tenue cette semaine (appel fait) et un atelier à venir, animés par le
    premier conseiller de démonstration, sur un créneau libre de deux heures ; renvoie le nombre de séances
    créées. Une semaine qui a déjà ses séances n'en reçoit pas d'autres."""
    counsellors = demo_counsellors()
    if not counsellors:
        return 0
    counsellor = counsellors[0]
    days = rules.week_of(today)
    if GroupSession.objects.filter(counsellor=counsellor, date__range=(days[0], days[-1])).exists():
        return 0
    young_people = list(
        YoungPerson.objects.filter(
            mission_locale_id=counsellor.mission_locale_id, archived_at__isnull=True
        ).order_by("pk")[:300]
    )
    site = Site.objects.filter(mission_locale_id=counsellor.mission_locale_id).order_by("kind", "pk").first()
    created = 0
    for kind, title, themes, capacity, count, when in DEMO_SESSIONS:
        candidates = [d for d in days if (d < today if when == "past" else d > today)]
        if when == "future":
            candidates = candidates or [today]
        slot = next(((d, t) for d in candidates for t in _free_windows(counsellor, d)), None)
        if slot is None or len(young_people) < count:
            continue
        day, start = slot
        session = group_services.create_session(
            mission_locale=counsellor.mission_locale,
            counsellor=counsellor,
            kind=kind,
            title=title,
            date=day,
            time=start,
            duration=SESSION_DURATION,
            site=site,
            themes=themes,
            capacity=capacity,
            today=min(day, today),
        )
        registrations = group_services.register(
            session, rng.sample(young_people, count), today=min(day, today)
        )
        if day < today:
            marks = [(r, r.contact.version, rng.choice(PAST_STATUSES)) for r in registrations]
            group_services.take_attendance(session, marks, today=today)
        created += 1
    return created


def _free_windows(counsellor, day):
    busy = queries.busy_intervals(Contact.objects.filter(counsellor=counsellor, date=day).occupying())
    free = rules.free_slots(busy, duration=SESSION_DURATION)
    return sorted(free, key=lambda t: (t.hour < 14, t))  # l'après-midi de préférence


def _fill(counsellor, today, rng):
    days = rules.week_of(today)
    booked = Contact.objects.filter(
        counsellor=counsellor,
        date__range=(days[0], days[-1]),
        duration__isnull=False,
        group_registration__isnull=True,  # les participants d'une séance ne sont pas des rendez-vous
    )
    if booked.exists():
        return 0
    portfolio = list(
        YoungPerson.objects.filter(referent=counsellor, archived_at__isnull=True).order_by("pk")[:200]
    )
    sites = list(
        Site.objects.filter(mission_locale_id=counsellor.mission_locale_id).order_by("kind", "pk")[:3]
    )
    if not portfolio:
        return 0
    created = 0
    for day in days:
        existing = list(Contact.objects.filter(counsellor=counsellor, date=day).occupying())
        busy = queries.busy_intervals(existing)
        free = rules.free_slots(busy, duration=60)
        rng.shuffle(free)
        for start in sorted(free[: rng.randint(*PER_DAY)]):
            young_person = rng.choice(portfolio)
            duration = rng.choice(DURATIONS)
            draw = rng.random()
            site = None  # à distance, un peu plus d'un rendez-vous sur dix
            if sites and draw < 0.88:
                site = sites[0] if draw < 0.7 else rng.choice(sites)  # surtout au siège
            themes = [str(rng.choice(SUBJECTS))]
            mode = ContactMode.ON_SITE if site else rng.choice([ContactMode.PHONE, ContactMode.VIDEO])
            # Comme un vrai rendez-vous : pris par le service (le jour même), puis, un jour passé, noté (tenu,
            # absent, excusé).
            appointment = services.book(
                counsellor=counsellor,
                young_person=young_person,
                date=day,
                time=start,
                duration=duration,
                site=site,
                mode=mode,
                themes=themes,
                today=day,
            )
            if day < today:
                services.mark(appointment, appointment.version, rng.choice(PAST_STATUSES), today=today)
            created += 1
    return created
