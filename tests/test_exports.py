"""Le module d'écriture des exports : un texte n'est jamais une formule, un nombre reste un nombre."""

import io

from openpyxl import Workbook

from parcours.exports import CsvWriter, append_row, set_cell
from tests.formulas import PAYLOADS, assert_csv_without_formula, assert_xlsx_without_formula, csv_cells


def test_csv_prefixes_formula_like_text_and_keeps_numbers():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow([*PAYLOADS, "\tx", "\rx", -1, -2.5, 0, None, "texte"])
    assert csv_cells(out.getvalue()) == [
        *(f"'{payload}" for payload in PAYLOADS),
        "'\tx",
        "'\rx",
        "-1",
        "-2.5",
        "0",
        "",
        "texte",
    ]
    assert_csv_without_formula(out.getvalue())


def test_csv_number_format_applies_to_numbers_only():
    out = io.StringIO()
    CsvWriter(out, lineterminator="\n", number=lambda v: str(v).replace(".", ",")).writerow(
        [-1.5, "-1.5", True]
    )
    assert out.getvalue() == "-1,5;'-1.5;True\n"


def _saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_text_cells_are_never_formulas():
    workbook = Workbook()
    sheet = workbook.active
    append_row(sheet, [*PAYLOADS, -1, 2.5, "ok\x01"])
    sheet.append([])
    set_cell(sheet, 3, 1, "=1+1")
    cells = assert_xlsx_without_formula(_saved(workbook))
    assert [(c.coordinate, c.value, c.data_type) for c in cells] == [
        ("A1", '=HYPERLINK("http://x","y")', "s"),
        ("B1", "+1", "s"),
        ("C1", "-1", "s"),
        ("D1", "@SUM(1)", "s"),
        ("E1", -1, "n"),
        ("F1", 2.5, "n"),
        ("G1", "ok", "s"),  # caractère de contrôle retiré : un classeur ne peut pas le contenir
        ("A3", "=1+1", "s"),
    ]


def test_xlsx_text_longer_than_a_cell_is_cut_and_says_so():
    """Excel déclare endommagé un classeur dont une cellule dépasse 32 767 caractères."""
    workbook = Workbook()
    append_row(workbook.active, ["a" * 40_000, "b" * 32_767, "😀" * 20_000, "a" + "😀" * 20_000])
    long, exact, emoji, odd = assert_xlsx_without_formula(_saved(workbook))
    assert len(long.value) == 32_767 and long.value.endswith("a…")
    assert exact.value == "b" * 32_767
    assert len(emoji.value.encode("utf-16-le")) // 2 == 32_767 and emoji.value.endswith("😀…")
    assert len(odd.value.encode("utf-16-le")) // 2 == 32_766 and odd.value.endswith(
        "😀…"
    )  # pas de demi-emoji
