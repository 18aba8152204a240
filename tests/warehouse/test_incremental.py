"""L'extraction incrémentale voit toute écriture : après n'importe quelle suite d'écritures, elle donne
exactement l'entrepôt d'une reconstruction complète (``verify``), table par table et indicateur par
indicateur, à chaque périmètre."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from parcours.accompaniment.enums import AttendanceStatus, SituationCategory, SituationKind
from parcours.accompaniment.models import Contact, Situation
from parcours.accounts.enums import Role
from parcours.employers import services as employer_services
from parcours.warehouse import capture, extract, periods, store, verify
from parcours.warehouse.indicators import engine
from parcours.warehouse.models import WarehouseChange
from parcours.young_people import services
from tests.employers.factories import ImmersionFactory, PartnerFactory
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory, programme
from tests.warehouse import dataset

D = datetime.date
Q1_2025 = periods.preset("trimestre", 2025, 1)
A = ("ml", "TA001")


def assert_incremental_equals_complete(settings, today):
    """Extraction incrémentale de l'entrepôt, puis reconstruction complète dans une copie : aucun écart."""
    extract.run(today=today, write_parquet=False)
    scratch = settings.WAREHOUSE_DIR / "controle.duckdb"
    scratch.unlink(missing_ok=True)
    extract.run(complete=True, today=today, write_parquet=False, path=scratch, consume=False)
    tables, indicators = verify.compare_files(store.db_path(), scratch, verify.default_periods(today))
    assert [str(t) for t in tables] == [] and indicators == []


def last_quality(check, ml_code):
    with store.connect() as con:
        return con.execute(
            "SELECT anomalies FROM qualite_historique WHERE check_code = ? AND ml_code = ? "
            "ORDER BY extraction_id DESC LIMIT 1",
            [check, ml_code],
        ).fetchone()[0]


def changed_people():
    return set(WarehouseChange.objects.values_list("young_person_id", flat=True))


@pytest.fixture
def built(db):
    ml_a, ml_b, people = dataset.build()
    extract.run(complete=True, today=dataset.TODAY, write_parquet=False)
    return ml_a, ml_b, people


def test_capture_triggers_are_installed_on_every_tracked_table(db):
    expected = {f"{table}." for table, _ in capture.tracked_tables()}
    found = capture.installed_triggers(connection)
    assert {name.split(".")[0] + "." for name in found} == expected
    assert len(found) == 3 * len(expected)  # insertion, modification, suppression


def test_writes_that_bypass_signals_are_captured(built):
    _, _, people = built
    WarehouseChange.objects.all().delete()
    Contact.objects.filter(young_person=people["J2"]).update(status=AttendanceStatus.ABSENT)
    assert changed_people() == {people["J2"].pk}
    Situation.objects.bulk_create([Situation(young_person=people["J3"], category="emploi", kind="cdi",
                                             state="en_cours", start_date=D(2025, 2, 1))])  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM accompaniment_proposal WHERE young_person_id = %s", [people["J4"].pk])
    assert changed_people() == {people["J2"].pk, people["J3"].pk, people["J4"].pk}
    # Un fait qui change de dossier : l'ancien et le nouveau jeune sont notés.
    WarehouseChange.objects.all().delete()
    Contact.objects.filter(young_person=people["J6"]).update(young_person=people["J5"])
    assert changed_people() == {people["J5"].pk, people["J6"].pk}


def test_merging_a_duplicate_moves_its_contacts_in_the_warehouse(built, settings):
    """Défaut : le dossier conservé perdait les contacts du doublon (Lille : taux_emploi_formation à 150 %)."""
    _, _, people = built
    director = UserFactory(mission_locale=people["J1"].mission_locale, role=Role.DIRECTOR)
    duplicate = YoungPersonFactory(
        mission_locale=people["J1"].mission_locale,
        last_name=people["J1"].last_name,
        first_name=people["J1"].first_name,
        birth_date=people["J1"].birth_date,
        first_reception_date=D(2025, 1, 15),
    )
    ContactFactory(young_person=duplicate, date=D(2025, 2, 20))
    extract.run(today=dataset.TODAY, write_parquet=False)
    before = engine.compute(Q1_2025)
    assert before.value(A, "accueillis") == 3 and before.value(A, "premiere_fois") == 2
    services.merge_duplicate(duplicate, people["J1"], director)
    assert_incremental_equals_complete(settings, dataset.TODAY)
    after = engine.compute(Q1_2025)
    # Le doublon fusionné ne compte plus (ni accueilli, ni premier accueil) ; ses contacts sont au conservé.
    assert after.value(A, "accueillis") == 2 and after.value(A, "premiere_fois") == 1
    assert after.value(A, "contacts_tenus") == 4
    assert last_quality("doublons_suspects", "TA001") == 0  # la paire fusionnée n'est plus un doublon suspect


def test_editing_an_immersion_and_transferring_a_referent_reach_the_warehouse(built, settings):
    _, _, people = built
    counsellor = UserFactory(mission_locale=people["J4"].mission_locale, role=Role.COUNSELLOR)
    immersion = ImmersionFactory.build(
        young_person=people["J4"], start_date=D(2025, 2, 3), end_date=D(2025, 2, 14), partner=PartnerFactory()
    )
    employer_services.record_immersion(immersion, counsellor, today=dataset.TODAY)
    assert_incremental_equals_complete(settings, dataset.TODAY)
    immersion.start_date, immersion.end_date = D(2024, 3, 4), D(2024, 3, 15)
    employer_services.update_immersion(immersion, today=dataset.TODAY)  # Situation.objects.update()
    services.transfer_referent(people["J2"], counsellor, counsellor)  # YoungPerson.objects.update()
    assert changed_people() >= {people["J4"].pk, people["J2"].pk}
    assert_incremental_equals_complete(settings, dataset.TODAY)


