"""Mise en forme du tableau de bord, commune à la page, aux exports et à la commande ``indicateurs`` :
périmètres, secret statistique, évolutions, valeurs de référence et quartiles.

Secret statistique (règle) : hors du personnel de la mission locale concernée, tout effectif de 1 à 4
est masqué (« < 5 ») ; les cellules qui permettraient de le retrouver par soustraction le sont aussi
(« secret », ``parcours.secrecy``) ; un taux ou une évolution calculés sur un effectif masqué le sont aussi.
"""

import dataclasses

from parcours import secrecy
from parcours.accounts.access import visible_mission_locale_ids
from parcours.warehouse.indicators.catalogue import RATIO, TARGET
from parcours.warehouse.indicators.engine import NATION, evolution

MASKED, SECONDARY_MASKED = secrecy.MASKED, secrecy.SECONDARY_MASKED


class ScopeError(ValueError):
    pass


def parse_scope(text):
    """``national``, ``region:CODE`` ou ``ml:CODE`` -> (niveau, code)."""
    if text == "national":
        return NATION
    kind, _, code = text.partition(":")
    if kind in ("region", "ml") and code:
        return kind, code
    raise ScopeError("Périmètre invalide : « national », « region:CODE » ou « ml:CODE ».")


def scope_text(scope):
    return "national" if scope == NATION else f"{scope[0]}:{scope[1]}"


def own_ml_codes(user):
    """Codes des missions locales dont l'utilisateur est le personnel (secret levé pour elles)."""
    if user is None:
        return set()
    ids = visible_mission_locale_ids(user)
    if not ids:
        return set()
    from parcours.referential.models import MissionLocale

    return set(MissionLocale.objects.filter(pk__in=ids).values_list("code", flat=True))


def check_scope(dashboard, scope):
    kind, code = scope
    if kind == "region" and code not in dashboard.regions:
        raise ScopeError(f"Région inconnue dans l'entrepôt : {code}.")
    if kind == "ml" and code not in dashboard.mls:
        raise ScopeError(f"Mission locale inconnue dans l'entrepôt : {code}.")


def scope_label(dashboard, scope):
    kind, code = scope
    if kind == "national":
        return "France entière"
    if kind == "region":
        return dashboard.regions[code]
    return dashboard.mls[code]["name"]


@dataclasses.dataclass
class Cell:
    value: object
    masked: bool = False
    reason: str = secrecy.PRIMARY  # masque primaire (« < 5 ») ou secondaire (« secret »)

    @property
    def text(self):
        return self.mask_text if self.masked else format_number(self.value)

    @property
    def mask_text(self):
        return secrecy.mask_text(self.reason)

    @property
    def mask_title(self):
        """Pourquoi la cellule est masquée, en clair (infobulle de la page)."""
        if self.reason == secrecy.PRIMARY:
            return "Secret statistique : effectif inférieur à 5"
        return "Secret statistique : masqué pour qu'un effectif inférieur à 5 ne puisse pas être retrouvé par différence"

    @property
    def shown(self):
        """Valeur des graphiques : le nombre, ``None`` si masqué."""
        return None if self.masked else self.value

    @property
    def raw(self):
        """Valeur pour les exports : le nombre, « < 5 » ou « secret » si masqué, vide si absent."""
        return self.mask_text if self.masked else self.value


def format_number(value, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float):
        # Arrondi à l'affichage seulement : une décimale pour un taux, deux au plus sinon (objectif
        # au prorata 25,75 ; contacts par jeune 1,47), sans zéros inutiles.
        text = f"{value:,.1f}" if unit == "%" else f"{value:,.2f}".rstrip("0").rstrip(".")
        text = text.replace(",", "\u202f").replace(".", ",")
    else:
        text = f"{value:,}".replace(",", "\u202f")
    return f"{text}\u00a0%" if unit == "%" else text


def format_evolution(value):
    if value is None:
        return "—", ""
    arrow = "↗" if value > 0 else "↘" if value < 0 else "→"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{format_number(abs(value))}\u00a0%", arrow


#: Masquages gardés par tableau de bord (nation, régions, et les ML dont le personnel l'a consulté).
PATTERNS_KEPT = 64

#: Compositions additives entre indicateurs d'un même périmètre (un contact tenu a l'un des trois types ;
#: un rendez-vous prévu est honoré, manqué sans excuse ou excusé).
COMPOSITIONS = {
    "contacts_tenus": ("entretiens_individuels", "informations_collectives", "ateliers"),
    "rdv_prevus": ("rdv_honores", "rdv_absents", "rdv_excuses"),
    "rappels_envoyes": ("rappels_remis", "rappels_echecs"),
}


