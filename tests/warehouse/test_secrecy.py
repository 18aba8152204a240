"""Le secret statistique résiste à la soustraction : aucune cellule masquée d'un tableau publié (page,
CSV, XLSX, commande) ne se retrouve à partir des cellules visibles et des relations additives
(région = somme de ses ML, nation = somme des régions, contacts tenus = somme de leurs trois types,
rendez-vous prévus = honorés + manqués sans excuse + excusés)."""

import random
from fractions import Fraction

import pytest

from parcours import secrecy
from parcours.warehouse import periods, presentation
from parcours.warehouse.indicators import engine
from parcours.warehouse.indicators.catalogue import TARGET, catalogue

Q1 = periods.preset("trimestre", 2025, 1)
INDICATORS = catalogue()
COUNTS = [i.code for i in INDICATORS if i.is_count and i.kind != TARGET]


def _values(rng, mls, regions):
    values = {("ml", code): {} for code in mls}
    for scope_values in values.values():
        for code in COUNTS:
            scope_values[code] = rng.choice([0, 0, 1, 2, 3, 4, rng.randint(5, 12), rng.randint(5, 300)])
        for total, parts in presentation.COMPOSITIONS.items():
            scope_values[total] = sum(scope_values[c] for c in parts)
        scope_values["cot_objectif"] = rng.randint(0, 40) / 4
    result = dict(values)
    for region in regions:
        members = [values[("ml", c)] for c, ml in mls.items() if ml["region_code"] == region]
        result[("region", region)] = {k: sum(m[k] for m in members) for k in members[0]}
    result[engine.NATION] = {
        k: sum(result[("region", r)][k] for r in regions) for k in COUNTS + ["cot_objectif"]
    }
    engine._rates(result, INDICATORS)
    return engine.PeriodValues(Q1, result)


def synthetic_dashboard(seed):
    rng = random.Random(seed)
    regions = {f"R{r}": f"Région {r}" for r in range(4)}
    mls, n = {}, 0
    for region in regions:
        for _ in range(rng.randint(1, 6)):
            mls[f"M{n:03}"] = {"name": f"ML {n}", "region_code": region}
            n += 1
    return engine.Dashboard(
        Q1,
        Q1.previous_year(),
        INDICATORS,
        _values(rng, mls, regions),
        _values(rng, mls, regions),
        mls,
        regions,
        None,
    )


def published(dashboard, viewer):
    """{(périmètre, indicateur, précédente): cellule} lu dans chaque page et chaque export, en vérifiant
    qu'une cellule a la même valeur partout où elle paraît."""
    seen = {}

    def add(scope, code, previous, cell):
        key = (scope, code, previous)
        assert seen.setdefault(key, cell) == cell, key
        return cell

    scopes = [engine.NATION, *(("region", r) for r in dashboard.regions), *(("ml", m) for m in dashboard.mls)]
    for scope in scopes:
        for row in presentation.rows(dashboard, scope, viewer):
            code = row.indicator.code
            add(scope, code, False, row.current)
            add(scope, code, True, row.previous)
            if row.current.masked:
                assert row.quartile is None and row.evolution is None
            if row.region is not None:
                add(("region", dashboard.region_of(scope[1])), code, False, row.region)
            if row.nation is not None:
                add(engine.NATION, code, False, row.nation)
        for child in presentation.children(dashboard, scope):
            for indicator in INDICATORS:
                add(child, indicator.code, False, viewer.cell(dashboard, child, indicator))
        header, lines = presentation.table(dashboard, scope, viewer)
        for line in lines:
            assert line[5] == seen[(scope, line[0], False)].raw
    return seen


def equations(dashboard, code_group):
    result = []
    for code in code_group:
        result.append([(1, (engine.NATION, code))] + [(-1, (("region", r), code)) for r in dashboard.regions])
        for region in dashboard.regions:
            result.append(
                [(1, (("region", region), code))]
                + [(-1, (("ml", m), code)) for m in dashboard.mls_of_region(region)]
            )
    for total, parts in presentation.COMPOSITIONS.items():
        if total not in code_group:
            continue
        for scope in [
            engine.NATION,
            *(("region", r) for r in dashboard.regions),
            *(("ml", m) for m in dashboard.mls),
        ]:
            result.append([(1, (scope, total))] + [(-1, (scope, c)) for c in parts])
    return result


