"""Une journée de conseiller, dans Chromium : connexion, recherche, entretien avec proposition, fil du parcours."""

from pathlib import Path

import pytest

from parcours.accompaniment.models import Contact, Proposal
from tests.factories import YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_records_an_interview_with_a_proposal(live_server, browser, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Ngoma", first_name="Élise", referent=counsellor
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_label("Rechercher un jeune").fill("elise ngo")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="NGOMA Élise").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/")

    page.get_by_role("link", name="Saisir un contact").click()
    page.get_by_label("Type de contact").select_option("entretien_individuel")
    page.locator("label[for=id_themes_0]").click()  # case « Emploi » (le libellé DSFR recouvre la case)
    page.get_by_label("Compte rendu").fill("Travail sur le CV, piste en restauration.")
    page.get_by_text("Ajouter une proposition faite lors de ce contact").click()
    proposal = page.locator("#proposition")
    proposal.get_by_label("Thème").select_option("formation")
    proposal.get_by_label("Type").select_option("formation")
    proposal.get_by_label("Intitulé").fill("Titre professionnel cuisinier")
    page.get_by_role("button", name="Enregistrer le contact").click()

    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/")
    timeline = page.locator(".parcours-timeline")
    assert timeline.locator(".parcours-entry--contact").first.inner_text().count("Entretien individuel") == 1
    assert (
        "Titre professionnel cuisinier" in timeline.locator(".parcours-entry--proposition").first.inner_text()
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "journee-conseiller.png"), full_page=True)

    contact = Contact.objects.get(young_person=young_person)
    assert contact.counsellor == counsellor and contact.themes == ["emploi"]
    assert Proposal.objects.get(young_person=young_person).contact == contact


def test_phone_layout_shows_the_menu_button(live_server, browser, counsellor):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    menu = page.locator("#button-menu")
    assert menu.is_visible()
    menu.click()
    assert page.get_by_role("link", name="Mes jeunes").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "accueil-telephone.png"), full_page=True)
