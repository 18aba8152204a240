"""inscriptions.csv : entrée, phases, sortie écrites par les services des dispositifs, tout ou rien."""

import datetime

import pytest

from parcours.programmes.models import Cohort, Enrolment, Programme
from parcours.young_people.models import YoungPerson
from tests.imports.csvfiles import append_row, checksum, counts, read, run, set_cell, write
from tests.imports.test_import_errors import assert_refused_without_writing, refused

D = datetime.date
NAME = "inscriptions.csv"


def phases_of(enrolment):
    return [(p.phase.order, p.start_date, p.end_date) for p in enrolment.phases.order_by("start_date", "pk")]


def test_example_enrolments_are_imported_through_the_programme_services(folder, lille, staff):
    output = run(folder)

    assert "inscriptions.csv : 5 lignes, 5 créées, 0 mises à jour, 0 inchangées" in output
    moussa = Enrolment.objects.get(source_id="D-2001")
    assert moussa.young_person == YoungPerson.objects.get(source_id="J-0002")
    assert (moussa.programme.code, moussa.entry_date, moussa.exclusive) == ("pacea", D(2023, 1, 23), True)
    assert (moussa.exit_date, moussa.exit_outcome) == (D(2023, 4, 3), "emploi_durable")
    assert (moussa.exit_notes, moussa.counsellor) == ("CDI chez Logistique du Nord", staff[0])
    assert phases_of(moussa) == [(1, D(2023, 1, 23), D(2023, 2, 20)), (2, D(2023, 2, 20), D(2023, 4, 3))]

    lea = Enrolment.objects.get(source_id="D-3001")
    assert phases_of(lea) == [
        (1, D(2024, 2, 19), D(2024, 3, 18)),
        (2, D(2024, 3, 18), D(2024, 9, 16)),
        (2, D(2024, 9, 16), D(2025, 2, 14)),  # phase d'accompagnement renouvelée
    ]
    assert lea.counsellor == staff[1]

    # Garantie jeunes d'un dossier archivé depuis (30/06/2024) : sa cohorte est créée dans la mission locale.
    kevin = Enrolment.objects.get(source_id="D-4001")
    assert kevin.young_person.is_archived
    assert (kevin.programme.code, kevin.cohort.label) == ("garantie-jeunes", "Cohorte de mai 2021")
    cohort = Cohort.objects.get()
    assert (cohort.mission_locale, cohort.start_date, cohort.programme.code) == (
        lille,
        D(2021, 5, 17),
        "garantie-jeunes",
    )
    assert kevin.counsellor is None

    sarah = Enrolment.objects.get(source_id="D-5001")
    assert (sarah.programme.code, sarah.is_open, sarah.exit_outcome) == ("cej", True, "")
    assert phases_of(sarah) == [(1, D(2026, 1, 12), None)]


def test_reimport_changes_nothing_and_an_open_enrolment_can_continue(folder):
    run(folder)
    before, fingerprint = counts(), checksum()
    assert "inscriptions.csv : 5 lignes, 0 créées, 0 mises à jour, 5 inchangées" in run(folder)
    assert (counts(), checksum()) == (before, fingerprint)

    set_cell(folder / NAME, 6, "phases", "1:2026-01-12|2:2026-02-09")
    set_cell(folder / NAME, 6, "date_sortie", "2026-06-01")
    set_cell(folder / NAME, 6, "motif_sortie", "formation")
    output = run(folder)

    assert "inscriptions.csv : 5 lignes, 0 créées, 1 mises à jour, 4 inchangées" in output
    sarah = Enrolment.objects.get(source_id="D-5001")
    assert (sarah.exit_date, sarah.exit_outcome) == (D(2026, 6, 1), "formation")
    assert phases_of(sarah) == [(1, D(2026, 1, 12), D(2026, 2, 9)), (2, D(2026, 2, 9), D(2026, 6, 1))]
    assert Enrolment.objects.count() == 5


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "date_entree",
            "2024-09-17",
            "Valeur différente de l'inscription déjà importée : une inscription déjà importée peut seulement se "
            "poursuivre (nouvelles phases, sortie).",
        ),
        (
            "phases",
            "1:2023-01-23|2:2023-02-27",
            "Les phases déjà importées (1:2023-01-23|2:2023-02-20) ne sont pas reprises telles quelles : une "
            "inscription déjà importée peut seulement se poursuivre (nouvelles phases, sortie).",
        ),
        (
            "motif_sortie",
            "emploi",
            "Sortie différente de celle déjà importée : une inscription déjà importée peut seulement se "
            "poursuivre (nouvelles phases, sortie).",
        ),
    ],
)
def test_reimport_cannot_rewrite_an_imported_enrolment(folder, column, value, message):
    run(folder)
    line = 2 if column == "date_entree" else 3
    set_cell(folder / NAME, line, column, value)
    if column == "date_entree":
        set_cell(folder / NAME, line, "phases", "")
    where = "date_sortie" if column == "motif_sortie" else column
    assert_refused_without_writing(folder, f"{NAME}, ligne {line}, colonne {where} : {message}")


