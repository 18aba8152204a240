"""Rappels de démonstration : quelques jeunes de ``conseiller`` ont donné leur accord (courriel ou SMS) et ont
un rendez-vous demain ; le travailleur de ``make demo`` leur envoie un rappel dans la minute qui suit son
démarrage (courriels : serveur SMTP local ; SMS : fichier ``PARCOURS_VAR_DIR/rappels/sms.txt``).
Relancé, ne crée rien de plus tant que ces rendez-vous sont à venir."""

import datetime

from django.db.models import Q
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus, ContactMode, Theme
from parcours.accompaniment.models import Contact
from parcours.accounts.demo import DEMO_ML_CODE
from parcours.accounts.models import User
from parcours.agenda import queries
from parcours.agenda import rules as agenda_rules
from parcours.agenda import services as agenda
from parcours.referential.enums import SiteKind
from parcours.referential.models import MissionLocale, Site
from parcours.reminders import rules, services
from parcours.reminders.enums import Channel
from parcours.reminders.models import ReminderConsent
from parcours.young_people.models import YoungPerson

DEMO_COUNSELLOR = "conseiller"
PER_CHANNEL = 3
CANCEL_CONTACT = "appelez l'accueil au 03 20 00 00 00 (du lundi au vendredi, 9 h – 17 h 30)"


def prepare(now):
    """Accords, réglage de la ML et rendez-vous de demain ; renvoie le nombre de rendez-vous pris."""
    counsellor = User.objects.filter(username=DEMO_COUNSELLOR).first()
    mission_locale = MissionLocale.objects.filter(code=DEMO_ML_CODE).first()
    if counsellor is None or mission_locale is None:
        return 0
    if not services.settings_of(mission_locale).pk:
        services.update_settings(
            mission_locale, delay_hours=48, cancel_contact=CANCEL_CONTACT, by=None, now=now
        )
    today = timezone.localdate(now)
    tomorrow = today + datetime.timedelta(days=1)
    portfolio = YoungPerson.objects.filter(referent=counsellor, archived_at__isnull=True).order_by("pk")
    chosen = [
        *[(yp, Channel.EMAIL) for yp in portfolio.exclude(email="")[:PER_CHANNEL]],
        *[
            (yp, Channel.SMS)
            for yp in portfolio.filter(Q(phone__startswith="06") | Q(phone__startswith="07")).exclude(
                email=""
            )[PER_CHANNEL : 2 * PER_CHANNEL]
        ],
    ]
    sites = Site.objects.filter(mission_locale=mission_locale).order_by("pk")
    site = sites.filter(kind=SiteKind.HEAD_OFFICE).first() or sites.first()  # au siège, d'abord
    booked = 0
    for young_person, channel in chosen:
        if not rules.recipient(channel, young_person.email, young_person.phone):
            continue
        consent = ReminderConsent.objects.filter(young_person=young_person).first()
        if consent is None or consent.channel != channel:
            services.record_consent(young_person, channel=channel, consent=True, by=counsellor, now=now)
        upcoming = young_person.contacts.filter(
            status=AttendanceStatus.PLANNED, date=tomorrow, time__isnull=False
        ).exists()
        existing = Contact.objects.filter(counsellor=counsellor, date=tomorrow).occupying()
        free = agenda_rules.free_slots(queries.busy_intervals(existing), duration=30)
        if upcoming or not free:
            continue
        agenda.book(
            counsellor=counsellor,
            young_person=young_person,
            date=tomorrow,
            time=free[0],
            duration=30,
            site=site,
            mode=ContactMode.ON_SITE,
            themes=[Theme.EMPLOYMENT],
            confirm_overlap=True,
            today=today,
        )
        booked += 1
    return booked
