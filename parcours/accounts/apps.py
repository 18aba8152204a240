from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parcours.accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from parcours.accounts import backends, checks  # noqa: F401  (vérifications de déploiement)

        # Dans chaque processus (commandes comprises) : un compte enregistré efface l'utilisateur gardé.
        backends.connect_signals()
