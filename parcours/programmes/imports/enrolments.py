"""inscriptions.csv : les inscriptions dans un dispositif, écrites par les services des dispositifs.

Chaque ligne est une inscription entière (entrée, phases, sortie). Elle est enregistrée par
``parcours.programmes.services`` (``enrol``, ``change_phase``, ``exit_programme``), exactement comme une
saisie à l'écran : éligibilité, un seul dispositif exclusif ouvert, durée maximale, motif de sortie…
Ces règles lisent la base (dossier, autres inscriptions, co-traitance, situations) : elles sont
appliquées dans la transaction de l'import, après l'écriture des autres fichiers ; en vérification
seule (``--verifier``), cette transaction est annulée à la fin.

Un refus des services devient une erreur de la ligne (la ligne est annulée par un point de sauvegarde,
les suivantes sont essayées) ; à la moindre erreur, tout l'import est annulé.

Réimport (même jeune, même ``id_source``) : une inscription déjà importée peut se poursuivre (phases
nouvelles, sortie) ; un autre dispositif, une autre date d'entrée, une phase ou une sortie déjà
importées différentes sont refusés.
"""

import copy
from contextlib import contextmanager

from django.db import DatabaseError, transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.imports.dberrors import WriteRefused, describe
from parcours.programmes import services
from parcours.programmes.imports import columns as c
from parcours.programmes.imports import records
from parcours.programmes.imports.rereading import VerifiedFileWriter
from parcours.programmes.models import Cohort, Enrolment
from parcours.young_people.models import YoungPerson

COHORT = "cohorte"
PHASES = "phases"
CONTINUE_ONLY = "une inscription déjà importée peut seulement se poursuivre (nouvelles phases, sortie)"


def is_enrolment_file(spec):
    return spec is c.ENROLMENTS


def first_phase(programme):
    phases = sorted(programme.phases.all(), key=lambda p: p.order)
    return phases[0] if phases else None


def row_errors(parsed, instance, lookups):
    """Contrôles propres au fichier, sans requête : numéros de phase, première phase, cohorte."""
    programme = lookups.programmes.get(instance.programme_id)
    if programme is None:
        return []
    errors = []
    label = parsed.extra.get(COHORT)
    limit = Cohort._meta.get_field("label").max_length
    if label and len(label) > limit:
        errors.append((COHORT, f"Libellé de cohorte trop long : {limit} caractères au plus."))
    elif label and not programme.runs_in_cohorts:
        errors.append(
            (COHORT, f"{programme.label} ne fonctionne pas par cohortes : laissez la colonne vide.")
        )
    phases = parsed.extra.get(PHASES) or []
    orders = {p.order for p in programme.phases.all()}
    unknown = sorted({order for order, _ in phases if order not in orders})
    if unknown:
        listed = ", ".join(str(order) for order in sorted(orders))
        errors.append(
            (
                PHASES,
                f"{programme.label} n'a pas de phase {', '.join(str(o) for o in unknown)} : "
                f"ses phases sont numérotées {listed}.",
            )
        )
    elif phases:
        first = first_phase(programme)
        if phases[0] != (first.order, instance.entry_date):
            errors.append(
                (
                    PHASES,
                    f"La première phase est la phase {first.order} ({first.label}), commencée à la date "
                    f"d'entrée : écrivez d'abord {first.order}:{instance.entry_date.isoformat()}.",
                )
            )
    return errors


