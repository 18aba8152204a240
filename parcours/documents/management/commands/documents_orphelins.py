from parcours.commands import Command as BaseCommand
from parcours.documents import services


class Command(BaseCommand):
    help = (
        "Liste les fichiers du répertoire des documents qu'aucun document ne désigne depuis plus de 24 h (dépôt "
        "annulé après l'écriture du fichier) ; --effacer les efface, comme le travail de nuit. Les documents des "
        "dossiers ne sont jamais touchés."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--effacer", action="store_true", help="Effacer ces fichiers (sinon : les compter)."
        )

    def handle(self, *args, **options):
        if options["effacer"]:
            count = services.delete_orphan_files()
            self.stdout.write(f"{count} fichier{_s(count)} effacé{_s(count)}.")
            return
        orphans = services.orphan_files()
        hours = int(services.ORPHAN_GRACE.total_seconds() // 3600)
        self.stdout.write(f"{len(orphans)} fichier{_s(len(orphans))} sans document depuis plus de {hours} h.")
        for name in orphans:
            self.stdout.write(f"  {name}")


def _s(count):
    return "s" if count > 1 else ""
