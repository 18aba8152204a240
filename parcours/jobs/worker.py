"""Le travailleur : battement, reprise des tâches d'un travailleur mort, planning.

Comportement de la file en base (``django-tasks-db``) : le travailleur prend une tâche prête en la
verrouillant (``SELECT … FOR UPDATE SKIP LOCKED``) et la marque « RUNNING » en ajoutant son identifiant à
``worker_ids`` : deux travailleurs ne prennent jamais la même. Une tâche qui lève une exception finit
« FAILED » (trace enregistrée) et n'est pas relancée. Un travailleur tué pendant une tâche la laisse
« RUNNING » pour toujours : c'est ``recover_orphans`` qui la remet en file (« READY ») quand le travailleur
qui la tenait ne bat plus, jusqu'à ``JOBS_MAX_ATTEMPTS`` prises en tout ; au-delà, elle finit « FAILED ».
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from parcours.jobs import imports
from parcours.jobs.models import ImportJob, ScheduledRun, WorkerHeartbeat

logger = logging.getLogger("parcours.jobs")
ONE_SECOND = datetime.timedelta(seconds=1)


class WorkerLost(Exception):
    """Le travailleur qui tenait la tâche s'est arrêté pendant son exécution."""


def new_worker_id():
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"[:64]


def beat(worker_id, now=None):
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            beat_at=now,
        )


def stop(worker_id):
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def live_worker_ids(now=None):
    now = now or timezone.now()
    since = now - timezone.timedelta(seconds=3 * settings.JOBS_HEARTBEAT_SECONDS)
    return set(WorkerHeartbeat.objects.filter(beat_at__gte=since).values_list("worker_id", flat=True))


def recover_orphans(now=None, max_attempts=None):
    """Remet en file les tâches « RUNNING » d'un travailleur qui ne bat plus ; renvoie (relancées, échouées)."""
    max_attempts = max_attempts or settings.JOBS_MAX_ATTEMPTS
    alive = live_worker_ids(now)
    retried = failed = 0
    for result in DBTaskResult.objects.running():
        owner = result.worker_ids[-1] if result.worker_ids else None
        if owner in alive:
            continue
        attempts = len(result.worker_ids)
        if attempts < max_attempts:
            retried += DBTaskResult.objects.filter(id=result.id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY
            )
            logger.warning(
                "Tâche %s reprise après l'arrêt de son travailleur (essai %d).", result.id, attempts
            )
            continue
        with transaction.atomic():
            if DBTaskResult.objects.filter(id=result.id, status=TaskResultStatus.RUNNING).exists():
                result.set_failed(WorkerLost(f"Travailleur arrêté pendant la tâche ({attempts} essai(s))."))
                failed += 1
                for job_pk in ImportJob.objects.filter(task_result_id=str(result.id)).values_list(
                    "pk", flat=True
                ):
                    imports.fail(job_pk, imports.LOST_MESSAGE.format(attempts=attempts))
        logger.error("Tâche %s abandonnée après %d essais.", result.id, attempts)
    return retried, failed


class Scheduler:
    """Met en file chaque entrée du planning à son heure (au plus une fois par heure prévue)."""

    def __init__(self, entries, now=None):
        now = now or timezone.now()
        self.entries = entries
        self.next_run = {entry.name: entry.trigger().get_next_fire_time(None, now) for entry in entries}

    def tick(self, now=None):
        now = now or timezone.now()
        enqueued = []
        for entry in self.entries:
            due = self.next_run[entry.name]
            if due is None or due > now:
                continue
            if enqueue_scheduled(entry, due):
                enqueued.append(entry.name)
            self.next_run[entry.name] = next_fire(entry, due, now)
        return enqueued


def next_fire(entry, previous, now):
    """L'heure suivante ; à l'heure d'hiver, l'heure répétée (02:00 deux fois le dernier dimanche d'octobre)
    ne déclenche qu'une fois."""
    trigger = entry.trigger()
    following = trigger.get_next_fire_time(previous, now)
    tz = trigger.timezone
    while following is not None and (
        following.astimezone(tz).replace(tzinfo=None) == previous.astimezone(tz).replace(tzinfo=None)
    ):
        # En UTC : l'arithmétique des datetime à fuseau se fait en heure locale (02:00 + 1 s = 02:00:01 d'été).
        following = trigger.get_next_fire_time(following, following.astimezone(datetime.UTC) + ONE_SECOND)
    return following


def enqueue_scheduled(entry, due):
    """Met ``entry`` en file pour l'heure ``due`` sauf si c'est déjà fait ; renvoie le ``ScheduledRun`` ou None."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(name=entry.name, scheduled_for=due)
            run.task_result_id = str(entry.task.enqueue().id)
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        return None
    logger.info("%s mis en file (prévu le %s).", entry.name, due.isoformat())
    return run


class Housekeeper(threading.Thread):
    """Fil de fond du travailleur : toutes les ``every`` secondes, battement, reprise des orphelines, planning.

    Il bat même pendant une longue tâche (l'extraction) : un battement figé signifie un processus mort ou gelé.
    """

    def __init__(self, worker_id, scheduler=None, every=None):
        super().__init__(name="parcours-battement", daemon=True)
        self.worker_id = worker_id
        self.scheduler = scheduler
        self.every = every or settings.JOBS_HEARTBEAT_SECONDS
        self.stopping = threading.Event()
        self.rounds = 0

    def round(self):
        beat(self.worker_id)
        WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - timezone.timedelta(days=1)).delete()
        recover_orphans()
        if self.scheduler is not None:
            self.scheduler.tick()
        self.rounds += 1

    def run(self):
        try:
            while not self.stopping.wait(self.every):
                close_old_connections()
                try:
                    self.round()
                except (
                    Exception
                ) as error:  # base momentanément indisponible (ou SQLite occupé) : tour suivant
                    logger.warning(
                        "Battement du travailleur impossible (%s) ; nouvel essai dans %s s.",
                        type(error).__name__,
                        self.every,
                    )
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=self.every + 5)
