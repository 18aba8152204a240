"""Un travailleur tué en plein lot : après reprise, aucun rappel perdu, aucun envoyé deux fois."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.reminders import sending, services
from parcours.reminders.enums import MessageStatus
from parcours.reminders.models import ReminderMessage
from tests.factories import ContactFactory, MissionLocaleFactory, UserFactory, YoungPersonFactory
from tests.reminders.crash import Killed, Plan

WEDNESDAY = datetime.date(2026, 3, 11)
ROOT = Path(__file__).resolve().parents[2]


def _people(ml, counsellor, count, day, first_hour=9):
    """``count`` jeunes d'accord (un sur deux par courriel, l'autre par SMS), chacun un rendez-vous ``day``."""
    people = []
    for n in range(count):
        channel = "courriel" if n % 2 == 0 else "sms"
        young = YoungPersonFactory(
            mission_locale=ml, email=f"jeune{n}@example.org", phone=f"06 00 00 00 {n:02d}"
        )
        services.record_consent(young, channel=channel, consent=True, by=counsellor)
        ContactFactory(
            young_person=young,
            counsellor=counsellor,
            date=day,
            time=datetime.time(first_hour + n // 2, 30 * (n % 2)),
            duration=30,
            status=AttendanceStatus.PLANNED,
        )
        people.append(young)
    return people


def _sms_numbers(path):
    if not path.exists():
        return []
    return [
        line.split(" à ")[1].split(" ")[0]
        for line in path.read_text().splitlines()
        if line.startswith("--- SMS")
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize("after_acceptance", [False, True], ids=["avant-remise", "apres-remise"])
@pytest.mark.parametrize("kill_at", [2, 3, 5])
def test_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    settings, frozen, ml, counsellor, kill_at, after_acceptance
):
    settings.EMAIL_BACKEND = "tests.reminders.crash.KillingEmailBackend"
    people = _people(ml, counsellor, 6, WEDNESDAY)
    assert sending.plan_due() == 6
    Plan.reset(kill_at=kill_at, after_acceptance=after_acceptance)
    with pytest.raises(Killed):
        sending.send_due(batch_size=4, sms_backend=_killing_sms())
    assert Plan.calls == kill_at
    done = ReminderMessage.objects.filter(status=MessageStatus.SENT).count()
    assert done == kill_at - 1  # chaque envoi réussi est enregistré aussitôt
    assert ReminderMessage.objects.filter(status=MessageStatus.SENDING).count() == 1  # celui en cours

    # Le travailleur redémarre : il envoie ce que le mort n'avait pas pris (son premier lot comptait 4 messages)
    # et, tant que le bail court, ne touche pas au lot du mort ; le bail expiré, il le reprend.
    Plan.reset()
    first = sending.send_due(sms_backend=_killing_sms())["envoyes"]
    assert first == (2 if kill_at <= 4 else 0)
    frozen.shift(datetime.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS + 1))
    assert sending.send_due(sms_backend=_killing_sms())["envoyes"] == 6 - done - first

    assert set(ReminderMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    emails = sorted(to for e in mail.outbox for to in e.to)
    sms = sorted(_sms_numbers(settings.REMINDERS_SMS_FILE))
    expected_emails = sorted(p.email for p in people[0::2])
    if after_acceptance and kill_at % 2 == 1:
        # Le travailleur est mort dans l'instant entre le « 250 OK » du serveur SMTP et l'écriture en base :
        # SMTP n'a pas de clé d'idempotence, le courriel repart avec le même Message-ID (un seul message pour
        # la messagerie du jeune). C'est le seul cas ; un SMS, lui, n'est jamais renvoyé (clé d'idempotence).
        assert sorted(set(emails)) == expected_emails and len(emails) == 4
        assert len({e.extra_headers["Message-ID"] for e in mail.outbox}) == 3
    else:
        assert emails == expected_emails
    assert sms == [f"06000000{n:02d}" for n in (1, 3, 5)]
    in_flight = ReminderMessage.objects.get(attempts=2)
    assert in_flight.appointment.young_person == people[kill_at - 1]


def _killing_sms():
    from tests.reminders.crash import KillingSmsBackend

    return KillingSmsBackend()


@pytest.mark.django_db(transaction=True)
def test_worker_process_killed_then_restarted(settings, tmp_path):
    """Un vrai processus ``envoyer_rappels`` tué (SIGKILL) en plein lot, puis relancé : chaque SMS part une fois."""
    if connection.vendor != "postgresql":
        pytest.skip("Deux processus sur la même base de test : PostgreSQL.")
    ml = MissionLocaleFactory()
    counsellor = UserFactory(mission_locale=ml)
    soon = timezone.localtime() + datetime.timedelta(hours=3)
    people = []
    for n in range(8):
        young = YoungPersonFactory(mission_locale=ml, phone=f"07 00 00 00 {n:02d}")
        services.record_consent(young, channel="sms", consent=True, by=counsellor)
        ContactFactory(
            young_person=young,
            counsellor=counsellor,
            date=soon.date(),
            time=soon.time().replace(second=0, microsecond=0),
            duration=30,
            status=AttendanceStatus.PLANNED,
        )
        people.append(young)
    db = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PARCOURS_VAR_DIR": str(tmp_path),
        "PARCOURS_SMS_BACKEND": "tests.reminders.crash.SlowSmsBackend",
        "PARCOURS_RAPPELS_BAIL": "1",
    }
    sms_file = tmp_path / "rappels" / "sms.txt"
    command = [sys.executable, "manage.py", "envoyer_rappels", "--lot", "3"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_sms_numbers(sms_file)) < 2 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    _, errors = worker.communicate(timeout=10)
    sent_before = len(_sms_numbers(sms_file))
    assert 2 <= sent_before < 8, errors.decode()[-2000:]
    time.sleep(1.2)  # le bail du travailleur tué expire
    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert sorted(_sms_numbers(sms_file)) == [f"07000000{n:02d}" for n in range(8)]
    assert set(ReminderMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert ReminderMessage.objects.count() == 8
