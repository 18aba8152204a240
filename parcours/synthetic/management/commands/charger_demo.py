from django.core.management import call_command

from parcours import safety
from parcours.accounts.demo import DEMO_PASSWORD, ensure_demo_accounts, missing_demo_accounts
from parcours.commands import Command as BaseCommand
from parcours.commands import add_seed_argument
from parcours.synthetic.real_data import holds_real_data
from parcours.young_people.models import YoungPerson


class Command(BaseCommand):
    help = (
        "Crée les comptes de démonstration absents (un par rôle ; un compte existant garde son mot de passe) "
        "et, si la base n'a pas encore de jeunes, génère des données synthétiques ; met l'entrepôt à jour ; "
        "affiche les identifiants. Refuse de créer les comptes (dont un superutilisateur au mot de passe "
        "public) sur une base qui contient des données réelles, sauf avec --confirmer-donnees-reelles."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jeunes", type=int, default=3000, help="Nombre de jeunes à générer (défaut : 3000)."
        )
        add_seed_argument(parser, default=2026)
        safety.add_real_data_flag(parser)

    def handle(self, *args, jeunes, graine, confirmer_donnees_reelles=False, **options):
        # Rien de dangereux si tous les comptes existent déjà : on ne touche à aucun compte existant et
        # l'on ne génère que dans une base sans jeunes (une démonstration relancée après quelques saisies).
        if missing_demo_accounts() and not confirmer_donnees_reelles and holds_real_data():
            raise safety.refuse_real_data(
                "charger_demo",
                "la base contient des dossiers de jeunes réels ; les comptes de démonstration (dont « admin », "
                "superutilisateur au mot de passe public) n'y ont pas leur place.",
            )
        missing = set(missing_demo_accounts())
        users = ensure_demo_accounts()
        if not YoungPerson.objects.exists():
            call_command("generer_donnees", jeunes=jeunes, graine=graine, demo=True, stdout=self.stdout)
        # L'agenda de la semaine en cours (issue 10), même sur une base de démonstration d'une autre semaine.
        call_command("remplir_agenda_demo", stdout=self.stdout)
        call_command("preparer_rappels_demo", stdout=self.stdout)  # rappels envoyés par le travailleur
        call_command("entrepot_extraire", stdout=self.stdout)  # le tableau de bord, à jour de la démo
        self.stdout.write(self.style.SUCCESS("\nParcours est prêt : http://127.0.0.1:8000"))
        self.stdout.write(f"Comptes de démonstration (mot de passe des comptes créés : {DEMO_PASSWORD})")
        for user in users:
            kept = "" if user.username in missing else "  (déjà présent : mot de passe inchangé)"
            self.stdout.write(f"  {user.username:<18} {user.get_role_display():<22} {user.attachment}{kept}")
