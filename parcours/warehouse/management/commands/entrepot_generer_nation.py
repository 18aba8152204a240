import datetime

from django.conf import settings
from django.core.management.base import CommandError

from parcours import safety
from parcours.commands import Command as BaseCommand
from parcours.commands import add_seed_argument, parse_date
from parcours.warehouse import store, synthetic_nation


def holds_operational_extraction():
    """Vrai si l'entrepôt (``settings.WAREHOUSE_DIR``) a été alimenté par la base opérationnelle."""
    if not store.exists():
        return False
    with store.connect() as con:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "extractions" not in tables:
            return False
        last = store.last_extraction(con)
    return last is not None and last["source"] == "operationnel"


class Command(BaseCommand):
    help = (
        "Génère une nation synthétique directement au format de l'entrepôt (Parquet par région et par "
        "mois) puis construit l'entrepôt DuckDB. Échelle 1,0 : ~1,37 M de jeunes en contact par an, "
        "~20 M de contacts par an, 440 missions locales dans 18 régions, sur deux années. "
        "Remplace le contenu de l'entrepôt (fichier DuckDB et dossier Parquet) : refuse si l'entrepôt a été "
        "construit depuis la base opérationnelle, sauf avec --confirmer-donnees-reelles."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--echelle", type=float, default=0.1, help="Échelle (1,0 = la nation ; défaut 0,1)."
        )
        add_seed_argument(parser, default=2026)
        parser.add_argument(
            "--date-reference",
            default="",
            help="Date de fin des données (AAAA-MM-JJ ; défaut : aujourd'hui).",
        )
        safety.add_real_data_flag(parser)

    def handle(self, *args, echelle, graine, date_reference, confirmer_donnees_reelles=False, **options):
        if not 0 < echelle <= 2:
            raise CommandError("L'échelle est comprise entre 0 (exclu) et 2.")
        if not confirmer_donnees_reelles and holds_operational_extraction():
            raise safety.refuse_real_data(
                "entrepot_generer_nation",
                f"l'entrepôt {settings.WAREHOUSE_DIR} a été construit depuis la base opérationnelle "
                "(entrepot_extraire) ; la nation synthétique effacerait ses fichiers Parquet et ses tableaux.",
            )
        reference = parse_date(date_reference) if date_reference else datetime.date.today()
        result = synthetic_nation.build_warehouse(
            echelle, reference, graine, progress=self.progress_bar(options["verbosity"])
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Nation synthétique (échelle {echelle}) : {result['young_people']} jeunes, {result['rows']} lignes ; "
                f"génération {result['generation_s']:.1f} s, chargement {result['load_s']:.1f} s, total {result['total_s']:.1f} s."
            )
        )
