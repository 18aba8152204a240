"""Journaux : JSON avec request_id, user_id et ml ; évènements de sécurité ; aucune donnée personnelle."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from parcours import logs
from parcours.accounts.enums import Role
from tests.factories import UserFactory, YoungPersonFactory


@pytest.fixture
def log_lines():
    """Ce que le gestionnaire configuré (settings.LOGGING) écrit, tout niveau compris, ligne par ligne."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    buffer = io.StringIO()
    previous_stream = handler.setStream(buffer)
    root, parcours_logger = logging.getLogger(), logging.getLogger("parcours")
    levels = root.level, parcours_logger.level
    root.setLevel(logging.DEBUG)
    parcours_logger.setLevel(logging.DEBUG)
    try:
        yield lambda: buffer.getvalue()
    finally:
        handler.setStream(previous_stream)
        root.setLevel(levels[0])
        parcours_logger.setLevel(levels[1])


def records(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def security_events(text, event):
    return [r for r in records(text) if r["logger"] == "parcours.securite" and r.get("event") == event]


@pytest.mark.django_db
def test_records_are_json_lines_with_request_id_user_and_ml(client, counsellor, other_ml, log_lines):
    hidden = YoungPersonFactory(mission_locale=other_ml)
    client.force_login(counsellor)
    response = client.get(
        reverse("young_people:detail", args=[hidden.pk]), headers={"X-Request-ID": "lb-1234abcd"}
    )
    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-1234abcd"
    [event] = security_events(log_lines(), "dossier_refuse")
    assert event["request_id"] == "lb-1234abcd"
    assert event["user_id"] == counsellor.pk
    assert event["ml"] == counsellor.mission_locale.code
    assert event["young_person_id"] == hidden.pk
    assert event["level"] == "INFO" and event["time"].endswith("+00:00")


@pytest.mark.django_db
def test_request_id_generated_when_missing_or_malformed(client):
    generated = client.get(reverse("login"))["X-Request-ID"]
    assert len(generated) == 32 and generated != client.get(reverse("login"))["X-Request-ID"]
    forged = client.get(reverse("login"), headers={"X-Request-ID": "a b\nINFO faux journal"})
    assert forged["X-Request-ID"] != "a b\nINFO faux journal"
    assert len(forged["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_failed_login_is_a_security_event_without_password(client, counsellor, log_lines):
    client.post(reverse("login"), {"username": counsellor.username, "password": "secret-essai-1"})
    client.post(reverse("login"), {"username": "personne.inconnue", "password": "secret-essai-2"})
    text = log_lines()
    known, unknown = security_events(text, "connexion_echouee")
    assert known["target_user_id"] == counsellor.pk and known["level"] == "WARNING"
    assert known["ip"] == "127.0.0.1"
    assert unknown["username_hash"] == logs.pseudonymous_username("personne.inconnue")
    assert "personne.inconnue" not in text and "secret-essai" not in text


@pytest.mark.django_db
def test_successful_login_carries_the_new_user(client, counsellor, log_lines):
    client.post(reverse("login"), {"username": counsellor.username, "password": "mot-de-passe-de-test"})
    [event] = security_events(log_lines(), "connexion")
    assert event["target_user_id"] == counsellor.pk
    assert event["user_id"] == counsellor.pk


@pytest.mark.django_db
def test_denied_access_is_a_security_event_and_the_query_string_stays_out(client, ml, log_lines):
    young_person = YoungPersonFactory(mission_locale=ml, last_name="Zébulonesque")
    national = UserFactory(role=Role.NATIONAL, mission_locale=None)
    client.force_login(national)
    response = client.get(reverse("young_people:search"), {"q": young_person.last_name})
    assert response.status_code == 403
    text = log_lines()
    [event] = security_events(text, "acces_refuse")
    assert event["path"] == reverse("young_people:search")
    assert event["user_id"] == national.pk and event["ml"] is None
    assert "Zébulonesque" not in text


@pytest.mark.django_db
def test_file_page_visit_logs_no_personal_data(client, counsellor, log_lines):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale,
        last_name="Quintavalle",
        first_name="Eulalie",
        email="eulalie.quintavalle@example.org",
    )
    client.force_login(counsellor)
    assert client.get(reverse("young_people:detail", args=[young_person.pk])).status_code == 200
    assert client.get(reverse("young_people:search"), {"q": "Quintavalle"}).status_code == 200
    logging.getLogger("parcours.test").info("témoin")  # le gestionnaire écrit bien pendant le test
    text = log_lines()
    assert "témoin" in text
    for personal in ("Quintavalle", "Eulalie", "eulalie.quintavalle"):
        assert personal not in text


def test_text_format_is_readable():
    record = logging.LogRecord("parcours.x", logging.INFO, __file__, 1, "Extraction : %s", ("fin",), None)
    record.request_id, record.user_id, record.ml, record.lignes = "abc12345", 7, "59001", 12
    line = logs.TextFormatter().format(record)
    assert "INFO" in line and "parcours.x" in line and "Extraction : fin" in line
    assert "[request_id=abc12345 user_id=7 ml=59001]" in line and "(lignes=12)" in line


def test_json_format_drops_the_django_request_object():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/x/",), None
    )
    record.request = object()  # Django y met la requête, dont l'URL complète peut citer un nom cherché
    record.status_code = 403
    line = json.loads(logs.JsonFormatter().format(record))
    assert "request" not in line and line["status_code"] == 403 and line["request_id"] is None


@pytest.mark.django_db
def test_export_is_a_security_event(client, director, log_lines):
    client.force_login(director)
    response = client.get(
        reverse("employers:report_xlsx"), {"year": 2026, "group_by": "region", "scope": "ml"}
    )
    assert response.status_code == 200
    [event] = security_events(log_lines(), "export")
    assert event["path"] == reverse("employers:report_xlsx") and event["format"] == "xlsx"
    assert event["user_id"] == director.pk and event["ml"] == director.mission_locale.code


@pytest.mark.django_db
def test_import_is_a_security_event_with_counts_and_no_names(ml, counsellor, log_lines):
    from tests.cotraitance.test_import import csv_bytes, line, run

    report = run(csv_bytes(line(ml=ml.code, last="Quintavalle", first="Eulalie")), user=counsellor)
    assert report.ok, report.errors
    text = log_lines()
    [event] = security_events(text, "import")
    assert (event["kind"], event["lines"], event["referrals_created"], event["new_files"]) == (
        "orientations",
        1,
        1,
        1,
    )
    assert event["by_user_id"] == counsellor.pk and event["batch_id"] == report.batch.pk
    assert "Quintavalle" not in text and "Eulalie" not in text


@pytest.mark.django_db
def test_folder_import_logs_counts_per_file(ml, tmp_path, log_lines):
    from parcours.programmes.imports.service import import_folder

    (tmp_path / "jeunes.csv").write_text("", encoding="utf-8")
    import_folder(tmp_path, default_ml_code=ml.code, dry_run=True)
    [event] = security_events(log_lines(), "import")
    assert event["kind"] == "dossiers" and event["dry_run"] is True and event["written"] is False


def settings_log_format(**env):
    """Le format choisi par config/settings.py dans un processus neuf, avec cet environnement."""
    code = "import django; django.setup(); from django.conf import settings; print(settings.LOG_FORMAT)"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    if "PARCOURS_LOG_FORMAT" not in env:
        environment.pop("PARCOURS_LOG_FORMAT", None)
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)


