"""Imports déposés sur le web : la requête enregistre le fichier et met une tâche en file ; le travailleur
l'importe (``import_referrals``, tout ou rien) en publiant sa progression, puis le rapport."""

import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parcours.accounts.access import visible_mission_locale_ids
from parcours.cotraitance.importer import import_referrals
from parcours.jobs.enums import ImportStatus
from parcours.jobs.models import ImportJob

#: Le rapport garde au plus autant d'erreurs et de refus que la page en affiche.
MAX_ERRORS = 500
MAX_REFUSALS = 200
#: Délai minimal entre deux écritures de la progression (secondes).
PROGRESS_EVERY = 1.0
FAILED_MESSAGE = (
    "Le traitement du fichier a échoué de façon inattendue ; rien n'a été enregistré. "
    "Déposez-le de nouveau ; si l'échec se répète, prévenez l'assistance."
)
LOST_MESSAGE = (
    "Le travailleur s'est arrêté pendant le traitement du fichier ({attempts} essai(s)) ; rien n'a été "
    "enregistré. Déposez-le de nouveau ; si l'échec se répète, prévenez l'assistance."
)
STOPPED_MESSAGE = (
    "Le traitement du fichier a été interrompu par l'arrêt du travailleur ; rien n'a été enregistré. "
    "Déposez-le de nouveau."
)
STAGES = {"Vérification": "Vérification des lignes", "Écriture": "Enregistrement (tout ou rien)"}


def submit_referral_import(user, upload):
    """Enregistre le fichier déposé et met son traitement en file (les deux ou rien) ; renvoie l'``ImportJob``."""
    from parcours.jobs.tasks import process_referral_import

    with transaction.atomic():
        job = ImportJob.objects.create(
            requested_by=user,
            mission_locale_id=user.mission_locale_id,
            file_name=upload.name[:255],
            content=upload.read(),
        )
        result = process_referral_import.enqueue(job.pk)
        job.task_result_id = str(result.id)
        job.save(update_fields=["task_result_id"])
    return job


class Progress:
    """La barre de progression de ``import_referrals`` écrite dans l'``ImportJob`` (une écriture par seconde au plus)."""

    def __init__(self, job_pk):
        self.job_pk = job_pk
        self.last = 0.0

    def save(self, **fields):
        ImportJob.objects.filter(pk=self.job_pk).update(**fields)
        self.last = time.monotonic()

    def __call__(self, iterable, desc, total=None, unit="ligne"):
        stage = STAGES.get(desc, desc)
        self.save(stage=stage, done=0, total=total or 0)
        done = 0
        for item in iterable:
            yield item
            done += 1
            if time.monotonic() - self.last >= PROGRESS_EVERY:
                self.save(done=done)
        self.save(done=done, total=max(done, total or 0))
        if desc == "Vérification":
            self.save(stage="Contrôles (doublons, double accompagnement) puis enregistrement, tout ou rien")


def report_data(report):
    return {
        "ok": report.ok,
        "summary": report.summary(),
        "lines": report.lines,
        "error_count": len(report.errors),
        "errors": [[e.line, e.column, e.message] for e in report.errors[:MAX_ERRORS]],
        "refused_elsewhere": report.refused_elsewhere,
        "refusal_count": len(report.refusals),
        "refusals": [list(r) for r in report.refusals[:MAX_REFUSALS]],
    }


def run_referral_import(job_pk):
    """Traite l'import ``job_pk`` (appelé par le travailleur) ; renvoie son état final."""
    job = ImportJob.objects.select_related("requested_by").filter(pk=job_pk).first()
    if job is None or job.finished:
        return job.status if job else "absent"
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        stage="Lecture du fichier",
        done=0,
    )
    user = job.requested_by
    try:
        report = import_referrals(
            bytes(job.content),
            today=timezone.localdate(),
            file_name=job.file_name,
            user=user,
            # Le périmètre de la personne au moment du traitement, comme la page d'import le faisait.
            allowed_ml_ids=visible_mission_locale_ids(user),
            progress=Progress(job.pk),
        )
    except Exception:
        fail(job.pk, FAILED_MESSAGE)
        raise
    except (
        BaseException
    ):  # arrêt forcé du travailleur (second Ctrl-C) : django-tasks-db marque la tâche en échec
        fail(job.pk, STOPPED_MESSAGE)
        raise
    status = ImportStatus.DONE if report.ok else ImportStatus.REFUSED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, finished_at=timezone.now(), report=report_data(report), content=b"", stage=""
    )
    return status


def fail(job_pk, message, **filters):
    """Marque l'import en échec (message en français) et efface le fichier ; rien n'a été importé."""
    return (
        ImportJob.objects.filter(pk=job_pk, **filters)
        .exclude(status__in=[ImportStatus.DONE, ImportStatus.REFUSED])
        .update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            report={"ok": False, "summary": message, "failure": True},
            content=b"",
            stage="",
        )
    )


def purge(now=None, days=None):
    """Supprime les imports finis depuis plus de ``days`` jours (leur rapport cite des valeurs du fichier)."""
    from django.conf import settings

    now = now or timezone.now()
    days = settings.JOBS_IMPORT_RETENTION_DAYS if days is None else days
    deleted, _ = ImportJob.objects.finished_before(now - timezone.timedelta(days=days)).delete()
    return deleted
