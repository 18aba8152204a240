"""Secret statistique : masquage primaire et secondaire (règle, docs/entrepot.md).

Primaire : un effectif de 1 à 4 est masqué (« < 5 »). Secondaire : un masque seul dans une relation
additive (une région est la somme de ses missions locales, la nation celle de ses régions, les contacts
tenus la somme de leurs trois types) se retrouve par soustraction ; on masque alors une autre cellule de
la relation (« secret »). Une relation est sûre quand aucune de ses cellules masquées n'y est
déterminée, même en sachant qu'un masque primaire vaut de 1 à 4 et un masque secondaire au moins 5.
Cette fonction est pure : elle ne dépend que des valeurs, des relations et de ce que le lecteur connaît
déjà (les chiffres de sa propre mission locale).
"""

import math
from fractions import Fraction

THRESHOLD = 5
PRIMARY, SECONDARY, HIDDEN = "primaire", "secondaire", "cache"
#: Ce qu'affiche une cellule masquée : « < 5 » (primaire), « secret » (secondaire ou cachée).
MASKED, SECONDARY_MASKED = f"< {THRESHOLD}", "secret"
#: La règle telle que la lit l'utilisateur d'un tableau masqué (tableau de bord, définitions).
NOTICE = (
    f"les effectifs de 1 à {THRESHOLD - 1} sont remplacés par « {MASKED} », et « {SECONDARY_MASKED} » masque les "
    "valeurs qui permettraient de les retrouver par différence (une région est la somme de ses missions locales)."
)
#: Bornes connues d'un lecteur pour une cellule masquée. HIDDEN : un effectif de 1 à 4 affiché
#: « secret » plutôt que « < 5 », quand la borne 4 suffirait à retrouver une voisine (le lecteur
#: connaît sa propre ML et voit sa région « < 5 ») et qu'il ne reste rien d'autre à masquer.
BOUNDS = {PRIMARY: (1, THRESHOLD - 1), SECONDARY: (THRESHOLD, math.inf), HIDDEN: (1, math.inf)}
#: Un masque secondaire d'au moins 8 laisse à un masque primaire voisin toutes ses valeurs possibles.
COMFORTABLE = 2 * THRESHOLD - 2


def mask_text(reason):
    return MASKED if reason == PRIMARY else SECONDARY_MASKED


def is_primary(value):
    return value is not None and 0 < value < THRESHOLD


def _ranges(values, masked, relation):
    """Intervalle possible de chaque cellule masquée de la relation ``total = somme(parts)``."""
    total, parts = relation
    terms = [(total, 1)] + [(part, -1) for part in parts]
    known = sum(sign * (values.get(cell) or 0) for cell, sign in terms if cell not in masked)
    unknown = [(cell, sign, *BOUNDS[masked[cell]]) for cell, sign in terms if cell in masked]

    def low_of(s, lo, hi):
        return lo if s > 0 else -hi

    def high_of(s, lo, hi):
        return hi if s > 0 else -lo

    all_low = [low_of(s, lo, hi) for _, s, lo, hi in unknown]
    all_high = [high_of(s, lo, hi) for _, s, lo, hi in unknown]
    infinite_low = sum(1 for v in all_low if v == -math.inf)
    infinite_high = sum(1 for v in all_high if v == math.inf)
    finite_low = sum(v for v in all_low if v != -math.inf)
    finite_high = sum(v for v in all_high if v != math.inf)
    result = {}
    for (cell, sign, low, high), own_low, own_high in zip(unknown, all_low, all_high, strict=True):
        # bornes de la somme des autres termes (sans soustraire d'infini)
        if own_low == -math.inf:
            smallest = -math.inf if infinite_low > 1 else finite_low
        else:
            smallest = -math.inf if infinite_low else finite_low - own_low
        if own_high == math.inf:
            largest = math.inf if infinite_high > 1 else finite_high
        else:
            largest = math.inf if infinite_high else finite_high - own_high
        # sign * x = -known - (somme des autres)
        a, b = -known - largest, -known - smallest
        x_low, x_high = (a, b) if sign > 0 else (-b, -a)
        result[cell] = (max(low, x_low), min(high, x_high))
    return result


def exposed(values, masked, relation):
    """Cellules masquées que la relation, seule, détermine (ou dont les bornes se contredisent)."""
    return [cell for cell, (low, high) in _ranges(values, masked, relation).items() if low >= high]


def _candidate(values, masked, relation, hideable):
    total, parts = relation

    def usable(cell):
        value = values.get(cell)
        return cell not in masked and hideable(cell) and value is not None and value >= THRESHOLD

    def preference(cell):
        value = values[cell]
        return (value < COMFORTABLE, value if value >= COMFORTABLE else -value, cell)

    found = sorted((c for c in parts if usable(c)), key=preference)
    if found:
        return found[0]
    return total if usable(total) else None


