"""Comptes de jeunes distincts mis en réserve pour les périodes usuelles.

Une période est une plage contiguë de mois de la fenêtre de 24 mois de son année de fin N (bits 0 à
23, le bit 12 étant janvier N). Pour les plages usuelles — trimestres, semestres et année civile de N
(indicateurs de période), les cinq mois finissant à chaque mois de N (JDI) et chaque mois de N (graphique
mensuel) — ``period_counts`` garde, par mission locale, année et plage, le nombre de jeunes de chaque
indicateur : le tableau de bord complet se lit alors par clé, quel que soit le volume. Les autres
périodes (personnalisées) sont évaluées à la volée sur les fenêtres par jeune, avec la même définition.
Lors d'une extraction incrémentale, seuls les couples (mission locale, année) dont les fenêtres ont
changé sont recalculés.
"""

from parcours.warehouse.indicators.catalogue import PERSONS, catalogue

DDL = """CREATE TABLE IF NOT EXISTS period_counts (
    year INTEGER, lo TINYINT, hi TINYINT, measure VARCHAR, ml_code VARCHAR, n INTEGER)"""

PERIOD_RANGES = [(12, 14), (15, 17), (18, 20), (21, 23), (12, 17), (18, 23), (12, 23)]
JDI_RANGES = [(hi - 4, hi) for hi in range(12, 24)]
MONTH_RANGES = [(hi, hi) for hi in range(12, 24)]
MONTHLY_MEASURE = "accueillis_mois"


def mask_of(lo, hi):
    return (1 << (hi + 1)) - (1 << lo)


def range_bounds(mask):
    """(lo, hi) d'un masque de mois contigus."""
    lo = (mask & -mask).bit_length() - 1
    hi = mask.bit_length() - 1
    if mask != mask_of(lo, hi):
        raise ValueError("Les mois de la période ne sont pas contigus.")
    return lo, hi


def programmes(con):
    return [row[0] for row in con.execute("SELECT DISTINCT programme FROM programmes ORDER BY 1").fetchall()]


def person_indicators(con):
    return [i for i in catalogue(programmes(con)) if i.kind == PERSONS]


def _measures(indicators, source, programme=""):
    """(mesure, colonne, lo, hi) à calculer sur une source."""
    result = []
    for indicator in indicators:
        if indicator.source != source or indicator.programme != programme:
            continue
        shapes = JDI_RANGES if indicator.window == "jdi" else PERIOD_RANGES
        result += [(indicator.code, indicator.column, lo, hi) for lo, hi in shapes]
        if indicator.code == "accueillis":
            result += [(MONTHLY_MEASURE, indicator.column, lo, hi) for lo, hi in MONTH_RANGES]
    return result


def _insert(con, source, measures, condition, scope):
    if not measures:
        return
    aggregates = ", ".join(
        f'count(*) FILTER (WHERE {column} & {mask_of(lo, hi)} <> 0) AS "{code}|{lo}|{hi}"'
        for code, column, lo, hi in measures
    )
    con.execute(
        f"""INSERT INTO period_counts
        SELECT year, split_part(k, '|', 2)::TINYINT, split_part(k, '|', 3)::TINYINT, split_part(k, '|', 1),
            ml_code, n::INTEGER
        FROM (UNPIVOT (SELECT year, ml_code, {aggregates} FROM {source} WHERE {condition} AND {scope}
                       GROUP BY year, ml_code)
              ON COLUMNS(* EXCLUDE (year, ml_code)) INTO NAME k VALUE n)
        WHERE n > 0"""
    )


def rebuild(con, pairs=False):
    """Recalcule ``period_counts`` : tout, ou les couples (ml_code, year) de ``changed_pairs``."""
    con.execute(DDL)
    scope = "(ml_code, year) IN (SELECT (ml_code, year) FROM changed_pairs)" if pairs else "true"
    con.execute(f"DELETE FROM period_counts WHERE {scope}")
    indicators = person_indicators(con)
    _insert(con, "yp_window", _measures(indicators, "yp_window"), "true", scope)
    for programme in programmes(con):
        quoted = programme.replace("'", "''")
        _insert(
            con,
            "prog_window",
            _measures(indicators, "prog_window", programme),
            f"programme = '{quoted}'",
            scope,
        )
    if not pairs:  # rangé par clé de lecture : les blocs hors de la période sont sautés
        con.execute(
            "CREATE OR REPLACE TABLE period_counts AS SELECT * FROM period_counts ORDER BY year, lo, hi, measure"
        )


def lookup(con, period, indicators):
    """{ml_code: {mesure: n}} si la période et sa fenêtre JDI sont des plages usuelles, sinon None."""
    plo, phi = range_bounds(period.mask())
    jlo, jhi = range_bounds(period.jdi_mask())
    if (plo, phi) not in PERIOD_RANGES:
        return None
    periode = [i.code for i in indicators if i.kind == PERSONS and i.window == "periode"]
    jdi = [i.code for i in indicators if i.kind == PERSONS and i.window == "jdi"]
    rows = con.execute(
        """SELECT ml_code, measure, n FROM period_counts WHERE year = $annee AND (
            (lo = $plo AND hi = $phi AND list_contains($periode, measure))
            OR (lo = $jlo AND hi = $jhi AND list_contains($jdi, measure)))""",
        {
            "annee": period.window_year,
            "plo": plo,
            "phi": phi,
            "jlo": jlo,
            "jhi": jhi,
            "periode": periode or [""],
            "jdi": jdi or [""],
        },
    ).fetchall()
    result = {}
    for ml_code, measure, n in rows:
        result.setdefault(ml_code, {})[measure] = n
    return result
