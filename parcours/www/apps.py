from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parcours.www"
    verbose_name = "Interface web"

    def ready(self):
        # Récepteurs de signaux : connexions sur le journal de sécurité, session marquée fraîche à la connexion.
        from parcours.www import protection, security  # noqa: F401
        from parcours.www.accounts import two_factor  # noqa: F401  (second facteur décidé à la connexion)
