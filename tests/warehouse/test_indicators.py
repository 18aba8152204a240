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
