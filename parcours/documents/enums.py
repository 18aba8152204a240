from django.db import models


class DocumentKind(models.TextChoices):
    """Les pièces qu'un jeune apporte pour sa recherche d'emploi ou de formation. Aucune pièce d'identité ni
    aucun document de santé : le dossier n'en a pas besoin (minimisation, RGPD art. 5)."""

    CV = "cv", "CV"
    COVER_LETTER = "lettre", "Lettre de motivation"
    DIPLOMA = "diplome", "Diplôme ou titre"
    CERTIFICATE = "attestation", "Attestation (formation, stage, emploi)"
    OTHER = "autre", "Autre document utile au parcours"
