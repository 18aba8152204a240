"""Taux d'absence aux rendez-vous : valeur exacte sur un jeu fait main, extraction incrémentale égale à la
reconstruction après des changements de statut, secret statistique, ligne du tableau de bord.

Jeu (mission locale TN001, Nord, région 32), rendez-vous pris et notés par les services de l'agenda :
- février 2025 : 10 rendez-vous à 9 h 30 — 4 présents, 3 absents, 1 excusé, 1 annulé, 1 reporté ;
- hors rendez-vous (sans heure, saisis après coup) : un contact « absent » le 20/02, un « présent » le 21/02 ;
- 10/03/2025 : un rendez-vous resté « planifié » (passé à la date des données : contrôle de qualité) ;
- 22/04/2025 : un rendez-vous à venir ;
- 05/02/2024 : un rendez-vous manqué (absent), la même période un an plus tôt.
Rendez-vous prévus au 1er trimestre 2025 : 4 + 3 + 1 = 8 ; absences : 3 ; taux : 3 / 8 = 37,5 %.
"""

import datetime
import html as html_module

import duckdb
import pytest
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.agenda import services
from parcours.referential.models import Department
from parcours.warehouse import extract, periods, presentation, quality, schema, store
from parcours.warehouse.indicators import engine
from tests.factories import ContactFactory, MissionLocaleFactory, UserFactory, YoungPersonFactory
from tests.warehouse.test_incremental import assert_incremental_equals_complete

D = datetime.date
TODAY = D(2025, 4, 15)
Q1_2025 = periods.preset("trimestre", 2025, 1)
ML = ("ml", "TN001")
REGION = ("region", "32")
CODES = ("rdv_prevus", "rdv_honores", "rdv_absents", "rdv_excuses", "taux_absence_rdv")
FEBRUARY = [
    *[AttendanceStatus.PRESENT] * 4,
    *[AttendanceStatus.ABSENT] * 3,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.CANCELLED,
    AttendanceStatus.POSTPONED,
]


def book(counsellor, young_person, day, status=None):
    """Un rendez-vous pris une semaine avant, puis noté le jour venu (annulé : deux jours avant)."""
    appointment = services.book(
        counsellor=counsellor,
        young_person=young_person,
        date=day,
        time=datetime.time(9, 30),
        today=day - datetime.timedelta(days=7),
    )
    if status == AttendanceStatus.CANCELLED:
        services.cancel(appointment, appointment.version, today=day - datetime.timedelta(days=2))
    elif status is not None:
        services.mark(appointment, appointment.version, status, today=day)
    return appointment


def build():
    ml = MissionLocaleFactory(
        code="TN001", name="Mission locale N", department=Department.objects.get(code="59")
    )
    counsellor = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    people = [
        YoungPersonFactory(mission_locale=ml, first_reception_date=D(2024, 1, 8), birth_date=D(2004, 6, 1))
        for _ in range(5)
    ]
    february = [
        book(counsellor, people[i % 5], D(2025, 2, 3) + datetime.timedelta(days=i), status)
        for i, status in enumerate(FEBRUARY)
    ]
    walk_ins = [
        ContactFactory(young_person=people[0], date=D(2025, 2, 20), status=AttendanceStatus.ABSENT),
        ContactFactory(young_person=people[1], date=D(2025, 2, 21), status=AttendanceStatus.PRESENT),
    ]
    forgotten = book(counsellor, people[2], D(2025, 3, 10))
    book(counsellor, people[3], D(2025, 4, 22))
    book(counsellor, people[4], D(2024, 2, 5), AttendanceStatus.ABSENT)
    return {"february": february, "walk_ins": walk_ins, "forgotten": forgotten}


@pytest.fixture
def built(db):
    objects = build()
    extract.run(complete=True, today=TODAY, write_parquet=False)
    return objects


def values(scope, previous=False):
    dashboard = engine.compute(Q1_2025)
    return {code: dashboard.value(scope, code, previous) for code in CODES}


def test_no_show_rate_on_a_hand_made_set(built):
    expected = {
        "rdv_prevus": 8,
        "rdv_honores": 4,
        "rdv_absents": 3,
        "rdv_excuses": 1,
        "taux_absence_rdv": 37.5,
    }
    assert values(ML) == expected
    assert values(REGION) == expected
    assert values(engine.NATION) == expected
    assert values(ML, previous=True) == {
        "rdv_prevus": 1,
        "rdv_honores": 0,
        "rdv_absents": 1,
        "rdv_excuses": 0,
        "taux_absence_rdv": 100.0,
    }
    # Le contact sans heure saisi « présent » après coup est un contact tenu, pas un rendez-vous honoré.
    assert engine.compute(Q1_2025).value(ML, "contacts_tenus") == 5
    # Les mêmes chiffres par les plages mises en réserve et par la définition SQL évaluée à la volée.
    assert (
        engine.compute(Q1_2025, direct=True).current.values[ML] == engine.compute(Q1_2025).current.values[ML]
    )
    custom = periods.Period(D(2025, 2, 1), D(2025, 2, 28))
    assert engine.compute(custom, direct=True).value(ML, "taux_absence_rdv") == 37.5


def test_past_appointments_left_planned_are_a_quality_anomaly(built):
    with store.connect() as con:
        by_ml = quality.by_ml(con)
    # 10 en février, le 10/03 resté planifié, celui de 2024 ; celui du 22/04 est à venir.
    assert by_ml["TN001"]["rendez_vous_sans_presence"] == (1, 12)


