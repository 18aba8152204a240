"""Calcul du tableau de bord : tous les indicateurs, pour toutes les missions locales, leurs régions
et la nation, sur une période et la même période un an plus tôt.

Une requête par source et par période, groupée par mission locale ; les régions et la nation sont
des sommes ; les taux sont recalculés à chaque niveau ; chaque mission locale est située par son
quartile parmi toutes les missions locales.
"""

import dataclasses
import re
import threading
from collections import OrderedDict

from parcours.warehouse import store
from parcours.warehouse.indicators.catalogue import DEFAULT_PROGRAMMES, RATIO, SOURCES, by_code, catalogue

NATION = ("national", "")


def _params(sql, period):
    values = {
        "annee": period.window_year,
        "periode": period.mask(),
        "jdi": period.jdi_mask(),
        "debut": period.start,
        "fin": period.end,
    }
    used = set(re.findall(r"\$(\w+)", sql))
    return {name: value for name, value in values.items() if name in used}


def ratio(numerator, denominator, kind):
    if numerator is None or not denominator:
        return None
    value = numerator / denominator
    return round(value, 2) if kind == RATIO else round(100 * value, 1)


def evolution(current, previous):
    """(P − P₋₁) / P₋₁ en %, une décimale ; None sans base de comparaison."""
    if current is None or not previous:
        return None
    return round(100 * (current - previous) / previous, 1)


def quartile(value, population):
    """1 = quart inférieur … 4 = quart supérieur, parmi toutes les missions locales."""
    if value is None or not population:
        return None
    below = sum(1 for other in population if other < value)
    return min(4, 1 + (4 * below) // len(population))


@dataclasses.dataclass
class PeriodValues:
    """Valeurs d'une période : {(niveau, code): {indicateur: valeur}}."""

    period: object
    values: dict


@dataclasses.dataclass
class Dashboard:
    period: object
    previous: object
    indicators: list
    current: PeriodValues
    before: PeriodValues
    mls: dict  # code -> {"name", "region_code"}
    regions: dict  # code -> nom
    extraction: dict | None

    def value(self, scope, code, previous=False):
        return (self.before if previous else self.current).values.get(scope, {}).get(code)

    def ml_quartile(self, ml_code, code):
        population = [self.current.values[("ml", c)].get(code) for c in self.mls]
        population = [v for v in population if v is not None]
        return quartile(self.value(("ml", ml_code), code), population)

    def ml_values(self, code):
        return {c: self.current.values[("ml", c)].get(code) for c in self.mls}

    def region_of(self, ml_code):
        return self.mls[ml_code]["region_code"]

    def mls_of_region(self, region_code):
        return [c for c, ml in self.mls.items() if ml["region_code"] == region_code]


def programmes_present(con):
    found = [row[0] for row in con.execute("SELECT DISTINCT programme FROM programmes ORDER BY 1").fetchall()]
    return list(DEFAULT_PROGRAMMES) + [p for p in found if p not in DEFAULT_PROGRAMMES]


def referential(con):
    mls = {
        code: {"name": name, "region_code": region}
        for code, name, region in con.execute(
            "SELECT ml_code, ml_name, region_code FROM ml ORDER BY ml_code"
        ).fetchall()
    }
    regions = dict(con.execute("SELECT DISTINCT region_code, region_name FROM ml ORDER BY 1").fetchall())
    return mls, regions


def compute_period(con, period, indicators, mls):
    per_ml = {code: {} for code in mls}
    for source, (table, partition) in SOURCES.items():
        selected = [i for i in indicators if i.source == source]
        if not selected:
            continue
        aggregates = ", ".join(f"{i.sql} AS {i.code}" for i in selected)
        sql = f"SELECT ml_code, {aggregates} FROM {table} WHERE {partition} GROUP BY ml_code"
        for row in con.execute(sql, _params(sql, period)).fetchall():
            target = per_ml.setdefault(row[0], {})
            for indicator, value in zip(selected, row[1:], strict=True):
                target[indicator.code] = value
    counts = [i for i in indicators if i.is_count]
    values = {}
    for ml_code, ml in mls.items():
        ml_values = {i.code: per_ml[ml_code].get(i.code) or 0 for i in counts}
        values[("ml", ml_code)] = ml_values
        for scope in (("region", ml["region_code"]), NATION):
            total = values.setdefault(scope, dict.fromkeys((i.code for i in counts), 0))
            for code, value in ml_values.items():
                total[code] += value
    for scope_values in values.values():
        for code, value in scope_values.items():
            if isinstance(value, float):
                scope_values[code] = round(value, 1)
        for i in indicators:
            if not i.is_count:
                scope_values[i.code] = ratio(scope_values[i.numerator], scope_values[i.denominator], i.kind)
    return PeriodValues(period, values)


def compute(period, con=None):
    """Le tableau de bord complet (toutes les ML, régions et la nation, deux périodes)."""
    if con is None:
        with store.connect() as con:
            return compute(period, con)
    indicators = catalogue(programmes_present(con))
    mls, regions = referential(con)
    previous = period.previous_year()
    return Dashboard(
        period=period,
        previous=previous,
        indicators=indicators,
        current=compute_period(con, period, indicators, mls),
        before=compute_period(con, previous, indicators, mls),
        mls=mls,
        regions=regions,
        extraction=store.last_extraction(con),
    )


_CACHE = OrderedDict()
_LOCK = threading.Lock()


def cached(period):
    """Le tableau de bord, mis en cache par période tant qu'aucune nouvelle extraction n'a eu lieu."""
    with store.connect() as con:
        extraction = store.last_extraction(con)
        key = (period, extraction and extraction["id"], str(store.db_path()))
        with _LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        dashboard = compute(period, con)
    with _LOCK:
        _CACHE[key] = dashboard
        while len(_CACHE) > 16:
            _CACHE.popitem(last=False)
    return dashboard


def monthly_series(con, scope, months, indicator="held"):
    """Jeunes distincts par mois (pour le graphique d'évolution), sur le périmètre donné."""
    kind, code = scope
    where = {"national": "", "region": "AND region_code = $code", "ml": "AND ml_code = $code"}[kind]
    result = {}
    by_year = {}
    for month in months:
        by_year.setdefault(month.year, []).append(month)
    for year, year_months in by_year.items():
        columns = ", ".join(
            f"count(*) FILTER (WHERE {indicator} & {1 << (12 + m.month - 1)} <> 0)" for m in year_months
        )
        params = {"annee": year, **({"code": code} if code else {})}
        row = con.execute(f"SELECT {columns} FROM yp_window WHERE year = $annee {where}", params).fetchone()
        result.update(zip(year_months, row, strict=True))
    return [result[m] for m in months]


def indicator_index(dashboard):
    return by_code(dashboard.indicators)
