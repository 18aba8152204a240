"""axe-core dans Chromium (issue 11) : aucune violation critique ou grave sur les 15 pages principales, pour les
rôles qui y travaillent (conseiller, direction, référent entreprise, public), et sur un téléphone pour la
direction (tableaux qui défilent)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from parcours.accounts.enums import Role
from tests.browser.walk import login
from tests.employers.factories import JobOfferFactory
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory
from tests.warehouse import dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"critical", "serious"}
QUERY = "?periode=trimestre&annee=2025&numero=1"


def violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)  # script injecté par le protocole du navigateur : la CSP reste en place
    return [
        {
            "page": url,
            "regle": v["id"],
            "impact": v["impact"],
            "cibles": [n["target"] for n in v["nodes"]][:3],
        }
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_main_pages_have_no_critical_or_serious_violation(live_server, browser, settings, tmp_path):
    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    ml_a, _, _ = dataset.build_warehouse()
    counsellor = UserFactory(mission_locale=ml_a, role=Role.COUNSELLOR, username="conseiller.axe")
    director = UserFactory(mission_locale=ml_a, role=Role.DIRECTOR, username="directeur.axe")
    employer_referent = UserFactory(
        mission_locale=ml_a, role=Role.EMPLOYER_REFERENT, username="entreprise.axe"
    )
    file = YoungPersonFactory(mission_locale=ml_a, referent=counsellor, last_name="Ngoma")
    ContactFactory(young_person=file, counsellor=counsellor)
    offer = JobOfferFactory(mission_locale=ml_a, published_on=timezone.localdate())
    base = live_server.url
    pages = {
        None: ["/connexion/", "/offres/", f"/offres/{offer.pk}/", "/accessibilite/"],
        counsellor: [
            "/",
            "/jeunes/mes-jeunes/",
            "/jeunes/?q=ngoma",
            f"/jeunes/{file.pk}/",
            f"/jeunes/{file.pk}/contacts/nouveau/",
            "/jeunes/nouveau/",
            "/dispositifs/a-faire/",
            "/agenda/",
            "/agenda/semaine/",
            "/agenda/seances/",
            f"/jeunes/{file.pk}/documents/",
            f"/rappels/jeune/{file.pk}/",
        ],
        director: [
            f"/tableau-de-bord/ml/{ml_a.code}/{QUERY}",
            "/tableau-de-bord/definitions/",
            "/jeunes/doublons/",
            "/rappels/reglages/",
            "/compte/",
        ],
        employer_referent: [
            "/entreprises/",
            "/entreprises/offres/",
            "/entreprises/partenaires/",
            "/entreprises/demandes/",
            "/entreprises/evenements/nouveau/",
        ],
    }
    found, seen = [], 0
    for user, paths in pages.items():
        page = login(browser, live_server, user) if user else browser.new_page()
        for path in paths:
            found += violations(page, f"{base}{path}")
            seen += 1
        page.close()
    # Sur un téléphone, les tableaux défilent : leur conteneur doit se prendre au clavier.
    phone = login(browser, live_server, director, width=375, height=740)
    for path in ["/", f"/jeunes/{file.pk}/", "/tableau-de-bord/definitions/"]:
        found += violations(phone, f"{base}{path}")
        seen += 1
    phone.close()
    assert seen >= 15
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_a_refused_form_moves_focus_to_its_error_summary(live_server, browser, ml):
    employer_referent = UserFactory(
        mission_locale=ml, role=Role.EMPLOYER_REFERENT, username="entreprise.focus"
    )
    page = login(browser, live_server, employer_referent)
    page.goto(f"{live_server.url}/entreprises/offres/nouvelle/")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("[data-error-summary]")
    assert "erreur" in summary.get_by_role("heading").inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    first = summary.get_by_role("link").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("location.hash") == target  # chaque erreur mène à son champ
