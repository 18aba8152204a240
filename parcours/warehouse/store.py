"""Accès au fichier DuckDB de l'entrepôt (``settings.WAREHOUSE_DIR``).

Un seul écrivain à la fois (l'extraction), et il ne bloque jamais les lecteurs : il écrit dans une copie
du fichier, mise en place d'un coup (``os.replace``) quand tout est écrit. Pendant une extraction, le tableau
de bord montre la version précédente ; une extraction qui échoue ne laisse rien de modifié.
"""

import contextlib
import fcntl
import hashlib
import hmac
import os
import shutil
import time
from pathlib import Path

import duckdb
from django.conf import settings

from parcours.warehouse import schema

DB_NAME = "entrepot.duckdb"


class WarehouseUnavailable(Exception):
    """L'entrepôt n'existe pas encore ou reste verrouillé par une extraction."""


def warehouse_dir():
    path = Path(settings.WAREHOUSE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path():
    return warehouse_dir() / DB_NAME


def parquet_dir():
    return warehouse_dir() / "parquet"


def exists():
    return db_path().exists()


@contextlib.contextmanager
def connect(read_only=True, wait_seconds=20, path=None):
    path = Path(path or db_path())
    if not read_only:
        with _writing(path) as copy:
            with _open(copy, False, wait_seconds) as con:
                yield con
        return
    if not path.exists():
        raise WarehouseUnavailable("L'entrepôt n'a pas encore été construit : lancez « entrepot_extraire ».")
    with _open(path, True, wait_seconds) as con:
        yield con


@contextlib.contextmanager
def _writing(path):
    """La copie de travail de ``path`` ; elle remplace ``path`` si le bloc se termine sans erreur."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".verrou"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise WarehouseUnavailable(
                "Une extraction est déjà en cours ; réessayez quand elle sera finie."
            ) from error
        copy = path.with_name(path.name + ".maj")
        copy.unlink(missing_ok=True)
        if path.exists():
            shutil.copyfile(path, copy)
        try:
            yield copy
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        os.replace(copy, path)


@contextlib.contextmanager
def _open(path, read_only, wait_seconds):
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as error:
            if time.monotonic() > deadline:
                raise WarehouseUnavailable(
                    "L'entrepôt est en cours de mise à jour ; réessayez dans un instant."
                ) from error
            time.sleep(0.2)
    try:
        if settings.WAREHOUSE_MEMORY_LIMIT:
            con.execute("SET memory_limit = $limit", {"limit": settings.WAREHOUSE_MEMORY_LIMIT})
        if not read_only:
            schema.create_all(con)
        yield con
    finally:
        con.close()


def pseudonym(value, key=None):
    """Identifiant pseudonyme : HMAC-SHA256 à clé secrète (``settings.PSEUDONYMISATION_KEY``), 20 car."""
    key = (key or settings.PSEUDONYMISATION_KEY).encode()
    return hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()[:20]


def last_extraction(con):
    row = con.execute(
        "SELECT id, mode, source, started_at, finished_at, watermark, reference_date, young_people, "
        "rows_written, seconds FROM extractions ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    keys = [
        "id",
        "mode",
        "source",
        "started_at",
        "finished_at",
        "watermark",
        "reference_date",
        "young_people",
        "rows_written",
        "seconds",
    ]
    return dict(zip(keys, row, strict=True))
