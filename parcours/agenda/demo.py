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
from parcours.agenda import queries, rules, services
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
    for counsellor in demo_counsellors():
        created += _fill(counsellor, today, rng)
    return created


def _fill(counsellor, today, rng):
    days = rules.week_of(today)
    booked = Contact.objects.filter(
        counsellor=counsellor, date__range=(days[0], days[-1]), duration__isnull=False
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
            if day >= today:
                services.book(
                    counsellor=counsellor,
                    young_person=young_person,
                    date=day,
                    time=start,
                    duration=duration,
                    site=site,
                    mode=mode,
                    themes=themes,
                    today=today,
                )
            else:
                Contact.objects.create(
                    young_person=young_person,
                    counsellor=counsellor,
                    date=day,
                    time=start,
                    duration=duration,
                    site=site,
                    mode=mode,
                    kind=ContactKind.INDIVIDUAL,
                    themes=themes,
                    status=rng.choice(PAST_STATUSES),
                )
            created += 1
    return created
