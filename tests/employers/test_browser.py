"""Dans Chromium : un référent entreprise publie une offre, un conseiller y positionne un jeune,
un jeune la trouve sur la page publique depuis son téléphone."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from parcours.accounts.enums import Role
from parcours.employers.models import JobOffer, Referral
from tests.employers.factories import EmployerRelationFactory, PartnerFactory
from tests.factories import UserFactory, YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "mot-de-passe-de-test"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, live_server, username, viewport=None):
    page = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)  # chaque rôle arrive sur sa page
    return page


def test_referent_publishes_counsellor_puts_forward_public_page_shows(live_server, browser, ml, counsellor):
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT, username="referent.a")
    counsellor.last_name = "Vandewalle"  # un nom qui ne figure dans aucun libellé de la page publique
    counsellor.save()
    partner = PartnerFactory(name="Boulangerie Lemaire")
    EmployerRelationFactory(mission_locale=ml, partner=partner)
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngoma", first_name="Élise")
    ARTIFACTS.mkdir(exist_ok=True)

    page = _login(browser, live_server, referent.username)
    page.get_by_role("link", name="Entreprises").first.click()
    page.get_by_role("link", name="Nouvelle offre").first.click()
    page.get_by_label("Employeur", exact=True).select_option(str(partner.pk))
    page.get_by_label("Intitulé du poste").fill("Apprenti boulanger")
    page.get_by_label("Code ROME").fill("D1102")
    page.get_by_label("Type de contrat").select_option("apprentissage")
    page.get_by_label("Durée (mois)").fill("24")
    page.get_by_label("Missions et profil recherché").fill(
        "Fabrication du pain et des viennoiseries, CAP préparé en CFA."
    )
    page.get_by_label("Commune du poste").fill("Roubaix")
    page.get_by_label("Conseiller garant de l'offre").select_option(str(counsellor.pk))
    page.locator("label[for=id_published]").click()
    page.get_by_role("button", name="Enregistrer").click()
    offer = JobOffer.objects.get(title="Apprenti boulanger")
    page.wait_for_url(f"{live_server.url}/entreprises/offres/{offer.pk}/")
    assert "en ligne sur la page publique" in page.inner_text("main").lower()
    page.screenshot(path=str(ARTIFACTS / "referent-entreprise-offre.png"), full_page=True)
    assert offer.published and offer.mission_locale == ml and offer.created_by == referent

    page = _login(browser, live_server, counsellor.username)
    page.goto(f"{live_server.url}/entreprises/offres/{offer.pk}/")
    page.get_by_role("link", name="Positionner un jeune").click()
    YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngomo", birth_date=date(2004, 5, 2))
    picker = page.get_by_role("combobox", name="Jeune à positionner")
    picker.press_sequentially("ngo")  # trois lettres, au clavier : les deux jeunes « Ngo… » sont proposés
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("NGOMA Élise")
    expect(options.first).to_contain_text("né·e le 14/03/2005")
    expect(options.first).to_contain_text(f"dossier n° {young.pk}")
    expect(picker).to_have_attribute("aria-expanded", "true")
    picker.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    picker.press("Enter")  # choisit, n'envoie pas le formulaire
    expect(picker).to_have_value(f"NGOMA Élise (né·e le 14/03/2005, dossier n° {young.pk})")
    expect(page.locator("input[type=hidden][name=young_person]")).to_have_value(str(young.pk))
    expect(options.first).to_be_hidden()
    page.get_by_label("Commentaire").fill("Très motivée, disponible en septembre.")
    page.get_by_role("button", name="Positionner").click()
    page.wait_for_url(f"{live_server.url}/entreprises/offres/{offer.pk}/")
    assert "NGOMA Élise" in page.locator("table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "conseiller-mise-en-relation.png"), full_page=True)
    referral = Referral.objects.get()
    assert (referral.young_person, referral.counsellor, referral.status) == (young, counsellor, "propose")

    phone = browser.new_context(viewport={"width": 375, "height": 740}).new_page()
    phone.goto(f"{live_server.url}/offres/?q=boulanger")
    cards = phone.locator(".fr-card")
    assert cards.count() == 1 and "Apprenti boulanger" in cards.first.inner_text()
    body = phone.inner_text("body")
    assert "Ngoma" not in body and counsellor.last_name not in body and "Boulangerie Lemaire" not in body
    phone.screenshot(path=str(ARTIFACTS / "offres-publiques-telephone.png"), full_page=True)
    cards.first.get_by_role("link").click()
    phone.wait_for_url(f"{live_server.url}/offres/{offer.pk}/")
    assert ml.name in phone.inner_text("main")
