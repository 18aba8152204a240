from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "parcours.employers"
    verbose_name = "Employeurs et partenariats"
