from django.db import models


class Track(models.TextChoices):
    """Parcours PPAE confié à la mission locale (003 : 80 % / 20 %)."""

    ACCOMPANIED = "accompagne", "Parcours de recherche accompagnée"
    MOBILISATION = "mobilisation", "Parcours de mobilisation vers l'emploi"


class ReferralStatus(models.TextChoices):
    ACTIVE = "en_cours", "En cours"
    REFUSED = "refusee", "Refusée"
    ENDED = "terminee", "Terminée"


class ReferralEndReason(models.TextChoices):
    DURABLE_EXIT = "sortie_durable", "Sortie durable (emploi, formation, alternance)"
    BROKEN_COMMITMENTS = "non_respect", "Non-respect des engagements (France Travail informé)"
    BACK_TO_PE = "retour_pe", "Retour vers France Travail"
    MOVED = "demenagement", "Déménagement"
    OTHER = "autre", "Autre motif"


class Unavailability(models.TextChoices):
    """Périodes qui dispensent de l'entretien mensuel (003, l. 1088)."""

    PLACEMENT = "stage", "Stage ou immersion"
    TRAINING = "formation", "Formation"
    SHORT_JOB = "emploi_court", "Emploi temporaire de moins de 2 mois"
    SERVICE = "prestation", "Prestation"
    OTHER = "autre", "Autre indisponibilité temporaire"


class MilestoneKind(models.TextChoices):
    """Jalons transmis à Pôle emploi (fichier d'échange)."""

    FIRST_INTERVIEW = "premier_entretien", "Premier entretien"
    TRAINING_PROPOSAL = "proposition_formation", "Proposition de formation ou de prestation"
    TRAINING_ENTRY = "entree_formation", "Entrée en formation ou en prestation"
    JOB_INTRODUCTION = "mise_en_relation", "Mise en relation sur une offre d'emploi"
    JOB_PERIOD = "periode_emploi", "Période d'emploi"
    EXIT = "sortie", "Sortie de la co-traitance"
