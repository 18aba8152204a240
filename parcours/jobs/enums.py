from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "en_attente", "En attente du travailleur"
    RUNNING = "en_cours", "En cours"
    DONE = "termine", "Terminé"
    REFUSED = "refuse", "Fichier refusé"
    FAILED = "echoue", "Échec du traitement"


FINISHED = {ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED}