def test_enrolments_can_be_imported_later_for_young_people_already_imported(folder, tmp_path):
    (folder / NAME).rename(tmp_path / NAME)
    run(folder)
    later = tmp_path / "suite"
    later.mkdir()
    (tmp_path / NAME).rename(later / NAME)
    assert "inscriptions.csv : 5 lignes, 5 créées" in run(later)
    assert (
        Enrolment.objects.filter(young_person__source_id="J-0004").get().cohort.label == "Cohorte de mai 2021"
    )


def test_the_file_is_read_in_any_order_entries_of_a_young_person_in_date_order(folder):
    """Une sortie de PACEA, puis une entrée en CEJ : la ligne du CEJ peut venir avant dans le fichier."""
    rows = read(folder / NAME)
    header = rows[0]
    cej = dict.fromkeys(header, "")
    cej.update(
        {
            "code_ml": "59001",
            "id_jeune": "J-0002",
            "id_source": "D-2002",
            "dispositif": "cej",
            "date_entree": "2023-05-02",
            "conseiller": "conseiller",
            "date_sortie": "2023-09-29",
            "motif_sortie": "demenagement",
        }
    )
    write(folder / NAME, [header, [cej[name] for name in header], *rows[1:]])
    run(folder)
    assert list(
        Enrolment.objects.filter(young_person__source_id="J-0002")
        .order_by("entry_date")
        .values_list("programme__code", "exit_date")
    ) == [("pacea", D(2023, 4, 3)), ("cej", D(2023, 9, 29))]


def programme_codes():
    return ", ".join(sorted(Programme.objects.values_list("code", flat=True)))


RULE_ERRORS = [
    # (ligne, colonne, valeur, colonne du message, message) ; ligne 2 : Inès, CEJ du 16/09/2024.
    (2, "dispositif", "civis2", "dispositif", None),  # message calculé : les codes des dispositifs en base
    (
        2,
        "phases",
        "1:2024-09-16|2-2024-09-30",
        "phases",
        "Phase « 2-2024-09-30 » illisible : écrivez le numéro de phase et sa date de début, séparés par « | » "
        "(ex. : 1:2017-03-01|2:2017-04-03).",
    ),
    (
        2,
        "phases",
        "1:2024-09-16|3:2024-09-30",
        "phases",
        "Contrat d'engagement jeune (CEJ) n'a pas de phase 3 : ses phases sont numérotées 1, 2.",
    ),
    (
        2,
        "phases",
        "2:2024-09-30",
        "phases",
        "La première phase est la phase 1 (Diagnostic et plan d'action), commencée à la date d'entrée : "
        "écrivez d'abord 1:2024-09-16.",
    ),
    (
        2,
        "cohorte",
        "Cohorte 1",
        "cohorte",
        "Contrat d'engagement jeune (CEJ) ne fonctionne pas par cohortes : laissez la colonne vide.",
    ),
    (2, "motif_sortie", "", "motif_sortie", "Une sortie a une date et un motif."),
    (2, "date_sortie", "2024-09-01", "date_sortie", "La sortie ne peut pas précéder l'entrée."),
    (
        2,
        "date_entree",
        "2024-08-30",
        "date_entree",
        "La date d'entrée précède le premier accueil du jeune (02/09/2024).",
    ),
    (
        5,
        "date_entree",
        "2021-04-26",
        "date_entree",
        "La date d'entrée précède le premier accueil du jeune (03/05/2021).",
    ),
    (
        2,
        "phases",
        "1:2024-09-16|2:2024-10-08",
        "date_sortie",  # la sortie (07/10) précède la phase 2 : c'est la sortie qui est refusée
        "La sortie ne peut précéder le début de la phase en cours (08/10/2024).",
    ),
    (
        3,
        "date_sortie",
        "2025-06-02",
        "date_sortie",
        "PACEA dure au plus 24 mois : la sortie est au plus tard le 22/01/2025.",
    ),
    (
        5,
        "phases",
        "1:2021-05-17|2:2021-06-14|2:2021-09-01",
        "phases",
        "Phase 2 du 01/09/2021 : Les phases se suivent dans l'ordre ; seule une phase renouvelable peut être "
        "reconduite.",
    ),
    (
        3,
        "phases",
        "1:2023-01-23|2:2025-02-03",
        "phases",
        "Phase 2 du 03/02/2025 : PACEA dure au plus 24 mois : aucune phase ne commence après le 22/01/2025.",
    ),
    (
        6,
        "date_entree",
        "2099-01-05",
        "date_entree",
        "La date d'entrée ne peut pas être postérieure à aujourd'hui.",
    ),
]


