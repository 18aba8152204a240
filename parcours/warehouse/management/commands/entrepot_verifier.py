from django.core.management.base import CommandError

from parcours.commands import Command as BaseCommand
from parcours.warehouse import extract, store, verify


class Command(BaseCommand):
    help = (
        "Contrôle de l'entrepôt (à lancer chaque nuit) : met l'entrepôt à jour par une extraction "
        "incrémentale, le reconstruit en entier dans une copie de contrôle, compare les deux table par table "
        "et indicateur par indicateur, et affiche chaque différence. Code de sortie 1 s'il y en a une. "
        "L'entrepôt en service n'est pas modifié par la reconstruction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sans-extraction",
            action="store_true",
            help="Ne pas lancer d'abord l'extraction incrémentale (comparer l'entrepôt tel qu'il est).",
        )

    def handle(self, *args, sans_extraction, **options):
        progress = self.progress_bar(options["verbosity"])
        if not store.exists():
            raise CommandError("L'entrepôt n'a pas encore été construit : lancez « entrepot_extraire ».")
        if not sans_extraction:
            extract.run(progress=progress, write_parquet=False)
        with store.connect() as con:
            reference = store.last_extraction(con)["reference_date"]
        scratch = store.warehouse_dir() / "verification.duckdb"
        scratch.unlink(missing_ok=True)
        try:
            extract.rebuild_control_copy(scratch, reference, progress)
            tables, indicators = verify.compare_files(
                store.db_path(), scratch, verify.default_periods(reference)
            )
        finally:
            scratch.unlink(missing_ok=True)
        for difference in tables:
            self.stdout.write(str(difference))
        for period, scope, code, live, rebuilt in indicators:
            where = "France" if scope[0] == "national" else f"{scope[0]} {scope[1]}"
            self.stdout.write(
                f"Indicateur {code} ({where}, {period.short_label}) : "
                f"{live} dans l'entrepôt, {rebuilt} après reconstruction."
            )
        date = f"{reference:%d/%m/%Y}"
        if tables or indicators:
            raise CommandError(
                f"Entrepôt au {date} : {len(tables)} table(s) et {len(indicators)} indicateur(s) différents "
                "de la reconstruction complète.",
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Entrepôt au {date} : identique à sa reconstruction complète "
                f"({len(verify.COMPARED)} tables, tous les indicateurs de toutes les ML, régions et de la nation)."
            )
        )
