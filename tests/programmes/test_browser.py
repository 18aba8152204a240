"""Dans Chromium : un conseiller fait entrer un jeune dans le CEJ et voit l'alerte que cela déclenche."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from parcours.programmes.models import Enrolment
from tests.factories import YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrol_in_cej_raises_a_worklist_alert(live_server, browser, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Ngoma", first_name="Élise", referent=counsellor
    )
    entry = timezone.localdate() - datetime.timedelta(days=10)  # phase 1 du CEJ : un entretien par semaine
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/dispositifs/jeune/{young_person.pk}/")
    page.get_by_role("link", name="Entrée dans un dispositif").click()
    page.get_by_label("Dispositif", exact=True).select_option(label="Contrat d'engagement jeune (CEJ)")
    page.get_by_label("Date d'entrée").fill(entry.isoformat())
    page.get_by_role("button", name="Valider l'entrée").click()
    page.wait_for_url(f"{live_server.url}/dispositifs/jeune/{young_person.pk}/")

    alerts = page.locator("#alertes-jeune")
    assert "Entretien exigé par le dispositif manqué" in alerts.text_content()
    assert "Diagnostic et plan d'action : un entretien par semaine" in alerts.text_content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dispositif-entree-cej.png"), full_page=True)

    page.get_by_role("link", name="À faire").first.click()
    page.wait_for_url(f"{live_server.url}/dispositifs/a-faire/")
    row = page.locator("#liste-a-faire tbody tr", has_text="NGOMA Élise")
    assert "Entretien exigé par le dispositif manqué" in row.text_content()
    page.screenshot(path=str(ARTIFACTS / "a-faire-conseiller.png"), full_page=True)

    enrolment = Enrolment.objects.get(young_person=young_person)
    assert (enrolment.programme.code, enrolment.entry_date, enrolment.counsellor) == (
        "cej",
        entry,
        counsellor,
    )


def test_refusal_reason_shown_in_browser(live_server, browser, counsellor):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/dispositifs/jeune/{young_person.pk}/entree/")
    programmes = page.get_by_label("Dispositif", exact=True)
    offered = programmes.locator("option").all_inner_texts()
    assert "PACEA" in offered and "CIVIS" not in offered  # un dispositif fermé n'est plus proposé (issue 11)
    page.get_by_label("Date d'entrée").fill("2024-01-01")
    programmes.select_option(label="PACEA")
    page.get_by_role("button", name="Valider l'entrée").click()
    assert "La date d'entrée précède le premier accueil du jeune (02/09/2024)." in page.content()
    assert not Enrolment.objects.exists()
    page.screenshot(path=str(ARTIFACTS / "dispositif-refus-telephone.png"), full_page=True)
