from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "H", "Homme"


class EducationLevel(models.TextChoices):
    """Ancienne nomenclature des niveaux de formation ; « infra V » regroupe VI et V bis."""

    VI = "VI", "Niveau VI (sortie en cours de 1er cycle du secondaire)"
    VBIS = "Vbis", "Niveau V bis (sortie en cours de CAP/BEP ou de 3e)"
    V = "V", "Niveau V (CAP, BEP, sortie de 2nde ou 1re)"
    IV = "IV", "Niveau IV (baccalauréat, avec ou sans diplôme)"
    III = "III", "Niveau III (bac + 2)"
    II = "II", "Niveau II (licence, maîtrise)"
    I = "I", "Niveau I (bac + 5 et plus)"  # noqa: E741


INFRA_V_LEVELS = (EducationLevel.VI, EducationLevel.VBIS)


class CertificationLevel(models.TextChoices):
    """Niveau de certification validé : celui du diplôme le plus élevé obtenu (ANI 2011, 001)."""

    NONE = "aucune", "Aucune certification de niveau V (infra V)"
    V = "V", "Niveau V (CAP, BEP)"
    IV = "IV", "Niveau IV (baccalauréat, brevet professionnel)"
    III = "III", "Niveau III (bac + 2)"
    II = "II", "Niveau II (licence, maîtrise)"
    I = "I", "Niveau I (bac + 5 et plus)"  # noqa: E741


class Transport(models.TextChoices):
    NONE = "aucun", "Aucun moyen autonome"
    PUBLIC = "transports_commun", "Transports en commun"
    BICYCLE = "velo", "Vélo"
    MOTORBIKE = "deux_roues", "Deux-roues motorisé"
    CAR = "voiture", "Voiture"


class Housing(models.TextChoices):
    PARENTS = "parents", "Chez les parents"
    AUTONOMOUS = "autonome", "Logement autonome"
    HOSTED = "heberge", "Hébergé par la famille ou des amis"
    HOSTEL = "foyer", "Foyer, résidence sociale, FJT"
    EMERGENCY = "urgence", "Hébergement d'urgence"
    HOMELESS = "sans_domicile", "Sans domicile"


class HealthCover(models.TextChoices):
    NONE = "aucune", "Aucune"
    BASIC = "base", "Régime de base seul"
    COMPLEMENTARY = "complementaire", "Base et complémentaire"
    CSS = "css", "Complémentaire santé solidaire"


class Resources(models.TextChoices):
    NONE = "aucune", "Aucune ressource"
    FAMILY = "famille", "Aide de la famille"
    WAGES = "salaire", "Revenus d'activité"
    BENEFITS = "allocations", "Allocations (chômage, RSA, AAH…)"
    ALLOWANCE = "allocation_accompagnement", "Allocation d'accompagnement"
    GRANT = "bourse", "Bourse, rémunération de stage"


class JudicialFollowUp(models.TextChoices):
    NONE = "", "Aucun"
    PJJ = "pjj", "Protection judiciaire de la jeunesse"
    UNDER_JUSTICE = "sous_main_justice", "Sous main de justice"


class ArchiveReason(models.TextChoices):
    AGE_LIMIT = "limite_age", "Limite d'âge atteinte"
    AUTONOMOUS = "autonome", "Jeune autonome, accompagnement terminé"
    MOVED = "demenagement", "Déménagement"
    NO_CONTACT = "sans_contact", "Sans contact depuis longtemps"
    DUPLICATE = "doublon", "Doublon fusionné"
    OTHER = "autre", "Autre"