def _rank(rows):
    rows = [list(r) for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def recoverable(dashboard, cells, previous, code_group):
    """Cellules masquées déterminées par les relations linéaires et les cellules visibles."""
    unknown = sorted(
        {
            (scope, code)
            for (scope, code, prev), cell in cells.items()
            if prev == previous and cell.masked and code in code_group
        }
    )
    if not unknown:
        return []
    index = {cell: i for i, cell in enumerate(unknown)}
    matrix = []
    for equation in equations(dashboard, code_group):
        row = [Fraction(0)] * len(unknown)
        for coefficient, cell in equation:
            if cell in index:
                row[index[cell]] += coefficient
        if any(row):
            matrix.append(row)
    base = _rank(matrix)
    found = []
    for cell, i in index.items():
        unit = [Fraction(0)] * len(unknown)
        unit[i] = Fraction(1)
        if _rank([*matrix, unit]) == base:
            found.append(cell)
    return found


def interval_exposed(dashboard, cells, previous, code_group):
    """Une relation seule qui fixe une cellule masquée, sachant « < 5 » = 1 à 4 et un masque secondaire
    « secret » ≥ 5 (hypothèse la plus forte sur ce que sait le lecteur)."""
    found = []
    for equation in equations(dashboard, code_group):
        known, unknown = 0, []
        for coefficient, (scope, code) in equation:
            cell = cells[(scope, code, previous)]
            if cell.masked:
                low, high = secrecy.BOUNDS[cell.reason]
                unknown.append((coefficient, (low, min(high, 10**9))))
            else:
                known += coefficient * cell.value
        for position, (coefficient, (low, high)) in enumerate(unknown):
            others = [u for j, u in enumerate(unknown) if j != position]
            smallest = sum(c * (lo if c > 0 else hi) for c, (lo, hi) in others)
            largest = sum(c * (hi if c > 0 else lo) for c, (lo, hi) in others)
            a, b = -known - largest, -known - smallest
            x_low, x_high = (a, b) if coefficient > 0 else (-b, -a)
            if max(low, x_low) >= min(high, x_high):
                found.append(equation)
    return found


COMPOSED = {c for total, parts in presentation.COMPOSITIONS.items() for c in (total, *parts)}
GROUPS = [[c] for c in COUNTS if c not in COMPOSED] + [
    [total, *parts] for total, parts in presentation.COMPOSITIONS.items()
]


@pytest.mark.parametrize("seed", range(12))
def test_no_masked_cell_can_be_recovered(seed):
    dashboard = synthetic_dashboard(seed)
    viewers = [presentation.Secrecy(), presentation.Secrecy({next(iter(dashboard.mls))})]
    for viewer in viewers:
        cells = published(dashboard, viewer)
        assert any(c.masked for c in cells.values())
        for previous in (False, True):
            for group in GROUPS:
                assert recoverable(dashboard, cells, previous, group) == []
                assert interval_exposed(dashboard, cells, previous, group) == []


def test_region_minus_visible_mls_no_longer_gives_the_masked_one():
    """Région 72 = ML de 2 + 30 + 40 : le 2 est masqué, et une autre ML avec lui."""
    cells = {("region", "R"): 72, ("ml", "a"): 2, ("ml", "b"): 30, ("ml", "c"): 40}
    relation = (("region", "R"), [("ml", "a"), ("ml", "b"), ("ml", "c")])
    masked = secrecy.suppress(cells, [relation], lambda cell: True)
    assert masked == {("ml", "a"): secrecy.PRIMARY, ("ml", "b"): secrecy.SECONDARY}
    own = secrecy.suppress(cells, [relation], lambda cell: cell != ("ml", "b"))  # vu par le personnel de b
    assert own == {("ml", "a"): secrecy.PRIMARY, ("ml", "c"): secrecy.SECONDARY}
    assert presentation.Cell(None, True, secrecy.SECONDARY).text == "secret"
