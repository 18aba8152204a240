"""Les QuerySets qui portent la visibilité : ce que voit un utilisateur suit les missions locales qu'il voit
(``parcours.accounts.access.visible_mission_locale_ids``, le seul endroit qui en décide).

Chaque application en hérite au lieu de réécrire ``visible_to`` : un enregistrement porté par une mission
locale (``MissionLocaleScopedQuerySet``) ou par le dossier d'un jeune (``YoungPersonScopedQuerySet`` : le
jeune a pu changer de mission locale, c'est la sienne qui compte).
"""

from django.db import models

from parcours.accounts.access import visible_mission_locale_ids


class MissionLocaleScopedQuerySet(models.QuerySet):
    #: Chemin de l'identifiant de mission locale qui décide de la visibilité d'une ligne.
    mission_locale_path = "mission_locale_id"

    def visible_to(self, user):
        return self.within(visible_mission_locale_ids(user))

    def within(self, mission_locale_ids):
        """Les lignes portées par ces missions locales (``visible_mission_locale_ids`` dit lesquelles on voit)."""
        return self.filter(**{f"{self.mission_locale_path}__in": mission_locale_ids})


class YoungPersonScopedQuerySet(MissionLocaleScopedQuerySet):
    mission_locale_path = "young_person__mission_locale_id"
