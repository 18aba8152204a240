from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "parcours.programmes"
    verbose_name = "Dispositifs d'accompagnement"
