from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "parcours.jobs"
    label = "jobs"
    verbose_name = "Travaux de fond"
