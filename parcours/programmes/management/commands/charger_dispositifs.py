from parcours.commands import Command as BaseCommand
from parcours.programmes.loader import DATA_FILE, load_programmes
from parcours.programmes.models import Phase, Programme


class Command(BaseCommand):
    help = (
        "Crée ou met à jour les dispositifs (CIVIS, ANI 2011, PACEA, Garantie jeunes, CEJ…) et leurs phases "
        "à partir des données parcours/programmes/data/dispositifs.csv et phases.csv (ou du fichier donné)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fichier",
            default=str(DATA_FILE),
            help="CSV des dispositifs ; phases.csv et objectifs.csv sont lus dans le même dossier.",
        )

    def handle(self, *args, **options):
        count = load_programmes(Programme, Phase, options["fichier"])
        self.stdout.write(self.style.SUCCESS(f"{count} dispositif(s) chargé(s)."))
