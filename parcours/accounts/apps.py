from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parcours.accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from parcours.accounts import checks  # noqa: F401  (enregistre les vérifications de déploiement)
