"""La Content-Security-Policy dans Chromium (issue 13) : les pages principales se chargent, leurs scripts
tournent (menu, recherche en direct) et le navigateur ne signale aucune violation."""

import pytest

from tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/jeunes/mes-jeunes/",
    "/jeunes/",
    "/dispositifs/a-faire/",
    "/tableau-de-bord/definitions/",
    "/entreprises/",
    "/compte/mot-de-passe/",
]


def _watch(page):
    """Violations de la politique (messages « Content Security Policy » de Chromium) et erreurs de script."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_main_pages_raise_no_csp_violation(live_server, browser, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Ngoma", first_name="Élise", referent=counsellor
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = _watch(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.goto(f"{live_server.url}/mot-de-passe-oublie/")
    page.goto(f"{live_server.url}/connexion/")
    assert "Content-Security-Policy" in {
        k.title(): v for k, v in page.context.request.get(page.url).headers.items()
    }
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    for path in [*PAGES, f"/jeunes/{young_person.pk}/", f"/jeunes/{young_person.pk}/contacts/nouveau/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/jeunes/")
    page.locator("#id_q").press_sequentially("ngoma")  # htmx : résultats sans recharger la page
    page.get_by_role("link", name="NGOMA Élise").wait_for()
    assert not problems, problems


def test_menu_button_still_works_on_a_phone(live_server, browser, counsellor):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    problems = _watch(page)
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    page.locator("#button-menu").click()
    assert page.get_by_role("link", name="Mes jeunes").first.is_visible()
    assert not problems, problems
