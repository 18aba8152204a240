"""Texte d'un rappel et échéance : lieu, jour, heure, comment annuler ; rien de sensible."""

import datetime

import pytest

from parcours.accompaniment.enums import ContactMode
from parcours.referential.models import Site
from parcours.reminders import rules
from tests.reminders import NOW

START = datetime.datetime(2026, 3, 12, 8, 0, tzinfo=datetime.UTC)  # jeudi 12 mars, 9 h à Paris
SITE = Site(name="Antenne de Roubaix", commune="Roubaix", postcode="59100")


def test_email_text_says_place_day_time_and_how_to_cancel():
    text = rules.email_text(
        first_name="Inès",
        mission_locale_name="Mission locale A",
        start=START,
        mode=ContactMode.ON_SITE,
        site=SITE,
        cancel_contact="appelez le 03 20 00 00 00",
    )
    assert text.splitlines()[:6] == [
        "Bonjour Inès,",
        "",
        "Nous vous rappelons votre rendez-vous à la Mission locale A le jeudi 12 mars à 9 h.",
        "Lieu : Antenne de Roubaix, 59100 Roubaix.",
        "",
        "Pour annuler ou déplacer ce rendez-vous : appelez le 03 20 00 00 00.",
    ]


def test_sms_text_is_short_and_without_first_name():
    text = rules.sms_text(
        mission_locale_name="Mission locale A",
        start=START + datetime.timedelta(minutes=30),
        mode=ContactMode.PHONE,
        site=None,
        cancel_contact="",
    )
    assert text == (
        "Mission locale A : rappel de votre rendez-vous le jeudi 12 mars à 9 h 30, par téléphone : votre "
        "conseiller vous appellera. Pour annuler ou déplacer ce rendez-vous, prévenez la Mission locale A."
    )
    assert len(text) < 320  # deux SMS au plus


def test_the_site_gives_its_address_and_its_phone_to_cancel_when_the_ml_set_no_contact():
    site = Site(name="Antenne de Roubaix", address="12 rue de la Gare", commune="Roubaix", postcode="59100",
                phone="03 20 11 22 33")  # fmt: skip
    text = rules.sms_text(
        mission_locale_name="Mission locale A",
        start=START,
        mode=ContactMode.ON_SITE,
        site=site,
        cancel_contact="",
    )
    assert text == (
        "Mission locale A : rappel de votre rendez-vous le jeudi 12 mars à 9 h, Antenne de Roubaix, 12 rue de la "
        "Gare, 59100 Roubaix. Pour annuler ou déplacer ce rendez-vous, appelez le 03 20 11 22 33."
    )


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (START - datetime.timedelta(hours=48, seconds=1), False),
        (START - datetime.timedelta(hours=48), True),
        (START - datetime.timedelta(minutes=31), True),
        (START - datetime.timedelta(minutes=30), False),  # trop tard : le jeune est en route
        (START, False),
    ],
)
def test_a_reminder_is_due_from_the_delay_until_shortly_before(now, due):
    assert rules.is_due(START, 48, now) is due


def test_due_time_follows_the_ml_delay():
    assert rules.due_at(START, 24) == NOW + datetime.timedelta(hours=23, minutes=30)


@pytest.mark.parametrize(
    ("phone", "number"),
    [
        ("06 12 34 56 78", "0612345678"),
        ("07.12.34.56.78", "0712345678"),
        ("+33 6 12 34 56 78", "0612345678"),
        ("03 20 00 00 00", ""),  # fixe : pas de SMS
        ("", ""),
    ],
)
def test_sms_goes_to_french_mobiles_only(phone, number):
    assert rules.mobile_number(phone) == number