def relations(dashboard, codes):
    """Relations additives publiées : nation = somme des régions, région = somme de ses ML (pour chaque
    indicateur de ``codes``), et les compositions entre indicateurs, à chaque périmètre."""
    scopes = [NATION, *(("region", r) for r in dashboard.regions), *(("ml", m) for m in dashboard.mls)]
    result = []
    for code in codes:
        result.append(((NATION, code), [(("region", r), code) for r in dashboard.regions]))
        for region in dashboard.regions:
            parts = [(("ml", m), code) for m in dashboard.mls_of_region(region)]
            result.append(((("region", region), code), parts))
    for total, parts in COMPOSITIONS.items():
        if total in codes and all(p in codes for p in parts):
            result += [((scope, total), [(scope, p) for p in parts]) for scope in scopes]
    return result


class Secrecy:
    """Secret statistique vu par un lecteur : masques primaires et secondaires (``parcours.secrecy``),
    calculés une fois par période sur tout le tableau de bord, donc identiques sur chaque page, export
    et sortie de la commande."""

    def __init__(self, unmasked_ml_codes=(), disabled=False):
        self.unmasked, self.disabled = set(unmasked_ml_codes), disabled

    def applies(self, scope):
        return not self.disabled and not (scope[0] == "ml" and scope[1] in self.unmasked)

    def pattern(self, dashboard, previous=False):
        """{(périmètre, indicateur): PRIMARY | SECONDARY} des effectifs masqués d'une période."""
        if self.disabled:
            return {}
        cache = dashboard.__dict__.setdefault("_secrecy_patterns", {})
        key = (previous, frozenset(self.unmasked))
        if key not in cache:
            codes = [i.code for i in dashboard.indicators if i.is_count and i.kind != TARGET]
            period_values = (dashboard.before if previous else dashboard.current).values
            values = {
                (scope, code): scope_values.get(code)
                for scope, scope_values in period_values.items()
                for code in codes
            }
            linked_codes = {c for total, parts in COMPOSITIONS.items() for c in (total, *parts)}
            every = relations(dashboard, codes)
            linked = [r for r in every if r[0][1] in linked_codes]
            cache[key] = secrecy.suppress(values, every, lambda cell: self.applies(cell[0]), linked)
            while len(cache) > PATTERNS_KEPT:  # un masquage par lecteur (chaque ML lève le secret pour elle)
                cache.pop(next(iter(cache)))
        return cache[key]

    def cell(self, dashboard, scope, indicator, previous=False):
        value = dashboard.value(scope, indicator.code, previous)
        if not self.applies(scope):
            return Cell(value)
        if indicator.is_count:
            reason = self.pattern(dashboard, previous).get((scope, indicator.code))
            return Cell(None, True, reason) if reason else Cell(value)
        index = {i.code: i for i in dashboard.indicators}
        parts = [
            self.cell(dashboard, scope, index[c], previous)
            for c in (indicator.numerator, indicator.denominator)
        ]
        masked = [p for p in parts if p.masked]
        if masked:
            primary = any(p.reason == secrecy.PRIMARY for p in masked)
            return Cell(None, True, secrecy.PRIMARY if primary else secrecy.SECONDARY)
        return Cell(value)

    def series(self, monthly, dashboard, scope):
        """Série mensuelle du périmètre (``monthly`` : {mois: {périmètre: n}} de tous les périmètres),
        en cellules : la même règle, avec les relations région et nation de chaque mois."""
        result = []
        for values in monthly.values():
            value = values.get(scope, 0)
            if not self.applies(scope):
                result.append(Cell(value))
                continue
            cells = {(s, "mois"): v for s, v in values.items()}
            pattern = secrecy.suppress(
                cells, relations(dashboard, ["mois"]), lambda cell: self.applies(cell[0])
            )
            reason = pattern.get((scope, "mois"))
            result.append(Cell(None, True, reason) if reason else Cell(value))
        return result


@dataclasses.dataclass
class Row:
    indicator: object
    current: Cell
    previous: Cell
    evolution: object
    region: Cell | None = None
    nation: Cell | None = None
    quartile: int | None = None

    @property
    def evolution_text(self):
        return format_evolution(self.evolution)

    def text(self, cell):
        if cell is None:
            return ""
        if cell.masked:
            return cell.mask_text
        unit = "%" if self.indicator.kind not in (RATIO,) and not self.indicator.is_count else ""
        return format_number(cell.value, unit)


def change(current, previous):
    """Évolution d'un effectif entre deux cellules, ``None`` si l'une est masquée (elle la révélerait)."""
    if current.masked or previous.masked:
        return None
    return evolution(current.value, previous.value)


