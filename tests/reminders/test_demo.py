"""``make demo`` : des jeunes d'accord ont un rendez-vous demain ; le rappel arrive au serveur SMTP de
démonstration (écrit dans un fichier lisible) et au fichier des SMS."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from parcours.accounts.demo import DEMO_ML_CODE
from parcours.accounts.enums import Role
from parcours.referential.models import MissionLocale
from parcours.reminders import demo, sending
from parcours.reminders.devsmtp import FileInbox
from parcours.reminders.models import ReminderMessage
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def demo_inbox(settings, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = tmp_path / "rappels" / "courriels.txt"
    controller = Controller(FileInbox(path), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield path
    controller.stop()


def test_demo_reminders_really_go_out(demo_inbox, settings):
    lille = MissionLocale.objects.get(code=DEMO_ML_CODE)
    counsellor = UserFactory(username="conseiller", mission_locale=lille, role=Role.COUNSELLOR)
    for n in range(8):
        YoungPersonFactory(
            mission_locale=lille,
            referent=counsellor,
            email=f"jeune{n}@example.com",
            phone=f"06 11 22 33 {n:02d}",
        )
    assert demo.prepare(timezone.now()) == 6
    assert demo.prepare(timezone.now()) == 0  # relancé : rien de plus
    assert sending.run()["envoyes"] == 6
    inbox = demo_inbox.read_text()
    assert inbox.count("--- Courriel reçu") == 3
    assert "Objet : Rappel : rendez-vous à la Mission locale de Lille le mercredi 11 mars à 9 h" in inbox
    assert "Pour annuler ou déplacer ce rendez-vous : appelez l'accueil au 03 20 00 00 00" in inbox
    assert settings.REMINDERS_SMS_FILE.read_text().count("--- SMS") == 3
    assert ReminderMessage.objects.filter(status="envoye").count() == 6
