import datetime

import pytest

from parcours.warehouse import periods
from parcours.warehouse.indicators import engine
from tests.warehouse import dataset

Q1_2025 = periods.preset("trimestre", 2025, 1)


@pytest.fixture
def dashboard(db):
    dataset.build_warehouse()
    return engine.compute(Q1_2025)


def scope_of(name):
    return engine.NATION if name == "national" else ("ml", {"A": "TA001", "B": "TB001"}[name])


def test_hand_computed_figures(dashboard):
    found = {
        (scope, code): (
            dashboard.value(scope_of(scope), code),
            dashboard.value(scope_of(scope), code, previous=True),
        )
        for scope, code in dataset.EXPECTED
    }
    assert found == dataset.EXPECTED


def test_indicator_index_finds_every_indicator_by_code(dashboard):
    index = engine.indicator_index(dashboard)
    assert list(index) == [i.code for i in dashboard.indicators]
    assert index["accueillis"].label == "Jeunes accueillis"


def test_region_is_the_sum_of_its_missions_locales(dashboard):
    assert dashboard.value(("region", "32"), "accueillis") == 2
    assert dashboard.value(("region", "11"), "jdi") == 1


def test_evolution_and_quartile(dashboard):
    assert engine.evolution(3, 2) == 50.0
    assert engine.evolution(2, 0) is None
    assert engine.evolution(222_019, 237_359) == -6.5  # tableau COPEXEN (001)
    assert dashboard.ml_quartile("TA001", "accueillis") == 4
    assert dashboard.ml_quartile("TB001", "cot_entrees") == 4


def test_periods_are_whole_months():
    with pytest.raises(periods.PeriodError, match="1er d'un mois"):
        periods.Period(datetime.date(2025, 1, 2), datetime.date(2025, 3, 31))
    with pytest.raises(periods.PeriodError, match="24 mois"):
        periods.Period(datetime.date(2023, 1, 1), datetime.date(2025, 3, 31))
    assert Q1_2025.previous_year() == periods.preset("trimestre", 2024, 1)
    assert Q1_2025.mask() == 0b111 << 12
    assert Q1_2025.jdi_mask() == 0b11111 << 10


def test_reserved_ranges_match_the_sql_definitions(dashboard):
    direct = engine.compute(Q1_2025, direct=True)
    assert direct.current.values == dashboard.current.values
    assert direct.before.values == dashboard.before.values
    custom = periods.Period(datetime.date(2024, 11, 1), datetime.date(2025, 2, 28))
    assert engine.compute(custom).current.values == engine.compute(custom, direct=True).current.values


def _envelopes(targets):
    from parcours.warehouse import store, summaries

    with store.connect(read_only=False) as con:
        con.execute("DELETE FROM enveloppes")
        for ml_code, region_code, target in targets:
            con.execute("INSERT INTO enveloppes VALUES (?, ?, 2025, ?)", [ml_code, region_code, target])
        summaries.rebuild(con, dataset.TODAY)


def test_envelope_targets_are_summed_in_decimals(dashboard):
    """Objectifs non multiples de 4 : 13/4 = 3,25 et 90/4 = 22,5 ; la nation a 25,75 (et non 3 + 22)."""
    _envelopes([("TA001", "32", 13), ("TB001", "11", 90)])
    for direct in (False, True):
        figures = engine.compute(Q1_2025, direct=direct)
        assert figures.value(("ml", "TA001"), "cot_objectif") == 3.25
        assert figures.value(("ml", "TB001"), "cot_objectif") == 22.5
        assert figures.value(engine.NATION, "cot_objectif") == 25.75
        assert figures.value(("ml", "TB001"), "cot_taux_realisation") == 4.4  # 1 / 22,5
        assert figures.value(engine.NATION, "cot_taux_realisation") == 3.9  # 1 / 25,75
    semester = engine.compute(periods.preset("semestre", 2025, 1))
    assert semester.value(engine.NATION, "cot_objectif") == 51.5


def test_targets_are_rounded_only_for_display():
    from parcours.warehouse import presentation

    assert presentation.format_number(25.75) == "25,75"
    assert presentation.format_number(3.0) == "3"
    assert presentation.format_number(103 * 5 / 12) == "42,92"


def test_a_warehouse_from_before_the_profile_columns_is_rebuilt(dashboard):
    """Un fichier d'avant (yp_window sans colonnes de profil, period_counts en entiers) se met à niveau
    à l'extraction incrémentale suivante, sans extraction complète."""
    from parcours.warehouse import store, summaries

    with store.connect(read_only=False) as con:
        con.execute("DROP TABLE yp_window")
        con.execute(
            """CREATE TABLE yp_window (yp_key VARCHAR, ml_code VARCHAR, region_code VARCHAR, year INTEGER,
            held INTEGER, first_reception INTEGER, emploi INTEGER, alternance INTEGER, formation INTEGER,
            cot_entry INTEGER, cot_benefit INTEGER)"""
        )
        con.execute("ALTER TABLE period_counts ALTER n TYPE INTEGER")
        summaries.rebuild(con, dataset.TODAY, keys=True, mls=True)
        kind = con.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'period_counts' AND column_name = 'n'"
        ).fetchone()[0]
    assert kind == "DOUBLE"
    figures = engine.compute(Q1_2025)
    assert figures.value(("ml", "TA001"), "vus_entretien_individuel") == 1
    assert figures.value(("ml", "TA001"), "premiere_fois_qpv") == 1
    assert figures.current.values == dashboard.current.values
