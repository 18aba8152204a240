"""Chaque rôle fait sa journée depuis sa page d'accueil, sans taper d'adresse (issue 11) ; une capture par
étape dans test-artifacts/."""

import pytest
from playwright.sync_api import expect

from parcours.accounts.enums import Role
from parcours.employers.enums import RequestStatus
from parcours.employers.models import CallbackRequest
from parcours.referential.models import Site
from tests.browser.walk import login, shot
from tests.employers.factories import JobOfferFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_young_person_asks_to_be_called_back_and_the_employer_referent_handles_it(live_server, browser, ml):
    from django.utils import timezone

    Site.objects.create(mission_locale=ml, name="Antenne de Roubaix", kind="antenne", commune="Roubaix",
                        postcode="59100", address="12 rue de la Gare", phone="03 20 11 22 33",
                        opening_hours="Lundi au jeudi, 9 h – 12 h")  # fmt: skip
    offer = JobOfferFactory(mission_locale=ml, title="Apprenti boulanger", commune="Roubaix", postcode="59100",
                            description="Fabrication du pain.", published_on=timezone.localdate())  # fmt: skip
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)

    # Le jeune, sur son téléphone : il cherche avec ses mots, ouvre l'offre, demande à être rappelé.
    phone = browser.new_context(viewport={"width": 375, "height": 740}).new_page()
    phone.goto(f"{live_server.url}/offres/")
    phone.get_by_label("Métier ou mots-clés").fill("boulanger")
    phone.get_by_label("Ville, code postal ou département").fill("59")
    phone.get_by_role("button", name="Rechercher").click()
    phone.get_by_role("link", name="Apprenti boulanger").click()
    expect(phone.locator("main")).to_contain_text("Lundi au jeudi, 9 h – 12 h")
    phone.get_by_label("Prénom").fill("Inès")
    phone.get_by_label("Nom", exact=True).fill("Benali")
    phone.get_by_label("Téléphone").fill("06 12 34 56 78")
    phone.locator("label[for=id_consent]").click()
    phone.get_by_role("button", name="Envoyer ma demande").click()
    expect(phone.get_by_role("status")).to_contain_text("Votre demande est envoyée à la mission locale")
    shot(phone, "jeune-demande-de-rappel-telephone.png")

    # Le référent entreprise arrive sur ses relations, voit la demande et la traite.
    page = login(browser, live_server, referent)
    page.get_by_role("link", name="1 demande de rappel à traiter").click()
    expect(page.locator("table")).to_contain_text("Inès Benali")
    expect(page.locator("table")).to_contain_text("0612345678")
    shot(page, "referent-entreprise-demandes.png")
    page.get_by_role("button", name="Marquer traitée").click()
    expect(page.get_by_role("status")).to_contain_text("marquée traitée")
    assert CallbackRequest.objects.get().status == RequestStatus.HANDLED
    page.get_by_role("link", name="Apprenti boulanger").click()
    page.wait_for_url(f"{live_server.url}/entreprises/offres/{offer.pk}/")
