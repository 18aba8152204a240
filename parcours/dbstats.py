"""Statistiques du planificateur PostgreSQL après un chargement en masse.

Une table remplie d'un coup (génération, import de 100 000 dossiers) reste sans statistiques jusqu'au passage
de l'autovacuum : le planificateur la croit vide et choisit des boucles imbriquées sur des millions de lignes.
``refresh_statistics`` lance ``ANALYZE`` aussitôt (quelques secondes à 100 000 jeunes) ; rien sur SQLite.
"""

from django.apps import apps
from django.db import connection


def refresh_statistics(*app_labels):
    """``ANALYZE`` des tables des applications données, ou de toute la base sans argument. Renvoie les tables."""
    if connection.vendor != "postgresql":
        return []
    if app_labels:
        tables = [
            model._meta.db_table
            for label in app_labels
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
            if not model._meta.proxy and model._meta.managed
        ]
    else:
        tables = []
    with connection.cursor() as cursor:
        if tables:
            quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"ANALYZE {quoted}")
        else:
            cursor.execute("ANALYZE")
    return tables
