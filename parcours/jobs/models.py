"""Travaux de fond : battement du travailleur, déclenchements du planning, imports déposés sur le web."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from parcours import modelkit
from parcours.accounts.access import can_see_personal_data
from parcours.accounts.querysets import MissionLocaleScopedQuerySet
from parcours.jobs.enums import FINISHED, ImportStatus


class WorkerHeartbeat(models.Model):
    """Un travailleur vivant écrit ici toutes les ``JOBS_HEARTBEAT_SECONDS`` secondes."""

    worker_id = models.CharField("identifiant du travailleur", max_length=64, unique=True)
    hostname = models.CharField("machine", max_length=255)
    pid = models.PositiveIntegerField("processus")
    started_at = models.DateTimeField("démarré le", default=timezone.now)
    beat_at = models.DateTimeField("dernier battement", default=timezone.now, db_index=True)

    class Meta:
        verbose_name, verbose_name_plural = "battement du travailleur", "battements des travailleurs"

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


class ScheduledRun(models.Model):
    """Un déclenchement du planning : unique par (travail, heure prévue), donc jamais mis deux fois en file."""

    name = models.CharField("travail", max_length=64)
    scheduled_for = models.DateTimeField("heure prévue")
    enqueued_at = models.DateTimeField("mis en file le", default=timezone.now)
    task_result_id = models.CharField("tâche", max_length=64, blank=True)

    class Meta:
        verbose_name, verbose_name_plural = "déclenchement planifié", "déclenchements planifiés"
        constraints = [modelkit.unique("scheduled_run_once", ["name", "scheduled_for"])]

    def __str__(self):
        return f"{self.name} {self.scheduled_for:%d/%m/%Y %H:%M}"


class ImportJobQuerySet(MissionLocaleScopedQuerySet):
    def visible_to(self, user):
        """Un import déposé n'est suivi que par la personne qui l'a déposé, tant qu'elle voit sa mission locale :
        le rapport cite des valeurs du fichier (comme la page d'import le faisait dans sa réponse)."""
        if not can_see_personal_data(user):
            return self.none()
        return super().visible_to(user).filter(requested_by=user)

    def finished_before(self, moment):
        return self.filter(status__in=FINISHED, finished_at__lt=moment)


class ImportJob(models.Model):
    """Un fichier d'orientations déposé sur le web, traité par le travailleur (jamais dans la requête).

    Le contenu du fichier (NIR compris) n'est gardé que jusqu'à la fin du traitement ; le rapport (erreurs
    ligne par ligne, refus) est gardé ``JOBS_IMPORT_RETENTION_DAYS`` jours puis purgé.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="déposé par", on_delete=models.CASCADE, related_name="+"
    )
    mission_locale = models.ForeignKey(
        "referential.MissionLocale", verbose_name="mission locale", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField("fichier", max_length=255)
    content = models.BinaryField("contenu", default=b"")
    status = models.CharField(
        "état", max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    stage = models.CharField("étape", max_length=200, blank=True)
    done = models.PositiveIntegerField("lignes traitées", default=0)
    total = models.PositiveIntegerField("lignes à traiter", default=0)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    created_at = models.DateTimeField("déposé le", default=timezone.now)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("fini le", null=True, blank=True)
    report = models.JSONField("rapport", default=dict, blank=True)
    task_result_id = models.CharField("tâche", max_length=64, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "import déposé", "imports déposés"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in FINISHED

    @property
    def percent(self):
        return min(100, round(100 * self.done / self.total)) if self.total else 0
