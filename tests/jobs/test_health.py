"""/sante/ : sans connexion, JSON de chaque vérification, 200 si tout va bien, 503 sinon, bon marché."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.jobs import worker
from parcours.jobs.models import WorkerHeartbeat
from parcours.warehouse import extract

URL = "/sante/"


def test_url_is_sante():
    assert reverse("health") == URL


def test_nothing_running_is_503_with_a_french_reason_per_check(client, db):
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["statut"] == "erreur"
    assert body["verifications"]["base"] == {"ok": True}
    assert body["verifications"]["entrepot"] == {
        "ok": False,
        "message": "Entrepôt absent : aucune extraction n'a encore eu lieu.",
    }
    assert body["verifications"]["travailleur"]["ok"] is False
    assert "lancer_travailleur" in body["verifications"]["travailleur"]["message"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_all_fresh_is_200(client, db, django_assert_max_num_queries):
    extract.run(complete=True, write_parquet=False)
    worker.beat("travailleur-1")
    with django_assert_max_num_queries(2):  # SELECT 1 et le dernier battement : rien de lourd
        response = client.get(URL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["statut"] == "ok"
    checks = body["verifications"]
    assert checks["entrepot"]["ok"] and checks["entrepot"]["age_heures"] < 1
    assert checks["travailleur"]["ok"] and 0 <= checks["travailleur"]["age_secondes"] < 60
    text = response.content.decode()
    heartbeat = WorkerHeartbeat.objects.get()
    assert heartbeat.hostname not in text and "travailleur-1" not in text  # ni machine ni identifiant


@pytest.mark.parametrize(
    ("beat_ago", "extraction_ago", "failing"),
    [
        (datetime.timedelta(seconds=121), datetime.timedelta(hours=1), "travailleur"),
        (datetime.timedelta(seconds=5), datetime.timedelta(hours=37), "entrepot"),
    ],
)
def test_stale_worker_or_old_extraction_is_503(client, db, beat_ago, extraction_ago, failing):
    import time_machine

    now = timezone.now()
    with time_machine.travel(now - extraction_ago, tick=False):
        extract.run(complete=True, write_parquet=False)
    worker.beat("travailleur-1", now=now - beat_ago)
    with time_machine.travel(now, tick=False):
        response = client.get(URL)
    assert response.status_code == 503
    checks = response.json()["verifications"]
    assert [name for name, check in checks.items() if not check["ok"]] == [failing]
    assert checks[failing]["message"] in (
        "Travailleur muet depuis plus de 120 s.",
        "Dernière extraction plus vieille que 36 h.",
    )


def test_thresholds_come_from_settings(client, db, settings):
    extract.run(complete=True, write_parquet=False)
    worker.beat("travailleur-1", now=timezone.now() - datetime.timedelta(seconds=30))
    settings.HEALTH_WORKER_MAX_SECONDS = 10
    assert client.get(URL).status_code == 503
    settings.HEALTH_WORKER_MAX_SECONDS = 60
    assert client.get(URL).status_code == 200


def test_only_get_and_head(client, db):
    assert client.post(URL).status_code == 405
