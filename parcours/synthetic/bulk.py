"""Écriture en masse rapide : ``COPY`` sur PostgreSQL, ``executemany`` ailleurs (SQLite de la démo).

``bulk_create`` de Django instancie et prépare chaque objet champ par champ : trop lent pour des
millions de contacts. Ici, une ligne est un dictionnaire ``{attname: valeur}`` ; les champs absents
prennent leur valeur par défaut du modèle. Les clés primaires dont on a besoin ensuite (jeunes,
contacts) sont réservées d'avance dans la séquence (``allocate_ids``).
"""

import json

from django.db import connection, models
from django.utils import timezone


def _columns(model):
    return [f for f in model._meta.concrete_fields]


def _adapter(field):
    vendor = connection.vendor
    if isinstance(field, models.JSONField):
        return json.dumps
    if vendor == "postgresql":
        return None
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return ops.adapt_timefield_value
    return None


def insert_rows(model, rows, with_ids=False):
    """Insère les lignes (dictionnaires) ; ``with_ids`` : chaque ligne porte déjà son ``id``."""
    fields = [f for f in _columns(model) if with_ids or not f.primary_key]
    now = timezone.now()
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default() or not f.null:
            defaults[f.attname] = f.get_default()
        else:
            defaults[f.attname] = None
    names = [f.attname for f in fields]
    adapters = [_adapter(f) for f in fields]
    converted = (f for f in zip(names, adapters, strict=True) if f[1] is not None)
    conversions = list(converted)
    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(f.column) for f in fields)

    auto_now = [f.attname for f in fields if getattr(f, "auto_now", False)]

    def values(row):
        out = {**defaults, **row}
        for name in auto_now:
            if out[name] is None:
                out[name] = now
        for name, adapt in conversions:
            if out[name] is not None:
                out[name] = adapt(out[name])
        return [out[name] for name in names]

    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})", [values(r) for r in rows]
            )


def allocate_ids(model, count):
    """Réserve ``count`` clés primaires, dans l'ordre, pour des insertions à venir."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite (AUTOINCREMENT) : jamais une clé déjà attribuée, même supprimée depuis.
        cursor.execute(f"SELECT COALESCE(MAX({model._meta.pk.column}), 0) FROM {table}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))


def model_row(instance):
    """Dictionnaire ``{attname: valeur}`` d'une instance (non enregistrée) d'un modèle."""
    return {f.attname: getattr(instance, f.attname) for f in _columns(type(instance))}
