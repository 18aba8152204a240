"""Le vrai travailleur (file en base django-tasks-db), lancé pour un temps borné (``--lot``) : il traite l'import
déposé, reprend la tâche d'un travailleur mort, abandonne après le nombre d'essais, bat pendant son travail."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parcours.accounts.enums import Role
from parcours.cotraitance.models import Referral
from parcours.jobs import tasks, worker
from parcours.jobs.enums import ImportStatus
from parcours.jobs.models import ImportJob, WorkerHeartbeat
from tests.cotraitance.test_import import line
from tests.factories import MissionLocaleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def director():
    return UserFactory(mission_locale=MissionLocaleFactory(), role=Role.DIRECTOR)


def queue_import(client, director, upload):
    client.force_login(director)
    url = reverse("cotraitance:import")
    response = client.post(
        url, {"file": upload(line(ml=director.mission_locale.code, assigned="02/01/2025"))}
    )
    assert response.status_code == 302
    return ImportJob.objects.get()


def test_web_import_is_processed_by_the_worker(client, director, upload):
    job = queue_import(client, director, upload)
    assert job.status == ImportStatus.QUEUED and not Referral.objects.exists()
    call_command("lancer_travailleur", "--lot", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Referral.objects.get().mission_locale == director.mission_locale
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL" and result.return_value == ImportStatus.DONE
    assert len(result.worker_ids) == 1
    page = client.get(reverse("cotraitance:import_status", args=[job.pk])).content.decode()
    assert "1 orientation(s) enregistrée(s)" in page
    assert not WorkerHeartbeat.objects.exists()  # arrêt propre : le travailleur retire son battement


def test_task_of_a_dead_worker_is_retried(client, director, upload):
    job = queue_import(client, director, upload)
    result = DBTaskResult.objects.get()
    result.claim("travailleur-mort")  # pris par un travailleur tué aussitôt : RUNNING pour toujours
    assert worker.recover_orphans() == (1, 0)
    result.refresh_from_db()
    assert result.status == "READY"
    call_command("lancer_travailleur", "--lot", verbosity=0)
    result.refresh_from_db()
    job.refresh_from_db()
    assert result.status == "SUCCESSFUL" and result.worker_ids[0] == "travailleur-mort"
    assert len(result.worker_ids) == 2
    assert job.status == ImportStatus.DONE and Referral.objects.count() == 1


def test_task_of_a_live_worker_is_left_alone(director, upload, client):
    queue_import(client, director, upload)
    result = DBTaskResult.objects.get()
    worker.beat("travailleur-vivant")
    result.claim("travailleur-vivant")
    assert worker.recover_orphans() == (0, 0)
    result.refresh_from_db()
    assert result.status == "RUNNING"


def test_task_is_abandoned_after_max_attempts_with_a_french_message(client, director, upload, settings):
    settings.JOBS_MAX_ATTEMPTS = 2
    job = queue_import(client, director, upload)
    result = DBTaskResult.objects.get()
    for dead in ("mort-1", "mort-2"):
        result.claim(dead)
    assert worker.recover_orphans() == (0, 1)
    result.refresh_from_db()
    job.refresh_from_db()
    assert result.status == "FAILED" and result.exception_class_path == "parcours.jobs.worker.WorkerLost"
    assert job.status == ImportStatus.FAILED and not Referral.objects.exists()
    page = client.get(reverse("cotraitance:import_status", args=[job.pk])).content.decode()
    assert "Le travailleur s&#x27;est arrêté pendant le traitement du fichier (2 essai(s))" in page


def test_failing_task_is_failed_not_retried(settings):
    settings.WAREHOUSE_DIR.mkdir(parents=True)
    result = tasks.nightly_verification.enqueue()  # pas d'entrepôt : entrepot_verifier refuse
    call_command("lancer_travailleur", "--lot", verbosity=0)
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "FAILED"
    assert "L'entrepôt n'a pas encore été construit" in row.traceback
    assert worker.recover_orphans() == (0, 0)


def test_nightly_tasks_run_in_the_worker():
    tasks.nightly_extraction.enqueue()
    call_command("lancer_travailleur", "--lot", verbosity=0)
    tasks.nightly_verification.enqueue()
    call_command("lancer_travailleur", "--lot", verbosity=0)
    extraction, verification = DBTaskResult.objects.order_by("enqueued_at")
    assert extraction.status == "SUCCESSFUL" and extraction.return_value["mode"] == "complet"
    assert verification.status == "SUCCESSFUL", verification.traceback
    assert "identique à sa reconstruction complète" in verification.return_value


def test_same_job_never_runs_twice_at_once():
    from parcours.jobs.locks import AlreadyRunning, exclusive

    with exclusive(tasks.WAREHOUSE_LOCK, "Un travail sur l'entrepôt"):
        with pytest.raises(AlreadyRunning, match="Un travail sur l'entrepôt est déjà en cours"):
            tasks.nightly_extraction.call()
    assert tasks.nightly_extraction.call()["mode"] == "complet"  # verrou libéré


def test_housekeeper_beats_while_the_worker_runs():
    housekeeper = worker.Housekeeper("travailleur-1", every=0.05)
    worker.beat("travailleur-1")
    first = WorkerHeartbeat.objects.get().beat_at
    housekeeper.start()
    deadline = time.monotonic() + 10
    while housekeeper.rounds < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    housekeeper.stop()
    assert housekeeper.rounds >= 2 and not housekeeper.is_alive()
    assert WorkerHeartbeat.objects.get().beat_at > first
    assert (timezone.now() - WorkerHeartbeat.objects.get().beat_at).total_seconds() < 10
