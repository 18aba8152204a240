from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parcours.www"
    verbose_name = "Interface web"

    def ready(self):
        from parcours.www import security  # noqa: F401  (connexions sur le journal de sécurité)
