from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from parcours.commands import Command as BaseCommand
from parcours.commands import add_report_argument
from parcours.cotraitance.importer import import_referrals
from parcours.dbstats import refresh_statistics


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV d'orientations envoyé par France Travail (format : docs/cotraitance.md). "
        "Tout ou rien : à la moindre erreur, rien n'est enregistré et le rapport liste les erreurs ligne par ligne. "
        "Réimporter le même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Chemin du fichier CSV (UTF-8, séparateur « ; »).")
        add_report_argument(parser, "ligne;colonne;erreur")
        parser.add_argument(
            "--max-erreurs", type=int, default=50, metavar="N", help="Erreurs affichées (50 par défaut)."
        )

    def handle(self, *args, **options):
        path = Path(options["fichier"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        report = import_referrals(
            path.read_bytes(),
            today=timezone.localdate(),
            file_name=path.name,
            progress=self.progress_bar(options["verbosity"]),
        )
        if options["rapport"]:
            Path(options["rapport"]).write_text(report.error_csv(), encoding="utf-8")
        for error in report.errors[: options["max_erreurs"]]:
            self.stderr.write(str(error))
        if len(report.errors) > options["max_erreurs"]:
            self.stderr.write(f"… et {len(report.errors) - options['max_erreurs']} autre(s) erreur(s).")
        if not report.ok:
            raise CommandError(report.summary())
        refresh_statistics("cotraitance")  # statistiques du planificateur à jour après l'import (PostgreSQL)
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for line, pe_id, reason in report.refusals[: options["max_erreurs"]]:
            self.stdout.write(f"Ligne {line}, orientation {pe_id} refusée : {reason}")
