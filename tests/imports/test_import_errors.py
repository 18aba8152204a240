"""Chaque erreur de fichier donne un message en français, à la bonne ligne et colonne, et rien n'est écrit."""

import pytest
from django.core.management.base import CommandError

from parcours.accounts.enums import Role
from parcours.programmes.imports.report import REPORT_HEADER
from tests.factories import MissionLocaleFactory, UserFactory
from tests.formulas import PAYLOADS, assert_csv_without_formula
from tests.imports.csvfiles import (
    append_row,
    checksum,
    counts,
    drop_column,
    read,
    rename_column,
    run,
    set_cell,
    write,
)
from tests.imports.personal import assert_no_personal_data


def refused(folder, *args):
    """Lance l'import, qui doit échouer ; renvoie le texte affiché (erreurs puis motif du refus)."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("importer_dossiers", str(folder), *args, verbosity=0, stdout=out)
    assert "Rien n'a été enregistré" in str(raised.value)
    assert_no_personal_data(out.getvalue() + str(raised.value), folder)
    return out.getvalue()


def assert_refused_without_writing(folder, expected, *args):
    before, fingerprint = counts(), checksum()
    output = refused(folder, *args)
    assert expected in output.splitlines(), output
    assert counts() == before
    assert checksum() == fingerprint
    return output


CELL_ERRORS = [
    # (fichier, ligne, colonne, valeur, message attendu)
    (
        "jeunes.csv",
        3,
        "date_naissance",
        "30/11/2003",
        "Date invalide : format attendu AAAA-MM-JJ (ex. : 2024-01-31).",
    ),
    ("jeunes.csv", 4, "date_premier_accueil", "2024-02-30", "Date inexistante « 2024-02-30 »."),
    (
        "contacts.csv",
        2,
        "date",
        "02/09/2024",
        "Date invalide « 02/09/2024 » : format attendu AAAA-MM-JJ (ex. : 2024-01-31).",
    ),
    ("jeunes.csv", 2, "code_ml", "99999", "Mission locale inconnue : aucun code structure « 99999 »."),
    (
        "jeunes.csv",
        2,
        "date_naissance",
        "1990-01-20",
        "Le jeune a 34 ans au premier accueil (02/09/2024) : une mission locale accompagne les jeunes "
        "de 16 à 25 ans révolus (jusqu'à la veille de leurs 26 ans).",
    ),
    (
        "jeunes.csv",
        5,
        "date_naissance",
        "2008-01-01",
        "Le jeune a 13 ans au premier accueil (03/05/2021) : une mission locale accompagne les jeunes "
        "de 16 à 25 ans révolus (jusqu'à la veille de leurs 26 ans).",
    ),
    ("jeunes.csv", 2, "sexe", "X", "Code « X » inconnu. Codes admis : F, H."),
    (
        "jeunes.csv",
        6,
        "niveau_formation",
        "CAP",
        "Code « CAP » inconnu. Codes admis : VI, Vbis, V, IV, III, II, I.",
    ),
    ("jeunes.csv", 2, "qpv", "peut-être", "Valeur « peut-être » invalide : écrivez « oui » ou « non »."),
    ("jeunes.csv", 2, "nom", "", "Valeur obligatoire."),
    ("jeunes.csv", 2, "code_postal", "5900", "Le code postal compte 5 chiffres."),
    ("jeunes.csv", 2, "referent", "inconnu", "Aucun compte n'a l'identifiant « inconnu »."),
    (
        "jeunes.csv",
        6,
        "motif_archivage",
        "autonome",
        "Un dossier archivé a une date et un motif d'archivage.",
    ),
    (
        "contacts.csv",
        4,
        "themes",
        "numerique|cuisine",
        "Code « cuisine » inconnu. Codes admis : emploi, formation, sante, logement, mobilite, citoyennete, "
        "loisirs, droits, numerique, projet_professionnel.",
    ),
    ("contacts.csv", 3, "heure", "25:00", "Heure invalide « 25:00 » : format attendu HH:MM (ex. : 14:30)."),
    (
        "contacts.csv",
        9,
        "id_jeune",
        "J-9999",
        "Jeune inconnu : « J-9999 » ne figure ni dans jeunes.csv ni parmi les jeunes déjà importés de la "
        "mission locale 59001.",
    ),
    (
        "contacts.csv",
        3,
        "id_source",
        "C-1001",
        "Identifiant « C-1001 » en double dans le fichier pour le même jeune : déjà utilisé ligne 2.",
    ),
    (
        "propositions.csv",
        3,
        "id_contact",
        "C-9999",
        "Contact inconnu : « C-9999 » n'est pas un contact de ce jeune (ni dans contacts.csv, ni déjà importé).",
    ),
    (
        "propositions.csv",
        4,
        "id_contact",
        "C-1001",
        "Contact inconnu : « C-1001 » n'est pas un contact de ce jeune (ni dans contacts.csv, ni déjà importé).",
    ),
    (
        "situations.csv",
        2,
        "code_rome",
        "K220",
        "Un code ROME est une lettre de A à N suivie de 4 chiffres (ex. : K2204).",
    ),
    ("situations.csv", 3, "date_fin", "", "Une situation terminée a une date de fin."),
    (
        "situations.csv",
        4,
        "date_fin",
        "2023-01-01",
        "La date de fin ne peut pas précéder la date de début.",
    ),
    (
        "situations.csv",
        2,
        "type",
        "cdi",
        "Pour la catégorie « Contrat en alternance », le type est l'un de : Apprentissage, Professionnalisation.",
    ),
    ("situations.csv", 5, "etat", "fini", "Code « fini » inconnu. Codes admis : prevu, en_cours, termine."),
]


@pytest.mark.parametrize(("name", "line", "column", "value", "message"), CELL_ERRORS)
def test_a_bad_cell_is_reported_at_its_line_and_column_and_nothing_is_written(
    folder, name, line, column, value, message
):
    set_cell(folder / name, line, column, value)
    assert_refused_without_writing(folder, f"{name}, ligne {line}, colonne {column} : {message}")


def test_a_future_contact_cannot_be_present(folder):
    set_cell(folder / "contacts.csv", 2, "date", "2099-01-01")
    assert_refused_without_writing(
        folder,
        "contacts.csv, ligne 2, colonne statut : Un contact futur ne peut pas être « présent » : il est planifié.",
    )


def test_a_bad_cell_on_reimport_leaves_the_previous_import_untouched(folder):
    run(folder)
    set_cell(folder / "jeunes.csv", 3, "commune", "Roubaix")  # modification valide…
    set_cell(folder / "situations.csv", 2, "code_rome", "Z9999")  # …mais une erreur ailleurs
    assert_refused_without_writing(
        folder,
        "situations.csv, ligne 2, colonne code_rome : Un code ROME est une lettre de A à N suivie de 4 chiffres "
        "(ex. : K2204).",
    )


def test_duplicate_young_person_ids_in_the_file(folder):
    set_cell(folder / "jeunes.csv", 4, "id_source", "J-0001")
    assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 4, colonne id_source : Identifiant « J-0001 » en double dans le fichier : "
        "déjà utilisé ligne 2.",
    )


def test_referent_of_another_mission_locale_is_refused(folder):
    UserFactory(username="ailleurs", mission_locale=MissionLocaleFactory(), role=Role.COUNSELLOR)
    set_cell(folder / "jeunes.csv", 2, "referent", "ailleurs")
    assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 2, colonne referent : Le compte « ailleurs » n'appartient pas à la mission locale 59001.",
    )


def test_inactive_referent_is_refused(folder, staff):
    staff[1].is_active = False
    staff[1].save()
    assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 4, colonne referent : Le compte « conseiller2 » est désactivé : il ne peut pas être "
        "référent.",
    )


def test_missing_required_column(folder):
    drop_column(folder / "jeunes.csv", "date_naissance")
    assert_refused_without_writing(
        folder, "jeunes.csv, ligne 1, colonne date_naissance : Colonne obligatoire absente."
    )


def test_unknown_column(folder):
    rename_column(folder / "contacts.csv", "compte_rendu", "commentaire")
    output = assert_refused_without_writing(
        folder,
        "contacts.csv, ligne 1, colonne commentaire : Colonne inconnue. Colonnes admises : code_ml, id_jeune, "
        "id_source, date, heure, type, modalite, statut, themes, compte_rendu, conseiller.",
    )
    assert len(output.splitlines()) == 1


def test_duplicate_column(folder):
    rename_column(folder / "jeunes.csv", "commune", "adresse")
    assert_refused_without_writing(folder, "jeunes.csv, ligne 1, colonne adresse : Colonne en double.")


def test_missing_mission_locale_column_without_default(folder):
    drop_column(folder / "situations.csv", "code_ml")
    assert_refused_without_writing(
        folder,
        "situations.csv, ligne 1, colonne code_ml : Colonne obligatoire absente : donnez le code de la mission "
        "locale dans cette colonne ou avec l'option --mission-locale.",
    )


def test_empty_mission_locale_cell_without_default(folder):
    set_cell(folder / "contacts.csv", 4, "code_ml", "")
    assert_refused_without_writing(
        folder,
        "contacts.csv, ligne 4, colonne code_ml : Code de mission locale manquant : renseignez la colonne ou "
        "l'option --mission-locale.",
    )


def test_wrong_number_of_fields(folder):
    rows = read(folder / "situations.csv")
    rows[2] = rows[2][:5]
    write(folder / "situations.csv", rows)
    assert_refused_without_writing(
        folder,
        "situations.csv, ligne 3 : La ligne compte 5 champs au lieu de 11 : vérifiez les « ; » et les guillemets.",
    )


def test_comma_separated_file(folder):
    rows = read(folder / "propositions.csv")
    (folder / "propositions.csv").write_text(
        "\n".join(",".join(row) for row in rows[:1]) + "\n", encoding="utf-8"
    )
    assert_refused_without_writing(
        folder,
        "propositions.csv, ligne 1 : Les colonnes doivent être séparées par « ; » (le fichier semble utiliser « , »).",
    )


def test_empty_file(folder):
    (folder / "situations.csv").write_text("", encoding="utf-8")
    assert_refused_without_writing(
        folder,
        "situations.csv, ligne 1 : Fichier vide : la première ligne doit donner les noms des colonnes.",
    )


def test_file_not_in_utf8(folder):
    rows = read(folder / "jeunes.csv")
    write(folder / "jeunes.csv", rows, encoding="cp1252")
    assert_refused_without_writing(
        folder,
        "jeunes.csv, ligne 2, colonne nom : Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 "
        "(délimité par des points-virgules) ».",
    )


def test_every_error_is_listed_and_written_to_the_report_file(folder, tmp_path):
    set_cell(folder / "jeunes.csv", 2, "sexe", "X")
    set_cell(folder / "jeunes.csv", 3, "date_naissance", "2003-13-01")
    line = append_row(
        folder / "contacts.csv",
        {
            "code_ml": "59001",
            "id_jeune": "J-0042",
            "id_source": "C-4201",
            "date": "2024-01-01",
            "type": "atelier",
        },
    )
    report = tmp_path / "rapport.csv"
    output = refused(folder, "--rapport", str(report))
    assert output.splitlines() == [
        "jeunes.csv, ligne 2, colonne sexe : Code « X » inconnu. Codes admis : F, H.",
        "jeunes.csv, ligne 3, colonne date_naissance : Date inexistante (jour ou mois hors limites).",
        f"contacts.csv, ligne {line}, colonne id_jeune : Jeune inconnu : « J-0042 » ne figure ni dans jeunes.csv "
        "ni parmi les jeunes déjà importés de la mission locale 59001.",
    ]
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read(report) == [
        list(REPORT_HEADER),
        ["jeunes.csv", "2", "sexe", "Code « X » inconnu. Codes admis : F, H."],
        ["jeunes.csv", "3", "date_naissance", "Date inexistante (jour ou mois hors limites)."],
        [
            "contacts.csv",
            str(line),
            "id_jeune",
            "Jeune inconnu : « J-0042 » ne figure ni dans jeunes.csv ni parmi les jeunes déjà importés de la "
            "mission locale 59001.",
        ],
    ]
    assert set(counts().values()) == {0}


def test_dry_run_reports_errors_too(folder):
    set_cell(folder / "jeunes.csv", 2, "sexe", "X")
    output = refused(folder, "--verifier")
    assert output.splitlines() == [
        "jeunes.csv, ligne 2, colonne sexe : Code « X » inconnu. Codes admis : F, H."
    ]


def test_unknown_default_mission_locale(folder):
    with pytest.raises(CommandError, match="Mission locale inconnue : aucun code structure « 00000 »."):
        run(folder, "--mission-locale", "00000")


def test_folder_without_import_files(tmp_path, db):
    (tmp_path / "Jeunes.CSV.bak").write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="Aucun fichier à importer"):
        run(tmp_path)
    with pytest.raises(CommandError, match="n'existe pas"):
        run(tmp_path / "absent")


def test_report_file_neutralises_formulas_planted_in_the_files(folder, tmp_path):
    """Un nom de colonne inconnu est recopié dans le rapport : il n'y devient pas une formule."""
    rename_column(folder / "contacts.csv", "compte_rendu", PAYLOADS[0])
    report = tmp_path / "rapport.csv"
    refused(folder, "--rapport", str(report))
    cells = assert_csv_without_formula(report.read_text(encoding="utf-8-sig"))
    assert "'" + PAYLOADS[0].lower() in cells
