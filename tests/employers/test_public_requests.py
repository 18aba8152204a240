"""La page publique des offres laisse un jeune agir (issue 11, point 12) : chercher avec ses mots et un lieu,
trouver où et quand venir, demander à être rappelé(e) ; la demande arrive à la mission locale de l'offre."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.employers import requests
from parcours.employers.enums import RequestStatus
from parcours.employers.models import CallbackRequest
from parcours.employers.models.requests import CONSENT_TEXT
from parcours.referential.models import Site
from tests.employers.factories import JobOfferFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUEST = {
    "first_name": "Inès",
    "last_name": "Benali",
    "phone": "06 12 34 56 78",
    "email": "",
    "message": "Disponible le matin.",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def offer(ml):
    return JobOfferFactory(
        mission_locale=ml,
        title="Serveur en brasserie",
        description="Service en salle, accueil des clients.",
        rome_code="G1803",
        commune="Roubaix",
        postcode="59100",
        published_on=timezone.localdate(),
    )


def _detail(offer):
    return reverse("employers:public_offer_detail", kwargs={"offer_pk": offer.pk})


def _titles(client, **params):
    response = client.get(reverse("employers:public_offers"), params)
    return [row["title"] for row in response.context["offers"]]


def test_search_with_job_words_and_a_place(client, ml, offer):
    JobOfferFactory(mission_locale=ml, title="Cariste", description="Conduite de chariot.", rome_code="N1101",
                    commune="Lille", postcode="59000", published_on=timezone.localdate())  # fmt: skip
    assert _titles(client, q="serveur") == ["Serveur en brasserie"]
    assert _titles(client, q="accueil salle") == [
        "Serveur en brasserie"
    ]  # chaque mot, dans l'intitulé ou le texte
    assert _titles(client, q="serveur chariot") == []
    assert _titles(client, q="N11") == ["Cariste"]  # un début de code ROME, pour les habitués
    assert _titles(client, lieu="roub") == ["Serveur en brasserie"]
    assert _titles(client, lieu="59000") == ["Cariste"]
    assert sorted(_titles(client, lieu="59")) == ["Cariste", "Serveur en brasserie"]
    assert _titles(client, lieu="62") == []


def test_offer_shows_where_and_when_to_come(client, ml, offer):
    Site.objects.create(mission_locale=ml, name="Antenne de Roubaix", kind="antenne", commune="Roubaix",
                        postcode="59100", address="12 rue de la Gare", phone="03 20 11 22 33",
                        opening_hours="Lundi au jeudi, 9 h – 12 h")  # fmt: skip
    page = html.unescape(client.get(_detail(offer)).content.decode())
    for text in (
        "Antenne de Roubaix",
        "12 rue de la Gare, 59100 Roubaix",
        "03 20 11 22 33",
        "Lundi au jeudi, 9 h – 12 h",
    ):
        assert text in page
    assert 'href="tel:0320112233"' in page
    assert CONSENT_TEXT in page


def test_a_callback_request_reaches_the_offers_mission_locale(client, ml, offer):
    response = client.post(_detail(offer), REQUEST, follow=True)
    assert "Votre demande est envoyée à la mission locale" in html.unescape(response.content.decode())
    callback = CallbackRequest.objects.get()
    assert (callback.mission_locale, callback.offer, callback.first_name, callback.last_name) == (
        ml, offer, "Inès", "Benali",
    )  # fmt: skip
    assert (callback.phone, callback.message, callback.consent_text) == (
        "0612345678",
        "Disponible le matin.",
        CONSENT_TEXT,
    )
    assert callback.status == RequestStatus.NEW
    # Le même envoi répété (double clic, page rechargée) ne fait pas une seconde demande.
    client.post(_detail(offer), REQUEST)
    assert CallbackRequest.objects.count() == 1


@pytest.mark.parametrize(
    "phone", ["0033 6 12 34 56 78", "+33 6 12 34 56 78", "+33 06 12 34 56 78", "06-12-34-56-78"]
)
def test_the_public_form_takes_the_phone_formats_the_staff_forms_take(client, offer, phone):
    assert client.post(_detail(offer), {**REQUEST, "phone": phone}).status_code == 302
    assert CallbackRequest.objects.get().phone == phone.replace(" ", "").replace("-", "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Ce champ est obligatoire"),
        ({"phone": "", "email": ""}, "Donnez un téléphone ou un courriel pour être rappelé(e)."),
        ({"phone": "12"}, "Numéro de téléphone à 10 chiffres"),
        ({"email": "pas-un-courriel", "phone": ""}, "Saisissez une adresse e-mail valide"),
    ],
)
def test_refused_request_says_why_and_keeps_what_was_typed(client, offer, changes, message):
    response = client.post(_detail(offer), {**REQUEST, **changes})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert message in page
    assert 'value="Benali"' in page
    assert CallbackRequest.objects.count() == 0


def test_robots_and_floods_are_refused(client, offer, settings):
    client.post(_detail(offer), {**REQUEST, "website": "http://spam.example"})
    assert CallbackRequest.objects.count() == 0  # champ piège rempli : rien n'est enregistré
    settings.PUBLIC_REQUESTS_PER_HOUR = 2
    for n in range(2):
        assert client.post(_detail(offer), {**REQUEST, "last_name": f"Nom{n}"}).status_code == 302
    response = client.post(_detail(offer), {**REQUEST, "last_name": "Nom3"})
    assert response.status_code == 429
    assert "Trop de demandes ont été envoyées depuis votre connexion" in html.unescape(
        response.content.decode()
    )
    assert sorted(CallbackRequest.objects.values_list("last_name", flat=True)) == ["Nom0", "Nom1"]


def test_an_unpublished_offer_takes_no_request(client, offer):
    offer.published = False
    offer.save()
    assert client.post(_detail(offer), REQUEST).status_code == 404
    with pytest.raises(requests.RequestRefused):
        requests.receive(offer.pk, first_name="A", last_name="B", phone="0612345678")


def test_the_mission_locale_handles_its_requests_only(client, ml, other_ml, offer):
    client.post(_detail(offer), REQUEST)
    callback = CallbackRequest.objects.get()
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    outsider = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(outsider)
    assert "Benali" not in client.get(reverse("employers:request_list")).content.decode()
    handled_url = reverse("employers:request_handled", kwargs={"request_pk": callback.pk})
    assert client.post(handled_url).status_code == 404
    client.force_login(referent)
    home = html.unescape(client.get(reverse("employers:home")).content.decode())
    assert "1 demande de rappel à traiter" in home
    listing = html.unescape(client.get(reverse("employers:request_list")).content.decode())
    assert "Inès Benali" in listing and "06" in listing and "Serveur en brasserie" in listing
    assert client.post(handled_url).status_code == 302
    callback.refresh_from_db()
    assert (callback.status, callback.handled_by) == (RequestStatus.HANDLED, referent)
    assert "demande de rappel à traiter" not in html.unescape(
        client.get(reverse("employers:home")).content.decode()
    )


def test_requests_are_erased_three_months_after_handling_or_sending(ml, offer):
    staff = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    offer.published_on = datetime.date(2025, 12, 1)
    offer.save()
    with time_machine.travel(datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)):
        old = requests.receive(offer.pk, first_name="A", last_name="Ancienne", phone="0612345678")
        requests.mark_handled(old, by=staff)
        pending = requests.receive(offer.pk, first_name="B", last_name="En attente", phone="0612345679")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)):
        assert requests.purge_handled() == 0
    with time_machine.travel(datetime.datetime(2026, 4, 3, 10, tzinfo=datetime.UTC)):
        assert requests.purge_handled() == 0  # traitée le 5 janvier : trois mois pas encore passés
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=datetime.UTC)):
        # La demande traitée, et aussi celle restée sans suite : trois mois après son envoi (revue).
        assert requests.purge_handled() == 2
    assert not CallbackRequest.objects.filter(pk__in=[old.pk, pending.pk]).exists()
