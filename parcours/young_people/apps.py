from django.apps import AppConfig


class YoungPeopleConfig(AppConfig):
    name = "parcours.young_people"
    verbose_name = "Jeunes"
