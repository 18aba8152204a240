"""Export XLSX du bilan de suivi des partenariats (openpyxl)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from parcours.employers.report_secrecy import shown_counts
from parcours.exports import set_cell

TITLE_ROW, HEADER_ROW = 1, 4


def report_headers(report):
    return [
        report.group_label,
        "Mises en relation",
        "Recrutements",
        *[f"dont {label}" for label in report.contract_labels],
        "Parrainages signés",
        "Immersions (PMSMP)",
    ]


def report_values(report, row):
    """Libellé puis effectifs de la ligne, masqués par le secret statistique s'il s'applique au bilan."""
    return [row.label, *shown_counts(report, row)]


def report_to_xlsx(report):
    """Classeur d'une feuille : titre, périmètre, une ligne par regroupement et la ligne de total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Bilan {report.year}"
    title = f"Bilan de suivi des partenariats {report.year} – par {report.group_label.lower()}"
    if report.agreement is not None:
        title += f" – {report.agreement}"
    set_cell(sheet, TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    set_cell(sheet, TITLE_ROW + 1, 1, f"Périmètre : {report.scope_label}")
    headers = report_headers(report)
    for column, header in enumerate(headers, start=1):
        cell = set_cell(sheet, HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    line = HEADER_ROW
    for line, row in enumerate([*report.rows, report.total], start=HEADER_ROW + 1):  # noqa: B007
        for column, value in enumerate(report_values(report, row), start=1):
            set_cell(sheet, line, column, value)
    for column in range(1, len(headers) + 1):
        sheet.cell(line, column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = 48 if column == 1 else 16
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
