"""Format d'échange : un jeu de fichiers Parquet par table, partitionné par région et par mois
(``parquet/<table>/region_code=<code>/mois=<AAAA-MM>/data_0.parquet``)."""

import shutil

from parcours.warehouse import store
from parcours.warehouse.schema import FACT_TABLES, PARTITION_DATE


def _select(table):
    return f"SELECT *, strftime({PARTITION_DATE[table]}, '%Y-%m') AS mois FROM {table}"


def _copy(con, table, where=""):
    target = store.parquet_dir() / table
    target.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"COPY ({_select(table)} {where}) TO '{target}' "
        "(FORMAT parquet, PARTITION_BY (region_code, mois), OVERWRITE_OR_IGNORE true, "
        "FILENAME_PATTERN 'data_{i}')"
    )


def export_all(con):
    root = store.parquet_dir()
    for table in FACT_TABLES:
        shutil.rmtree(root / table, ignore_errors=True)
        _copy(con, table)


def affected_partitions(con):
    """Partitions (table, région, mois) qui contiennent des faits des jeunes de ``changed_keys``."""
    found = set()
    for table in FACT_TABLES:
        rows = con.execute(
            f"SELECT DISTINCT region_code, mois FROM ({_select(table)}) "
            "WHERE yp_key IN (SELECT yp_key FROM changed_keys)"
        ).fetchall()
        found |= {(table, region, month) for region, month in rows}
    return found


def export_partitions(con, partitions):
    """Réécrit seulement les partitions touchées : une passe par table."""
    root = store.parquet_dir()
    for table in FACT_TABLES:
        mine = sorted({(region, month) for t, region, month in partitions if t == table})
        if not mine:
            continue
        for region, month in mine:
            shutil.rmtree(root / table / f"region_code={region}" / f"mois={month}", ignore_errors=True)
        con.execute("CREATE OR REPLACE TEMP TABLE _parts (region_code VARCHAR, mois VARCHAR)")
        con.executemany("INSERT INTO _parts VALUES (?, ?)", mine)
        _copy(con, table, "WHERE (region_code, mois) IN (SELECT (region_code, mois) FROM _parts)")


def load_all(con, root=None):
    """Charge les faits depuis un jeu Parquet (par ex. la nation synthétique) dans l'entrepôt."""
    root = root or store.parquet_dir()
    for table, columns in FACT_TABLES.items():
        files = list((root / table).glob("**/*.parquet"))
        if not files:
            continue
        names = ", ".join(name for name, _ in columns)
        con.execute(
            f"INSERT INTO {table} SELECT {names} FROM read_parquet('{root / table}/**/*.parquet', "
            "hive_partitioning = true, hive_types_autocast = false)"
        )
