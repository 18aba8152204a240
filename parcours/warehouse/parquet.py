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


def fingerprints(con):
    """{(table, région, mois): (lignes, empreinte)} des faits des jeunes de ``changed_keys``.

    Prises avant et après la ré-extraction de ces jeunes, elles ne diffèrent que pour les partitions dont
    le contenu a vraiment changé : un nouveau contact ne réécrit que le mois où il tombe, pas tout l'historique
    du jeune (les lignes des autres jeunes d'une partition n'ont pas bougé).
    """
    found = {}
    for table in FACT_TABLES:
        rows = con.execute(
            f"SELECT region_code, mois, count(*), sum(hash(f)::HUGEINT) FROM ({_select(table)}) f "
            "WHERE yp_key IN (SELECT yp_key FROM changed_keys) GROUP BY ALL"
        ).fetchall()
        found.update({(table, region, month): (n, h) for region, month, n, h in rows})
    return found


def changed_partitions(before, after):
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


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
