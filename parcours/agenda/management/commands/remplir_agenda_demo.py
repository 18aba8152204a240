from django.utils import timezone

from parcours.agenda import demo
from parcours.commands import Command as BaseCommand


class Command(BaseCommand):
    help = (
        "Remplit la semaine en cours des conseillers de démonstration de Lille (rendez-vous d'aujourd'hui et "
        "des jours à venir, tenus ou manqués les jours passés) ; une semaine déjà remplie n'est pas touchée."
    )

    def handle(self, *args, **options):
        created = demo.fill_week(timezone.localdate())
        self.stdout.write(f"Agenda de démonstration : {created} rendez-vous ajoutés cette semaine.")
