from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parcours.www"
    verbose_name = "Interface web"

    def ready(self):
        from parcours.www import security  # noqa: F401  (connexions sur le journal de sécurité)
        from parcours.www.accounts import two_factor  # noqa: F401  (second facteur décidé à la connexion)
