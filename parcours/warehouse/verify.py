"""Vérification de l'entrepôt : une reconstruction complète, dans une copie de contrôle, doit donner
exactement l'entrepôt tenu à jour par les extractions incrémentales.

``differences`` compare table par table (faits, tables de mise en scène, résumés, comptes par plage,
dernière mesure de qualité) comme des multi-ensembles de lignes, puis ``indicator_differences`` compare
chaque indicateur de chaque périmètre (ML, région, nation) sur des périodes données. Sert à la commande
``entrepot_verifier`` (contrôle de nuit) et au test de propriété de l'extraction incrémentale.
"""

import dataclasses

import duckdb

from parcours.warehouse import periods, schema, store
from parcours.warehouse.indicators import engine

#: Tables comparées, avec le filtre de leurs lignes : les tables de suivi (``extractions``, ``ml_map``)
#: décrivent les passages, pas les données ; de la qualité, seule la dernière mesure compte.
COMPARED = {
    **dict.fromkeys(schema.DATA_TABLES, ("*", "")),
    "qualite_historique": (
        "ml_code, region_code, check_code, anomalies, total",
        "WHERE extraction_id = (SELECT max(extraction_id) FROM {db}.qualite_historique)",
    ),
}
EXAMPLES = 5


@dataclasses.dataclass
class Difference:
    table: str
    only_live: int
    only_rebuilt: int
    examples: list

    def __str__(self):
        lines = [
            f"Table {self.table} : {self.only_live} ligne(s) seulement dans l'entrepôt, "
            f"{self.only_rebuilt} seulement dans la reconstruction."
        ]
        lines += [f"    {side} : {row}" for side, row in self.examples]
        return "\n".join(lines)


def _rows(table, db):
    columns, where = COMPARED[table]
    return f"SELECT {columns} FROM {db}.{table} {where.format(db=db)}"


def differences(con):
    """[Difference] entre les entrepôts attachés à ``con`` sous les noms ``live`` et ``rebuilt``."""
    found = []
    for table in COMPARED:
        ours, theirs = _rows(table, "live"), _rows(table, "rebuilt")
        only_live = con.execute(f"{ours} EXCEPT ALL {theirs}").fetchall()
        only_rebuilt = con.execute(f"{theirs} EXCEPT ALL {ours}").fetchall()
        if only_live or only_rebuilt:
            examples = [("entrepôt", row) for row in only_live[:EXAMPLES]]
            examples += [("reconstruction", row) for row in only_rebuilt[:EXAMPLES]]
            found.append(Difference(table, len(only_live), len(only_rebuilt), examples))
    return found


def indicator_differences(live, rebuilt, period_list):
    """[(période, périmètre, indicateur, valeur de l'entrepôt, valeur reconstruite)] pour chaque écart."""
    found = []
    for period in period_list:
        ours, theirs = engine.compute(period, live), engine.compute(period, rebuilt)
        for side in ("current", "before"):
            mine, other = getattr(ours, side).values, getattr(theirs, side).values
            for scope in sorted(set(mine) | set(other)):
                for code in sorted(set(mine.get(scope, {})) | set(other.get(scope, {}))):
                    a, b = mine.get(scope, {}).get(code), other.get(scope, {}).get(code)
                    if a != b:
                        found.append((getattr(ours, side).period, scope, code, a, b))
    return found


def default_periods(today):
    """Les trimestres, semestres et l'année en cours et précédente."""
    found = []
    for year in (today.year - 1, today.year):
        found += [periods.preset("trimestre", year, q) for q in (1, 2, 3, 4)]
        found += [periods.preset("semestre", year, s) for s in (1, 2)]
        found.append(periods.preset("annee", year))
    return found


def compare_files(live_path, rebuilt_path, period_list):
    """(différences de tables, différences d'indicateurs) entre deux fichiers d'entrepôt."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{live_path}' AS live (READ_ONLY)")
        con.execute(f"ATTACH '{rebuilt_path}' AS rebuilt (READ_ONLY)")
        tables = differences(con)
    finally:
        con.close()
    with store.connect(path=live_path) as live, store.connect(path=rebuilt_path) as rebuilt:
        indicators = indicator_differences(live, rebuilt, period_list)
    return tables, indicators
