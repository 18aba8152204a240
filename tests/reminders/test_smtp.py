"""De bout en bout : le rappel part par le vrai protocole SMTP vers un serveur local (aiosmtpd) et y arrive avec
le bon texte ; le SMS part par HTTP vers un prestataire local, avec sa clé d'idempotence."""

import email
import email.policy
import http.server
import json
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from parcours.reminders import sending, services
from parcours.reminders.enums import MessageStatus
from parcours.reminders.models import ReminderMessage
from parcours.reminders.sms import HttpBackend, SmsError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


class Inbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (nom imposé par aiosmtpd)
        self.received.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # un port libre
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def test_reminder_email_reaches_a_real_smtp_server_with_the_right_text(
    smtp_server, consenting, appointment, ml, counsellor
):
    services.update_settings(ml, delay_hours=48, cancel_contact="appelez le 03 20 00 00 00", by=counsellor)
    consenting("courriel")
    appointment()
    assert sending.run()["envoyes"] == 1
    [(sender, recipients, content)] = smtp_server.received
    assert recipients == ["ines@example.org"] and sender == "ne-pas-repondre@parcours.invalid"
    received = email.message_from_bytes(content, policy=email.policy.default)
    assert received["Subject"].strip() == "Rappel : rendez-vous à la Mission locale A le jeudi 12 mars à 9 h"
    body = received.get_content().replace("\r\n", "\n")  # fins de ligne du protocole SMTP
    assert body.startswith(
        "Bonjour Inès,\n\nNous vous rappelons votre rendez-vous à la Mission locale A le jeudi"
    )
    assert "Lieu : Antenne de Roubaix, 59100 Roubaix." in body
    assert "Pour annuler ou déplacer ce rendez-vous : appelez le 03 20 00 00 00." in body
    for secret in ("Zyxwvutsrq", "Compte-rendu-secret", "Suivi-psy-confidentiel", "Santé", "Logement"):
        assert secret.lower() not in body.lower()
    message = ReminderMessage.objects.get()
    assert received["Message-ID"] == message.provider_id == f"<{message.idempotency_key}@rappels.parcours>"
    assert message.status == MessageStatus.SENT


def test_smtp_server_down_keeps_the_message_for_a_retry(settings, consenting, appointment):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # rien n'écoute
    consenting("courriel")
    appointment()
    assert sending.run()["echecs"] == 1
    message = ReminderMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
    assert message.last_error == "Erreur d'envoi (ConnectionRefusedError)."


class Provider(http.server.BaseHTTPRequestHandler):
    requests = []
    answer = (200, {"id": "sms-42"})

    def do_POST(self):  # noqa: N802
        length = int(self.headers["Content-Length"])
        Provider.requests.append((dict(self.headers), json.loads(self.rfile.read(length))))
        code, payload = Provider.answer
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(payload).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    Provider.requests, Provider.answer = [], (200, {"id": "sms-42"})
    server = http.server.HTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/messages"
    server.shutdown()
    server.server_close()


def test_http_sms_provider_gets_number_text_token_and_idempotency_key(
    provider, consenting, appointment, settings
):
    settings.REMINDERS_SMS_BACKEND = "parcours.reminders.sms.HttpBackend"
    settings.REMINDERS_SMS_URL, settings.REMINDERS_SMS_TOKEN = provider, "jeton-secret"
    consenting("sms")
    appointment()
    assert sending.run()["envoyes"] == 1
    [(headers, payload)] = Provider.requests
    message = ReminderMessage.objects.get()
    assert headers["Authorization"] == "Bearer jeton-secret"
    assert headers["Idempotency-Key"] == str(message.idempotency_key)
    assert payload == {"to": "+33612345678", "from": "MissionLoc", "text": message.body}
    assert message.provider_id == "sms-42"


def test_http_sms_provider_refusal_is_an_sms_error(provider):
    Provider.answer = (503, {"error": "indisponible"})
    with pytest.raises(SmsError, match="Le prestataire SMS a répondu 503."):
        HttpBackend(url=provider, token="t", sender="ML").send("0612345678", "texte", "cle")


def test_delivery_callback_marks_the_sms_delivered(client, settings, consenting, appointment):
    settings.REMINDERS_SMS_CALLBACK_TOKEN = "jeton-retour"
    consenting("sms")
    appointment()
    sending.run()
    message = ReminderMessage.objects.get()
    url = "/rappels/sms/etat/"
    body = json.dumps({"id": message.provider_id, "status": "delivered"})
    assert client.post(url, body, content_type="application/json").status_code == 403
    response = client.post(
        url, body, content_type="application/json", headers={"Authorization": "Bearer jeton-retour"}
    )
    assert (response.status_code, response.content) == (200, b"1")
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED and message.delivered_at is not None


def test_interim_statuses_change_nothing_and_a_late_delivery_wins(client, settings, consenting, appointment):
    """« sent », « queued » : états intermédiaires ; « delivered » après un « failed » : remis (revue)."""
    settings.REMINDERS_SMS_CALLBACK_TOKEN = "jeton-retour"
    consenting("sms")
    appointment()
    sending.run()
    message = ReminderMessage.objects.get()

    def post(status):
        body = json.dumps({"id": message.provider_id, "status": status})
        auth = {"Authorization": "Bearer jeton-retour"}
        client.post("/rappels/sms/etat/", body, content_type="application/json", headers=auth)
        message.refresh_from_db()
        return message.status

    assert [post("sent"), post("queued")] == [MessageStatus.SENT, MessageStatus.SENT]
    assert post("failed") == MessageStatus.FAILED
    assert post("delivered") == MessageStatus.DELIVERED
