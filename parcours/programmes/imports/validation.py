"""Vérification de chaque ligne, sans rien écrire : le rapport reçoit une erreur par problème."""

from parcours.imports.batches import batched
from parcours.programmes.imports import columns as c
from parcours.programmes.imports import enrolments, records
from parcours.programmes.imports.cells import RowConverter

SEPARATOR = "\x1f"


class FileCheck:
    """Vérifie un fichier : cellules, doublons, références, règles du modèle (par lots)."""

    def __init__(self, spec, names, lookups, report, batch_size, contact_keys=None, check_young_people=True):
        self.spec = spec
        self.lookups = lookups
        self.report = report
        self.batch_size = batch_size
        self.converter = RowConverter(spec, lookups, report)
        self.column_by_field = records.field_columns(spec)
        self.young_person_file = records.is_young_person_file(spec)
        self.contact_keys = contact_keys if c.CONTACT_COLUMN in names else None
        self.check_young_people = check_young_people
        self.keys = {}  # clé d'unicité dans le fichier -> ligne de première apparition
        self.rows = 0

    def error(self, parsed, column, message):
        self.report.add(self.spec.name, parsed.line, column, message)
        parsed.valid = False

    def run(self, rows):
        for batch in batched(rows, self.batch_size):
            parsed_rows = [self.converter.convert(row) for row in batch]
            for parsed in parsed_rows:
                self._identity(parsed)
            self._references(parsed_rows)
            self._model_rules(parsed_rows)
            self.rows += len(parsed_rows)
        return self.rows

    def _identity(self, parsed):
        ml_id, source_id = parsed.ml_id, parsed.source_id
        if ml_id is None or not source_id:
            return
        if self.young_person_file:
            key = f"{ml_id}{SEPARATOR}{source_id}"
            self.lookups.declare_young_person(ml_id, source_id)
            same = ""
        else:
            young_person_id = parsed.young_person_source_id
            if not young_person_id:
                return
            self.lookups.load_young_people((ml_id,))
            if self.check_young_people and not self.lookups.knows_young_person(ml_id, young_person_id):
                self.error(
                    parsed,
                    c.YOUNG_PERSON_COLUMN,
                    f"Jeune inconnu : « {young_person_id} » ne figure ni dans jeunes.csv ni parmi les jeunes "
                    f"déjà importés de la mission locale {self.lookups.ml_codes[ml_id]}.",
                )
            key = f"{ml_id}{SEPARATOR}{young_person_id}{SEPARATOR}{source_id}"
            same = " pour le même jeune"
        first_line = self.keys.setdefault(key, parsed.line)
        if first_line != parsed.line:
            self.error(
                parsed,
                c.SOURCE_ID_COLUMN,
                f"Identifiant « {source_id} » en double dans le fichier{same} : déjà utilisé ligne {first_line}.",
            )

    def _references(self, parsed_rows):
        """id_contact : un contact du même jeune, dans contacts.csv ou déjà en base."""
        if self.contact_keys is None:
            return
        pending = []
        for parsed in parsed_rows:
            if not parsed.contact_source_id or parsed.ml_id is None or not parsed.young_person_source_id:
                continue
            key = SEPARATOR.join((str(parsed.ml_id), parsed.young_person_source_id, parsed.contact_source_id))
            if key not in self.contact_keys:
                pending.append(parsed)
        if not pending:
            return
        in_database = records.existing_contacts(
            (self.lookups.young_person_pk(p.ml_id, p.young_person_source_id), p.contact_source_id)
            for p in pending
        )
        for parsed in pending:
            young_person_pk = self.lookups.young_person_pk(parsed.ml_id, parsed.young_person_source_id)
            if (young_person_pk, parsed.contact_source_id) not in in_database:
                self.error(
                    parsed,
                    c.CONTACT_COLUMN,
                    f"Contact inconnu : « {parsed.contact_source_id} » n'est pas un contact de ce jeune "
                    "(ni dans contacts.csv, ni déjà importé).",
                )

    def _model_rules(self, parsed_rows):
        identified = [p for p in parsed_rows if p.ml_id is not None and p.source_id]
        existing = records.fetch_existing(self.spec, identified, self.lookups) if identified else {}
        for parsed in parsed_rows:
            current = None
            if parsed.ml_id is not None and parsed.source_id:
                key = records.record_key(self.spec, parsed, self.lookups)
                current = existing.get(key) if key[0] is not None else None
            instance, _ = records.build(self.spec, parsed, current, self.lookups)
            errors = records.model_errors(self.spec, instance, parsed, self.column_by_field)
            if not errors and parsed.valid and enrolments.is_enrolment_file(self.spec):
                errors = enrolments.row_errors(parsed, instance, self.lookups)
            for column, message in errors:
                self.report.add(self.spec.name, parsed.line, column, message)
