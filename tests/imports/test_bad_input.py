"""Issue 13 : chaque entrée invalide du fichier donne un message en français avec sa ligne et sa colonne,
rien n'est écrit, jamais de trace (sur PostgreSQL, un NUL faisait planter l'import)."""

import datetime

import time_machine

from tests.imports.csvfiles import read, set_cell, write
from tests.imports.test_import_errors import assert_refused_without_writing


@time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0), tick=False)
def test_first_reception_in_the_future_is_refused(folder):
    set_cell(folder / "jeunes.csv", 2, "date_premier_accueil", "2026-06-02")
    assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 2, colonne date_premier_accueil : Date dans le futur (2026-06-02) : "
        "elle ne peut pas dépasser aujourd'hui (2026-06-01).",
    )


def test_nul_byte_in_a_cell_is_refused(folder):
    set_cell(folder / "jeunes.csv", 3, "nom", "N'Di\x00aye")
    set_cell(folder / "jeunes.csv", 4, "commune", "Li\x00lle")
    output = assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 3, colonne nom : Valeur refusée : caractère de contrôle interdit (code 0x00) "
        "en position 5.",
    )
    assert (
        "jeunes.csv, ligne 4, colonne commune : Valeur refusée : caractère de contrôle interdit "
        "(code 0x00) en position 3." in output.splitlines()
    )


def test_huge_cell_is_refused_without_being_echoed(folder):
    set_cell(folder / "jeunes.csv", 2, "commune", "L" * 5_000_000)
    output = assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 2, colonne commune : Valeur refusée : valeur de 5\u202f000\u202f000 caractères : "
        "100\u202f000 au plus.",
    )
    assert len(output) < 2_000
    assert "field limit" not in output


def test_bytes_that_are_not_utf8_give_their_line_and_column(folder):
    rows = read(folder / "jeunes.csv")
    write(folder / "jeunes.csv", rows)
    path = folder / "jeunes.csv"
    content = path.read_bytes().split(b"\n")
    content[2] = content[2].replace(b"Moussa", b"Mouss\xe9")
    path.write_bytes(b"\n".join(content))
    output = assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 3, colonne prenom : Le fichier n'est pas encodé en UTF-8 : enregistrez-le au "
        "format « CSV UTF-8 (délimité par des points-virgules) ».",
    )
    assert "Ligne 0" not in output
