"""Import d'un dossier de fichiers CSV : tout vérifier, puis tout écrire en une transaction, ou rien."""

import logging
import time
from pathlib import Path

from django.db import DatabaseError
from django.utils import translation

from parcours import logs
from parcours.dbstats import refresh_statistics
from parcours.imports.atomic import write_all_or_nothing
from parcours.imports.batches import no_progress
from parcours.imports.dberrors import WriteRefused
from parcours.programmes.imports import columns as c
from parcours.programmes.imports import enrolments
from parcours.programmes.imports.lookups import Lookups, UnknownMissionLocale
from parcours.programmes.imports.reader import count_lines, iter_rows, read_header
from parcours.programmes.imports.report import FileCounts, ImportReport
from parcours.programmes.imports.rereading import InconsistentImport
from parcours.programmes.imports.validation import FileCheck
from parcours.programmes.imports.writer import FileWriter

BATCH_SIZE = 2000
logger = logging.getLogger(__name__)


class ImportAborted(Exception):
    """Problème qui empêche de commencer l'import (dossier absent, mission locale par défaut inconnue…)."""


def discover(folder, report):
    """Fichiers attendus présents dans le dossier, dans l'ordre d'import."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportAborted(f"Le dossier « {folder} » n'existe pas.")
    expected = {spec.name for spec in c.FILES}
    for path in sorted(folder.glob("*.csv")):
        if path.name not in expected:
            report.warnings.append(
                f"{path.name} ignoré : les fichiers lus sont {', '.join(spec.name for spec in c.FILES)}."
            )
    found = [(spec, folder / spec.name) for spec in c.FILES if (folder / spec.name).is_file()]
    if not found:
        raise ImportAborted(
            f"Aucun fichier à importer dans « {folder} » : attendus "
            f"{', '.join(spec.name for spec in c.FILES)} (au moins un)."
        )
    return found


def import_folder(folder, default_ml_code=None, dry_run=False, progress=None, batch_size=BATCH_SIZE):
    """Vérifie tous les fichiers ; s'il n'y a aucune erreur et hors simulation, les écrit tous.

    Renvoie un ``ImportReport`` ; ``report.written`` dit si la base a été modifiée.
    Lève ``ImportAborted`` si l'import ne peut même pas commencer.
    Journalise le début, la fin (comptes par fichier, durée) et l'évènement de sécurité ``import``.
    """
    started = time.monotonic()
    logger.info("Import de dossiers : début", extra={"ml_code": default_ml_code or "", "dry_run": dry_run})
    try:
        report = _import_folder(folder, default_ml_code, dry_run, progress, batch_size)
    except ImportAborted:
        logger.warning(
            "Import de dossiers : abandonné", extra={"seconds": round(time.monotonic() - started, 2)}
        )
        raise
    counts = {
        f"{name.removesuffix('.csv')}_{what}": getattr(count, what)
        for name, count in report.counts.items()
        for what in ("read", "created", "updated", "unchanged")
    }
    outcome = {
        "kind": "dossiers",
        "ml_code": default_ml_code or "",
        "dry_run": dry_run,
        "written": report.written,
        "errors": len(report.errors),
        "seconds": round(time.monotonic() - started, 2),
        **counts,
    }
    logger.info("Import de dossiers : fin", extra=outcome)
    logs.security_event("import", **outcome)
    return report


def _import_folder(folder, default_ml_code, dry_run, progress, batch_size):
    progress = progress or no_progress
    report = ImportReport()
    with translation.override("fr"):
        try:
            lookups = Lookups(default_ml_code)
        except UnknownMissionLocale as exc:
            raise ImportAborted(str(exc)) from None
        files = discover(folder, report)
        readable = _check(files, lookups, report, progress, batch_size)
        with_enrolments = any(enrolments.is_enrolment_file(spec) for spec, _ in files)
        if report.errors or (dry_run and not with_enrolments):
            return report
        try:
            written = write_all_or_nothing(
                lambda: _write(files, readable, lookups, report, progress, batch_size, dry_run),
                report,
                dry_run=dry_run,
            )
        except InconsistentImport as exc:
            raise ImportAborted(
                f"Import annulé, rien n'a été enregistré : {exc} Relancez l'import avec des fichiers stables."
            ) from exc
        except WriteRefused as exc:
            raise ImportAborted(f"Import annulé, rien n'a été enregistré : {exc}") from exc
        except DatabaseError as exc:  # hors d'un lot (fin de transaction…) : jamais le texte de l'erreur
            raise ImportAborted(
                f"Import annulé, rien n'a été enregistré : erreur {type(exc).__name__} de la base de données. "
                "Si l'erreur persiste après avoir relancé l'import, transmettez ce message à l'assistance."
            ) from exc
        if not written:
            return report
        report.written = True
        # Après un gros import, les statistiques du planificateur PostgreSQL sont à jour tout de suite (sinon
        # les requêtes suivantes par jeune risquent un parcours complet de table) ; historiques compris.
        refresh_statistics(*dict.fromkeys(spec.model._meta.app_label for spec, _ in files))
    return report


def _write(files, readable, lookups, report, progress, batch_size, dry_run):
    """Deuxième passe, dans la transaction : les fichiers dans l'ordre, les inscriptions en dernier.

    En vérification seule, on n'arrive ici qu'avec inscriptions.csv : ses règles lisent la base à jour,
    donc les autres fichiers sont écrits, puis tout est annulé.
    """
    for spec, path in files:
        names = readable[spec.name]
        counts = report.counts[spec.name]
        rows = iter_rows(path, spec, names, report)
        label = "Règles" if dry_run and enrolments.is_enrolment_file(spec) else "Écriture"
        rows = progress(rows, f"{label} {spec.name}", count_lines(path))
        if enrolments.is_enrolment_file(spec):
            enrolments.EnrolmentWriter(spec, names, lookups, report, counts).run(rows)
        else:
            FileWriter(spec, names, lookups, counts, batch_size).run(rows)
        if any(error.file == spec.name for error in report.errors) and not enrolments.is_enrolment_file(spec):
            raise InconsistentImport(f"{spec.name} est devenu illisible depuis sa vérification.")


def _check(files, lookups, report, progress, batch_size):
    """Première passe : vérification complète. Renvoie les en-têtes lisibles par fichier."""
    readable = {}
    checks = {}
    for spec, path in files:
        names = read_header(path, spec, report, ml_column_required=lookups.default_ml_id is None)
        report.counts[spec.name] = FileCounts()
        if names is None:
            continue
        readable[spec.name] = names
        contacts = checks.get(c.CONTACTS.name)
        check = FileCheck(
            spec,
            names,
            lookups,
            report,
            batch_size,
            contact_keys=contacts.keys if contacts else _contacts_unreadable(files, readable),
            check_young_people=_young_people_readable(files, readable),
        )
        rows = iter_rows(path, spec, names, report)
        report.counts[spec.name].read = check.run(
            progress(rows, f"Vérification {spec.name}", count_lines(path))
        )
        checks[spec.name] = check
    return readable


def _young_people_readable(files, readable):
    """Sans en-tête lisible pour jeunes.csv, on ne signale pas chaque référence à un jeune comme inconnue."""
    present = any(spec is c.YOUNG_PEOPLE for spec, _ in files)
    return not present or c.YOUNG_PEOPLE.name in readable


def _contacts_unreadable(files, readable):
    """Clés de contacts de référence : vides si contacts.csv est absent, ``None`` (non vérifié) s'il est illisible."""
    present = any(spec is c.CONTACTS for spec, _ in files)
    return None if present and c.CONTACTS.name not in readable else {}
