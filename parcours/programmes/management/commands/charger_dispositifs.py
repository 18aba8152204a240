from parcours.commands import Command as BaseCommand
from parcours.programmes.loader import DATA_FILE, load_programmes
from parcours.programmes.models import Phase, Programme


class Command(BaseCommand):
    help = (
        "Crée ou met à jour les dispositifs (CIVIS, ANI 2011, PACEA, Garantie jeunes, CEJ…) et leurs phases "
        "à partir du fichier de données parcours/programmes/data/programmes.json (ou du fichier donné)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fichier", default=str(DATA_FILE), help="Fichier JSON des dispositifs.")

    def handle(self, *args, **options):
        count = load_programmes(Programme, Phase, options["fichier"])
        self.stdout.write(self.style.SUCCESS(f"{count} dispositif(s) chargé(s)."))
