from django.apps import AppConfig


class AccompanimentConfig(AppConfig):
    name = "parcours.accompaniment"
    verbose_name = "Accompagnement"
