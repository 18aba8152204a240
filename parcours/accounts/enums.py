from django.db import models


class Role(models.TextChoices):
    RECEPTION = "accueil", "Chargé d'accueil"
    COUNSELLOR = "conseiller", "Conseiller"
    EMPLOYER_REFERENT = "referent_entreprise", "Référent entreprise"
    DIRECTOR = "directeur", "Directeur"
    REGIONAL_ANIMATOR = "animateur_regional", "Animateur régional"
    NATIONAL = "national", "National"
    ADMINISTRATOR = "administrateur", "Administrateur"


#: Rôles rattachés à une mission locale : ils voient les données personnelles de leur ML.
ML_ROLES = (Role.RECEPTION, Role.COUNSELLOR, Role.EMPLOYER_REFERENT, Role.DIRECTOR)
