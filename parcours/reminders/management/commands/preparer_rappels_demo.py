from django.utils import timezone

from parcours.commands import Command as BaseCommand
from parcours.reminders import demo


class Command(BaseCommand):
    help = (
        "Démonstration des rappels : accord (courriel ou SMS) de quelques jeunes du conseiller de démonstration "
        "et un rendez-vous demain pour chacun, que le travailleur rappellera dans la minute."
    )

    def handle(self, *args, **options):
        booked = demo.prepare(timezone.now())
        self.stdout.write(f"Rappels de démonstration : {booked} rendez-vous pris pour demain.")
