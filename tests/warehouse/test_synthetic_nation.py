"""La nation synthétique, à l'échelle 0,001 : écrite au format de l'entrepôt, volumes au prorata."""

import datetime

import pytest
from django.test import override_settings

from parcours.warehouse import periods, store, synthetic_nation
from parcours.warehouse.indicators import engine


def near(value, expected, tolerance=0.25):
    return abs(value - expected) <= tolerance * expected


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    root = tmp_path_factory.mktemp("nation")
    with override_settings(WAREHOUSE_DIR=root):
        result = synthetic_nation.build_warehouse(0.001, datetime.date(2025, 12, 31))
        return root, result, engine.compute(periods.preset("annee", 2025))


@pytest.fixture(autouse=True)
def warehouse_dir(nation, settings):
    settings.WAREHOUSE_DIR = nation[0]  # remplace la fixture du conftest : l'entrepôt du module


def test_written_as_parquet_partitioned_by_region_and_month(nation):
    root, result, dashboard = nation
    contacts = root / "parquet" / "contacts"
    assert len(list(contacts.glob("region_code=*"))) == 18
    assert list((contacts / "region_code=32" / "mois=2025-03").glob("*.parquet"))
    assert len(dashboard.mls) == 440 and len(dashboard.regions) == 18
    with store.connect() as con:
        assert con.execute("SELECT source FROM extractions").fetchone()[0].startswith("synthetique")
        assert result["young_people"] == con.execute("SELECT count(*) FROM jeunes").fetchone()[0]


def test_yearly_volumes_follow_the_national_figures(nation):
    _, _, dashboard = nation
    national = dashboard.current.values[engine.NATION]
    assert near(national["accueillis"], 1_370)  # 1,37 M de jeunes en contact par an à l'échelle 1,0
    assert near(national["premiere_fois"], 427)
    assert near(national["immersions"], 141)  # 141 000 immersions (2016)
    assert near(national["jeunes_parraines"], 18.5, tolerance=0.5)
    assert national["employeurs_en_contact"] > 0
    # Rendez-vous : 86 % présents, 8 % absents, 2 % excusés (annulés et reportés hors du taux) : 8 / 96.
    assert (
        national["rdv_prevus"] == national["rdv_honores"] + national["rdv_absents"] + national["rdv_excuses"]
    )
    assert 7.0 <= national["taux_absence_rdv"] <= 9.7
