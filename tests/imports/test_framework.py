"""Le cadre commun des imports (parcours/imports) et les dates d'option des commandes."""

import datetime
import io

import pytest
from django.core.management.base import CommandError

from parcours.commands import french_date, iso_date
from parcours.imports.atomic import write_all_or_nothing
from parcours.imports.batches import batched
from parcours.imports.report import ImportReport, LineError
from parcours.referential.models import Region


def test_batched_reads_any_iterable_in_lists():
    assert list(batched((n for n in range(5)), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []


def test_line_error_names_its_file_in_a_folder_import():
    assert str(LineError(3, "nom", "Valeur obligatoire.", file="jeunes.csv")) == (
        "jeunes.csv, ligne 3, colonne nom : Valeur obligatoire."
    )
    assert str(LineError(3, "nom", "100 caractères au plus.")) == (
        "Ligne 3, colonne « nom » : 100 caractères au plus."
    )
    assert str(LineError(None, "", "rien n'a été enregistré.")) == "Fichier : rien n'a été enregistré."


def test_report_writes_its_errors_as_csv():
    report = ImportReport()
    assert report.ok
    report.add_error(2, "nom", "=1+1")
    out = io.StringIO()
    report.write_errors(out, ["ligne", "colonne", "erreur"], ("line", "column", "message"))
    assert out.getvalue() == "ligne;colonne;erreur\r\n2;nom;'=1+1\r\n"
    assert not report.ok


@pytest.mark.django_db
def test_write_all_or_nothing_cancels_on_a_reported_error_or_a_dry_run():
    def write(report, code):
        def run():
            Region.objects.create(code=code, name=f"Région {code}")
            if code == "X8":
                report.add_error(1, "", "refus")

        return run

    assert write_all_or_nothing(write(ImportReport(), "X7"), ImportReport())
    failing = ImportReport()
    assert not write_all_or_nothing(write(failing, "X8"), failing)
    assert not write_all_or_nothing(write(ImportReport(), "X9"), ImportReport(), dry_run=True)
    assert list(Region.objects.filter(code__in=["X7", "X8", "X9"]).values_list("code", flat=True)) == ["X7"]


def test_command_dates_are_read_in_one_place():
    assert iso_date("2026-03-31") == datetime.date(2026, 3, 31)
    assert french_date("31/03/2026") == datetime.date(2026, 3, 31)
    with pytest.raises(CommandError, match=r"Date invalide : « 31/02/2026 » \(format JJ/MM/AAAA\)\."):
        french_date("31/02/2026")
    with pytest.raises(CommandError, match=r"\(format AAAA-MM-JJ\)"):
        iso_date("2026-13-01")
