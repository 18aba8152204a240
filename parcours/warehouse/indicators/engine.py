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

import duckdb

from parcours.warehouse import ranges, store
from parcours.warehouse.indicators.catalogue import (
    DEFAULT_PROGRAMMES,
    RATIO,
    SOURCES,
    by_code,
    catalogue,
)

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

    @property
    def data_date(self):
        """Date des données : la date de référence de la dernière extraction."""
        return (self.extraction or {}).get("reference_date")

    @property
    def provisional(self):
        """Période en cours (non terminée à la date des données) : ses chiffres sont provisoires."""
        return self.data_date is not None and self.period.end >= self.data_date

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
    try:
        found = [row[0] for row in con.execute("SELECT programme FROM programme_codes").fetchall()]
    except duckdb.CatalogException:
        found = [
            row[0] for row in con.execute("SELECT DISTINCT programme FROM programmes ORDER BY 1").fetchall()
        ]
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


def _rates(values, indicators):
    rates = [(i.code, i.numerator, i.denominator, i.kind) for i in indicators if not i.is_count]
    for scope_values in values.values():
        for code, numerator, denominator, kind in rates:
            scope_values[code] = ratio(scope_values[numerator], scope_values[denominator], kind)


def compute_period(con, period, indicators, mls, regions, reserved=None):
    """Valeurs d'une période : lues dans ``reserved`` (comptes mis en réserve, déjà sommés par région
    et pour la nation) ou évaluées à la volée puis sommées."""
    codes = [i.code for i in indicators if i.is_count]
    zero = dict.fromkeys(codes, 0)
    if reserved is not None:
        values = {("ml", code): {**zero, **reserved.get(("ml", code), {})} for code in mls}
        for code in regions:
            values[("region", code)] = {**zero, **reserved.get(("region", code), {})}
        values[NATION] = {**zero, **reserved.get(NATION, {})}
        _rates(values, indicators)
        return PeriodValues(period, values)
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
    values = {NATION: dict(zero)}
    for code in regions:
        values[("region", code)] = dict(zero)
    for ml_code, ml in mls.items():
        found = per_ml[ml_code]
        ml_values = {code: found.get(code) or 0 for code in codes}
        values[("ml", ml_code)] = ml_values
        for scope in (("region", ml["region_code"]), NATION):
            total = values[scope]
            for code in codes:
                total[code] += ml_values[code]
    for scope_values in values.values():
        for code in codes:
            if isinstance(
                scope_values[code], float
            ):  # objectifs : sommes de douzièmes, arrondies à l'affichage
                scope_values[code] = round(scope_values[code], 6)
    _rates(values, indicators)
    return PeriodValues(period, values)


def compute(period, con=None, direct=False):
    """Le tableau de bord complet (toutes les ML, régions et la nation, deux périodes).

    ``direct=True`` évalue les définitions SQL sur les fenêtres par jeune au lieu de lire les plages
    mises en réserve (même résultat, plus lent : sert à le vérifier)."""
    if con is None:
        with store.connect() as con:
            return compute(period, con, direct)
    indicators = catalogue(programmes_present(con))
    mls, regions = referential(con)
    previous = period.previous_year()
    reserved = {} if direct else ranges.lookup(con, [period, previous], indicators)
    return Dashboard(
        period=period,
        previous=previous,
        indicators=indicators,
        current=compute_period(con, period, indicators, mls, regions, reserved.get(period)),
        before=compute_period(con, previous, indicators, mls, regions, reserved.get(previous)),
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


def monthly_table(con, months):
    """{mois: {périmètre: jeunes accueillis dans le mois}} pour toutes les ML, régions et la nation."""
    mls, regions = referential(con)
    result = {}
    for year in sorted({m.year for m in months}):
        rows = con.execute(
            """SELECT hi, ml_code, sum(n) FROM period_counts WHERE year = $annee AND measure = $measure
            AND lo = hi GROUP BY hi, ml_code""",
            {"annee": year, "measure": ranges.MONTHLY_MEASURE},
        ).fetchall()
        found = {(hi, ml_code): int(n) for hi, ml_code, n in rows}
        for month in months:
            if month.year != year:
                continue
            values = {("ml", code): found.get((12 + month.month - 1, code), 0) for code in mls}
            values[NATION] = 0
            for code in regions:
                values[("region", code)] = 0
            for code, ml in mls.items():
                values[("region", ml["region_code"])] += values[("ml", code)]
                values[NATION] += values[("ml", code)]
            result[month] = values
    return {m: result[m] for m in months}


def indicator_index(dashboard):
    """Indicateurs du tableau de bord par code : l'unique index que les vues consultent."""
    return by_code(dashboard.indicators)