class EnrolmentWriter(VerifiedFileWriter):
    """Applique les lignes vérifiées par les services des dispositifs ; les refus vont dans ``report``."""

    def __init__(self, spec, names, lookups, report, counts):
        super().__init__(spec, lookups, counts)
        self.names = names
        self.report = report
        self.today = timezone.localdate()
        self._cohorts = {}

    def run(self, rows):
        parsed_rows = self.reread(rows)
        for parsed in parsed_rows:
            parsed.young_person_pk = self.lookups.young_person_pk(parsed.ml_id, parsed.young_person_source_id)
        people = YoungPerson.objects.in_bulk({p.young_person_pk for p in parsed_rows})
        users = User.objects.in_bulk(
            {p.values["counsellor_id"] for p in parsed_rows if p.values.get("counsellor_id")}
        )
        existing = {
            (e.young_person_id, e.source_id): e
            for e in Enrolment.objects.filter(
                young_person_id__in=people, source_id__in={p.source_id for p in parsed_rows}
            )
            .exclude(source_id="")
            .select_related("cohort")
            .prefetch_related("phases__phase")
        }
        self._cohort_starts(parsed_rows)
        # Par jeune, dans l'ordre des entrées : une sortie est enregistrée avant l'entrée suivante.
        parsed_rows.sort(key=lambda p: (p.young_person_pk, p.values["entry_date"], p.line))
        for parsed in parsed_rows:
            young_person = people[parsed.young_person_pk]
            current = existing.get((young_person.pk, parsed.source_id))
            try:
                # Hors du point de sauvegarde de la ligne : une cohorte sert à d'autres lignes.
                cohort = self._cohort(parsed, young_person) if current is None else None
                with transaction.atomic():
                    if current is None:
                        self._create(parsed, young_person, users, cohort)
                        self.counts.created += 1
                    elif self._continue(parsed, current):
                        self.counts.updated += 1
                    else:
                        self.counts.unchanged += 1
            except RowRefused as refused:
                for column, message in refused.errors:
                    self.report.add(self.spec.name, parsed.line, column, message)
            except DatabaseError as exc:
                reason = describe(exc, Enrolment, records.field_columns(self.spec))
                raise WriteRefused(self.spec.name, parsed.line, parsed.line, reason) from exc

    def _cohort_starts(self, parsed_rows):
        """Date de démarrage d'une cohorte à créer : la première entrée du fichier dans cette cohorte."""
        self._starts = {}
        for parsed in parsed_rows:
            label = parsed.extra.get(COHORT)
            if label:
                key = (parsed.ml_id, parsed.values["programme_id"], label)
                start = self._starts.get(key)
                entry = parsed.values["entry_date"]
                self._starts[key] = entry if start is None else min(start, entry)

    def _cohort(self, parsed, young_person):
        label = parsed.extra.get(COHORT)
        if not label:
            return None
        programme = self.lookups.programmes[parsed.values["programme_id"]]
        key = (young_person.mission_locale_id, programme.pk, label)
        if key not in self._cohorts:
            self._cohorts[key] = Cohort.objects.get_or_create(
                programme=programme,
                mission_locale_id=young_person.mission_locale_id,
                label=label,
                defaults={"start_date": self._starts[(parsed.ml_id, programme.pk, label)]},
            )[0]
        return self._cohorts[key]

    def _create(self, parsed, young_person, users, cohort):
        values = parsed.values
        programme = self.lookups.programmes[values["programme_id"]]
        entry_date = values["entry_date"]
        counsellor = users.get(values.get("counsellor_id"))
        with refusal("date_entree"):
            enrolment = services.enrol(
                as_of(young_person, entry_date),
                programme,
                entry_date,
                by=counsellor,
                today=self.today,
                cohort=cohort,
            )
        enrolment.source_id = parsed.source_id
        enrolment.save(update_fields=["source_id"])
        self._phases(enrolment, programme, (parsed.extra.get(PHASES) or [])[1:])
        if values.get("exit_date"):
            self._exit(enrolment, values)

    def _continue(self, parsed, enrolment):
        """Poursuit une inscription déjà importée ; renvoie ``True`` si quelque chose a été écrit."""
        values = parsed.values
        for attname, column in (
            ("programme_id", "dispositif"),
            ("entry_date", "date_entree"),
            ("counsellor_id", "conseiller"),
        ):
            if attname in values and values[attname] != getattr(enrolment, attname):
                raise RowRefused.at(
                    column, f"Valeur différente de l'inscription déjà importée : {CONTINUE_ONLY}."
                )
        if COHORT in parsed.extra and parsed.extra[COHORT] != (
            enrolment.cohort.label if enrolment.cohort else ""
        ):
            raise RowRefused.at(
                COHORT, f"Cohorte différente de l'inscription déjà importée : {CONTINUE_ONLY}."
            )
        written = False
        if PHASES in parsed.extra:
            stored = [(p.phase.order, p.start_date) for p in enrolment.phases.all()]
            wanted = parsed.extra[PHASES] or stored[:1]
            if wanted[: len(stored)] != stored:
                listed = "|".join(f"{order}:{start.isoformat()}" for order, start in stored)
                raise RowRefused.at(
                    PHASES,
                    f"Les phases déjà importées ({listed}) ne sont pas reprises telles quelles : {CONTINUE_ONLY}.",
                )
            new = wanted[len(stored) :]
            self._phases(enrolment, self.lookups.programmes[enrolment.programme_id], new)
            written = bool(new)
        if "exit_date" in values or "exit_outcome" in values:
            wanted_exit = (
                values.get("exit_date", enrolment.exit_date),
                values.get("exit_outcome", enrolment.exit_outcome),
                values.get("exit_notes", enrolment.exit_notes),
            )
            stored_exit = (enrolment.exit_date, enrolment.exit_outcome, enrolment.exit_notes)
            if enrolment.exit_date is not None and wanted_exit != stored_exit:
                raise RowRefused.at(
                    "date_sortie", f"Sortie différente de celle déjà importée : {CONTINUE_ONLY}."
                )
            if enrolment.exit_date is None and wanted_exit[0] is not None:
                self._exit(
                    enrolment,
                    dict(zip(("exit_date", "exit_outcome", "exit_notes"), wanted_exit, strict=True)),
                )
                written = True
        return written

    def _phases(self, enrolment, programme, phases):
        by_order = {p.order: p for p in programme.phases.all()}
        for order, start in phases:
            with refusal(PHASES, prefix=f"Phase {order} du {start:%d/%m/%Y} : "):
                services.change_phase(enrolment, by_order[order], start, today=self.today)

    def _exit(self, enrolment, values):
        with refusal("date_sortie", outcome_column="motif_sortie"):
            services.exit_programme(
                enrolment,
                values["exit_date"],
                values.get("exit_outcome", ""),
                today=self.today,
                notes=values.get("exit_notes", ""),
                # Le motif a été saisi et validé dans l'ancien système : il est repris comme motif confirmé
                # (la fiche le signale), même si aucune situation importée ne le justifie.
                confirmed=True,
            )


