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


def test_reception_creates_a_file_with_its_referent_adds_a_cv_and_records_reminder_consent(
    live_server, browser, ml, counsellor, tmp_path
):
    from parcours.documents.models import Document
    from parcours.reminders.models import ReminderConsent
    from parcours.young_people.models import YoungPerson
    from tests.documents.matrix import PDF

    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    page = login(browser, live_server, reception)
    page.locator("#tuiles-accueil").get_by_role("link", name="Nouveau dossier").click()
    page.get_by_label("Nom", exact=True).fill("Benali")
    page.get_by_label("Prénom").fill("Inès")
    page.get_by_label("Date de naissance").fill("2006-05-04")
    page.get_by_label("Sexe").select_option("F")
    page.get_by_label("Téléphone").fill("0612345678")
    page.get_by_label("Niveau de formation").select_option(index=1)
    page.get_by_label("Référent").select_option(str(counsellor.pk))
    page.get_by_role("button", name="Enregistrer").click()
    young_person = YoungPerson.objects.get(last_name="Benali")
    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/")
    assert young_person.referent == counsellor

    # Son CV, depuis l'onglet « Documents » du dossier.
    cv = tmp_path / "CV Inès.pdf"
    cv.write_bytes(PDF)
    page.locator("#volets-dossier").get_by_role("link", name="Documents").click()
    page.get_by_label("Type de document").select_option("cv")
    page.get_by_label("Fichier").set_input_files(str(cv))
    page.get_by_role("button", name="Ajouter le document").click()
    expect(page.get_by_role("status")).to_contain_text("ajouté au dossier")
    expect(page.locator("table")).to_contain_text("CV Inès.pdf")
    shot(page, "accueil-documents-du-dossier.png")
    assert Document.objects.get().young_person == young_person

    # Son accord pour les rappels de rendez-vous par SMS.
    page.locator("#volets-dossier").get_by_role("link", name="Parcours").click()
    page.locator("#rappels").get_by_role("link", name="Modifier").click()
    page.locator("label[for=id_channel_1]").click()  # « Par SMS »
    page.locator("label[for=id_consent]").click()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{young_person.pk}/*")
    expect(page.locator("#rappels")).to_contain_text("Le jeune accepte les rappels par sms")
    shot(page, "accueil-dossier-cree.png")
    consent = ReminderConsent.objects.get(young_person=young_person)
    assert (consent.consent, consent.channel, consent.recorded_by) == (True, "sms", reception)


def test_the_director_gives_a_referent_to_a_file_waiting_in_the_queue(live_server, browser, ml, counsellor):
    from tests.factories import YoungPersonFactory

    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
    orphan = YoungPersonFactory(mission_locale=ml, referent=None, last_name="Diallo", first_name="Awa")
    page = login(browser, live_server, director)
    expect(page.locator("main")).to_contain_text("L'équipe")
    page.locator("#tuiles-accueil").get_by_role("link", name="Dossiers sans référent").click()
    page.get_by_role("link", name="DIALLO Awa", exact=True).click()
    page.get_by_role("link", name="Choisir un référent").click()
    page.get_by_label("Nouveau référent").select_option(str(counsellor.pk))
    page.get_by_role("button", name="Attribuer").click()
    page.wait_for_url(f"{live_server.url}/jeunes/{orphan.pk}/")
    expect(page.locator("main")).to_contain_text(f"Référent : {counsellor}")
    shot(page, "direction-referent-attribue.png")
    orphan.refresh_from_db()
    assert orphan.referent == counsellor
