from django.core.management import call_command

from parcours.accounts.demo import DEMO_PASSWORD, ensure_demo_accounts
from parcours.commands import Command as BaseCommand
from parcours.young_people.models import YoungPerson


class Command(BaseCommand):
    help = (
        "Crée les comptes de démonstration (un par rôle) et, si la base n'a pas encore de jeunes, "
        "génère des données synthétiques ; met l'entrepôt à jour ; affiche les identifiants."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jeunes", type=int, default=3000, help="Nombre de jeunes à générer (défaut : 3000)."
        )
        parser.add_argument("--graine", type=int, default=2026, help="Graine du générateur (défaut : 2026).")

    def handle(self, *args, jeunes, graine, **options):
        users = ensure_demo_accounts()
        if not YoungPerson.objects.exists():
            call_command("generer_donnees", jeunes=jeunes, graine=graine, demo=True, stdout=self.stdout)
        call_command("entrepot_extraire", stdout=self.stdout)  # le tableau de bord, à jour de la démo
        self.stdout.write(self.style.SUCCESS("\nParcours est prêt : http://127.0.0.1:8000"))
        self.stdout.write(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
        for user in users:
            where = user.mission_locale or user.region or "France entière"
            self.stdout.write(f"  {user.username:<18} {user.get_role_display():<22} {where}")
