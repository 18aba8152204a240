"""L'agenda dans Chromium : l'accueil prend un rendez-vous pour un conseiller, le conseiller le voit dans sa
journée, le note tenu depuis la liste (htmx), et le contact tenu apparaît au fil du parcours du jeune."""

from pathlib import Path

import pytest
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.referential.models import Site
from tests.browser.walk import login
from tests.factories import UserFactory, YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reception_books_and_the_counsellor_holds_the_appointment(live_server, browser, counsellor):
    ml = counsellor.mission_locale
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION, username="accueil.a")
    site = Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")
    young_person = YoungPersonFactory(
        mission_locale=ml, last_name="Ngoma", first_name="Élise", referent=counsellor
    )

    # L'accueil ouvre l'agenda du site et prend le rendez-vous pour le conseiller.
    page = login(browser, live_server, reception)
    page.get_by_role("link", name="Agenda des sites").first.click()
    page.get_by_role("link", name="Antenne de Fives (Antenne)").click()
    page.wait_for_url(f"{live_server.url}/agenda/site/{site.pk}/")
    page.get_by_role("link", name=f"Rendez-vous avec {counsellor}").click()
    page.get_by_label("Jeune (nom, prénom)").fill("elise ngo")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="NGOMA Élise").click()
    page.get_by_label("Heure de début").fill("10:00")
    page.get_by_label("Durée (minutes)").fill("45")
    page.locator("label[for=id_themes_0]").click()  # « Emploi »
    page.get_by_role("button", name="Prendre le rendez-vous").click()
    page.wait_for_url(f"{live_server.url}/agenda/site/{site.pk}/?jour=*")
    expected = page.get_by_role("list", name="Jeunes attendus au site")
    assert "NGOMA Élise" in expected.inner_text() and "10:00–10:45" in expected.inner_text()
    page.get_by_role("button", name="Arrivé : NGOMA Élise").click()
    page.get_by_text("Arrivée notée.").wait_for()

    # Le conseiller le voit dans sa journée et le note tenu depuis la liste.
    page = login(browser, live_server, counsellor)
    page.get_by_role("link", name="Mon agenda").first.click()
    page.wait_for_url(f"{live_server.url}/agenda/")
    day = page.get_by_role("list", name=f"Rendez-vous du {timezone.localdate():%d/%m/%Y}")
    assert "NGOMA Élise" in day.inner_text() and "arrivé à" in day.inner_text().lower()
    page.get_by_role("button", name="Tenu : NGOMA Élise").click()
    page.get_by_text("Rendez-vous tenu : il compte comme contact.").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agenda-conseiller.png"), full_page=True)

    # Le contact tenu est au fil du parcours : la même ligne, rien de ressaisi.
    day.get_by_role("link", name="NGOMA Élise").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/")
    entry = page.locator(".parcours-timeline .parcours-entry--contact").first.inner_text()
    assert "présent" in entry.lower() and "Rendez-vous à 10:00 (45 min) · Antenne de Fives" in entry
    page.screenshot(path=str(ARTIFACTS / "agenda-fil-du-parcours.png"), full_page=True)
    contact = Contact.objects.get(young_person=young_person)
    assert (contact.status, contact.counsellor, contact.site) == (AttendanceStatus.PRESENT, counsellor, site)
    assert contact.arrived_at is not None


def test_my_agenda_on_a_phone(live_server, browser, counsellor):
    page = login(browser, live_server, counsellor, width=375)
    page.goto(f"{live_server.url}/agenda/semaine/")
    assert page.get_by_role("link", name="Semaine suivante").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agenda-telephone.png"), full_page=True)