def test_a_planned_situation_counts_from_its_start_date_without_any_write(built, settings):
    """Défaut : une situation prévue (début après la date d'extraction) comptait déjà comme résultat."""
    _, _, people = built
    SituationFactory(
        young_person=people["J6"],
        category=SituationCategory.EMPLOYMENT,
        kind=SituationKind.CDI,
        state="prevu",
        start_date=D(2025, 5, 5),
    )
    q2 = periods.preset("trimestre", 2025, 2)
    extract.run(today=dataset.TODAY, write_parquet=False)  # 15/04/2025
    assert engine.compute(q2).value(("ml", "TB001"), "emploi") == 0
    assert_incremental_equals_complete(settings, D(2025, 5, 4))
    assert engine.compute(q2).value(("ml", "TB001"), "emploi") == 0
    # Le 05/05, personne n'a rien écrit : l'incrémentale la compte, comme une reconstruction complète.
    assert not WarehouseChange.objects.exists()
    assert_incremental_equals_complete(settings, D(2025, 5, 5))
    assert engine.compute(q2).value(("ml", "TB001"), "emploi") == 1


def test_an_open_enrolment_follows_the_months_without_any_write(built, settings):
    """Une inscription sans sortie est « accompagnée » chaque mois jusqu'à l'extraction."""
    _, _, people = built
    EnrolmentFactory(young_person=people["J4"], programme=programme("civis"), entry_date=D(2025, 2, 3))
    extract.run(today=dataset.TODAY, write_parquet=False)
    q3 = periods.preset("trimestre", 2025, 3)
    assert engine.compute(q3).value(A, "civis_accompagnes") == 0
    assert_incremental_equals_complete(settings, D(2025, 7, 1))
    assert engine.compute(q3).value(A, "civis_accompagnes") == 1


def test_a_programme_losing_its_last_enrolment_loses_its_counts(built, settings):
    """Les comptes mis en réserve d'un programme disparu des données ne restent pas dans l'entrepôt."""
    _, _, people = built
    enrolment = EnrolmentFactory(
        young_person=people["J4"], programme=programme("cej"), entry_date=D(2025, 3, 3)
    )
    assert_incremental_equals_complete(settings, dataset.TODAY)
    assert engine.compute(Q1_2025).value(A, "cej_entres") == 1
    enrolment.delete()
    assert_incremental_equals_complete(settings, dataset.TODAY)
    with store.connect() as con:
        left = con.execute("SELECT count(*) FROM period_counts WHERE measure LIKE 'cej_%'").fetchone()[0]
    assert left == 0


def test_changes_committed_during_an_extraction_wait_for_the_next_one(built, monkeypatch, settings):
    """Une écriture validée pendant une extraction laisse sa ligne de journal : rien n'est perdu."""
    _, _, people = built
    ContactFactory(young_person=people["J6"], date=D(2025, 3, 3))
    real_facts = extract.Extraction.facts

    def facts_then_a_write(self, ids=None):
        real_facts(self, ids)
        ContactFactory(young_person=people["J4"], date=D(2025, 3, 4))  # après la lecture du journal

    monkeypatch.setattr(extract.Extraction, "facts", facts_then_a_write)
    extract.run(today=dataset.TODAY, write_parquet=False)
    monkeypatch.undo()
    assert changed_people() == {people["J4"].pk}
    assert_incremental_equals_complete(settings, dataset.TODAY)


def test_verification_command_reports_each_difference(built):
    _, _, people = built
    Contact.objects.filter(young_person=people["J1"]).update(status=AttendanceStatus.CANCELLED)
    out = io.StringIO()
    call_command("entrepot_verifier", stdout=out)
    assert "identique à sa reconstruction complète" in out.getvalue()
    assert not (store.warehouse_dir() / "verification.duckdb").exists()
    # Un entrepôt abîmé (un contact en moins, un compte d'ateliers faussé) : chaque différence est affichée, code de sortie 1.
    with store.connect(read_only=False) as con:
        con.execute("DELETE FROM contacts WHERE date = DATE '2025-03-05'")
        con.execute("UPDATE period_counts SET n = n - 1 WHERE ml_code = 'TA001' AND measure = 'ateliers'")
    out = io.StringIO()
    with pytest.raises(CommandError, match="différents de la reconstruction complète") as error:
        call_command("entrepot_verifier", "--sans-extraction", stdout=out)
    assert error.value.returncode == 1
    assert "Table contacts : 0 ligne(s) seulement dans l'entrepôt, 1 seulement dans la reconstruction." in (
        out.getvalue()
    )
    assert (
        "Indicateur ateliers (ml TA001, 01/2025 – 03/2025) : 0 dans l'entrepôt, 1 après reconstruction."
        in (out.getvalue())
    )


def test_open_situation_check_does_not_depend_on_row_order(built, settings):
    """Trouvé par entrepot_verifier à l'échelle 0,1 : « situations sans fin » départageait deux situations du
    même jour selon l'ordre des lignes (``lead``), donc différemment en incrémental et en complet."""
    _, _, people = built
    for start in (D(2025, 1, 6), D(2025, 1, 6), D(2025, 5, 1)):  # deux le même jour, une prévue
        SituationFactory(young_person=people["J6"], start_date=start, end_date=None)
    assert_incremental_equals_complete(settings, dataset.TODAY)
    assert (
        last_quality("situations_sans_fin", "TB001") == 0
    )  # la situation du 01/05 n'a pas commencé au 15/04 ; celles du 06/01 sont à égalité
    assert_incremental_equals_complete(settings, D(2025, 5, 2))
    assert last_quality("situations_sans_fin", "TB001") == 2