class RowRefused(Exception):
    """Ligne refusée : ``errors`` liste des (colonne, message)."""

    def __init__(self, errors):
        super().__init__(" ".join(message for _, message in errors))
        self.errors = errors

    @classmethod
    def at(cls, column, message):
        return cls([(column, message)])


@contextmanager
def refusal(column, prefix="", outcome_column=None):
    """Traduit un refus des services en erreurs de la ligne, rattachées à la colonne de l'étape
    (le motif de sortie et la cohorte ont leur colonne)."""
    try:
        yield
    except services.ProgrammeRuleError as error:
        errors = []
        for reason in error.reasons:
            text = reason.lower()
            if outcome_column and "motif" in text:
                where = outcome_column
            elif "cohorte" in text:
                where = COHORT
            else:
                where = column
            errors.append((where, prefix + reason))
        raise RowRefused(errors) from error


def as_of(young_person, entry_date):
    """Le dossier tel qu'il était à la date d'entrée : un dossier archivé depuis reçoit son historique.

    La règle « rouvrez le dossier avant toute entrée » vaut pour une entrée nouvelle ; une inscription
    dont l'entrée précède l'archivage appartient à l'historique du dossier.
    """
    if young_person.archived_at is None or timezone.localdate(young_person.archived_at) <= entry_date:
        return young_person
    subject = copy.copy(young_person)
    subject.archived_at = None
    return subject
