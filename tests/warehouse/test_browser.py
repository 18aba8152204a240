"""Le tableau de bord dans Chromium : nation, région, mission locale, exports et vue imprimable."""

from pathlib import Path

import pytest

from parcours.accounts.access import must_use_two_factor
from parcours.accounts.enums import Role
from tests.accounts.two_factor import confirmed_device, current_code
from tests.factories import UserFactory
from tests.warehouse import dataset

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUERY = "?periode=trimestre&annee=2025&numero=1"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(browser, live_server, user):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(user.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    device = confirmed_device(user) if must_use_two_factor(user) else None
    page.get_by_role("button", name="Se connecter").click()
    if device:  # national, régional : code de l'application d'authentification (issue 13)
        page.wait_for_url(f"{live_server.url}/connexion/verification/**")
        page.get_by_label("Code à 6 chiffres").fill(current_code(device))
        page.get_by_role("button", name="Valider").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def export_csv(page):
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert content.startswith("code;rubrique;indicateur") and "\njdi;" in content
    return content


def test_drill_down_from_nation_to_ml_with_exports(live_server, browser):
    ml_a, _, _ = dataset.build_warehouse()
    national = UserFactory(role=Role.NATIONAL, mission_locale=None, username="national.web")
    page = login(browser, live_server, national)
    ARTIFACTS.mkdir(exist_ok=True)

    page.get_by_role("link", name="Tableau de bord").first.click()
    page.wait_for_url(f"{live_server.url}/tableau-de-bord/national/")
    page.goto(f"{live_server.url}/tableau-de-bord/national/{QUERY}")
    assert page.get_by_role("heading", level=1).inner_text() == "Tableau de bord — France entière"
    assert "Données extraites le" in page.locator("#extraction").inner_text()
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord-national.png"), full_page=True)
    national_lines = [line.split(";") for line in export_csv(page).splitlines()]
    assert next(line for line in national_lines if line[0] == "accueillis")[5] == "< 5"  # 3 : secret

    page.locator("#descente").get_by_role("link", name="Hauts-de-France").click()
    page.wait_for_url("**/tableau-de-bord/region/32/**")
    assert "Hauts-de-France" in page.get_by_role("heading", level=1).inner_text()
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord-region.png"), full_page=True)
    assert "national" in export_csv(page).splitlines()[0]  # en-tête régional : la colonne nationale

    page.locator("#descente").get_by_role("link", name="Mission locale A").click()
    page.wait_for_url("**/tableau-de-bord/ml/TA001/**")
    row = page.locator('tr[data-indicateur="jdi"]')
    assert "< 5" in row.inner_text()  # secret statistique pour le national
    assert page.locator("#graphique-position title").text_content().startswith("Jeunes accueillis")
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord-ml.png"), full_page=True)

    assert "region;national;quartile" in export_csv(page).splitlines()[0]
    with page.expect_download() as xlsx_download:
        page.locator("#export-xlsx").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    assert Path(xlsx_download.value.path()).read_bytes()[:2] == b"PK"

    page.emulate_media(media="print")
    assert not page.locator("header.fr-header").is_visible()
    assert page.locator('tr[data-indicateur="accueillis"]').is_visible()
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord-impression.png"), full_page=True)

    page.emulate_media(media="screen")
    page.get_by_role("link", name="Jeunes en demande d'insertion (JDI) en fin de période").click()
    page.wait_for_url("**/tableau-de-bord/definitions/#jdi")
    assert "cinq mois" in page.locator("#jdi + dd").inner_text()


def test_ml_director_sees_own_figures(live_server, browser):
    ml_a, _, _ = dataset.build_warehouse()
    director = UserFactory(role=Role.DIRECTOR, mission_locale=ml_a, username="directeur.web")
    page = login(browser, live_server, director)
    page.goto(f"{live_server.url}/tableau-de-bord/{QUERY}")
    page.wait_for_url("**/tableau-de-bord/ml/TA001/**")
    cells = page.locator('tr[data-indicateur="jdi"] td').all_inner_texts()
    assert cells[:2] == ["2", "3"] and "+50" in cells[2]
    page.screenshot(path=str(ARTIFACTS / "tableau-de-bord-ml-directeur.png"), full_page=True)
