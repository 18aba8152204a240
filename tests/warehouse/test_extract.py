import datetime

import duckdb
import pytest

from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.warehouse import extract, periods, store
from parcours.warehouse.indicators import engine
from parcours.warehouse.schema import FACT_TABLES
from tests.employers.factories import ImmersionFactory, SponsorshipFactory
from tests.factories import ContactFactory
from tests.warehouse import dataset

Q1_2025 = periods.preset("trimestre", 2025, 1)
A = ("ml", "TA001")


@pytest.fixture
def built(db):
    ml_a, ml_b, people = dataset.build()
    summary = extract.run(complete=True, today=dataset.TODAY)
    return people, summary


def all_text(path):
    con = duckdb.connect(str(path), read_only=True)
    values = []
    for table, columns in FACT_TABLES.items():
        for name, kind in columns:
            if kind == "VARCHAR":
                values += [row[0] for row in con.execute(f"SELECT DISTINCT {name} FROM {table}").fetchall()]
    con.close()
    return values


def test_complete_extract_is_pseudonymised_and_recorded(built, settings):
    people, summary = built
    assert summary["mode"] == "complet" and summary["young_people"] == 6
    text = all_text(store.db_path())
    for yp in people.values():
        assert store.pseudonym(yp.pk) in text
        for personal in (yp.last_name, yp.first_name, yp.birth_date.isoformat(), str(yp.pk)):
            assert personal not in text
    with store.connect() as con:
        births = {row[0] for row in con.execute("SELECT birth_month FROM jeunes").fetchall()}
        columns = {
            row[0] for row in con.execute("SELECT column_name FROM information_schema.columns").fetchall()
        }
    assert births == {datetime.date(2004, 6, 1)}  # mois de naissance seulement
    assert not columns & {"last_name", "first_name", "nir", "email", "phone", "notes", "birth_date"}
    partition = settings.WAREHOUSE_DIR / "parquet" / "contacts" / "region_code=32" / "mois=2025-01"
    assert list(partition.glob("*.parquet"))


def test_pseudonym_depends_on_the_secret_key(settings):
    first = store.pseudonym(42)
    settings.PSEUDONYMISATION_KEY = "une-autre-cle"
    assert store.pseudonym(42) != first and len(first) == 20


def test_incremental_extract_takes_new_changed_and_deleted_records(built):
    people, _ = built
    ContactFactory(young_person=people["J4"], date=datetime.date(2025, 2, 3))
    situation = people["J4"].situations.get()
    situation.category, situation.kind = SituationCategory.TRAINING, SituationKind.QUALIFYING
    situation.save()
    summary = extract.run(today=dataset.TODAY)
    assert summary["mode"] == "incremental" and summary["young_people"] == 1
    dashboard = engine.compute(Q1_2025)
    assert dashboard.value(A, "accueillis") == 3 and dashboard.value(A, "jdi") == 4
    assert dashboard.value(A, "emploi", previous=True) == 0
    assert dashboard.value(A, "formation", previous=True) == 1

    deleted_key = store.pseudonym(people["J1"].pk)
    people["J1"].delete()
    summary = extract.run(today=dataset.TODAY)
    assert summary["mode"] == "incremental" and summary["young_people"] == 1
    dashboard = engine.compute(Q1_2025)
    assert dashboard.value(A, "accueillis") == 2 and dashboard.value(A, "premiere_fois") == 0
    assert deleted_key not in all_text(store.db_path())
    assert dashboard.value(("ml", "TB001"), "accueillis") == 1  # l'autre mission locale n'a pas bougé
    assert engine.compute(Q1_2025, direct=True).current.values == dashboard.current.values


def test_nothing_changed_means_nothing_extracted(built):
    summary = extract.run(today=dataset.TODAY)
    assert summary["mode"] == "incremental" and summary["young_people"] == 0


def test_employer_figures_are_reread_at_each_extraction(built):
    people, _ = built
    SponsorshipFactory(young_person=people["J2"], signed_on=datetime.date(2025, 1, 20))
    ImmersionFactory(
        young_person=people["J4"], start_date=datetime.date(2025, 3, 10), end_date=datetime.date(2025, 3, 21)
    )
    summary = extract.run(today=dataset.TODAY)
    assert summary["young_people"] == 0  # aucun dossier ni fait du jeune n'a changé
    dashboard = engine.compute(Q1_2025)
    assert dashboard.value(A, "jeunes_parraines") == 2 and dashboard.value(A, "immersions") == 2
    assert dashboard.value(A, "employeurs_en_contact") == 4  # E1 de janvier à mars, l'employeur de mars
    assert engine.compute(Q1_2025, direct=True).current.values == dashboard.current.values


