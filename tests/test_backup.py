"""Sauvegarde et restauration (scripts/sauvegarde-restauration.sh) : pg_dump, restauration dans une base
neuve, mêmes comptes de lignes, entrepôt lisible. Sur PostgreSQL seulement (ignoré sur SQLite)."""

import io
import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from parcours.documents.services import add_document
from parcours.warehouse import store
from tests.documents.matrix import PDF, pdf
from tests.factories import ContactFactory, YoungPersonFactory

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "sauvegarde-restauration.sh"

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="sauvegarde pg_dump : sur PostgreSQL seulement (DATABASE_URL)",
)


def url(settings_dict, name):
    user, password = settings_dict["USER"] or "postgres", settings_dict["PASSWORD"]
    credentials = f"{user}:{password}" if password else user
    return f"postgresql://{credentials}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restauration"
    admin = url(connection.settings_dict, "postgres")
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    yield url(connection.settings_dict, name)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_dump_restore_into_a_new_database_keeps_every_row(ml, tmp_path, settings, restored_database):
    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    people = YoungPersonFactory.create_batch(3, mission_locale=ml)
    ContactFactory(young_person=people[0])
    document = add_document(people[1], uploaded=pdf(), kind="cv", title="CV", by=None)
    call_command("entrepot_extraire", stdout=io.StringIO(), verbosity=0)
    source = url(connection.settings_dict, connection.settings_dict["NAME"])
    backup = tmp_path / "sauvegarde"
    env = {
        **os.environ,
        "DATABASE_URL": source,
        "PARCOURS_WAREHOUSE_DIR": str(settings.WAREHOUSE_DIR),
        "PARCOURS_DOCUMENTS_DIR": str(settings.DOCUMENTS_DIR),
    }
    subprocess.run([SCRIPT, "sauvegarder", backup], env=env, check=True, capture_output=True)
    assert {p.name for p in backup.iterdir()} == {
        "base.dump",
        "comptes.txt",
        "entrepot.tar.gz",
        "documents.tar.gz",
    }

    target_warehouse, target_documents = tmp_path / "entrepot-restaure", tmp_path / "documents-restaures"
    done = subprocess.run(
        [SCRIPT, "restaurer", backup, restored_database, target_warehouse, target_documents],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Restauration vérifiée" in done.stdout
    with psycopg.connect(restored_database) as con:
        restored = con.execute("SELECT count(*) FROM young_people_youngperson").fetchone()[0]
        contacts = con.execute("SELECT count(*) FROM accompaniment_contact").fetchone()[0]
    assert (restored, contacts) == (3, 1)
    assert (target_documents / document.file.name).read_bytes() == PDF
    settings.WAREHOUSE_DIR = target_warehouse
    with store.connect() as con:
        assert store.last_extraction(con)["source"] == "operationnel"
        assert con.execute("SELECT count(*) FROM jeunes").fetchone()[0] == 3


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_silently_missing_rows(ml, tmp_path, restored_database):
    YoungPersonFactory(mission_locale=ml)
    backup = tmp_path / "sauvegarde"
    source = url(connection.settings_dict, connection.settings_dict["NAME"])
    env = {
        **os.environ,
        "DATABASE_URL": source,
        "PARCOURS_WAREHOUSE_DIR": str(tmp_path / "aucun"),
        "PARCOURS_DOCUMENTS_DIR": str(tmp_path / "aucun-document"),
    }
    subprocess.run([SCRIPT, "sauvegarder", backup], env=env, check=True, capture_output=True)
    counts = backup / "comptes.txt"
    counts.write_text(counts.read_text().replace("young_people_youngperson 1", "young_people_youngperson 2"))
    done = subprocess.run(
        [SCRIPT, "restaurer", backup, restored_database, tmp_path / "w"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "comptes de lignes diffèrent" in done.stderr
