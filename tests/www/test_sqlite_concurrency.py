"""La démo sur SQLite (issue 13) : des enregistrements simultanés attendent leur tour au lieu d'échouer en 500,
et une base restée occupée donne une page 503 « réessayez » en français. Une base fichier neuve, migrée dans
un processus à part (tests/www/sqlite_concurrency.py), sert aux deux tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite") / "demo.sqlite3"
    completed = subprocess.run(
        [sys.executable, "-m", "tests.www.sqlite_concurrency"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def test_six_simultaneous_saves_of_a_file_wait_their_turn(demo_run):
    result = demo_run["simultanes"]
    assert result["contacts"] == [302] * 6 and result["contacts_saved"] == 6
    # Ouverts à la même version : un seul enregistre, les cinq autres lisent le conflit (200), aucun 500.
    assert result["edits"] == [200] * 5 + [302]


def test_transactions_that_read_then_write_queue_instead_of_failing(demo_run):
    assert demo_run["lecture_puis_ecriture"] == {"errors": [], "contacts_saved": 6}


def test_a_database_locked_too_long_gives_a_french_retry_page(demo_run):
    assert demo_run["verrouille"] == {"code": 503, "retry_message": True, "commune": "Lille"}
