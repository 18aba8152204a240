"""Serveur SMTP de démonstration (``make demo``) : chaque courriel reçu est écrit, lisible, dans un fichier.

Lancé par ``python -m aiosmtpd -n -l 127.0.0.1:8025 -c parcours.reminders.devsmtp.FileInbox FICHIER``
(aiosmtpd, dépendance de développement) ; rien ne part vers l'extérieur. Ce module n'importe pas aiosmtpd :
il n'en est que le gestionnaire (``handle_DATA``)."""

import datetime
import email
import email.policy
import sys
from pathlib import Path


class FileInbox:
    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("FileInbox : donnez le fichier où écrire les courriels reçus.")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (nom imposé par aiosmtpd)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(
                f"--- Courriel reçu {now}\nDe : {message['From']}\nÀ : {', '.join(envelope.rcpt_tos)}\n"
                f"Objet : {str(message['Subject']).strip()}\nMessage-ID : {message['Message-ID']}\n\n"
                f"{text.replace(chr(13), '').strip()}\n\n"
            )
        print(f"[SMTP de démonstration] courriel reçu, écrit dans {self.path}", file=sys.stderr, flush=True)
        return "250 Message accepted for delivery"
