"""Ce qu'ont en commun les parcours dans Chromium : se connecter par le formulaire, garder une capture."""

from pathlib import Path

from tests.factories import PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def login(browser, live_server, user, width=1280, height=900):
    """Une page neuve (son propre contexte), connectée par le formulaire ; chaque rôle arrive sur sa page."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)
    return page


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
