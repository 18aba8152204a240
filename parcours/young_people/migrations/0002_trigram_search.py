"""Recherche par fragment de nom à l'échelle nationale : index trigramme GIN sur PostgreSQL.

``search_name LIKE '%fragment%'`` utilise cet index ; SQLite (démo) n'en a pas besoin.
"""

from django.db import migrations

INDEX = "yp_search_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON young_people_youngperson USING gin (search_name gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("young_people", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
