"""Une écriture refusée par la base donne un message en français, sans donnée de la ligne, et rien n'est écrit.

La base refuse vraiment (contrainte ajoutée pour le test, enregistrement concurrent) : rien n'est simulé.
"""

import pytest
from django.db import connection

from parcours.accompaniment.models import Contact
from parcours.programmes.imports.service import ImportAborted, import_folder
from parcours.young_people.models import YoungPerson
from tests.imports.csvfiles import checksum, counts, run
from tests.imports.personal import assert_no_personal_data

#: Ce que les messages d'erreur de PostgreSQL et SQLite contiennent : rien de cela ne doit paraître.
DATABASE_TEXT = ("Failing row", "DETAIL", "violates", "constraint failed", "Key (", "null value")


def refuse_lille_rows():
    """Une règle que la vérification ne connaît pas : la base refuse les jeunes domiciliés à Lille."""
    table = YoungPerson._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT test_refuse_lille CHECK (commune <> 'Lille')")
        else:
            cursor.execute(
                f"CREATE TRIGGER test_refuse_lille BEFORE INSERT ON {table} WHEN NEW.commune = 'Lille' "
                "BEGIN SELECT RAISE(ABORT, 'test_refuse_lille'); END"
            )


def aborted(folder, **kwargs):
    with pytest.raises(ImportAborted) as raised:
        import_folder(folder, **kwargs)
    message = str(raised.value)
    assert_no_personal_data(message, folder)
    assert not [text for text in DATABASE_TEXT if text in message], message
    return message


def test_a_database_refusal_names_the_file_and_lines_without_the_row(folder):
    refuse_lille_rows()
    before, fingerprint = counts(), checksum()
    message = aborted(folder)
    assert message.startswith(
        "Import annulé, rien n'a été enregistré : la base de données a refusé l'écriture de jeunes.csv "
        "(lignes 2 à 6) : "
    ), message
    assert message.endswith(
        "Si l'erreur persiste après avoir relancé l'import, transmettez ce message à l'assistance."
    )
    assert (counts(), checksum()) == (before, fingerprint)


def test_the_command_shows_the_same_message_and_no_traceback(folder):
    from django.core.management.base import CommandError

    refuse_lille_rows()
    with pytest.raises(CommandError) as raised:
        run(folder)
    assert str(raised.value).startswith(
        "Import annulé, rien n'a été enregistré : la base de données a refusé"
    )
    assert_no_personal_data(str(raised.value), folder)


def test_a_record_created_between_verification_and_writing(folder):
    """Un contact de même identifiant écrit pendant l'import (autre import, saisie à l'écran)."""

    def progress(rows, desc, total):
        if desc == "Écriture contacts.csv":
            ines = YoungPerson.objects.get(source_id="J-0001")
            Contact.objects.create(young_person=ines, source_id="C-1002", date=ines.first_reception_date)
        return rows

    message = aborted(folder, progress=progress, batch_size=2)
    assert message == (
        "Import annulé, rien n'a été enregistré : la base de données a refusé l'écriture de contacts.csv "
        "(lignes 2 à 3) : un enregistrement de même identifiant (id_source) a été créé entre la vérification et "
        "l'écriture, par un autre import ou à l'écran. Si l'erreur persiste après avoir relancé l'import, "
        "transmettez ce message à l'assistance."
    )
    assert set(counts().values()) == {0}
