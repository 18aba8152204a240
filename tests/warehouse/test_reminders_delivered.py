"""Part des rappels remis (issue 10, point 6) : rappels envoyés, remis, en échec, par ML, région et nation ;
la valeur exacte sur un jeu fait main, relue à chaque extraction, incrémentale comprise."""

import datetime

import pytest

from parcours.reminders.enums import MessageStatus
from parcours.reminders.models import ReminderMessage
from parcours.warehouse import extract, periods, schema, store
from parcours.warehouse.indicators import engine
from tests.warehouse.test_incremental import assert_incremental_equals_complete
from tests.warehouse.test_no_show import ML, Q1_2025, REGION, TODAY, build

CODES = ("rappels_envoyes", "rappels_remis", "rappels_echecs", "part_rappels_remis")
#: Les rappels des rendez-vous de février : 4 envoyés, 1 remis (SMS confirmé), 1 en échec, 1 sans objet,
#: 1 encore à envoyer — 6 envoyés, dont 5 remis : 83,3 %.
STATUSES = [
    *[MessageStatus.SENT] * 4,
    MessageStatus.DELIVERED,
    MessageStatus.FAILED,
    MessageStatus.CANCELLED,
    MessageStatus.PENDING,
]


def remind(appointment, status):
    start = datetime.datetime.combine(appointment.date, appointment.time, tzinfo=datetime.UTC)
    return ReminderMessage.objects.create(
        appointment=appointment,
        channel="sms",
        starts_at=start,
        due_at=start - datetime.timedelta(hours=48),
        recipient="0612345678",
        status=status,
    )


@pytest.fixture
def built(db):
    objects = build()
    for appointment, status in zip(objects["february"], STATUSES, strict=False):
        remind(appointment, status)
    extract.run(complete=True, today=TODAY, write_parquet=False)
    return objects


def values(scope):
    dashboard = engine.compute(Q1_2025)
    return {code: dashboard.value(scope, code) for code in CODES}


def test_share_of_reminders_delivered_on_a_hand_made_set(built):
    expected = {"rappels_envoyes": 6, "rappels_remis": 5, "rappels_echecs": 1, "part_rappels_remis": 83.3}
    for scope in (ML, REGION, engine.NATION):
        got = values(scope)
        assert {**got, "part_rappels_remis": round(got["part_rappels_remis"], 1)} == expected
    february = periods.Period(datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    assert engine.compute(february, direct=True).value(ML, "rappels_envoyes") == 6


def test_each_extraction_rereads_them_and_the_warehouse_holds_no_contact_details(built, settings):
    ReminderMessage.objects.filter(status=MessageStatus.FAILED).update(status=MessageStatus.DELIVERED)
    assert_incremental_equals_complete(settings, TODAY)
    assert values(ML)["rappels_remis"] == 6
    with store.connect() as con:
        columns = [row[0] for row in con.execute("DESCRIBE rappels_mois").fetchall()]
    assert columns == [
        "ml_code",
        "region_code",
        "month",
        "reminders_attempted",
        "reminders_delivered",
        "reminders_failed",
    ]


def test_a_warehouse_built_before_the_table_gets_it_at_the_next_extraction(built):
    with store.connect(read_only=False) as con:
        con.execute("DROP TABLE rappels_mois")
        assert schema.outdated(con)
    extract.run(today=TODAY, write_parquet=False)
    assert values(ML)["rappels_envoyes"] == 6