def test_log_format_json_in_production_text_in_development_and_checked():
    assert settings_log_format(DJANGO_DEBUG="0").stdout.strip() == "json"
    assert settings_log_format(DJANGO_DEBUG="1").stdout.strip() == "texte"
    assert settings_log_format(DJANGO_DEBUG="1", PARCOURS_LOG_FORMAT="json").stdout.strip() == "json"
    wrong = settings_log_format(PARCOURS_LOG_FORMAT="xml")
    assert wrong.returncode != 0 and "PARCOURS_LOG_FORMAT vaut « json » ou « texte »" in wrong.stderr


@pytest.mark.django_db
def test_dashboard_export_is_a_security_event(client, settings, tmp_path, log_lines):
    from tests.warehouse import dataset

    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    ml_a, _, _ = dataset.build_warehouse()
    director = UserFactory(role=Role.DIRECTOR, mission_locale=ml_a)
    client.force_login(director)
    url = reverse("warehouse:ml", kwargs={"ml_code": ml_a.code})
    response = client.get(url, {"periode": "trimestre", "annee": "2025", "numero": "1", "export": "csv"})
    assert response.status_code == 200
    [event] = security_events(log_lines(), "export")
    assert (event["path"], event["format"], event["export"]) == (url, "csv", "csv")
    assert (event["user_id"], event["ml"]) == (director.pk, ml_a.code)


def test_client_address_behind_a_trusted_proxy(rf, settings):
    """Derrière le répartiteur, chaque visiteur a sa propre adresse (limites de débit des pages publiques) ; un
    client ne peut pas s'en inventer une, et sans mandataire déclaré rien ne change (revue)."""
    from parcours.logs import client_ip

    forwarded = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    assert client_ip(rf.get("/", **forwarded)) == "10.0.0.2"
    settings.TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    assert client_ip(rf.get("/", **forwarded)) == "203.0.113.7"  # « 1.2.3.4 » : écrit par le client lui-même
    assert (
        client_ip(rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.7"))
        == "198.51.100.9"
    )