def rows(dashboard, scope, secrecy):
    result = []
    for indicator in dashboard.indicators:
        current = secrecy.cell(dashboard, scope, indicator)
        previous = secrecy.cell(dashboard, scope, indicator, previous=True)
        row = Row(indicator, current, previous, change(current, previous) if indicator.is_count else None)
        if scope[0] == "ml":
            region = ("region", dashboard.region_of(scope[1]))
            row.region = secrecy.cell(dashboard, region, indicator)
            row.nation = secrecy.cell(dashboard, NATION, indicator)
            if not current.masked:  # ni rang ni quartile à côté d'une valeur masquée
                row.quartile = dashboard.ml_quartile(scope[1], indicator.code)
        elif scope[0] == "region":
            row.nation = secrecy.cell(dashboard, NATION, indicator)
        result.append(row)
    return result


def children(dashboard, scope):
    """Descente : les régions de la nation, les missions locales d'une région."""
    kind, code = scope
    if kind == "national":
        return [("region", c) for c in dashboard.regions]
    if kind == "region":
        return [("ml", c) for c in dashboard.mls_of_region(code)]
    return []


def quality_children(scope, mls, regions, per_ml):
    """Descente de la page qualité : (nom, périmètre, mesures) des missions locales d'une région, ou des régions de
    la nation (sommes de leurs ML) ; ``per_ml`` : les mesures de chaque ML (``quality.by_ml``)."""
    kind, code = scope
    if kind == "region":
        return [
            (ml["name"], ("ml", c), per_ml.get(c, {})) for c, ml in mls.items() if ml["region_code"] == code
        ]
    if kind == "national":
        return [(name, ("region", c), region_totals(per_ml, mls, c)) for c, name in regions.items()]
    return []


def region_totals(per_ml, mls, region_code):
    """Sommes de la région : ``per_ml`` {ml: {clé: (a, b)}} -> {clé: (somme des a, somme des b)} sur ses ML
    (``mls`` : {ml: {"region_code": …}}), pour les mesures de qualité (anomalies, total)."""
    totals = {}
    for ml_code, ml in mls.items():
        if ml["region_code"] == region_code:
            for key, (first, second) in per_ml.get(ml_code, {}).items():
                a, b = totals.get(key, (0, 0))
                totals[key] = (a + first, b + second)
    return totals


PROVISIONAL, FINAL = "provisoire", "définitif"


def status(dashboard):
    """« provisoire » pour la période en cours (non terminée à la date des données), sinon « définitif »."""
    return PROVISIONAL if dashboard.provisional else FINAL


def status_text(dashboard):
    if not dashboard.provisional:
        return "Définitif"
    return (
        f"Provisoire : la période n'est pas terminée (données au {dashboard.data_date:%d/%m/%Y}), "
        "ses chiffres changeront."
    )


def table(dashboard, scope, secrecy):
    """Lignes à plat pour les exports et la commande (mêmes chiffres que la page)."""
    header = [
        "code",
        "rubrique",
        "indicateur",
        "unite",
        "periode",
        "valeur",
        "periode_precedente",
        "valeur_precedente",
        "evolution_pct",
    ]
    if scope[0] == "ml":
        header += ["region", "national", "quartile"]
    elif scope[0] == "region":
        header += ["national"]
    header.append("statut")
    lines = []
    for row in rows(dashboard, scope, secrecy):
        line = [
            row.indicator.code,
            row.indicator.section,
            row.indicator.label,
            row.indicator.unit,
            dashboard.period.short_label,
            row.current.raw,
            dashboard.previous.short_label,
            row.previous.raw,
            row.evolution,
        ]
        if scope[0] == "ml":
            line += [row.region.raw, row.nation.raw, row.quartile]
        elif scope[0] == "region":
            line += [row.nation.raw]
        line.append(status(dashboard))
        lines.append(line)
    return header, lines


def descendants(dashboard, scope):
    """Le périmètre puis, pour la nation, chaque région suivie de ses ML ; pour une région, ses ML."""
    result = [scope]
    for child in children(dashboard, scope):
        result += descendants(dashboard, child)
    return result


def analyst_table(dashboard, scope, secrecy):
    """Export analyste : une ligne par périmètre (le périmètre de la page, ses régions, toutes ses ML),
    une colonne par indicateur, valeurs de la période, secret statistique appliqué comme sur la page."""
    header = ["niveau", "code", "libelle", "region", "periode", "statut"]
    header += [i.code for i in dashboard.indicators]
    lines = []
    for target in descendants(dashboard, scope):
        kind, code = target
        region = code if kind == "region" else dashboard.region_of(code) if kind == "ml" else ""
        line = [
            kind,
            code,
            scope_label(dashboard, target),
            region,
            dashboard.period.short_label,
            status(dashboard),
        ]
        line += [secrecy.cell(dashboard, target, indicator).raw for indicator in dashboard.indicators]
        lines.append(line)
    return header, lines
