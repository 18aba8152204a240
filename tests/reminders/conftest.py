import datetime

import pytest
import time_machine

from parcours.accompaniment.enums import AttendanceStatus, ContactMode
from parcours.referential.models import Site
from parcours.reminders import services
from tests.factories import ContactFactory, YoungPersonFactory
from tests.reminders import NOW, THURSDAY


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.REMINDERS_SMS_FILE = tmp_path / "rappels" / "sms.txt"
    settings.REMINDERS_SMS_BACKEND = "parcours.reminders.sms.FileBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(ml):
    return Site.objects.create(
        mission_locale=ml, name="Antenne de Roubaix", kind="antenne", commune="Roubaix", postcode="59100"
    )


@pytest.fixture
def young(ml, counsellor):
    return YoungPersonFactory(
        mission_locale=ml,
        referent=counsellor,
        first_name="Inès",
        last_name="Zyxwvutsrq",
        email="ines@example.org",
        phone="06 12 34 56 78",
        health_notes="Suivi-psy-confidentiel",
    )


@pytest.fixture
def consenting(young, counsellor):
    def give(channel="courriel", person=None):
        person = person or young
        services.record_consent(person, channel=channel, consent=True, by=counsellor)
        return person

    return give


@pytest.fixture
def appointment(young, counsellor, site):
    def make(day=THURSDAY, time=datetime.time(9, 0), person=None, **fields):
        return ContactFactory(
            young_person=person or young,
            counsellor=counsellor,
            date=day,
            time=time,
            duration=30,
            site=site,
            mode=ContactMode.ON_SITE,
            status=AttendanceStatus.PLANNED,
            themes=["sante", "logement"],
            notes="Compte-rendu-secret",
            **fields,
        )

    return make
