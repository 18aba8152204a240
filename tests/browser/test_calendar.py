"""« Mon calendrier » dans Chromium : le conseiller crée son lien depuis « Mon agenda », le lien (lu sans session)
donne ses rendez-vous ; la page n'a aucune violation d'accessibilité critique ou grave ; capture d'écran."""

import datetime
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from icalendar import Calendar

from parcours.agenda import services
from tests.factories import YoungPersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_counsellor_subscribes_to_the_private_calendar(live_server, browser, counsellor):
    young_person = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Ngoma", first_name="Élise"
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    services.book(counsellor=counsellor, young_person=young_person, date=tomorrow, time=datetime.time(10, 0))

    page = browser.new_page(viewport={"width": 390, "height": 844})  # téléphone
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(counsellor.username)
    page.get_by_label("Mot de passe").fill("mot-de-passe-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/agenda/")
    page.get_by_role("link", name="Mon calendrier").click()
    page.wait_for_url(f"{live_server.url}/agenda/calendrier/")
    page.get_by_role("button", name="Créer mon lien").click()
    url = page.get_by_label("Lien privé de votre calendrier").input_value()
    assert url.startswith(f"{live_server.url}/agenda/calendrier.ics?jeton=")
    results = Axe().run(page)
    blocking = [v["id"] for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
    assert blocking == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agenda-mon-calendrier.png"), full_page=True)

    with urllib.request.urlopen(url) as response:  # l'outil d'agenda : sans session ni cookie
        calendar = Calendar.from_ical(response.read())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "RDV — Élise N."

    page.goto(f"{live_server.url}/agenda/calendrier/")
    page.get_by_text("Un lien est actif").wait_for()
    page.get_by_role("button", name="Révoquer le lien").click()
    page.get_by_text("Le lien est révoqué").wait_for()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url)
    refused.value.close()
    assert refused.value.code == 404
    page.close()
