"""Dans Chromium : positionner un jeune sur une offre en tapant trois lettres de son nom (issue 11, point 6).
Parmi des centaines de jeunes, la saisie propose les seuls qui correspondent, avec date de naissance et numéro de
dossier ; on choisit au clavier (flèches, Entrée) ou à la souris."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from parcours.employers.models import Referral
from tests.employers.factories import JobOfferFactory
from tests.factories import YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_picks_a_young_person_by_typing_three_letters(live_server, browser, counsellor):
    ml = counsellor.mission_locale
    today = datetime.date.today()
    offer = JobOfferFactory(mission_locale=ml, counsellor=counsellor, received_on=today, published_on=today)
    for index in range(120):  # un portefeuille où une liste déroulante ne se lit plus
        YoungPersonFactory(
            mission_locale=ml, referent=counsellor, last_name=f"Durand{index:03d}", first_name="Paul"
        )
    twin = YoungPersonFactory(
        mission_locale=ml, referent=counsellor, last_name="Lemaire", first_name="Inès",
        birth_date=datetime.date(2004, 7, 1),
    )  # fmt: skip
    chosen = YoungPersonFactory(
        mission_locale=ml, referent=counsellor, last_name="Lemaire", first_name="Inès",
        birth_date=datetime.date(2006, 2, 9),
    )  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/entreprises/offres/{offer.pk}/positionner/")

    picker = page.get_by_role("combobox", name="Jeune à positionner")
    picker.press_sequentially("lem")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)  # les homonymes, distingués par la date de naissance et le dossier
    expect(options.nth(0)).to_contain_text(f"né·e le 01/07/2004 · dossier n° {twin.pk}")
    expect(options.nth(1)).to_contain_text(f"né·e le 09/02/2006 · dossier n° {chosen.pk}")
    page.screenshot(path=str(ARTIFACTS / "choix-du-jeune-propositions.png"), full_page=True)
    # axe-core, la liste ouverte : aucune violation critique ou grave (combobox, listbox, options).
    blocking = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"critical", "serious"}
    ]
    assert blocking == []
    picker.press("ArrowDown")
    picker.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(picker).to_have_attribute("aria-activedescendant", f"id_young_person-propositions-{chosen.pk}")
    picker.press("Enter")
    expect(picker).to_have_value(f"LEMAIRE Inès (né·e le 09/02/2006, dossier n° {chosen.pk})")
    expect(page.locator("input[type=hidden][name=young_person]")).to_have_value(str(chosen.pk))
    expect(picker).to_have_attribute("aria-expanded", "false")

    # Retaper efface le choix ; Échap ferme la liste ; un clic choisit aussi.
    picker.fill("")
    picker.press_sequentially("lem")
    expect(options).to_have_count(2)
    expect(page.locator("input[type=hidden][name=young_person]")).to_have_value("")
    picker.press("Escape")
    expect(options.first).to_be_hidden()
    picker.press_sequentially("a")
    expect(options).to_have_count(2)
    options.nth(1).click()
    expect(page.locator("input[type=hidden][name=young_person]")).to_have_value(str(chosen.pk))
    page.get_by_role("button", name="Positionner").click()
    page.wait_for_url(f"{live_server.url}/entreprises/offres/{offer.pk}/")
    assert Referral.objects.get().young_person == chosen
