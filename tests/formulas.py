"""Outils des tests d'injection de formules : ce qu'un export ne doit jamais contenir."""

import csv
import io

import openpyxl

#: Textes plantés là où un utilisateur écrit (nom de partenaire, intitulé, libellé…).
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text):
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def csv_cells(text, delimiter=";"):
    return [
        cell
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
        for cell in row
    ]


def assert_csv_without_formula(text, delimiter=";"):
    """Aucune cellule ne commence par un caractère de formule, sauf un nombre (négatif) ; renvoie les cellules."""
    cells = csv_cells(text, delimiter)
    live = [cell for cell in cells if cell.startswith(FORMULA_START) and not _is_number(cell)]
    assert live == [], live
    return cells


def xlsx_cells(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_xlsx_without_formula(content):
    """Aucune cellule formule ; un texte en « = + - @ » est typé texte avec le préfixe apostrophe."""
    cells = xlsx_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    return cells
