"""L'import de co-traitance n'est pas un oracle : il ne dit pas ligne à ligne à qui dépose le fichier qu'un jeune
est suivi par une autre mission locale (un compte seulement), il est réservé à la direction, et chaque
recherche qui trouve le jeune ailleurs est journalisée (identifiants, aucun nom)."""

import datetime
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.jobs import tasks
from parcours.jobs.models import ImportJob
from tests.cotraitance.test_import import csv_bytes, line, run
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import ReferralFactory


@pytest.fixture
def upload():
    return lambda *lines: SimpleUploadedFile("orientations.csv", csv_bytes(*lines))


@pytest.fixture
def followed_elsewhere(other_ml):
    young = YoungPersonFactory(
        mission_locale=other_ml, last_name="Martin", first_name="Léa", birth_date=datetime.date(2005, 3, 14)
    )
    ContactFactory(young_person=young, date=datetime.date(2025, 1, 6))
    return young


def security_events(caplog, event):
    return [r for r in caplog.records if r.name == "parcours.securite" and getattr(r, "event", "") == event]


def test_refusals_about_other_mls_are_counted_not_listed(ml, followed_elsewhere):
    co_treated = YoungPersonFactory(
        mission_locale=ml, last_name="Petit", first_name="Jean", birth_date=datetime.date(2004, 5, 5)
    )
    ReferralFactory(pe_id="OLD1", young_person=co_treated, assignment_date=datetime.date(2025, 1, 2))
    report = run(
        csv_bytes(
            line(ml=ml.code),
            line(pe_id="PE002", ml=ml.code, last="Petit", first="Jean", birth="05/05/2004"),
        )
    )
    assert report.ok and report.refused == 2 and report.refused_elsewhere == 1
    assert report.refusals == [(3, "PE002", "Déjà suivi en co-traitance (orientation OLD1).")]
    assert "dont 2 refusée(s) (1 pour un accompagnement dans une autre mission locale)" in report.summary()


def test_every_look_up_found_elsewhere_is_logged_with_ids_only(ml, director, followed_elsewhere, caplog):
    caplog.set_level(logging.INFO, logger="parcours.securite")
    run(csv_bytes(line(ml=ml.code), line(pe_id="PE002", ml=ml.code, last="Nouveau")), user=director)
    [event] = security_events(caplog, "recherche_hors_ml")
    assert (event.by_user_id, event.line, event.found_young_person_ids, event.refused) == (
        director.pk,
        2,
        [followed_elsewhere.pk],
        True,
    )
    assert event.found_mission_locale_ids == [followed_elsewhere.mission_locale_id]
    text = " ".join(str(v) for v in vars(event).values())
    assert "Martin" not in text and "Léa" not in text and "2005" not in text
    [summary] = security_events(caplog, "import")
    assert (summary.found_elsewhere, summary.refused_elsewhere) == (1, 1)


def test_web_report_does_not_echo_refusals_about_other_mls(client, director, ml, followed_elsewhere, upload):
    client.force_login(director)
    client.post(reverse("cotraitance:import"), {"file": upload(line(ml=ml.code))})
    job = ImportJob.objects.get()
    tasks.process_referral_import.call(job.pk)
    page = client.get(reverse("cotraitance:import_status", kwargs={"import_pk": job.pk}))
    body = page.content.decode()
    assert "1 pour un accompagnement dans une autre mission locale" in body
    assert "PE001" not in body and "Ligne 2" not in body
    job.refresh_from_db()
    assert job.report["refusals"] == [] and job.report["refused_elsewhere"] == 1


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.COUNSELLOR, Role.EMPLOYER_REFERENT])
def test_import_is_for_the_direction_only(client, ml, upload, role):
    client.force_login(UserFactory(mission_locale=ml, role=role))
    assert client.get(reverse("cotraitance:import")).status_code == 403
    response = client.post(reverse("cotraitance:import"), {"file": upload(line(ml=ml.code))})
    assert response.status_code == 403 and not ImportJob.objects.exists()
    overview = client.get(reverse("cotraitance:overview")).content.decode()
    assert reverse("cotraitance:import") not in overview
