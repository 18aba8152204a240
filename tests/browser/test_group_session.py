"""Une séance collective dans Chromium : l'accueil y inscrit deux jeunes d'un coup (choix qui cherche, au clavier
et à la souris), le conseiller la voit dans son agenda, fait l'appel des deux sur un seul écran, et la séance
apparaît au fil du dossier de chaque participant."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from parcours.accompaniment.enums import AttendanceStatus, ContactKind
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.agenda import group_services
from parcours.referential.models import Site
from tests.browser.walk import login
from tests.factories import UserFactory, YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _blocking_violations(page):
    """Violations critiques ou graves relevées par axe-core sur la page affichée."""
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"critical", "serious"}
    ]


def test_reception_registers_two_and_the_counsellor_takes_attendance(live_server, browser, counsellor):
    ml = counsellor.mission_locale
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION, username="accueil.a")
    site = Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")
    elise = YoungPersonFactory(mission_locale=ml, last_name="Ngoma", first_name="Élise", referent=counsellor)
    moussa = YoungPersonFactory(
        mission_locale=ml, last_name="Diallo", first_name="Moussa", referent=counsellor
    )
    session = group_services.create_session(
        mission_locale=ml,
        counsellor=counsellor,
        kind=ContactKind.GROUP,
        title="Découvrir l'alternance",
        date=timezone.localdate(),
        time=datetime.time(9, 0),
        duration=120,
        site=site,
        themes=["formation"],
        capacity=12,
    )

    # L'accueil inscrit deux jeunes d'un coup : le premier au clavier, le second à la souris.
    page = login(browser, live_server, reception)
    page.get_by_role("link", name="Séances collectives").first.click()
    page.get_by_role("link", name="Découvrir l'alternance").first.click()
    page.get_by_role("link", name="Inscrire des jeunes").click()
    picker = page.get_by_role("combobox", name="Jeunes à inscrire")
    picker.press_sequentially("ngo")
    expect(page.get_by_role("option")).to_have_count(1)
    picker.press("ArrowDown")
    picker.press("Enter")
    expect(page.get_by_role("checkbox", name="NGOMA Élise", exact=False)).to_be_checked()
    expect(picker).to_have_value("")
    picker.press_sequentially("dia")
    page.get_by_role("option", name="DIALLO Moussa", exact=False).click()
    expect(page.get_by_role("checkbox", name="DIALLO Moussa", exact=False)).to_be_checked()
    assert _blocking_violations(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seance-inscription.png"), full_page=True)
    page.get_by_role("button", name="Inscrire").click()
    page.wait_for_url(f"{live_server.url}/agenda/seances/{session.pk}/")
    page.get_by_text("2 jeunes inscrits à la séance.").wait_for()
    participants = page.get_by_role("list", name="Participants")
    assert "NGOMA Élise" in participants.inner_text() and "DIALLO Moussa" in participants.inner_text()
    assert (
        page.get_by_role("link", name="Faire l'appel").count() == 0
    )  # l'accueil inscrit, ne fait pas l'appel

    # Le conseiller voit la séance dans sa journée et fait l'appel des deux en un seul envoi, sur un téléphone.
    page = login(browser, live_server, counsellor, width=375)
    page.goto(f"{live_server.url}/agenda/")
    sessions = page.get_by_role("list", name=f"Séances collectives du {timezone.localdate():%d/%m/%Y}")
    assert "2 inscrits sur 12 places" in sessions.inner_text()
    sessions.get_by_role("link", name="Découvrir l'alternance").click()
    page.get_by_role("link", name="Faire l'appel").click()
    page.locator("label.fr-label", has_text="Présent : NGOMA Élise").click()
    page.locator("label.fr-label", has_text="Absent : DIALLO Moussa").click()
    expect(page.get_by_label("Présent : NGOMA Élise")).to_be_checked()
    assert _blocking_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "seance-appel-telephone.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer l'appel").click()
    page.get_by_text("Appel enregistré : 2 participants mis à jour.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "seance-apres-appel.png"), full_page=True)

    # Au fil du dossier : le contact tenu de la séance, un seul fait.
    page.get_by_role("link", name="NGOMA Élise").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{elise.pk}/")
    entry = page.locator(".parcours-timeline .parcours-entry--contact").first.inner_text()
    assert "Information collective" in entry and "présent" in entry.lower()
    assert Contact.objects.get(young_person=elise).status == AttendanceStatus.PRESENT
    assert Contact.objects.get(young_person=moussa).status == AttendanceStatus.ABSENT
