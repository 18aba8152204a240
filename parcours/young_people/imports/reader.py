"""Lecture des fichiers CSV : UTF-8 avec ou sans BOM, « ; », fins de ligne Windows ou Unix."""

import csv
from dataclasses import dataclass

from parcours.young_people.imports.columns import ML_COLUMN

DELIMITER = ";"
ENCODING_MESSAGE = (
    "Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 (délimité par des "
    "points-virgules) »."
)


@dataclass(frozen=True)
class Row:
    line: int  # numéro de la ligne du fichier où commence l'enregistrement (l'en-tête est la ligne 1)
    cells: dict  # nom de colonne -> texte sans espaces de début et de fin


def _open(path):
    return open(path, encoding="utf-8-sig", newline="")


def _first_undecodable_line(path):
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


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
        report.add(spec.name, _first_undecodable_line(path), "", ENCODING_MESSAGE)
        return None
    except csv.Error as exc:
        report.add(spec.name, 1, "", f"En-tête illisible : {exc}.")
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
    allowed = spec.by_name
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
                yield Row(
                    start,
                    {name: cell.strip() for name, cell in zip(names, cells, strict=True) if name in allowed},
                )
    except UnicodeDecodeError:
        report.add(spec.name, _first_undecodable_line(path), "", ENCODING_MESSAGE)
    except csv.Error as exc:
        report.add(spec.name, line, "", f"Ligne illisible : {exc}.")
