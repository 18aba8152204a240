"""Issue 11, points 7 et 8, dans Chromium : une nouvelle situation clôt la situation incompatible après
confirmation ; la direction arrive aux doublons probables depuis son accueil, en écarte un et en fusionne un."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from parcours.accompaniment.enums import SituationCategory
from parcours.accounts.enums import Role
from parcours.young_people.models import DuplicateDismissal
from tests.browser.walk import login
from tests.factories import SituationFactory, UserFactory, YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
D = datetime.date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def blocking_violations(page):
    """Violations axe-core critiques ou graves de la page affichée."""
    return [
        (v["id"], v["impact"])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def test_a_new_job_closes_the_job_seeker_situation_after_confirmation(live_server, browser, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Ngoma", first_name="Élise", referent=counsellor
    )
    job_seeker = SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
    page = login(browser, live_server, counsellor)
    page.get_by_label("Rechercher un jeune").fill("elise ngo")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="NGOMA Élise").click()
    page.get_by_role("link", name="Situation", exact=True).click()
    page.get_by_label("Catégorie").select_option("emploi")
    page.get_by_label("Type").select_option("cdd")
    page.get_by_label("État").select_option("en_cours")
    page.get_by_label("Date de début").fill("2026-03-02")
    page.get_by_label("Employeur ou organisme").fill("Boulangerie Dupain")
    page.get_by_role("button", name="Enregistrer").click()

    closing = page.locator("label[for=id_confirm_closing]")  # le libellé DSFR recouvre la case
    assert "Clore la situation « Demandeur d'emploi » au 01/03/2026" in closing.inner_text()
    assert "Optionnel" not in closing.inner_text()
    assert blocking_violations(page) == []
    assert page.get_by_label("Employeur ou organisme").input_value() == "Boulangerie Dupain"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "situation-a-clore.png"), full_page=True)
    closing.click()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/")
    assert "Situation close : « Demandeur d'emploi » au 01/03/2026." in page.content()
    job_seeker.refresh_from_db()
    assert job_seeker.end_date == D(2026, 3, 1)
    assert young_person.situations.current(D(2026, 3, 10)).get().category == SituationCategory.EMPLOYMENT


def test_director_reviews_probable_duplicates_from_home(live_server, browser, ml):
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR, username="directeur.doublons")
    older = YoungPersonFactory(
        mission_locale=ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12)
    )
    newer = YoungPersonFactory(
        mission_locale=ml, last_name="Durand", first_name="Lea", birth_date=D(2006, 4, 13)
    )
    other = YoungPersonFactory(
        mission_locale=ml, last_name="Petit", first_name="Jo", birth_date=D(2005, 2, 2)
    )
    twin = YoungPersonFactory(mission_locale=ml, last_name="Jo", first_name="Petit", birth_date=D(2005, 2, 2))
    page = login(browser, live_server, director)
    page.get_by_role("link", name="Doublons probables").click()
    assert page.locator("h1").inner_text().startswith("Doublons probables (2)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "doublons-probables.png"), full_page=True)
    assert blocking_violations(page) == []

    page.get_by_role("button", name="Pas un doublon : PETIT Jo et JO Petit").click()
    assert "ne sont plus proposés comme doublons" in page.content()
    assert DuplicateDismissal.objects.filter(first=other, second=twin).exists()

    page.get_by_role("link", name=f"Fusionner {newer} dans {older}").click()
    assert page.get_by_label(str(older), exact=False).is_checked()
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Fusionner dans le dossier choisi").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{older.pk}/")
    newer.refresh_from_db()
    assert newer.merged_into == older


def test_counsellor_opens_the_files_a_quality_check_counts(
    live_server, browser, counsellor, settings, tmp_path
):
    from parcours.warehouse import extract

    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    left_open = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Ouvert", first_name="Sam", referent=counsellor
    )
    SituationFactory(young_person=left_open, start_date=D(2025, 1, 1))
    SituationFactory(
        young_person=left_open,
        category=SituationCategory.TRAINING,
        kind="qualifiante",
        start_date=D(2025, 9, 1),
    )
    extract.run(complete=True, write_parquet=False)
    page = login(browser, live_server, counsellor)
    page.goto(f"{live_server.url}/tableau-de-bord/qualite/ml/{counsellor.mission_locale.code}/")
    page.get_by_role("link", name="Voir les dossiers à corriger : Situations sans fin").click()
    assert page.locator("h1").inner_text().startswith("À corriger : Situations sans fin (1)")
    assert blocking_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dossiers-a-corriger.png"), full_page=True)
    page.get_by_role("link", name="OUVERT Sam").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{left_open.pk}/")