def test_programme_enrolments_and_cotraitance_are_read_from_their_apps(db):
    factories = pytest.importorskip("tests.programmes.factories")
    _, ml_b, people = dataset.build()
    factories.EnrolmentFactory(
        young_person=people["J4"],
        programme=factories.programme("civis"),
        entry_date=datetime.date(2025, 2, 3),
        exit_date=datetime.date(2025, 3, 14),
        exit_outcome="emploi_durable",
    )
    factories.ReferralFactory(young_person=people["J6"], assignment_date=datetime.date(2025, 2, 10))
    factories.EnvelopeFactory(mission_locale=ml_b, year=2025, target=24, paid_target=8)
    extract.run(complete=True, today=dataset.TODAY)
    dashboard = engine.compute(Q1_2025)
    assert dashboard.value(A, "civis_entres") == 1 and dashboard.value(A, "civis_sortis_emploi_durable") == 1
    assert dashboard.value(("ml", "TB001"), "cot_entrees_allocataires") == 1
    assert dashboard.value(("ml", "TB001"), "cot_objectif") == 6.0
    assert dashboard.value(("ml", "TB001"), "cot_taux_realisation") == 16.7


def _parquet_files(settings):
    root = settings.WAREHOUSE_DIR / "parquet"
    return {
        str(f.relative_to(root)): (f.stat().st_ino, f.stat().st_mtime_ns) for f in root.glob("**/*.parquet")
    }


def test_incremental_extract_rewrites_only_the_partitions_whose_content_changed(built, settings):
    people, _ = built
    before = _parquet_files(settings)
    ContactFactory(young_person=people["J4"], date=datetime.date(2025, 2, 3))
    extract.run(today=dataset.TODAY)
    after = _parquet_files(settings)
    rewritten = {name.rsplit("/", 1)[0] for name in after if before.get(name) != after[name]}
    # J4 a des faits en 2023 et 2024 : seule la partition du nouveau contact est réécrite.
    assert rewritten == {"contacts/region_code=32/mois=2025-02"}
    assert after.keys() >= before.keys()

    deleted_key = store.pseudonym(people["J1"].pk)
    people["J1"].delete()
    extract.run(today=dataset.TODAY)
    root = settings.WAREHOUSE_DIR / "parquet"
    con = duckdb.connect(str(store.db_path()), read_only=True)
    for table in FACT_TABLES:
        if not list((root / table).glob("**/*.parquet")):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
            continue
        in_parquet = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE yp_key = $k) FROM read_parquet('{root / table}/**/*.parquet')",
            {"k": deleted_key},
        ).fetchone()
        assert in_parquet == (con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], 0), table
    con.close()


def test_extraction_never_blocks_the_dashboard_and_swaps_in_one_go(built, settings):
    people, _ = built
    ContactFactory(young_person=people["J4"], date=datetime.date(2025, 2, 3))
    with store.connect() as reader:  # une page ouverte pendant toute l'extraction
        count = "SELECT count(*) FROM contacts"
        seen = reader.execute(count).fetchone()[0]
        extract.run(today=dataset.TODAY)
        assert reader.execute(count).fetchone()[0] == seen  # la version d'avant, cohérente
    with store.connect() as reader:
        assert reader.execute(count).fetchone()[0] == seen + 1
    leftovers = {p.name for p in settings.WAREHOUSE_DIR.iterdir() if p.is_file()}
    assert leftovers <= {"entrepot.duckdb", "entrepot.duckdb.verrou"}


def test_a_failed_extraction_changes_nothing(built, monkeypatch):
    people, _ = built
    ContactFactory(young_person=people["J4"], date=datetime.date(2025, 2, 3))

    def broken(*args, **kwargs):
        raise RuntimeError("panne pendant le calcul des résumés")

    monkeypatch.setattr(extract.summaries, "rebuild", broken)
    with pytest.raises(RuntimeError):
        extract.run(today=dataset.TODAY)
    with store.connect() as reader:
        assert reader.execute("SELECT count(*) FROM extractions").fetchone()[0] == 1
    monkeypatch.undo()
    assert (
        extract.run(today=dataset.TODAY)["young_people"] == 1
    )  # le changement est repris au passage suivant


def test_memory_limit_comes_from_the_settings(built, settings):
    settings.WAREHOUSE_MEMORY_LIMIT = "512MB"
    with store.connect() as con:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit == "488.2 MiB"  # 512 Mo en unités binaires
