"""Après un chargement en masse, PostgreSQL a des statistiques à jour (ANALYZE) : le planificateur sait."""

import pytest
from django.core.management import call_command
from django.db import connection

from parcours.dbstats import refresh_statistics
from parcours.young_people.models import YoungPerson

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="ANALYZE : PostgreSQL seulement"),
]


def estimated_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def test_generated_data_leaves_statistics_up_to_date():
    call_command("generer_donnees", jeunes=40, graine=3, verbosity=0)
    assert estimated_rows("young_people_youngperson") == YoungPerson.objects.count() >= 40


def test_refresh_statistics_of_named_apps_only():
    tables = refresh_statistics("cotraitance")
    assert "cotraitance_referral" in tables and "young_people_youngperson" not in tables
