"""Exports CSV (séparateur « ; », UTF-8 avec BOM pour les tableurs) et XLSX (openpyxl) ; export
analyste (toutes les ML × tous les indicateurs d'une région ou de la nation), dont le CSV a la virgule
décimale des tableurs français."""

import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font

from parcours.exports import CsvWriter, append_row
from parcours.warehouse import presentation


def _meta(dashboard, scope):
    extraction = dashboard.extraction or {}
    return [
        ("Périmètre", presentation.scope_label(dashboard, scope)),
        ("Période", dashboard.period.label),
        ("Comparée à", dashboard.previous.label),
        (
            "Extraction",
            f"{extraction.get('finished_at'):%d/%m/%Y %H:%M}" if extraction.get("finished_at") else "—",
        ),
        ("Statut", presentation.status_text(dashboard)),
    ]


def csv_text(dashboard, scope, secrecy, bom=False):
    header, lines = presentation.table(dashboard, scope, secrecy)
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = CsvWriter(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(lines)
    return buffer.getvalue()


def json_text(dashboard, scope, secrecy):
    header, lines = presentation.table(dashboard, scope, secrecy)
    extraction = dashboard.extraction or {}
    document = {
        "perimetre": presentation.scope_text(scope),
        "libelle": presentation.scope_label(dashboard, scope),
        "periode": {"debut": dashboard.period.start.isoformat(), "fin": dashboard.period.end.isoformat()},
        "periode_precedente": {
            "debut": dashboard.previous.start.isoformat(),
            "fin": dashboard.previous.end.isoformat(),
        },
        "extraction": extraction.get("finished_at").isoformat() if extraction.get("finished_at") else None,
        "provisoire": dashboard.provisional,
        "indicateurs": [dict(zip(header, line, strict=True)) for line in lines],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _workbook(dashboard, scope, title, header, lines, labels=None, width=55):
    """Classeur : en-tête de métadonnées, le tableau (et la ligne des libellés), l'onglet des définitions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for label, value in _meta(dashboard, scope):
        append_row(sheet, [label, value])[0].font = Font(bold=True)
    sheet.append([])
    for cell in append_row(sheet, header):
        cell.font = Font(bold=True)
    if labels:
        append_row(sheet, labels)
    for line in lines:
        append_row(sheet, line)
    sheet.column_dimensions["C"].width = width
    definitions = workbook.create_sheet("Définitions")
    append_row(definitions, ["code", "indicateur", "définition"])
    for indicator in dashboard.indicators:
        append_row(definitions, [indicator.code, indicator.label, indicator.definition])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(dashboard, scope, secrecy):
    header, lines = presentation.table(dashboard, scope, secrecy)
    return _workbook(dashboard, scope, "Tableau de bord", header, lines)


def decimal_comma(value):
    """Nombre à la française : 25.75 -> « 25,75 », 3.0 -> « 3 », un entier tel quel."""
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def analyst_csv(dashboard, scope, secrecy):
    header, lines = presentation.analyst_table(dashboard, scope, secrecy)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = CsvWriter(buffer, lineterminator="\n", number=decimal_comma)
    writer.writerow(header)
    labels = ["", "", "", "", "", ""] + [i.label for i in dashboard.indicators]
    writer.writerow(labels)
    writer.writerows(lines)
    return buffer.getvalue()


def analyst_xlsx(dashboard, scope, secrecy):
    header, lines = presentation.analyst_table(dashboard, scope, secrecy)
    labels = ["", "", "", "", "", ""] + [i.label for i in dashboard.indicators]
    return _workbook(dashboard, scope, "Missions locales", header, lines, labels, width=40)
