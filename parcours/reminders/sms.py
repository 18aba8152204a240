"""Envoi des SMS : une petite interface, ``send(number, text, idempotency_key) -> identifiant du prestataire``.

Le prestataire se choisit par le réglage ``REMINDERS_SMS_BACKEND`` (variable ``PARCOURS_SMS_BACKEND``) :
- ``parcours.reminders.sms.HttpBackend`` : un prestataire par API HTTP (``PARCOURS_SMS_URL``,
  ``PARCOURS_SMS_TOKEN``, ``PARCOURS_SMS_EXPEDITEUR``) ; la clé d'idempotence part dans l'en-tête
  ``Idempotency-Key`` : le prestataire n'envoie pas deux fois un message réessayé ;
- ``parcours.reminders.sms.FileBackend`` (développement, démonstration) : ajoute chaque SMS à un fichier
  (``PARCOURS_VAR_DIR/rappels/sms.txt``), une seule fois par clé, comme le ferait le prestataire.
"""

import datetime
import fcntl
import json
import urllib.error
import urllib.request
import uuid

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """Le prestataire a refusé le message ou ne répond pas ; le message sera réessayé."""


class FileBackend:
    def __init__(self, path=None):
        self.path = path or settings.REMINDERS_SMS_FILE

    def send(self, number, text, idempotency_key):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = str(idempotency_key)
        with open(self.path, "a+", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # deux travailleurs : une ligne entière chacun
            out.seek(0)
            for line in out:
                if line.startswith("--- ") and f"clé {key}" in line:
                    return f"fichier-{key}"  # déjà reçu : le « prestataire » ne l'envoie pas deux fois
            now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
            out.write(f"--- SMS {now} à {number} (clé {key})\n{text}\n\n")
        return f"fichier-{key}"


class HttpBackend:
    """Un prestataire SMS par API HTTP : POST JSON ``{"to", "from", "text"}``, réponse JSON ``{"id": ...}``."""

    def __init__(self, url=None, token=None, sender=None, timeout=10):
        self.url = url or settings.REMINDERS_SMS_URL
        self.token = token if token is not None else settings.REMINDERS_SMS_TOKEN
        self.sender = sender if sender is not None else settings.REMINDERS_SMS_SENDER
        self.timeout = timeout

    def send(self, number, text, idempotency_key):
        if not self.url:
            raise SmsError("Aucun prestataire SMS configuré (PARCOURS_SMS_URL).")
        payload = json.dumps({"to": _international(number), "from": self.sender, "text": text}).encode()
        request = urllib.request.Request(
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": str(idempotency_key),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (URL réglée)
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise SmsError(f"Le prestataire SMS a répondu {error.code}.") from None
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsError(f"Prestataire SMS injoignable ({type(error).__name__}).") from None
        return str(answer.get("id") or answer.get("message_id") or uuid.UUID(str(idempotency_key)))


def _international(number):
    return "+33" + number[1:] if number.startswith("0") else number


def get_backend():
    return import_string(settings.REMINDERS_SMS_BACKEND)()
