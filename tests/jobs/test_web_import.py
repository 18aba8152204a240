"""Import déposé sur le web : la requête met en file, rien n'est importé dans la requête ; la tâche importe,
publie sa progression, puis le rapport (même rapport que l'ancienne page : tout ou rien, erreurs en français)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from parcours.accounts.enums import Role
from parcours.cotraitance.models import ImportBatch, Referral
from parcours.jobs import imports, tasks
from parcours.jobs.enums import ImportStatus
from parcours.jobs.models import ImportJob
from tests.cotraitance.test_import import line
from tests.factories import UserFactory


def status_url(job):
    return reverse("cotraitance:import_status", kwargs={"import_pk": job.pk})


def post(client, user, upload):
    client.force_login(user)
    return client.post(reverse("cotraitance:import"), {"file": upload})


def test_upload_is_queued_not_processed_in_the_request(client, director, ml, upload):
    response = post(client, director, upload(line(ml=ml.code, assigned="02/01/2025")))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(job)
    assert not Referral.objects.exists() and not ImportBatch.objects.exists()
    assert (job.status, job.requested_by, job.mission_locale, job.file_name) == (
        ImportStatus.QUEUED,
        director,
        ml,
        "orientations.csv",
    )
    assert bytes(job.content).startswith(b"identifiant_orientation;")
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.task_path, queued.args_kwargs, str(queued.id)) == (
        "READY",
        "parcours.jobs.tasks.process_referral_import",
        {"args": [job.pk], "kwargs": {}},
        job.task_result_id,
    )
    page = client.get(status_url(job)).content.decode()
    assert "En attente du travailleur" in page and 'hx-trigger="every 2s"' in page


def test_task_imports_then_page_shows_the_report_and_stops_polling(client, director, ml, upload):
    post(client, director, upload(line(ml=ml.code, assigned="02/01/2025")))
    job = ImportJob.objects.get()
    assert tasks.process_referral_import.call(job.pk) == ImportStatus.DONE
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.attempts == 1 and bytes(job.content) == b""
    assert Referral.objects.get().pe_id == "PE001"
    fragment = client.get(status_url(job), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="etat-import" data-etat="termine"')
    assert "hx-trigger" not in fragment and "<html" not in fragment
    assert "1 ligne(s) lue(s) : 1 orientation(s) enregistrée(s)" in fragment
    # Rejouer la tâche (reprise après un arrêt) ne réimporte pas un fichier déjà traité.
    assert tasks.process_referral_import.call(job.pk) == ImportStatus.DONE
    assert Referral.objects.count() == 1


def test_refused_file_reports_french_errors_and_writes_nothing(client, director, ml, upload):
    post(client, director, upload(line(ml=ml.code), line(pe_id="PE2", ml=ml.code, birth="99/99/2000")))
    job = ImportJob.objects.get()
    assert tasks.process_referral_import.call(job.pk) == ImportStatus.REFUSED
    assert not Referral.objects.exists() and not ImportBatch.objects.exists()
    page = client.get(status_url(job)).content.decode()
    assert "Fichier refusé : 1 erreur(s) sur 2 ligne(s)" in page
    assert "« 99/99/2000 » n&#x27;est pas une date valide (format JJ/MM/AAAA)." in page
    assert "hx-trigger" not in page


def test_scope_is_the_uploader_at_processing_time(client, director, ml, other_ml, upload):
    post(client, director, upload(line(ml=other_ml.code, assigned="02/01/2025")))
    job = ImportJob.objects.get()
    tasks.process_referral_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.REFUSED
    assert "n'est pas dans votre périmètre" in job.report["errors"][0][2]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.DIRECTOR])
def test_only_the_uploader_follows_an_import(client, director, ml, other_ml, upload, role):
    post(client, director, upload(line(ml=ml.code)))
    job = ImportJob.objects.get()
    for user in (UserFactory(mission_locale=ml, role=role), UserFactory(mission_locale=other_ml, role=role)):
        client.force_login(user)
        assert client.get(status_url(job)).status_code == 404
    client.force_login(UserFactory(mission_locale=None, role=Role.NATIONAL))
    assert client.get(status_url(job)).status_code == 403
    client.logout()
    assert client.get(status_url(job)).status_code == 302


def test_progress_is_published_while_running(db, director, ml):
    job = ImportJob.objects.create(requested_by=director, mission_locale=ml, file_name="f.csv")
    progress = imports.Progress(job.pk)
    seen = []
    for item in progress(range(3), "Vérification", 3):
        job.refresh_from_db()
        seen.append((item, job.stage, job.total))
    job.refresh_from_db()
    assert seen[0] == (0, "Vérification des lignes", 3)
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.stage.startswith("Contrôles")


def test_unexpected_failure_is_shown_in_french(client, director, ml, upload, monkeypatch):
    post(client, director, upload(line(ml=ml.code)))
    job = ImportJob.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(imports, "import_referrals", broken)
    with pytest.raises(RuntimeError):
        tasks.process_referral_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and bytes(job.content) == b""
    page = client.get(status_url(job)).content.decode()
    assert "Le traitement du fichier a échoué de façon inattendue ; rien n&#x27;a été enregistré" in page
    assert "panne" not in page


def test_purge_removes_old_finished_imports_only(db, director, ml):
    from django.utils import timezone

    now = timezone.now()
    old = ImportJob.objects.create(
        requested_by=director,
        mission_locale=ml,
        status=ImportStatus.DONE,
        finished_at=now - timezone.timedelta(days=31),
    )
    recent = ImportJob.objects.create(
        requested_by=director,
        mission_locale=ml,
        status=ImportStatus.DONE,
        finished_at=now - timezone.timedelta(days=1),
    )
    waiting = ImportJob.objects.create(requested_by=director, mission_locale=ml)
    old_result = tasks.nightly_extraction.enqueue()
    DBTaskResult.objects.filter(id=old_result.id).update(
        status="SUCCESSFUL", finished_at=now - timezone.timedelta(days=31)
    )
    recent_result = tasks.nightly_extraction.enqueue()
    assert tasks.purge_finished_imports.call() == {"imports": 1}
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not ImportJob.objects.filter(pk=old.pk).exists()
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [recent_result.id]


def test_huge_cell_is_refused_with_its_line_and_column(client, director, ml, upload):
    """Issue 13 : une cellule de 5 Mo faisait échouer le traitement (500 quand l'import était dans la requête)."""
    post(client, director, upload(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, agency="A" * 5_000_000)))
    job = ImportJob.objects.get()
    assert tasks.process_referral_import.call(job.pk) == ImportStatus.REFUSED
    job.refresh_from_db()
    message = "valeur de 5\u202f000\u202f000 caractères : 100\u202f000 au plus."
    assert job.report["errors"] == [[3, "agence", message]]
    fragment = client.get(status_url(job), HTTP_HX_REQUEST="true").content.decode()
    assert "<td>3</td><td>agence</td>" in fragment and message in fragment
    assert not Referral.objects.exists() and not ImportBatch.objects.exists()
