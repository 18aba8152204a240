from parcours.commands import Command as BaseCommand
from parcours.reminders import sending


class Command(BaseCommand):
    help = (
        "Envoie maintenant les rappels de rendez-vous arrivés à échéance (courriel, SMS), comme la tâche du "
        "travailleur : planifie les rappels dus, puis les envoie par lots. Sans danger à relancer : un rappel "
        "n'est jamais envoyé deux fois."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lot",
            type=int,
            default=sending.DEFAULT_BATCH_SIZE,
            help=f"Messages pris à la fois par lot (défaut : {sending.DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument("--max", type=int, default=None, help="Nombre maximal de messages à traiter.")
        parser.add_argument(
            "--sans-planification",
            action="store_true",
            help="N'envoie que les rappels déjà planifiés (ne cherche pas de nouveaux rendez-vous dus).",
        )

    def handle(self, *args, **options):
        planned = 0 if options["sans_planification"] else sending.plan_due()
        counts = sending.send_due(batch_size=options["lot"], limit=options["max"])
        self.stdout.write(
            f"Rappels planifiés : {planned} ; envoyés : {counts['envoyes']} ; en échec (réessayés) : "
            f"{counts['echecs']} ; sans objet : {counts['sans_objet']}."
        )
