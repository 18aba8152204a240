"""Déverrouille un compte (ou une adresse IP) bloqué après trop d'échecs de connexion."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from parcours import logs
from parcours.accounts import lockout
from parcours.commands import Command as ParcoursCommand


class Command(ParcoursCommand):
    help = (
        "Déverrouille un compte bloqué après trop d'essais de connexion manqués (ses essais sont effacés), "
        "ou une adresse IP avec --ip. Sans argument : liste les identifiants verrouillés."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "identifiant", nargs="?", help="Identifiant de connexion du compte à déverrouiller."
        )
        parser.add_argument("--ip", help="Adresse IP à déverrouiller (tous comptes confondus).")

    def handle(self, *args, identifiant=None, ip=None, **options):
        if not identifiant and not ip:
            locked = sorted(lockout.locked_usernames())
            self.stdout.write("\n".join(locked) if locked else "Aucun compte verrouillé.")
            return
        if identifiant and not get_user_model().objects.filter(username=identifiant).exists():
            raise CommandError(f"Aucun compte n'a l'identifiant « {identifiant} ».")
        count = lockout.unlock(username=identifiant, ip_address=ip)
        logs.security_event("compte_deverrouille", by="commande", ip=ip, attempts=count)
        self.stdout.write(f"Déverrouillé : {count} enregistrement(s) d'essais manqués effacé(s).")
