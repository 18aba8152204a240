from django.apps import AppConfig


class ReferentialConfig(AppConfig):
    name = "parcours.referential"
    verbose_name = "Référentiels"
