"""Conversion des cellules en valeurs de champs, avec un message en français par cellule invalide."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from parcours.programmes.imports import columns as c

DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_FORMAT = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
BOOLEANS = {"oui": True, "non": False}
CODES_SEPARATOR = "|"


class CellError(Exception):
    """Cellule invalide. ``private`` : le même message sans la valeur lue, pour les colonnes de données
    personnelles (nom, date de naissance…) : aucun message d'erreur ne les recopie."""

    def __init__(self, message, private=None):
        super().__init__(message)
        self.private = private or message


@dataclass
class ParsedRow:
    line: int
    ml_id: int | None
    source_id: str
    values: dict = field(default_factory=dict)  # attname -> valeur (colonnes présentes seulement)
    young_person_source_id: str = ""
    contact_source_id: str = ""
    valid: bool = True
    extra: dict = field(default_factory=dict)  # colonnes qui ne sont pas un champ (cohorte, phases)


DATE_HINT = "format attendu AAAA-MM-JJ (ex. : 2024-01-31)."


def parse_date(text):
    if not DATE_FORMAT.match(text):
        raise CellError(f"Date invalide « {text} » : {DATE_HINT}", f"Date invalide : {DATE_HINT}")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(
            f"Date inexistante « {text} ».", "Date inexistante (jour ou mois hors limites)."
        ) from None


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


PHASE_ITEM = re.compile(r"^(\d{1,2})\s*:\s*(\S+)$")
PHASES_HINT = (
    "écrivez le numéro de phase et sa date de début, séparés par « | » (ex. : 1:2017-03-01|2:2017-04-03)."
)


def parse_phases(text):
    """« 1:2017-03-01|2:2017-04-03 » -> [(1, date), (2, date)]."""
    phases = []
    for part in text.split(CODES_SEPARATOR):
        part = part.strip()
        if not part:
            continue
        match = PHASE_ITEM.match(part)
        if not match:
            raise CellError(f"Phase « {part} » illisible : {PHASES_HINT}")
        try:
            start = parse_date(match.group(2))
        except CellError as exc:
            raise CellError(f"Phase « {part} » : {exc}") from None
        phases.append((int(match.group(1)), start))
    return phases


def _cleaned(column, text, parsed):
    return column.clean(text)


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
        self.today = timezone.localdate()
        model = spec.model
        handlers = {
            c.REFERENCE: lambda column, text, parsed: text,
            c.TEXT: lambda column, text, parsed: text,
            c.DATE: lambda column, text, parsed: self._date(column, text),
            c.DAY_DATETIME: lambda column, text, parsed: timezone.make_aware(
                datetime.datetime.combine(parse_date(text), datetime.time())
            ),
            c.TIME: lambda column, text, parsed: parse_time(text),
            c.BOOL: lambda column, text, parsed: parse_bool(text),
            c.CHOICE: lambda column, text, parsed: parse_choice(
                text, column.choices, choice_maps[column.name]
            ),
            c.CODES: self._codes,
            c.USER: lambda column, text, parsed: lookups.user_id(
                text, parsed.ml_id, must_be_active=column.field == "referent"
            ),
            c.PROGRAMME: lambda column, text, parsed: lookups.programme_id(text),
            c.COHORT: lambda column, text, parsed: text,
            c.PHASES: lambda column, text, parsed: parse_phases(text),
        }
        choice_maps = self.choice_maps = {
            col.name: {code.lower(): code for code in col.choices.values}
            for col in spec.columns
            if col.choices is not None
        }
        #: colonne -> (colonne, destination, conversion, valeur d'une cellule vide)
        self.plan = {}
        for column in spec.columns:
            if column.name == c.ML_COLUMN:
                continue
            if column.kind == c.REFERENCE:
                target = (
                    "young_person_source_id" if column.name == c.YOUNG_PERSON_COLUMN else "contact_source_id"
                )
                empty = None
            elif column.kind in c.EXTRA_KINDS:
                target, empty = column.name, None
            else:
                model_field = model._meta.get_field(column.field)
                target = model_field.attname
                empty = model_field.get_default
            handler = handlers[column.kind]
            if column.clean is not None:  # décidé une fois par colonne, pas à chaque cellule
                handler = _cleaned
            self.plan[column.name] = (column, target, handler, empty)

    def error(self, row, column, message):
        self.report.add(self.spec.name, row.line, column, message)

    def convert(self, row):
        cells = row.cells
        parsed = ParsedRow(row.line, None, cells.get(c.SOURCE_ID_COLUMN, ""))
        parsed.ml_id = self._mission_locale(row, parsed)
        values = parsed.values
        for name, text in cells.items():
            entry = self.plan.get(name)
            if entry is None:  # code_ml, déjà lu
                continue
            column, target, handler, empty = entry
            extra = column.kind in c.EXTRA_KINDS
            if not text:
                if column.required:
                    self.error(row, name, "Valeur obligatoire.")
                    parsed.valid = False
                elif extra:
                    parsed.extra[target] = [] if column.kind == c.PHASES else ""
                elif empty is not None:
                    values[target] = empty()
                continue
            try:
                value = handler(column, text, parsed)
            except CellError as exc:
                self.error(row, name, exc.private if column.personal else str(exc))
                parsed.valid = False
                continue
            if extra:
                parsed.extra[target] = value
            elif empty is None:
                setattr(parsed, target, value)
            else:
                values[target] = value
        return parsed

    def _date(self, column, text):
        value = parse_date(text)
        if column.not_in_future and value > self.today:
            raise CellError(
                f"Date dans le futur ({value:%Y-%m-%d}) : elle ne peut pas dépasser aujourd'hui "
                f"({self.today:%Y-%m-%d})."
            )
        return value

    def _codes(self, column, text, parsed):
        lookup = self.choice_maps[column.name]
        codes = (part.strip() for part in text.split(CODES_SEPARATOR))
        return list(dict.fromkeys(parse_choice(code, column.choices, lookup) for code in codes if code))

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
