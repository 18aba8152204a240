from django.apps import AppConfig


class CotraitanceConfig(AppConfig):
    name = "parcours.cotraitance"
    verbose_name = "Cotraitance avec Pôle emploi"