def test_the_extract_carries_an_appointment_flag_and_nothing_more(built):
    with store.connect() as con:
        columns = [row[0] for row in con.execute("DESCRIBE contacts").fetchall()]
        flags = con.execute(
            "SELECT appointment, count(*) FROM contacts GROUP BY ALL ORDER BY appointment"
        ).fetchall()
    assert columns == ["yp_key", "ml_code", "region_code", "date", "kind", "mode", "status", "appointment"]
    assert flags == [(False, 2), (True, 13)]


def test_status_changes_reach_the_warehouse_incrementally(built, settings):
    february, walk_ins = built["february"], built["walk_ins"]

    def mark(appointment, status, today):
        appointment.refresh_from_db()
        services.mark(appointment, appointment.version, status, today=today)

    mark(february[4], AttendanceStatus.PRESENT, TODAY)  # absent -> présent
    mark(february[7], AttendanceStatus.CANCELLED, TODAY)  # excusé -> annulé
    mark(built["forgotten"], AttendanceStatus.ABSENT, TODAY)  # planifié -> absent
    Contact.objects.filter(pk=walk_ins[0].pk).update(
        time=datetime.time(14)
    )  # « absent » qui devient un rendez-vous
    Contact.objects.filter(pk=february[0].pk).update(time=None)  # un « présent » qui n'en est plus un
    assert_incremental_equals_complete(settings, TODAY)
    assert values(ML) == {
        "rdv_prevus": 8,
        "rdv_honores": 4,
        "rdv_absents": 4,
        "rdv_excuses": 0,
        "taux_absence_rdv": 50.0,
    }
    mark(february[5], AttendanceStatus.EXCUSED, TODAY)  # absent -> excusé
    Contact.objects.filter(pk__in=[a.pk for a in february]).update(status=AttendanceStatus.ABSENT)
    assert_incremental_equals_complete(settings, TODAY)
    # 9 de février (un a perdu son heure) + le 10/03 + le contact du 20/02 devenu rendez-vous.
    assert values(ML)["rdv_absents"] == values(ML)["rdv_prevus"] == 11


def test_a_warehouse_of_an_older_schema_is_rebuilt(built):
    with store.connect(read_only=False) as con:
        con.execute("ALTER TABLE contacts DROP COLUMN appointment")
        assert schema.outdated(con)
    summary = extract.run(today=TODAY, write_parquet=False)
    assert summary["mode"] == "complet"
    with store.connect() as con:
        assert not schema.outdated(con)
    assert values(ML)["taux_absence_rdv"] == 37.5


def test_parquet_exchange_files_carry_the_flag(db, settings):
    build()
    extract.run(complete=True, today=TODAY)
    files = str(store.parquet_dir() / "contacts" / "**" / "*.parquet")
    names = [row[0] for row in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{files}')").fetchall()]
    assert "appointment" in names
    assert not {"time", "duration", "notes", "themes", "site_id", "counsellor_id"} & set(names)


def test_small_counts_are_masked_outside_the_ml(built):
    dashboard = engine.compute(Q1_2025)
    index = engine.indicator_index(dashboard)
    outside = presentation.Secrecy()
    own = presentation.Secrecy({"TN001"})
    assert outside.cell(dashboard, ML, index["rdv_absents"]).text == "< 5"
    assert outside.cell(dashboard, ML, index["rdv_excuses"]).masked
    rate = outside.cell(dashboard, ML, index["taux_absence_rdv"])
    assert rate.masked and rate.value is None  # un taux calculé sur un effectif masqué l'est aussi
    assert outside.cell(dashboard, ML, index["rdv_prevus"]).text == "8"
    assert own.cell(dashboard, ML, index["rdv_absents"]).text == "3"
    assert own.cell(dashboard, ML, index["taux_absence_rdv"]).value == 37.5


Q1 = {"periode": "trimestre", "annee": "2025", "numero": "1"}


def _row(html, code):
    start = html.index(f'data-indicateur="{code}"')
    return html_module.unescape(html[start : html.index("</tr>", start)])


def test_dashboard_shows_the_rate_with_its_label_and_definition(client, built):
    director = UserFactory(
        role=Role.DIRECTOR, mission_locale=built["february"][0].young_person.mission_locale
    )
    client.force_login(director)
    url = reverse("warehouse:ml", kwargs={"ml_code": "TN001"})
    html = client.get(url, Q1).content.decode()
    row = _row(html, "taux_absence_rdv")
    assert "Taux d'absence aux rendez-vous" in row and "37,5\u00a0%" in row
    assert "annulé ou reporté ne compte nulle part" in row  # la définition en infobulle
    assert "Rendez-vous prévus (hors annulés et reportés)" in _row(html, "rdv_prevus")
    position = client.get(url, {**Q1, "indicateur": "taux_absence_rdv"}).content.decode()
    assert "Taux d&#x27;absence aux rendez-vous : position de la mission locale" in position
    client.force_login(UserFactory(role=Role.NATIONAL, mission_locale=None))
    row = _row(client.get(url, Q1).content.decode(), "taux_absence_rdv")
    assert "37,5" not in row and "< 5" in row
    definitions = html_module.unescape(client.get(reverse("warehouse:definitions")).content.decode())
    assert 'id="taux_absence_rdv"' in definitions and "pris à une heure donnée" in definitions
