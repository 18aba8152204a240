"""Secret statistique du bilan de suivi des partenariats, avec les règles du tableau de bord
(``parcours.secrecy``) : vu hors de la mission locale concernée (bilan régional ou national), un
effectif de 1 à 4 est masqué « < 5 », et une autre case « secret » quand la ligne de total (somme des
lignes) ou le total des recrutements (somme des contrats) le redonnerait par soustraction."""

from parcours import secrecy


def counts(row):
    """Les effectifs d'une ligne, dans l'ordre des colonnes du bilan (après le libellé)."""
    return [row.put_forward, row.recruited, *row.contract_counts, row.sponsored, row.immersions]


def mask_small_counts(report):
    """Calcule ``report.masks`` : {(clé de la ligne, n° de colonne): motif} ; renvoie le bilan."""
    lines = [*report.rows, report.total]
    values = {(row.key, column): value for row in lines for column, value in enumerate(counts(row))}
    width, contracts = len(counts(report.total)), len(report.total.contract_counts)
    relations = [
        ((report.total.key, column), [(row.key, column) for row in report.rows]) for column in range(width)
    ]
    relations += [((row.key, 1), [(row.key, 2 + k) for k in range(contracts)]) for row in lines]
    report.masks = secrecy.suppress(values, relations, lambda cell: True, linked=relations)
    return report


def shown_counts(report, row):
    """Les effectifs de la ligne, masques compris."""
    masks = report.masks
    return [
        secrecy.mask_text(masks[(row.key, column)]) if (row.key, column) in masks else value
        for column, value in enumerate(counts(row))
    ]
