"""Rappels dus, envoyés une fois : échéance, accord, canal, rendez-vous annulé ou déplacé, erreurs du prestataire."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.agenda import services as agenda
from parcours.reminders import sending, services
from parcours.reminders.enums import MessageStatus
from parcours.reminders.models import ReminderMessage
from tests.factories import MissionLocaleFactory, YoungPersonFactory
from tests.reminders import NOW, THURSDAY, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

SENSITIVE = ["Zyxwvutsrq", "santé", "sante", "logement", "Compte-rendu-secret", "Suivi-psy-confidentiel"]


def statuses():
    return sorted(ReminderMessage.objects.values_list("channel", "status"))


def sms_lines(settings):
    path = settings.REMINDERS_SMS_FILE
    return path.read_text().count("--- SMS") if path.exists() else 0


def test_due_reminder_goes_out_once_by_email_with_no_sensitive_data(consenting, appointment, counsellor, ml):
    consenting("courriel")
    services.update_settings(ml, delay_hours=48, cancel_contact="appelez le 03 20 00 00 00", by=counsellor)
    appointment()  # jeudi 9 h : rappel dû depuis mardi 9 h
    assert sending.run() == {"planifies": 1, "envoyes": 1, "echecs": 0, "sans_objet": 0}
    assert sending.run() == {"planifies": 0, "envoyes": 0, "echecs": 0, "sans_objet": 0}
    [email] = mail.outbox
    assert email.to == ["ines@example.org"]
    assert email.subject == "Rappel : rendez-vous à la Mission locale A le jeudi 12 mars à 9 h"
    assert "Lieu : Antenne de Roubaix, 59100 Roubaix." in email.body
    assert "appelez le 03 20 00 00 00" in email.body
    assert not [word for word in SENSITIVE if word.lower() in (email.subject + email.body).lower()]
    message = ReminderMessage.objects.get()
    assert (message.status, message.attempts, message.body) == (MessageStatus.SENT, 1, email.body)
    assert message.sent_at == NOW and message.provider_id == email.extra_headers["Message-ID"]


def test_sms_goes_to_the_file_backend(consenting, appointment, settings):
    consenting("sms")
    appointment()
    sending.run()
    text = settings.REMINDERS_SMS_FILE.read_text()
    assert "à 0612345678" in text and "jeudi 12 mars à 9 h, Antenne de Roubaix, 59100 Roubaix" in text
    assert "Inès" not in text and not [w for w in SENSITIVE if w.lower() in text.lower()]
    assert statuses() == [("sms", MessageStatus.SENT)]


def test_not_due_yet_then_due_when_the_time_comes(consenting, appointment, frozen):
    consenting()
    appointment(time=datetime.time(14, 0))  # rappel dû mardi à 14 h
    assert sending.run()["planifies"] == 0
    frozen.shift(datetime.timedelta(hours=4, minutes=30))
    assert sending.run()["envoyes"] == 1


def test_ml_delay_replaces_the_default(consenting, appointment, ml, counsellor, frozen):
    consenting()
    services.update_settings(ml, delay_hours=24, cancel_contact="", by=counsellor)
    appointment()  # jeudi 9 h : à 24 h, dû mercredi 9 h
    assert sending.run()["planifies"] == 0
    frozen.shift(datetime.timedelta(hours=24))
    assert sending.run()["envoyes"] == 1


@pytest.mark.parametrize(
    "setup",
    ["no_consent", "consent_none", "no_email", "landline", "archived", "past", "no_time", "other_status"],
)
def test_no_reminder_without_consent_reachable_channel_or_planned_appointment(
    setup, young, consenting, appointment, counsellor
):
    channel = "sms" if setup == "landline" else "courriel"
    if setup != "no_consent":
        consenting(channel)
    if setup == "consent_none":
        services.record_consent(young, channel="aucun", consent=False, by=counsellor)
    if setup == "no_email":
        young.email = ""
        young.save()
    if setup == "landline":
        young.phone = "03 20 00 00 00"
        young.save()
    if setup == "archived":
        young.archived_at = NOW
        young.archive_reason = "demenagement"
        young.save(update_fields=["archived_at", "archive_reason"])
    day, time = THURSDAY, datetime.time(9, 0)
    if setup == "past":
        day = datetime.date(2026, 3, 10)  # ce matin à 9 h : passé
    appointment(day=day, time=None if setup == "no_time" else time)
    if setup == "other_status":
        young.contacts.update(status=AttendanceStatus.EXCUSED)
    assert sending.run()["planifies"] == 0
    assert mail.outbox == []


def test_cancelled_appointment_gets_no_stale_reminder(consenting, appointment):
    consenting()
    planned = appointment()
    assert sending.plan_due() == 1
    agenda.mark(planned, planned.version, AttendanceStatus.CANCELLED)
    assert sending.send_due() == {"envoyes": 0, "echecs": 0, "sans_objet": 1}
    assert mail.outbox == []
    message = ReminderMessage.objects.get()
    assert (message.status, message.last_error) == (MessageStatus.CANCELLED, "rendez-vous annulé ou passé")


def test_moved_appointment_is_reminded_for_its_new_time_only(consenting, appointment, counsellor, site):
    consenting()
    planned = appointment()
    sending.plan_due()
    planned.refresh_from_db()
    wednesday = datetime.date(2026, 3, 11)
    agenda.move(planned, planned.version, date=wednesday, time=datetime.time(10, 0), duration=30, site=site)
    counts = sending.run()
    assert (counts["planifies"], counts["envoyes"], counts["sans_objet"]) == (1, 1, 1)
    [email] = mail.outbox
    assert "le mercredi 11 mars à 10 h." in email.body
    assert sorted(ReminderMessage.objects.values_list("status", flat=True)) == [
        MessageStatus.SENT,
        MessageStatus.CANCELLED,
    ]


def test_appointment_moved_after_its_reminder_gets_a_new_one(consenting, appointment, site):
    consenting()
    planned = appointment()
    sending.run()
    planned.refresh_from_db()
    agenda.move(planned, planned.version, date=THURSDAY, time=datetime.time(8, 30), duration=30, site=site)
    sending.run()
    assert [e.body.splitlines()[2].rsplit(" le ", 1)[1] for e in mail.outbox] == [
        "jeudi 12 mars à 9 h.",
        "jeudi 12 mars à 8 h 30.",
    ]


def test_appointment_moved_then_moved_back_is_reminded_at_its_real_time(consenting, appointment, site):
    """Un rappel devenu sans objet ne bloque pas celui de la même heure, si le rendez-vous y revient (revue)."""
    consenting()
    planned = appointment()  # jeudi 9 h
    sending.plan_due()
    planned.refresh_from_db()
    agenda.move(planned, planned.version, date=THURSDAY, time=datetime.time(10, 0), duration=30, site=site)
    sending.run()  # le rappel de 9 h devient sans objet
    planned.refresh_from_db()
    agenda.move(planned, planned.version, date=THURSDAY, time=datetime.time(9, 0), duration=30, site=site)
    assert sending.run()["envoyes"] == 1
    assert mail.outbox[-1].body.splitlines()[2].endswith("le jeudi 12 mars à 9 h.")


def test_withdrawn_consent_or_changed_channel_stops_the_pending_message(
    consenting, appointment, young, counsellor, settings
):
    consenting("courriel")
    appointment()
    sending.plan_due()
    services.record_consent(young, channel="sms", consent=True, by=counsellor)
    counts = sending.run()
    assert (counts["sans_objet"], counts["envoyes"]) == (1, 1)
    assert mail.outbox == [] and sms_lines(settings) == 1


def test_planning_each_minute_reads_only_what_is_not_planned_yet(
    consenting, appointment, young, counsellor, site
):
    """Le travailleur planifie chaque minute : ce qui a déjà son rappel n'est plus relu (bench/reminders.py,
    « replanification ») ; un rendez-vous déplacé ou un canal changé redevient candidat, une fois."""
    consenting()
    planned = appointment(day=TODAY, time=datetime.time(14, 0))  # délai de 24 h : tous deux dus
    other = appointment(day=TODAY + datetime.timedelta(days=1), time=datetime.time(9, 0))
    window = sending._candidates(NOW, 24)
    assert sorted(c.pk for c in window) == sorted([planned.pk, other.pk])
    assert sending.plan_due() == 2
    assert list(sending._candidates(NOW, 24)) == [] and sending.plan_due() == 0
    other.refresh_from_db()
    agenda.move(other, other.version, date=other.date, time=datetime.time(8, 30), duration=30, site=site)
    assert [c.pk for c in sending._candidates(NOW, 24)] == [other.pk]
    services.record_consent(young, channel="sms", consent=True, by=counsellor)
    assert sorted(c.pk for c in sending._candidates(NOW, 24)) == sorted([planned.pk, other.pk])
    assert sending.plan_due() == 2 and sending.plan_due() == 0


def test_one_reminder_per_appointment_time_and_channel_in_the_database(consenting, appointment):
    consenting()
    sending.plan_due()
    appointment()
    sending.plan_due()
    message = ReminderMessage.objects.get()
    with pytest.raises(IntegrityError):
        ReminderMessage.objects.create(
            appointment=message.appointment,
            channel=message.channel,
            starts_at=message.starts_at,
            due_at=message.due_at,
        )


class Refusing:
    def __init__(self):
        self.calls = 0

    def send(self, number, text, idempotency_key):
        from parcours.reminders.sms import SmsError

        self.calls += 1
        raise SmsError("Le prestataire SMS a répondu 503.")


def test_provider_error_is_retried_then_fails_after_max_attempts(consenting, appointment, frozen):
    consenting("sms")
    appointment()
    refusing = Refusing()
    sending.plan_due()
    assert sending.send_due(sms_backend=refusing)["echecs"] == 1
    message = ReminderMessage.objects.get()
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.PENDING,
        1,
        "Le prestataire SMS a répondu 503.",
    )
    assert sending.send_due(sms_backend=refusing)["echecs"] == 0  # réessai seulement après le délai
    for _ in range(2):
        frozen.shift(datetime.timedelta(minutes=6))
        sending.send_due(sms_backend=refusing)
    message.refresh_from_db()
    assert (message.status, message.attempts, refusing.calls) == (MessageStatus.FAILED, 3, 3)


def test_batches_split_the_work_and_a_limit_stops_it(consenting, appointment, counsellor, ml):
    for n in range(5):
        person = YoungPersonFactory(mission_locale=ml, email=f"jeune{n}@example.org")
        consenting("courriel", person=person)
        appointment(person=person, day=datetime.date(2026, 3, 11), time=datetime.time(9 + n, 0))
    assert sending.plan_due(NOW) == 5
    assert sending.send_due(batch_size=2, limit=3)["envoyes"] == 3
    assert sending.send_due(batch_size=2)["envoyes"] == 2
    assert len(mail.outbox) == 5 and len({e.to[0] for e in mail.outbox}) == 5


def test_other_ml_delay_does_not_apply(consenting, appointment, counsellor):
    other = MissionLocaleFactory()
    services.update_settings(other, delay_hours=2, cancel_contact="", by=counsellor)
    consenting()
    appointment()
    assert sending.run()["envoyes"] == 1  # la ML du jeune garde 48 h


def test_booking_on_the_web_sends_nothing_the_worker_does(client, counsellor, young, consenting, site):
    consenting("courriel")
    client.force_login(counsellor)
    response = client.post(
        reverse("agenda:appointment_create") + f"?jeune={young.pk}",
        {
            "counsellor": counsellor.pk,
            "date": "11/03/2026",
            "time": "10:00",
            "duration": "30",
            "site": site.pk,
            "mode": "sur_site",
            "themes": ["emploi"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert young.contacts.filter(status=AttendanceStatus.PLANNED).count() == 1
    assert mail.outbox == [] and not ReminderMessage.objects.exists()  # rien pendant la requête
    assert sending.run()["envoyes"] == 1 and len(mail.outbox) == 1


def test_two_workers_never_take_the_same_message(consenting, appointment, settings):
    consenting("sms")
    appointment()
    sending.plan_due()
    first = sending.claim("travailleur-a", 10, NOW)
    assert len(first) == 1 and sending.claim("travailleur-b", 10, NOW) == []
    later = NOW + datetime.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS + 1)
    assert sending.claim("travailleur-b", 10, later) == first  # A ne bat plus : B reprend le message
    # A se réveille : le message n'est plus à lui, il ne l'envoie pas.
    assert sending._load(first, "travailleur-a") == []
    assert sending.send_due(now=later, worker_id="travailleur-b")["envoyes"] == 0  # bail de B en cours
    assert (
        sending.send_due(now=later + datetime.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS + 1))[
            "envoyes"
        ]
        == 1
    )
    assert settings.REMINDERS_SMS_FILE.read_text().count("--- SMS") == 1


def test_recipient_and_text_are_forgotten_three_months_after_the_appointment(consenting, appointment):
    consenting()
    appointment()
    sending.run()
    message = ReminderMessage.objects.get()
    assert message.recipient and message.body
    assert sending.forget_old(now=message.starts_at + datetime.timedelta(days=89)) == 0
    assert sending.forget_old(now=message.starts_at + datetime.timedelta(days=91)) == 1
    message.refresh_from_db()
    assert (message.recipient, message.body, message.status) == ("", "", MessageStatus.SENT)


def test_a_stuck_mail_or_sms_server_gives_up_before_another_worker_takes_the_message(settings):
    from parcours.reminders.sms import HttpBackend

    assert 0 < settings.EMAIL_TIMEOUT < settings.REMINDERS_LEASE_SECONDS
    assert (
        0
        < HttpBackend(url="http://127.0.0.1:9", token="t", sender="ML").timeout
        < settings.REMINDERS_LEASE_SECONDS
    )
