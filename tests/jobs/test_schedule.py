"""Le planning déclaré : horaires des réglages, fuseau de Paris, un déclenchement par heure prévue."""

import datetime
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from parcours.jobs import schedule, tasks, worker
from parcours.jobs.models import ScheduledRun

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def test_schedule_is_declared_in_one_place_with_safe_defaults(settings):
    entries = {e.name: e for e in schedule.SCHEDULE}
    assert (
        set(entries)
        == set(settings.JOBS_SCHEDULE)
        == {
            "extraction_nocturne",
            "verification_nocturne",
            "purge_imports",
            "purge_jetons",
            "purge_demandes_rappel",
            "envoi_rappels",
            "oubli_rappels",
            "documents_orphelins",
        }
    )
    assert entries["extraction_nocturne"].task is tasks.nightly_extraction
    assert entries["verification_nocturne"].task is tasks.nightly_verification
    assert all(isinstance(e.task, Task) for e in schedule.SCHEDULE)
    now = at(2026, 12, 1, 12, 0)
    next_runs = {e.name: e.trigger().get_next_fire_time(None, now) for e in schedule.SCHEDULE}
    assert next_runs["extraction_nocturne"] == at(2026, 12, 2, 2, 0)
    assert next_runs["verification_nocturne"] == at(2026, 12, 2, 3, 30)
    assert next_runs["documents_orphelins"] == at(2026, 12, 2, 5, 5)
    assert next_runs["envoi_rappels"] == at(2026, 12, 1, 12, 0)  # rappels : chaque minute, celle-ci comprise
    assert schedule.invalid_entries() == []


def test_schedule_times_come_from_settings(settings):
    settings.JOBS_SCHEDULE = {**settings.JOBS_SCHEDULE, "extraction_nocturne": "45 23 * * 1-5"}
    entry = schedule.SCHEDULE[0]
    assert entry.trigger().get_next_fire_time(None, at(2026, 12, 4, 23, 50)) == at(2026, 12, 7, 23, 45)


def test_invalid_schedule_stops_the_worker_with_a_french_message(settings, db):
    settings.JOBS_SCHEDULE = {**settings.JOBS_SCHEDULE, "purge_imports": "tous les jours"}
    with pytest.raises(CommandError, match="Planning invalide : purge_imports : horaire « tous les jours »"):
        call_command("lancer_travailleur", "--lot", verbosity=0)


def test_scheduler_enqueues_each_due_run_once_even_with_two_workers(db):
    entries = schedule.SCHEDULE[:1]
    first, second = (
        worker.Scheduler(entries, now=at(2026, 12, 1, 12)),
        worker.Scheduler(entries, now=at(2026, 12, 1, 12)),
    )
    assert first.tick(now=at(2026, 12, 2, 1, 59)) == []
    assert first.tick(now=at(2026, 12, 2, 2, 0, 10)) == ["extraction_nocturne"]
    assert second.tick(now=at(2026, 12, 2, 2, 0, 20)) == []  # déjà mis en file par le premier
    assert first.tick(now=at(2026, 12, 2, 2, 5)) == []
    run = ScheduledRun.objects.get()
    assert run.scheduled_for == at(2026, 12, 2, 2, 0)
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status, str(queued.id)) == (
        "parcours.jobs.tasks.nightly_extraction",
        "READY",
        run.task_result_id,
    )
    assert first.next_run["extraction_nocturne"] == at(2026, 12, 3, 2, 0)


def test_repeated_autumn_hour_fires_once(db):
    entries = schedule.SCHEDULE[:1]
    scheduler = worker.Scheduler(entries, now=at(2026, 10, 24, 12))
    first = scheduler.next_run["extraction_nocturne"]
    assert first.utcoffset() == datetime.timedelta(hours=2)
    assert scheduler.tick(now=first + datetime.timedelta(seconds=5)) == ["extraction_nocturne"]
    assert scheduler.next_run["extraction_nocturne"] == at(2026, 10, 26, 2, 0)
