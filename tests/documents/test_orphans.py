"""Fichiers sans ligne (issue 12, rétention) : un dépôt dont la transaction est annulée après l'écriture du
fichier (erreur plus loin dans la même requête, processus tué) laisse sur le disque une pièce personnelle que
plus rien ne désigne — introuvable pour une demande d'effacement. Le travail de nuit les efface passé un délai
de grâce (un dépôt en cours a écrit son fichier et pas encore validé sa ligne ; une restauration remet les
fichiers avant les lignes)."""

import datetime
import os
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from parcours.documents import services
from parcours.documents.enums import DocumentKind
from parcours.documents.models import Document
from parcours.jobs import tasks
from tests.documents.matrix import pdf
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

#: Le délai de grâce et un peu plus : les dates des fichiers sont celles de l'horloge réelle.
LATER = services.ORPHAN_GRACE + datetime.timedelta(hours=1)


def _files():
    root = Path(settings.DOCUMENTS_DIR)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _add(young_person, counsellor, title):
    return services.add_document(
        young_person, uploaded=pdf(f"{title}.pdf"), kind=DocumentKind.CV, title=title, by=counsellor
    )


class Rollback(Exception):
    pass


def _rolled_back(young_person, counsellor, title):
    """Un dépôt validé dans son point de sauvegarde, puis annulé par la transaction qui l'entoure."""
    before = set(_files())
    with pytest.raises(Rollback), transaction.atomic():
        _add(young_person, counsellor, title)
        raise Rollback
    (name,) = set(_files()) - before
    return name


def _stranger(name):
    path = Path(settings.DOCUMENTS_DIR) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("rien à voir")


def test_a_rolled_back_upload_leaves_a_file_that_the_night_job_erases_after_the_grace_period(
    ml, other_ml, counsellor
):
    young_person = YoungPersonFactory(mission_locale=ml)
    kept = _add(young_person, counsellor, "cv gardé")
    orphan = _rolled_back(young_person, counsellor, "annulé")
    other_orphan = _rolled_back(YoungPersonFactory(mission_locale=other_ml), counsellor, "autre ML")
    strangers = ["notes.txt", f"{ml.pk}/pas-un-document", "sauvegarde/entrepot.duckdb"]
    for name in strangers:  # un répertoire mal réglé : ce qui n'a pas la forme d'un document reste
        _stranger(name)
    assert Document.objects.count() == 1 and len(_files()) == 6

    assert services.orphan_files() == []  # un dépôt peut être en cours
    with time_machine.travel(timezone.now() + LATER):
        assert services.orphan_files() == sorted([orphan, other_orphan])
        assert tasks.purge_orphan_documents.call() == {"fichiers": 2}
    assert _files() == sorted([kept.file.name, *strangers])
    assert Path(kept.file.path).read_bytes().startswith(b"%PDF")


def test_restored_files_wait_for_their_rows(ml, counsellor):
    """``tar`` remet les dates de modification d'origine : un fichier restauré a l'air vieux, mais son inode est
    neuf ; il n'est pas effacé pendant que la base est restaurée à côté."""
    young_person = YoungPersonFactory(mission_locale=ml)
    name = _rolled_back(young_person, counsellor, "restauré")
    old = (timezone.now() - datetime.timedelta(days=400)).timestamp()
    os.utime(Path(settings.DOCUMENTS_DIR) / name, (old, old))
    assert services.orphan_files() == []


def test_the_command_lists_without_erasing_unless_asked(ml, counsellor, capsys):
    orphan = _rolled_back(YoungPersonFactory(mission_locale=ml), counsellor, "annulé")
    with time_machine.travel(timezone.now() + LATER):
        call_command("documents_orphelins")
        assert f"1 fichier sans document depuis plus de 24 h.\n  {orphan}" in capsys.readouterr().out
        assert _files() == [orphan]
        call_command("documents_orphelins", "--effacer")
        assert "1 fichier effacé." in capsys.readouterr().out
    assert _files() == []


def test_a_missing_directory_is_not_an_error(settings, tmp_path):
    settings.DOCUMENTS_DIR = tmp_path / "absent"
    assert services.orphan_files() == []
