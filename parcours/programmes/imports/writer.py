"""Écriture par lots d'un fichier déjà vérifié : création, mise à jour des seules lignes modifiées.

Appelé dans la transaction ouverte par ``service.import_folder`` : une erreur annule tout l'import.
"""

from django.db import DatabaseError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from parcours.imports.batches import batched
from parcours.imports.dberrors import WriteRefused, describe
from parcours.programmes.imports import columns as c
from parcours.programmes.imports import records
from parcours.programmes.imports.rereading import VerifiedFileWriter
from parcours.young_people.models import ReferentAssignment, YoungPerson

CHANGE_REASON = "Import de dossiers"
ASSIGNMENT_REASON = "Reprise des données (import)"


class FileWriter(VerifiedFileWriter):
    def __init__(self, spec, names, lookups, counts, batch_size):
        super().__init__(spec, lookups, counts)
        self.batch_size = batch_size
        self.young_person_file = records.is_young_person_file(spec)
        self.with_contact = c.CONTACT_COLUMN in names
        self.field_names = records.field_names(spec.model)
        self.now = timezone.now()

    def run(self, rows):
        for batch in batched(rows, self.batch_size):
            parsed_rows = self.reread(batch)
            try:
                if self.with_contact:
                    self._resolve_contacts(parsed_rows)
                self._write(parsed_rows)
            except DatabaseError as exc:
                reason = describe(exc, self.spec.model, records.field_columns(self.spec))
                raise WriteRefused(self.spec.name, batch[0].line, batch[-1].line, reason) from exc

    def _resolve_contacts(self, parsed_rows):
        def pair(parsed):
            return (
                self.lookups.young_person_pk(parsed.ml_id, parsed.young_person_source_id),
                parsed.contact_source_id,
            )

        found = records.existing_contacts(pair(p) for p in parsed_rows if p.contact_source_id)
        for parsed in parsed_rows:
            parsed.values["contact_id"] = found[pair(parsed)] if parsed.contact_source_id else None

    def _write(self, parsed_rows):
        existing = records.fetch_existing(self.spec, parsed_rows, self.lookups)
        created, updated, changed_fields, referent_changes = [], [], set(), []
        for parsed in parsed_rows:
            current = existing.get(records.record_key(self.spec, parsed, self.lookups))
            previous_referent = getattr(current, "referent_id", None)
            instance, changed = records.build(self.spec, parsed, current, self.lookups)
            if changed is None:
                created.append(instance)
            elif changed:
                updated.append(instance)
                changed_fields |= changed
                if "referent_id" in changed:
                    referent_changes.append((instance, previous_referent))
            else:
                self.counts.unchanged += 1
        if self.young_person_file:
            self._save_young_people(created, updated, changed_fields, referent_changes)
        else:
            model = self.spec.model
            if created:
                model.objects.bulk_create(created, batch_size=self.batch_size)
            if updated:
                fields = sorted(self.field_names[a] for a in changed_fields)
                model.objects.bulk_update(updated, fields, batch_size=self.batch_size)
        self.counts.created += len(created)
        self.counts.updated += len(updated)

    def _save_young_people(self, created, updated, changed_fields, referent_changes):
        if created:
            bulk_create_with_history(
                created,
                YoungPerson,
                batch_size=self.batch_size,
                default_change_reason=CHANGE_REASON,
                default_date=self.now,
            )
            for person in created:
                self.lookups.set_young_person_pk(
                    person.mission_locale_id, person.source_id, person.pk, created=True
                )
        if updated:
            for person in updated:
                person.version += 1
                person.updated_at = self.now
                person.search_name = YoungPerson.build_search_name(person.last_name, person.first_name)
            fields = {self.field_names[a] for a in changed_fields} | {"version", "updated_at", "search_name"}
            bulk_update_with_history(
                updated,
                YoungPerson,
                sorted(fields),
                batch_size=self.batch_size,
                default_change_reason=CHANGE_REASON,
                default_date=self.now,
            )
        self._referent_history([p for p in created if p.referent_id], referent_changes)

    def _referent_history(self, new_people, referent_changes):
        """Historique des référents (ReferentAssignment), comme un transfert fait à l'écran."""
        if referent_changes:
            ReferentAssignment.objects.filter(
                young_person_id__in=[p.pk for p, _ in referent_changes], end__isnull=True
            ).update(end=self.now)
        assignments = [
            ReferentAssignment(
                young_person_id=person.pk,
                referent_id=person.referent_id,
                start=self.now,
                reason=ASSIGNMENT_REASON,
            )
            for person in [*new_people, *(p for p, _ in referent_changes)]
            if person.referent_id
        ]
        ReferentAssignment.objects.bulk_create(assignments, batch_size=self.batch_size)
