"""Capture des changements dans la base elle-même, pour l'extraction incrémentale.

Chaque table dont l'entrepôt tire des faits porte des déclencheurs (triggers) qui ajoutent au journal
``warehouse_warehousechange`` l'identifiant du jeune touché par toute écriture : insertion, modification
(l'ancien et le nouveau jeune quand un fait change de dossier, comme à la fusion de doublons), suppression.
Aucun chemin d'écriture ne les contourne : ni ``QuerySet.update()``, ni ``bulk_create``, ni une
suppression en masse, ni du SQL écrit à la main. Le journal est écrit dans la transaction de l'écriture :
il n'existe que si elle est validée.

- PostgreSQL : un déclencheur par instruction et par événement, qui lit les tables de transition
  (``REFERENCING NEW TABLE``) : une importation de 100 000 lignes ajoute une ligne par jeune distinct
  de chaque instruction, pas une par ligne écrite.
- SQLite (démo) : un déclencheur par ligne.

Les déclencheurs sont (ré)installés après chaque ``migrate`` (signal ``post_migrate``) : une migration
SQLite qui reconstruit une table perd ses déclencheurs, ils reviennent aussitôt. Choix et raisons :
docs/entrepot.md, « Capture des changements ».
"""

import datetime

from django.apps import apps
from django.db import connections
from django.db.models.functions import Now

from parcours.prepared import PreparedQuery
from parcours.warehouse.models import WarehouseChange

#: (application, modèle, champ désignant le jeune) de chaque table lue par l'extraction, jeune par jeune.
TRACKED = (
    ("young_people", "YoungPerson", "id"),
    ("accompaniment", "Contact", "young_person"),
    ("accompaniment", "Proposal", "young_person"),
    ("accompaniment", "Situation", "young_person"),
    ("programmes", "Enrolment", "young_person"),
    ("cotraitance", "Referral", "young_person"),
)

PREFIX = "parcours_capture"


def tracked_tables():
    """[(table, colonne du jeune)] dans la base."""
    tables = []
    for app_label, model_name, field_name in TRACKED:
        model = apps.get_model(app_label, model_name)
        tables.append((model._meta.db_table, model._meta.get_field(field_name).column))
    return tables


def _log_table():
    return WarehouseChange._meta.db_table


def _postgresql(table, column):
    log = _log_table()
    function = f"{PREFIX}_{table}"
    # L'heure de l'écriture (``clock_timestamp()``), pas celle du début de la transaction (``now()``) :
    # ``settled`` en déduit quelles lignes sont sûrement visibles.
    insert = (
        f"INSERT INTO {log} (young_person_id, changed_at) SELECT DISTINCT {column}, clock_timestamp() FROM"
    )
    yield f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {insert} new_rows WHERE {column} IS NOT NULL;
            ELSIF TG_OP = 'UPDATE' THEN
                {insert} (SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows) AS touched
                WHERE {column} IS NOT NULL;
            ELSE
                {insert} old_rows WHERE {column} IS NOT NULL;
            END IF;
            RETURN NULL;
        END
        $$"""
    for event, referencing in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        name = f"{PREFIX}_{event.lower()}"
        yield f'DROP TRIGGER IF EXISTS {name} ON "{table}"'
        yield (
            f'CREATE TRIGGER {name} AFTER {event} ON "{table}" REFERENCING {referencing} '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def _sqlite(table, column):
    log = _log_table()
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"

    def insert(row):
        return f"INSERT INTO {log} (young_person_id, changed_at) SELECT {row}.{column}, {now} WHERE {row}.{column} IS NOT NULL;"

    bodies = {
        "insert": insert("NEW"),
        "update": insert("NEW")
        + f" INSERT INTO {log} (young_person_id, changed_at) SELECT OLD.{column}, {now} "
        f"WHERE OLD.{column} IS NOT NULL AND OLD.{column} IS NOT NEW.{column};",
        "delete": insert("OLD"),
    }
    for event, body in bodies.items():
        name = f"{PREFIX}_{table}_{event}"
        yield f"DROP TRIGGER IF EXISTS {name}"
        yield f'CREATE TRIGGER {name} AFTER {event.upper()} ON "{table}" FOR EACH ROW BEGIN {body} END'


BUILDERS = {"postgresql": _postgresql, "sqlite": _sqlite}


def install(connection):
    """Installe (ou remplace) les déclencheurs de capture sur toutes les tables suivies."""
    builder = BUILDERS.get(connection.vendor)
    if builder is None:
        raise RuntimeError(f"Capture des changements non prise en charge pour la base {connection.vendor}.")
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, column in tracked_tables():
            if table in existing:
                for statement in builder(table, column):
                    cursor.execute(statement)


def installed_triggers(connection):
    """Noms des déclencheurs de capture présents (pour les tests et la vérification)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table || '.' || trigger_name FROM information_schema.triggers "
                "WHERE trigger_name LIKE %s",
                [f"{PREFIX}%"],
            )
        else:
            cursor.execute(
                "SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{PREFIX}%"],
            )
        return {row[0] for row in cursor.fetchall()}


def install_after_migrate(sender, using, **kwargs):
    install(connections[using])


def settled(seconds):
    """Le numéro de la dernière ligne du journal écrite il y a plus de ``seconds`` secondes (0 s'il n'y en a pas) :
    les transactions plus courtes qui en ont écrit avant lui sont toutes validées, leurs lignes visibles. L'heure
    est celle de la base (celle des déclencheurs), pas celle du serveur d'application."""
    # Lu à rebours depuis la dernière ligne : quelques lignes récentes, pas le journal de la journée.
    older = WarehouseChange.objects.filter(
        changed_at__lt=Now() - datetime.timedelta(seconds=seconds)
    ).order_by("-pk")
    return older.values_list("pk", flat=True).first() or 0


_SINCE = PreparedQuery(
    lambda mark: (
        WarehouseChange.objects.filter(pk__gt=mark).order_by("pk").values_list("pk", "young_person_id")
    )
)


def since(mark, limit):
    """Les ``limit`` premières lignes ``(numéro, jeune)`` du journal après le numéro ``mark`` (lu à chaque lecture
    d'une liste « À faire » gardée : requête préparée)."""
    return _SINCE.sliced(0, limit, mark)