@pytest.mark.parametrize(("line", "column", "value", "where", "message"), RULE_ERRORS)
def test_a_refused_enrolment_is_reported_at_its_line_and_column(folder, line, column, value, where, message):
    if column == "dispositif":
        message = f"Dispositif « {value} » inconnu. Codes admis : {programme_codes()}."
    set_cell(folder / NAME, line, column, value)
    if column == "date_entree":  # la première phase commence à l'entrée
        phases = read(folder / NAME)[line - 1][read(folder / NAME)[0].index("phases")].split("|")[1:]
        set_cell(folder / NAME, line, "phases", "|".join([f"1:{value}", *phases]))
    assert_refused_without_writing(folder, f"{NAME}, ligne {line}, colonne {where} : {message}")


def test_a_second_exclusive_programme_is_refused(folder):
    line = append_row(
        folder / NAME,
        {
            "code_ml": "59001",
            "id_jeune": "J-0002",
            "id_source": "D-2002",
            "dispositif": "cej",
            "date_entree": "2023-03-01",
        },
    )
    assert_refused_without_writing(
        folder,
        f"{NAME}, ligne {line}, colonne date_entree : Le jeune est déjà dans un dispositif exclusif : PACEA. "
        "Faites-l'en sortir d'abord.",
    )


def test_an_archived_file_gets_its_history_but_no_entry_after_its_archiving(folder):
    """Kévin est archivé le 30/06/2024 : sa Garantie jeunes de 2021 est importée, pas un CEJ de juillet 2024."""
    line = append_row(
        folder / NAME,
        {
            "code_ml": "59001",
            "id_jeune": "J-0004",
            "id_source": "D-4002",
            "dispositif": "cej",
            "date_entree": "2024-07-15",
        },
    )
    assert_refused_without_writing(
        folder,
        f"{NAME}, ligne {line}, colonne date_entree : Le dossier est archivé : rouvrez-le avant toute entrée en "
        "dispositif.",
    )


def test_a_programme_outside_its_entry_window_is_refused(folder):
    set_cell(folder / NAME, 5, "dispositif", "cej")
    set_cell(folder / NAME, 5, "cohorte", "")
    assert_refused_without_writing(
        folder,
        f"{NAME}, ligne 5, colonne date_entree : Le dispositif Contrat d'engagement jeune (CEJ) n'ouvre que le "
        "01/03/2022.",
    )


def test_a_cohort_programme_needs_its_cohort(folder):
    set_cell(folder / NAME, 5, "cohorte", "")
    assert_refused_without_writing(
        folder,
        f"{NAME}, ligne 5, colonne cohorte : Garantie jeunes fonctionne par cohortes : choisissez la cohorte du "
        "jeune.",
    )


def test_dry_run_applies_the_programme_rules_and_writes_nothing(folder):
    set_cell(folder / NAME, 3, "date_sortie", "2025-06-02")
    output = refused(folder, "--verifier")
    assert output.splitlines() == [
        f"{NAME}, ligne 3, colonne date_sortie : PACEA dure au plus 24 mois : la sortie est au plus tard le "
        "22/01/2025."
    ]
    assert set(counts().values()) == {0}

    set_cell(folder / NAME, 3, "date_sortie", "2023-04-03")
    assert "inscriptions.csv : 5 lignes valides" in run(folder, "--verifier")
    assert set(counts().values()) == {0}


def test_every_refused_line_is_reported_not_only_the_first(folder):
    set_cell(folder / NAME, 2, "date_entree", "2024-08-30")
    set_cell(folder / NAME, 2, "phases", "")
    set_cell(folder / NAME, 4, "date_sortie", "2099-01-01")
    output = refused(folder)
    assert output.splitlines() == [
        f"{NAME}, ligne 2, colonne date_entree : La date d'entrée précède le premier accueil du jeune (02/09/2024).",
        f"{NAME}, ligne 4, colonne date_sortie : La date de sortie ne peut pas être postérieure à aujourd'hui.",
        f"{NAME}, ligne 4, colonne date_sortie : PACEA dure au plus 24 mois : la sortie est au plus tard le "
        "18/02/2026.",
    ]


def test_programme_rules_wait_for_the_other_files_to_be_valid(folder):
    """Les règles des dispositifs lisent le dossier à jour : avec une erreur dans jeunes.csv, seules les
    erreurs de lecture d'inscriptions.csv sont signalées."""
    set_cell(folder / "jeunes.csv", 2, "sexe", "X")
    set_cell(folder / NAME, 2, "date_entree", "2024-08-30")  # règle : non vérifiée cette fois
    set_cell(folder / NAME, 2, "phases", "")
    set_cell(folder / NAME, 3, "motif_sortie", "promotion")  # lecture : signalée
    assert refused(folder).splitlines() == [
        "jeunes.csv, ligne 2, colonne sexe : Code « X » inconnu. Codes admis : F, H.",
        f"{NAME}, ligne 3, colonne motif_sortie : Code « promotion » inconnu. Codes admis : emploi_durable, "
        "emploi, creation_entreprise, alternance, formation, formation_courte, scolarite, abandon, demenagement, fin_droits, "
        "limite_age, exclusion, autre.",
    ]
