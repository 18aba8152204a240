from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "parcours.www"
    verbose_name = "Interface web"
