"""Lecture des fichiers CSV : UTF-8 avec ou sans BOM, « ; », fins de ligne Windows ou Unix."""

import csv
from dataclasses import dataclass

from parcours.imports.csvinput import DELIMITER, row_errors, sentence, undecodable_cell
from parcours.imports.csvinput import ENCODING_MESSAGE as ENCODING
from parcours.imports.csvinput import UNREADABLE_MESSAGE as UNREADABLE
from parcours.programmes.imports.columns import ML_COLUMN

ENCODING_MESSAGE = sentence(ENCODING)


@dataclass(frozen=True)
class Row:
    line: int  # numéro de la ligne du fichier où commence l'enregistrement (l'en-tête est la ligne 1)
    cells: dict  # nom de colonne -> texte sans espaces de début et de fin


def _open(path):
    return open(path, encoding="utf-8-sig", newline="")


UNREADABLE_MESSAGE = sentence(UNREADABLE)


def _report_undecodable(path, spec, report):
    with open(path, "rb") as handle:
        line, column = undecodable_cell(handle, DELIMITER)
    report.add(spec.name, line, column, ENCODING_MESSAGE)


def count_lines(path):
    """Nombre approximatif d'enregistrements (pour les barres de progression)."""
    with open(path, "rb") as handle:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1, 0)


def read_header(path, spec, report, ml_column_required):
    """Noms de colonnes normalisés, ou ``None`` si l'en-tête empêche de lire les lignes."""
    try:
        with _open(path) as handle:
            raw = next(csv.reader(handle, delimiter=DELIMITER), None)
    except UnicodeDecodeError:
        _report_undecodable(path, spec, report)
        return None
    except csv.Error:
        report.add(spec.name, 1, "", "En-tête illisible : vérifiez les guillemets et les « ; ».")
        return None
    if not raw or not any(cell.strip() for cell in raw):
        report.add(spec.name, 1, "", "Fichier vide : la première ligne doit donner les noms des colonnes.")
        return None
    names = [cell.strip().lower() for cell in raw]
    if len(names) == 1 and "," in names[0]:
        report.add(
            spec.name,
            1,
            "",
            "Les colonnes doivent être séparées par « ; » (le fichier semble utiliser « , »).",
        )
        return None
    while names and names[-1] == "":  # point-virgule final ajouté par certains tableurs
        names.pop()
    usable = True
    allowed = spec.by_name
    seen = set()
    for position, name in enumerate(names, start=1):
        if not name:
            report.add(spec.name, 1, "", f"La colonne n° {position} n'a pas de nom.")
        elif name in seen:
            report.add(spec.name, 1, name, "Colonne en double.")
            usable = False
        elif name not in allowed:
            report.add(spec.name, 1, name, f"Colonne inconnue. Colonnes admises : {', '.join(allowed)}.")
        seen.add(name)
    for name in spec.required_names:
        if name not in seen:
            report.add(spec.name, 1, name, "Colonne obligatoire absente.")
            usable = False
    if ml_column_required and ML_COLUMN not in seen:
        report.add(
            spec.name,
            1,
            ML_COLUMN,
            "Colonne obligatoire absente : donnez le code de la mission locale dans cette colonne "
            "ou avec l'option --mission-locale.",
        )
        usable = False
    return names if usable else None


def iter_rows(path, spec, names, report):
    """Lignes de données (les lignes entièrement vides sont ignorées)."""
    width = len(names)
    line = 1
    try:
        with _open(path) as handle:
            reader = csv.reader(handle, delimiter=DELIMITER)
            next(reader)
            line = reader.line_num + 1
            for cells in reader:
                start, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                    cells = cells[:width]
                if len(cells) != width:
                    report.add(
                        spec.name,
                        start,
                        "",
                        f"La ligne compte {len(cells)} champs au lieu de {width} : vérifiez les « ; » "
                        "et les guillemets.",
                    )
                    continue
                yield Row(start, _cells(spec, start, names, cells, report))
    except UnicodeDecodeError:
        _report_undecodable(path, spec, report)
    except csv.Error:
        report.add(spec.name, line, "", UNREADABLE_MESSAGE)


def _cells(spec, line, names, cells, report):
    """Cellules de la ligne ; une cellule illisible (trop longue, caractère de contrôle) est une erreur et
    n'est pas gardée : rien ne la recopie ni ne l'envoie à la base."""
    refused = set()
    for index, problem in row_errors(cells):
        if names[index] in spec.by_name:
            report.add(spec.name, line, names[index], f"Valeur refusée : {problem}")
            refused.add(index)
    return {
        name: cell.strip()
        for index, (name, cell) in enumerate(zip(names, cells, strict=True))
        if name in spec.by_name and index not in refused
    }
