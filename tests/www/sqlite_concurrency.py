"""Enregistrements simultanés sur une base SQLite fichier (la démo), dans un processus à part.

Lancé par ``tests/www/test_sqlite_concurrency.py`` avec ``DATABASE_URL`` vers un fichier neuf :
``python -m tests.www.sqlite_concurrency``. Écrit sur la sortie un JSON des codes HTTP obtenus.

- ``simultanes`` : six conseillers enregistrent chacun un contact sur le même dossier au même instant, puis
  six modifient le dossier ouvert à la même version.
- ``lecture_puis_ecriture`` : six transactions lisent le dossier puis y écrivent, au même instant.
- ``verrouille`` : une autre connexion garde le verrou d'écriture plus longtemps que l'attente permise ;
  une modification du dossier arrive (attente permise : LOCKED_WAIT_SECONDS).
"""

import datetime
import json
import os
import sqlite3
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from parcours.accompaniment.enums import ContactKind  # noqa: E402
from parcours.accounts.enums import Role  # noqa: E402
from parcours.young_people.models import YoungPerson  # noqa: E402
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory  # noqa: E402
from tests.www.submit import submitted  # noqa: E402

WRITERS = 6
LOCKED_WAIT_SECONDS = 0.2


def _opened(user, url):
    """Un navigateur connecté qui a ouvert le formulaire ``url`` : (client, données à renvoyer)."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, submitted(client.get(url).context["form"])


def _all_at_once(posts):
    """Envoie chaque ``(client, url, données)`` dans son fil, tous au même instant ; codes HTTP reçus."""
    start, codes = threading.Barrier(len(posts)), []

    def send(client, url, data):
        start.wait()
        try:
            response = client.post(url, data)
            codes.append((response.status_code, "réessayez" in response.content.decode().lower()))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def simultaneous(young_person, users):
    contact_url = reverse("young_people:contact_create", kwargs={"pk": young_person.pk})
    edit_url = reverse("young_people:edit", kwargs={"pk": young_person.pk})
    contacts = [
        (client, contact_url, {**data, "kind": ContactKind.INDIVIDUAL, "notes": f"Entretien {i}"})
        for i, (client, data) in enumerate(_opened(user, contact_url) for user in users)
    ]
    edits = [
        (client, edit_url, {**data, "commune": f"Commune {i}"})
        for i, (client, data) in enumerate(_opened(user, edit_url) for user in users)
    ]
    return {
        "contacts": sorted(code for code, _ in _all_at_once(contacts)),
        "contacts_saved": young_person.contacts.count(),
        "edits": sorted(code for code, _ in _all_at_once(edits)),
    }


def read_then_write(young_person):
    """Six transactions qui lisent le dossier puis écrivent (le cas des services à règles) : aucune n'échoue."""
    start, errors = threading.Barrier(WRITERS), []

    def transaction_of(i):
        start.wait()
        try:
            with transaction.atomic():
                person = YoungPerson.objects.get(pk=young_person.pk)
                time.sleep(0.05)  # les autres lisent aussi avant que la première n'écrive
                person.contacts.create(
                    date=datetime.date(2025, 1, 10), kind=ContactKind.INDIVIDUAL, notes=str(i)
                )
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=transaction_of, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"errors": errors, "contacts_saved": young_person.contacts.count()}


def locked(young_person, users):
    url = reverse("young_people:edit", kwargs={"pk": young_person.pk})
    client, data = _opened(users[0], url)
    holder = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        [(code, retry)] = _all_at_once([(client, url, {**data, "commune": "Pendant le verrou"})])
    finally:
        holder.rollback()
        holder.close()
    young_person.refresh_from_db()
    return {"code": code, "retry_message": retry, "commune": young_person.commune}


def main():
    setup_test_environment()  # contexte des réponses, hôte « testserver »
    call_command("migrate", verbosity=0)
    ml = MissionLocaleFactory()
    users = [UserFactory(mission_locale=ml, role=Role.DIRECTOR) for _ in range(WRITERS)]
    result = {
        "simultanes": simultaneous(YoungPersonFactory(mission_locale=ml, commune="Lille"), users),
        "lecture_puis_ecriture": read_then_write(YoungPersonFactory(mission_locale=ml)),
    }
    # Puis une attente du verrou très courte (les connexions ouvertes ensuite la lisent).
    settings.DATABASES["default"]["OPTIONS"]["timeout"] = LOCKED_WAIT_SECONDS
    result["verrouille"] = locked(YoungPersonFactory(mission_locale=ml, commune="Lille"), users)
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