def determined(masked, relations):
    """Cellules masquées que le système linéaire de ``relations`` fixe (combinaisons de relations
    comprises) : une cellule l'est si son vecteur unité appartient à l'espace engendré par les lignes
    du système restreint aux inconnues, c'est-à-dire si une ligne réduite ne contient qu'elle."""
    rows = []
    for total, parts in relations:
        row = {}
        for cell, sign in [(total, 1)] + [(part, -1) for part in parts]:
            if cell in masked:
                row[cell] = row.get(cell, 0) + sign
        row = {c: Fraction(v) for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots = {}  # cellule pivot -> ligne réduite
    for row in rows:
        for cell, pivot_row in pivots.items():
            if cell in row:
                factor = row[cell] / pivot_row[cell]
                for c, v in pivot_row.items():
                    row[c] = row.get(c, 0) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        pivot = min(row, key=repr)
        for cell, pivot_row in pivots.items():
            if pivot in pivot_row:
                factor = pivot_row[pivot] / row[pivot]
                for c, v in row.items():
                    pivot_row[c] = pivot_row.get(c, 0) - factor * v
                pivots[cell] = {c: v for c, v in pivot_row.items() if v}
        pivots[pivot] = row
    return sorted((cell for cell, row in pivots.items() if len(row) == 1), key=repr)


def suppress(values, relations, hideable, linked=()):
    """{cellule: PRIMARY | SECONDARY} pour les cellules à masquer.

    ``values`` : {cellule: effectif} ; ``relations`` : [(total, [parts])] ; ``hideable(cellule)`` :
    faux pour une cellule que le lecteur connaît (sa propre mission locale), qui n'est jamais masquée.
    Chaque relation est rendue sûre seule ; cela suffit quand les relations forment un arbre (ML →
    région → nation). ``linked`` : les relations qui forment des cycles (un indicateur somme d'autres,
    à chaque niveau), vérifiées ensemble par le calcul exact de ``determined``."""
    masked = {cell: PRIMARY for cell, value in values.items() if hideable(cell) and is_primary(value)}
    revealed = set()

    def can_hide(cell):
        return hideable(cell) and cell not in revealed

    changed = True
    while changed:
        changed = False
        for relation in relations:
            while exposed(values, masked, relation):
                cell = _candidate(values, masked, relation, can_hide)
                if cell is not None:
                    masked[cell] = SECONDARY
                else:
                    total, parts = relation
                    labelled = [c for c in (total, *parts) if masked.get(c) == PRIMARY]
                    if labelled:
                        masked[labelled[0]] = HIDDEN
                    else:  # déjà déductible de ce que le lecteur sait (sa ML fait toute la région) : montré
                        for cell in exposed(values, masked, relation):
                            del masked[cell]
                            revealed.add(cell)
                changed = True
        if not changed and linked:
            for cell in determined(masked, linked):
                touching = [r for r in linked if cell == r[0] or cell in r[1]]
                candidates = [c for c in (_candidate(values, masked, r, can_hide) for r in touching) if c]
                choice = min(candidates, key=lambda c: (values[c], repr(c))) if candidates else None
                if choice is None:
                    choice = _breaking_candidate(values, masked, linked, cell, can_hide)
                if choice is not None:
                    masked[choice] = SECONDARY
                    changed = True
                    break
    return masked


#: Relations parcourues au plus autour d'une cellule déterminée pour trouver de quoi la couvrir.
BREAKING_DEPTH = 3


def _breaking_candidate(values, masked, relations, cell, hideable):
    """Cellule à masquer quand aucune relation qui touche ``cell`` n'a plus rien de masquable : la valeur
    se déduit alors par une chaîne de relations (par exemple une région à deux ML, dont le lecteur connaît
    l'une, et la nation qui la relie aux autres régions). On cherche, de plus en plus loin le long des
    relations, la plus petite cellule publiable dont le masquage laisse ``cell`` indéterminée."""
    reached, frontier, tried = {cell}, {cell}, set()
    for _ in range(BREAKING_DEPTH):
        touching = [r for r in relations if any(c in frontier for c in (r[0], *r[1]))]
        frontier = {c for total, parts in touching for c in (total, *parts)} - reached
        reached |= frontier
        usable = sorted(
            (
                c
                for c in reached - tried
                if c not in masked and hideable(c) and (values.get(c) or 0) >= THRESHOLD
            ),
            key=lambda c: (values[c], repr(c)),
        )
        for candidate in usable:
            tried.add(candidate)
            if cell not in determined({**masked, candidate: SECONDARY}, relations):
                return candidate
    return None
