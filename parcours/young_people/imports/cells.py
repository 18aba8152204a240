"""Conversion des cellules en valeurs de champs, avec un message en français par cellule invalide."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from parcours.young_people.imports import columns as c

DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_FORMAT = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
BOOLEANS = {"oui": True, "non": False}
CODES_SEPARATOR = "|"


class CellError(Exception):
    pass


@dataclass
class ParsedRow:
    line: int
    ml_id: int | None
    source_id: str
    values: dict = field(default_factory=dict)  # attname -> valeur (colonnes présentes seulement)
    young_person_source_id: str = ""
    contact_source_id: str = ""
    valid: bool = True


def parse_date(text):
    if not DATE_FORMAT.match(text):
        raise CellError(f"Date invalide « {text} » : format attendu AAAA-MM-JJ (ex. : 2005-03-14).")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"Date inexistante « {text} ».") from None


def parse_time(text):
    match = TIME_FORMAT.match(text)
    if match:
        try:
            return datetime.time(*(int(part) for part in match.groups(default="0")))
        except ValueError:
            pass
    raise CellError(f"Heure invalide « {text} » : format attendu HH:MM (ex. : 14:30).")


def parse_bool(text):
    try:
        return BOOLEANS[text.lower()]
    except KeyError:
        raise CellError(f"Valeur « {text} » invalide : écrivez « oui » ou « non ».") from None


def allowed_codes(choices):
    return ", ".join(code for code in choices.values if code)


def parse_choice(text, choices, lookup):
    try:
        return lookup[text.lower()]
    except KeyError:
        raise CellError(f"Code « {text} » inconnu. Codes admis : {allowed_codes(choices)}.") from None


class RowConverter:
    """Convertit les lignes d'un fichier ; les erreurs vont dans le rapport, ligne par ligne."""

    def __init__(self, spec, lookups, report):
        self.spec = spec
        self.lookups = lookups
        self.report = report
        model = spec.model
        self.model_fields = {col.name: model._meta.get_field(col.field) for col in spec.columns if col.field}
        self.choice_maps = {
            col.name: {code.lower(): code for code in col.choices.values}
            for col in spec.columns
            if col.choices is not None
        }

    def empty_value(self, column):
        model_field = self.model_fields[column.name]
        if model_field.has_default():
            return model_field.get_default()
        return None if model_field.null else ""

    def error(self, row, column, message):
        self.report.add(self.spec.name, row.line, column, message)

    def convert(self, row):
        cells = row.cells
        parsed = ParsedRow(row.line, None, cells.get(c.SOURCE_ID_COLUMN, ""))
        parsed.ml_id = self._mission_locale(row, parsed)
        for name, text in cells.items():
            column = self.spec.by_name[name]
            if name == c.ML_COLUMN:
                continue
            if not text:
                if column.required:
                    self.error(row, name, "Valeur obligatoire.")
                    parsed.valid = False
                elif column.kind == c.REFERENCE:
                    pass
                elif column.kind == c.USER:
                    parsed.values[self.model_fields[name].attname] = None
                else:
                    parsed.values[column.field] = self.empty_value(column)
                continue
            try:
                self._convert_cell(parsed, column, text)
            except CellError as exc:
                self.error(row, name, str(exc))
                parsed.valid = False
        return parsed

    def _mission_locale(self, row, parsed):
        code = row.cells.get(c.ML_COLUMN, "")
        if not code:
            if self.lookups.default_ml_id is None:
                self.error(
                    row,
                    c.ML_COLUMN,
                    "Code de mission locale manquant : renseignez la colonne ou l'option --mission-locale.",
                )
                parsed.valid = False
            return self.lookups.default_ml_id
        ml_id = self.lookups.ml_id(code)
        if ml_id is None:
            self.error(row, c.ML_COLUMN, f"Mission locale inconnue : aucun code structure « {code} ».")
            parsed.valid = False
        return ml_id

    def _convert_cell(self, parsed, column, text):
        kind = column.kind
        if kind == c.REFERENCE:
            if column.name == c.YOUNG_PERSON_COLUMN:
                parsed.young_person_source_id = text
            else:
                parsed.contact_source_id = text
        elif kind == c.TEXT:
            parsed.values[column.field] = text
        elif kind == c.DATE:
            parsed.values[column.field] = parse_date(text)
        elif kind == c.DAY_DATETIME:
            day = parse_date(text)
            parsed.values[column.field] = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        elif kind == c.TIME:
            parsed.values[column.field] = parse_time(text)
        elif kind == c.BOOL:
            parsed.values[column.field] = parse_bool(text)
        elif kind == c.CHOICE:
            parsed.values[column.field] = parse_choice(text, column.choices, self.choice_maps[column.name])
        elif kind == c.CODES:
            codes = [part.strip() for part in text.split(CODES_SEPARATOR) if part.strip()]
            lookup = self.choice_maps[column.name]
            values = [parse_choice(code, column.choices, lookup) for code in codes]
            parsed.values[column.field] = list(dict.fromkeys(values))
        elif kind == c.USER:
            parsed.values[self.model_fields[column.name].attname] = self.lookups.user_id(
                text, parsed.ml_id, must_be_active=column.field == "referent"
            )
        else:  # pragma: no cover - nature de colonne inconnue : erreur de programmation
            raise ValueError(kind)
