from parcours.commands import Command as BaseCommand
from parcours.warehouse import extract


class Command(BaseCommand):
    help = (
        "Construit ou met à jour l'entrepôt pseudonymisé (DuckDB et Parquet par région et par mois) à "
        "partir de la base opérationnelle. Incrémental par défaut (seuls les jeunes modifiés depuis la "
        "dernière extraction, suppressions comprises) ; --complet reconstruit tout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--complet", action="store_true", help="Reconstruire tout l'entrepôt.")
        parser.add_argument(
            "--sans-parquet", action="store_true", help="Ne pas réécrire les fichiers Parquet d'échange."
        )

    def handle(self, *args, complet, sans_parquet, **options):
        progress = self.progress_bar(options["verbosity"])
        summary = extract.run(complete=complet, progress=progress, write_parquet=not sans_parquet)
        self.stdout.write(
            self.style.SUCCESS(
                f"Extraction {extract.MODE_LABELS[summary['mode']]} n° {summary['id']} terminée le "
                f"{summary['finished_at']:%d/%m/%Y à %H:%M:%S} en {summary['seconds']:.1f} s : "
                f"{summary['young_people']} jeune(s) extrait(s), {summary['rows_written']} ligne(s) écrite(s)."
            )
        )
        if options["verbosity"] > 1:
            self.stdout.write(
                "Durée par étape : " + ", ".join(f"{k} {v:.1f} s" for k, v in summary["phases"].items())
            )
