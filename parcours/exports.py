"""Écriture des exports CSV et XLSX : un texte n'y devient jamais une formule de tableur.

Un tableur lit comme une formule une cellule qui commence par « = », « + », « - » ou « @ » (et, selon
les tableurs, par une tabulation ou un retour chariot) : un nom de partenaire « =HYPERLINK(...) » saisi
par une mission locale s'exécuterait dans le classeur de qui l'exporte (OWASP, *CSV injection*).
Tous les exports passent par ce module :

- CSV : un texte qui commence par l'un de ces caractères est précédé d'une apostrophe, que les tableurs
  prennent pour « ceci est du texte » ;
- XLSX : chaque texte est une cellule de type texte (jamais une formule), avec l'indicateur « préfixe
  apostrophe » quand il commence par l'un de ces caractères, pour qu'une modification dans le tableur
  ne le change pas en formule ; les caractères de contrôle qu'un classeur ne peut pas contenir sont
  retirés, et un texte plus long qu'une cellule n'en admet (32 767 caractères) est coupé, terminé par « … ».

Un nombre reste un nombre, négatif compris : seul le texte est neutralisé.
"""

import csv
import numbers

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Caractères d'une cellule de classeur (limite d'Excel, comptée en unités UTF-16 : un emoji en vaut deux) :
#: au-delà, le classeur est déclaré endommagé.
XLSX_CELL_LIMIT = 32_767
TRUNCATED = "…"
TEXT_PREFIX = "'"


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_text(value):
    """Texte d'une cellule CSV : vide pour ``None``, apostrophe devant un texte pris pour une formule."""
    if value is None:
        return ""
    if is_formula_like(value):
        return TEXT_PREFIX + value
    return value


class CsvWriter:
    """``csv.writer`` dont chaque texte est neutralisé ; ``number`` met en forme les nombres
    (``str`` par défaut ; la virgule décimale pour l'export analyste)."""

    def __init__(self, stream, *, delimiter=";", lineterminator="\r\n", number=str):
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator=lineterminator)
        self._number = number

    def _cell(self, value):
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return self._number(value)
        return csv_text(value)

    def writerow(self, values):
        self._writer.writerow([self._cell(value) for value in values])

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)


def _text(cell):
    """Type texte pour la cellule qui contient un texte (openpyxl fait une formule d'un texte en « = »)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True
    return cell


def _clean(value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) <= XLSX_CELL_LIMIT // 2:  # au plus deux unités par caractère : rien à compter
        return value
    units = value.encode("utf-16-le")
    if len(units) > 2 * XLSX_CELL_LIMIT:  # coupé entre deux unités, un emoji à moitié pris est ôté
        value = (
            units[: 2 * (XLSX_CELL_LIMIT - len(TRUNCATED))].decode("utf-16-le", errors="ignore") + TRUNCATED
        )
    return value


def set_cell(sheet, row, column, value):
    """Écrit ``value`` dans la cellule (ligne, colonne) ; un texte y est toujours un texte."""
    return _text(sheet.cell(row, column, _clean(value)))


def append_row(sheet, values):
    """``sheet.append(values)`` dont chaque texte est une cellule de type texte ; renvoie ses cellules."""
    values = [_clean(value) for value in values]
    sheet.append(values)
    if not values:
        return []
    row = sheet.max_row
    return [_text(sheet.cell(row, column)) for column in range(1, len(values) + 1)]
