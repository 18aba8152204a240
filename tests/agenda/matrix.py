"""Objets de l'agenda pour la matrice des permissions : un site, un rendez-vous d'aujourd'hui de la ML du jeune, une
séance collective d'aujourd'hui où il est inscrit."""

import datetime

from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.agenda import group_services
from parcours.referential.models import Site
from tests.factories import ContactFactory

#: Le calendrier privé (.ics) s'ouvre sans session, par son seul jeton : 404 sans jeton valide
#: (tests/agenda/test_calendar_feed.py).
PUBLIC_URL_NAMES = ["agenda:calendar_feed"]


def permission_matrix_objects(young_person):
    site = Site.objects.create(
        mission_locale=young_person.mission_locale, name="Antenne de test", kind="antenne", commune="Lille"
    )
    appointment = ContactFactory(
        young_person=young_person,
        counsellor=young_person.referent,
        date=timezone.localdate(),
        time=datetime.time(10, 0),
        duration=30,
        site=site,
        status=AttendanceStatus.PLANNED,
        themes=["sante"],
    )
    session = group_services.create_session(
        mission_locale=young_person.mission_locale,
        counsellor=young_person.referent,
        title="Séance de test",
        date=timezone.localdate(),
        time=datetime.time(14, 0),
        site=site,
        capacity=10,
        confirm_overlap=True,
    )
    registration = group_services.register(session, [young_person])[0]
    return {
        "site_pk": site.pk,
        "appointment_pk": appointment.pk,
        "session_pk": session.pk,
        "registration_pk": registration.pk,
    }
