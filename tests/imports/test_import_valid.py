import datetime
import zoneinfo

import pytest

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accounts.enums import Role
from parcours.young_people.models import ReferentAssignment, YoungPerson
from tests.factories import MissionLocaleFactory, UserFactory
from tests.imports.conftest import EXAMPLES
from tests.imports.csvfiles import (
    append_row,
    checksum,
    counts,
    drop_column,
    read,
    run,
    set_cell,
    write,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def imported(folder):
    run(folder)
    return folder


def test_example_files_are_imported_with_their_values(imported, lille, staff):
    assert counts() == {
        "YoungPerson": 5,
        "HistoricalYoungPerson": 5,
        "ReferentAssignment": 3,
        "Contact": 8,
        "Proposal": 4,
        "Situation": 4,
        "Enrolment": 5,
        "EnrolmentPhase": 10,
        "Cohort": 1,
    }
    ines = YoungPerson.objects.get(source_id="J-0001")
    assert ines.mission_locale == lille
    assert (ines.last_name, ines.first_name, ines.sex) == ("Lefèvre", "Inès", "F")
    assert ines.birth_date == datetime.date(2005, 3, 14)
    assert ines.first_reception_date == datetime.date(2024, 9, 2)
    assert ines.search_name == "lefevre ines"
    assert (ines.in_qpv, ines.in_zrr, ines.driving_licence) == (True, False, False)
    assert (ines.education_level, ines.transport, ines.housing) == ("V", "transports_commun", "parents")
    assert (ines.email, ines.phone, ines.postcode) == ("ines.lefevre@example.org", "06 12 34 56 78", "59000")
    assert ines.referent == staff[0]
    assert ines.history.get().history_change_reason == "Import de dossiers"
    assignment = ReferentAssignment.objects.get(young_person=ines)
    assert (assignment.referent, assignment.end) == (staff[0], None)

    lea = YoungPerson.objects.get(source_id="J-0003")
    assert (lea.rqth, lea.child_welfare, lea.judicial_follow_up) == (True, True, "pjj")
    assert lea.health_notes == "Suivi médical régulier"
    kevin = YoungPerson.objects.get(source_id="J-0004")
    assert kevin.archived_at == datetime.datetime(2024, 6, 30, tzinfo=PARIS)
    assert (kevin.archive_reason, kevin.referent) == ("autonome", None)
    assert YoungPerson.objects.get(source_id="J-0005").transport == "aucun"

    first = Contact.objects.get(young_person=ines, source_id="C-1001")
    assert first.notes == "Premier accueil ; projet en restauration."
    assert (first.date, first.time) == (datetime.date(2024, 9, 2), datetime.time(9, 30))
    assert (first.kind, first.mode, first.status) == ("entretien_individuel", "sur_site", "present")
    assert first.themes == ["emploi", "formation"]
    assert first.counsellor == staff[0]
    outreach = Contact.objects.get(source_id="C-5001")
    assert (outreach.mode, outreach.counsellor, outreach.time) == ("hors_les_murs", None, None)
    assert Contact.objects.get(source_id="C-3002").themes == []

    proposal = Proposal.objects.get(source_id="P-1001")
    assert proposal.contact == first
    assert (proposal.theme, proposal.kind, proposal.status) == ("formation", "formation", "realise")
    assert proposal.partner == "CFA de Lille"
    assert Proposal.objects.get(source_id="P-3001").contact is None

    apprenticeship = Situation.objects.get(source_id="S-1001")
    assert apprenticeship.young_person == ines
    assert (apprenticeship.category, apprenticeship.kind, apprenticeship.state) == (
        "alternance",
        "apprentissage",
        "en_cours",
    )
    assert (apprenticeship.rome_code, apprenticeship.end_date) == ("G1602", None)
    finished = Situation.objects.get(source_id="S-4001")
    assert finished.end_date == datetime.date(2022, 9, 30)
    assert finished.is_durable_employment is True


def test_reimporting_the_same_files_changes_nothing(imported):
    before, fingerprint = counts(), checksum()
    output = run(imported)
    assert counts() == before
    assert checksum() == fingerprint
    assert "jeunes.csv : 5 lignes, 0 créées, 0 mises à jour, 5 inchangées" in output
    assert "contacts.csv : 8 lignes, 0 créées, 0 mises à jour, 8 inchangées" in output


def test_small_batches_give_the_same_result_and_stay_idempotent(folder):
    run(folder, "--taille-lot", "2")
    before, fingerprint = counts(), checksum()
    assert before["Contact"] == 8 and before["Proposal"] == 4
    assert Proposal.objects.get(source_id="P-1002").contact.source_id == "C-1002"
    run(folder, "--taille-lot", "3")
    assert (counts(), checksum()) == (before, fingerprint)


def test_a_changed_row_is_updated_in_place_with_one_history_entry(imported, staff):
    moussa = YoungPerson.objects.get(source_id="J-0002")
    set_cell(imported / "jeunes.csv", 3, "commune", "Roubaix")
    set_cell(imported / "jeunes.csv", 3, "referent", "conseiller2")
    set_cell(imported / "contacts.csv", 5, "statut", "absent")
    before = counts()

    output = run(imported)

    assert "jeunes.csv : 5 lignes, 0 créées, 1 mises à jour, 4 inchangées" in output
    moussa.refresh_from_db()
    assert (moussa.commune, moussa.referent, moussa.version) == ("Roubaix", staff[1], 2)
    assert moussa.history.count() == 2
    assert moussa.history.first().commune == "Roubaix"
    assert [(a.referent, a.end is None) for a in moussa.referent_assignments.order_by("pk")] == [
        (staff[0], False),
        (staff[1], True),
    ]
    assert Contact.objects.get(source_id="C-2001").status == "absent"
    assert counts() == {**before, "HistoricalYoungPerson": 6, "ReferentAssignment": 4}


def test_an_absent_optional_column_leaves_existing_values_alone(imported):
    drop_column(imported / "jeunes.csv", "commune")
    drop_column(imported / "contacts.csv", "compte_rendu")
    fingerprint = checksum()
    run(imported)
    assert checksum() == fingerprint
    assert YoungPerson.objects.get(source_id="J-0001").commune == "Lille"
    assert Contact.objects.get(source_id="C-1001").notes == "Premier accueil ; projet en restauration."


def test_later_files_can_refer_to_young_people_and_contacts_already_imported(imported, tmp_path):
    later = tmp_path / "suite"
    later.mkdir()
    contacts = read(imported / "contacts.csv")[:1]
    write(later / "contacts.csv", contacts)
    append_row(
        later / "contacts.csv",
        {
            "code_ml": "59001",
            "id_jeune": "J-0004",
            "id_source": "C-4001",
            "date": "2023-05-02",
            "type": "atelier",
        },
    )
    write(later / "propositions.csv", read(imported / "propositions.csv")[:1])
    append_row(
        later / "propositions.csv",
        {
            "code_ml": "59001",
            "id_jeune": "J-0002",
            "id_source": "P-2002",
            "id_contact": "C-2002",
            "date": "2023-02-06",
            "theme": "emploi",
            "type": "offre_emploi",
        },
    )
    run(later)
    contact = Contact.objects.get(source_id="C-4001")
    assert (contact.young_person.source_id, contact.status, contact.mode) == ("J-0004", "present", "sur_site")
    assert Proposal.objects.get(source_id="P-2002").contact == Contact.objects.get(source_id="C-2002")
    assert Proposal.objects.get(source_id="P-2002").status == "prescrit"


def test_bom_and_windows_line_endings_are_read(folder):
    for name in ("jeunes.csv", "contacts.csv", "propositions.csv", "situations.csv"):
        write(folder / name, read(EXAMPLES / name), encoding="utf-8-sig", lineterminator="\r\n")
    assert (folder / "jeunes.csv").read_bytes().startswith(b"\xef\xbb\xbfcode_ml;")
    run(folder)
    assert counts()["Contact"] == 8
    ines = YoungPerson.objects.get(source_id="J-0001")
    assert (ines.last_name, ines.first_name) == ("Lefèvre", "Inès")
    assert YoungPerson.objects.filter(mission_locale__code="59001").count() == 5
    assert Contact.objects.get(source_id="C-2001").notes == "Recherche d'emploi ; permis en cours."


def test_dry_run_validates_and_writes_nothing(folder):
    output = run(folder, "--verifier")
    assert "jeunes.csv : 5 lignes valides" in output
    assert "Rien n'a été enregistré" in output
    assert set(counts().values()) == {0}


def test_default_mission_locale_replaces_the_code_ml_column(folder):
    for name in ("jeunes.csv", "contacts.csv", "propositions.csv", "situations.csv"):
        drop_column(folder / name, "code_ml")
    run(folder, "--mission-locale", "59001")
    assert YoungPerson.objects.filter(mission_locale__code="59001").count() == 5
    assert counts()["Situation"] == 4


def test_staff_of_the_absorbing_mission_locale_can_be_referent(folder, lille):
    absorbing = MissionLocaleFactory(name="Mission locale de la Métropole")
    lille.merged_into, lille.merged_on = absorbing, datetime.date(2025, 1, 1)
    lille.save()
    UserFactory(username="metropole", mission_locale=absorbing, role=Role.COUNSELLOR)
    set_cell(folder / "jeunes.csv", 5, "referent", "metropole")
    run(folder)
    young_person = YoungPerson.objects.get(source_id="J-0004")
    assert (young_person.mission_locale, young_person.referent.username) == (lille, "metropole")


def test_a_nir_written_in_groups_is_saved_compact(folder):
    """Comme sur la carte Vitale, espaces insécables et tirets compris : enregistré sans séparateurs, pour que la
    recherche des doublons le retrouve."""
    set_cell(folder / "jeunes.csv", 2, "nir", "2 05 03\u00a059-350 012 14")
    set_cell(folder / "jeunes.csv", 3, "nir", "1.03.11.59.350.013")
    run(folder)
    assert YoungPerson.objects.get(source_id="J-0001").nir == "205035935001214"
    assert YoungPerson.objects.get(source_id="J-0002").nir == "1031159350013"
