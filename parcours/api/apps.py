from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "parcours.api"
    verbose_name = "API"
