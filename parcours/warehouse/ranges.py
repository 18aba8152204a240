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

from parcours.warehouse.indicators.catalogue import PERSONS, SOURCES, TARGET, catalogue

DDL = """CREATE TABLE IF NOT EXISTS period_counts (
    year INTEGER, lo TINYINT, hi TINYINT, measure VARCHAR, ml_code VARCHAR, n DOUBLE)"""

PERIOD_RANGES = [(12, 14), (15, 17), (18, 20), (21, 23), (12, 17), (18, 23), (12, 23)]
JDI_RANGES = [(hi - 4, hi) for hi in range(12, 24)]
MONTH_RANGES = [(hi, hi) for hi in range(12, 24)]
MONTHLY_MEASURE = "accueillis_mois"
#: Sources mensuelles par mission locale relues en entier à chaque reconstruction.
WHOLE_SOURCES = ("enveloppes_mois", "employeurs_mois", "rappels_mois")


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


def _usual_ranges(con):
    years = [
        row[0]
        for row in con.execute(
            "SELECT DISTINCT unnest([year(month), year(month) + 1]) "
            "FROM (SELECT month FROM ml_month UNION SELECT month FROM employeurs_mois)"
        ).fetchall()
    ]
    values = (
        ", ".join(
            f"({year}, {lo}, {hi}, DATE '{year - 1}-01-01' + INTERVAL ({lo}) MONTH, "
            f"DATE '{year - 1}-01-01' + INTERVAL ({hi + 1}) MONTH - INTERVAL 1 DAY)"
            for year in years
            for lo, hi in PERIOD_RANGES
        )
        or "(0, 0, 0, DATE '2000-01-01', DATE '2000-01-01')"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE usual_ranges AS SELECT * FROM (VALUES {values}) t(year, lo, hi, first_day, last_day)"
    )


def _monthly_sums(con, source, scope):
    """Actes (ml_month, employeurs_mois) ou objectifs (enveloppes_mois) sommés sur chaque plage usuelle
    de chaque année."""
    selected = [i for i in catalogue() if i.source == source]
    aggregates = ", ".join(f"{i.sql} AS {i.code}" for i in selected)
    con.execute(
        f"""INSERT INTO period_counts
        SELECT year, lo, hi, measure, ml_code, n FROM (
            UNPIVOT (SELECT r.year, r.lo, r.hi, m.ml_code, {aggregates}
                     FROM {SOURCES[source][0]} m JOIN usual_ranges r ON m.month BETWEEN r.first_day AND r.last_day
                     WHERE {scope} GROUP BY ALL)
            ON COLUMNS(* EXCLUDE (year, lo, hi, ml_code)) INTO NAME measure VALUE n)
        WHERE n <> 0"""
    )


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


def _previous_programmes(con):
    """Programmes présents à la reconstruction précédente (table ``programme_codes``), s'il y en a eu une."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'programme_codes'"
    ).fetchone()[0]
    if not found:
        return []
    return [row[0] for row in con.execute("SELECT programme FROM programme_codes").fetchall()]


def rebuild(con, pairs=False):
    """Recalcule ``period_counts``. Incrémental (``pairs``) : les indicateurs de jeunes des couples
    (ml_code, year) de ``changed_pairs``, les actes des ML de ``changed_mls`` ; les objectifs
    d'enveloppe et les relations avec les employeurs (petits) sont toujours relus en entier."""
    con.execute(DDL)
    kind = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'period_counts' AND column_name = 'n'"
    ).fetchone()
    if kind and kind[0] != "DOUBLE":  # entrepôt d'avant : objectifs arrondis à l'entier par ML
        con.execute("ALTER TABLE period_counts ALTER n TYPE DOUBLE")
    indicators = catalogue(programmes(con))
    # Les mesures d'un programme qui vient de perdre sa dernière inscription sont retirées elles aussi.
    gone = sorted(set(_previous_programmes(con)) - set(programmes(con)))
    persons = [i.code for i in indicators + catalogue(gone) if i.kind == PERSONS] + [MONTHLY_MEASURE]
    acts = [i.code for i in indicators if i.source == "ml_month"]
    whole = [i.code for i in indicators if i.source in WHOLE_SOURCES]
    pair_scope = "(ml_code, year) IN (SELECT (ml_code, year) FROM changed_pairs)" if pairs else "true"
    ml_scope = "ml_code IN (SELECT ml_code FROM changed_mls)" if pairs else "true"
    con.execute(
        f"""DELETE FROM period_counts WHERE list_contains($whole, measure)
        OR (list_contains($acts, measure) AND {ml_scope}) OR (list_contains($persons, measure) AND {pair_scope})""",
        {"whole": whole, "acts": acts, "persons": persons},
    )
    _usual_ranges(con)
    _monthly_sums(con, "ml_month", ml_scope.replace("ml_code", "m.ml_code", 1))
    for source in WHOLE_SOURCES:
        _monthly_sums(con, source, "true")
    _insert(con, "yp_window", _measures(indicators, "yp_window"), "true", pair_scope)
    for programme in programmes(con):
        quoted = programme.replace("'", "''")
        _insert(
            con,
            "prog_window",
            _measures(indicators, "prog_window", programme),
            f"programme = '{quoted}'",
            pair_scope,
        )
    if not pairs:  # rangé par clé de lecture : les blocs hors de la période sont sautés
        con.execute(
            "CREATE OR REPLACE TABLE period_counts AS SELECT * FROM period_counts ORDER BY year, lo, hi, measure"
        )
    con.execute(
        "CREATE OR REPLACE TABLE programme_codes AS SELECT DISTINCT programme FROM programmes ORDER BY 1"
    )


def lookup(con, periods_list, indicators):
    """{période: {périmètre: {mesure: valeur}}} pour les périodes usuelles, ML, régions et nation
    sommées par DuckDB en une seule requête ; les périodes personnalisées sont absentes du résultat."""
    usual = {}
    for period in periods_list:
        plo, phi = range_bounds(period.mask())
        if (plo, phi) in PERIOD_RANGES and period.window_year not in {u[0] for u in usual.values()}:
            usual[period] = (period.window_year, plo, phi, *range_bounds(period.jdi_mask()))
    if not usual:
        return {}
    codes = [i.code for i in indicators if i.is_count]
    jdi = [i.code for i in indicators if i.kind == PERSONS and i.window == "jdi"]
    clauses = " OR ".join(
        f"(year = {y} AND ((lo = {plo} AND hi = {phi} AND NOT list_contains($jdi, measure)) "
        f"OR (lo = {jlo} AND hi = {jhi} AND list_contains($jdi, measure))))"
        for y, plo, phi, jlo, jhi in usual.values()
    )
    columns = ", ".join(f"sum(n) FILTER (WHERE measure = '{code}')" for code in codes)
    rows = con.execute(
        f"""SELECT year, region_code, ml_code, {columns}
        FROM period_counts JOIN ml USING (ml_code) WHERE {clauses}
        GROUP BY GROUPING SETS ((year, region_code, ml_code), (year, region_code), (year))""",
        {"jdi": jdi or [""]},
    ).fetchall()
    integer = [i.kind != TARGET for i in indicators if i.is_count]
    by_year = {values[0]: {} for values in usual.values()}
    for year, region, ml_code, *values in rows:
        scope = ("ml", ml_code) if ml_code else ("region", region) if region else ("national", "")
        by_year[year][scope] = {
            code: (int(v) if is_int else round(v, 6)) if v is not None else 0
            for code, v, is_int in zip(codes, values, integer, strict=True)
        }
    return {period: by_year[values[0]] for period, values in usual.items()}
