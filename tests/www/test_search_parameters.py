"""Issue 13 : un caractère NUL dans un paramètre de recherche (``?q=``) donnait une page 500 sur PostgreSQL.
Chaque liste à texte libre le refuse avec un message en français, sans chercher."""

import html

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from tests.employers.factories import JobOfferFactory, PartnerFactory
from tests.factories import UserFactory, YoungPersonFactory

MESSAGE = "Texte refusé : caractère de contrôle interdit (code 0x00) en position 3."

#: (URL, paramètre, autres paramètres)
PAGES = [
    ("employers:offer_list", "q", {}),
    ("employers:partner_list", "q", {}),
    ("young_people:search", "q", {}),
    ("employers:public_offers", "q", {}),
    ("employers:public_offers", "lieu", {}),
]


@pytest.fixture
def user(ml):
    return UserFactory(mission_locale=ml, role=Role.DIRECTOR, username="directeur.q")


@pytest.mark.parametrize(("name", "parameter", "extra"), PAGES)
def test_nul_byte_in_a_list_parameter_gives_a_french_message(client, user, name, parameter, extra):
    PartnerFactory(name="Boulangerie")
    JobOfferFactory(mission_locale=user.mission_locale, title="Boulanger")
    YoungPersonFactory(mission_locale=user.mission_locale, last_name="Boulanger")
    client.force_login(user)
    response = client.get(reverse(name), {parameter: "Bo\x00ul", **extra})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert MESSAGE in page


def test_control_characters_other_than_nul_are_refused_too(client, user):
    client.force_login(user)
    page = html.unescape(client.get(reverse("employers:partner_list"), {"q": "a\x01"}).content.decode())
    assert "Texte refusé : caractère de contrôle interdit (code 0x01) en position 2." in page


def test_api_search_with_a_nul_byte_is_a_400_in_french(client, user):
    YoungPersonFactory(mission_locale=user.mission_locale, last_name="Boulanger")
    client.force_login(user)
    response = client.get("/api/v1/jeunes/", {"q": "Bo\x00ul"})
    assert response.status_code == 400
    assert response.json() == {"q": [MESSAGE]}
    assert client.get("/api/v1/jeunes/", {"q": "boul"}).json()["count"] == 1


#: Les autres paramètres des listes : codes, dates, tris (lus dans une liste de valeurs admises ou un
#: formulaire) ; un NUL n'y donne jamais de 500.
OTHER_PARAMETERS = [
    ("employers:offer_list", "etat"),
    ("employers:partner_list", "relation"),
    ("employers:public_offers", "contract"),
    ("young_people:search", "birth_date"),
    ("young_people:search", "tri"),
    ("programmes:worklist", "perimetre"),
    ("cotraitance:overview", "statut"),
    ("cotraitance:export", "du"),
    ("employers:report", "annee"),
]


@pytest.mark.parametrize(("name", "parameter"), OTHER_PARAMETERS)
def test_nul_byte_in_other_list_parameters_is_never_a_500(client, user, name, parameter):
    client.force_login(user)
    response = client.get(reverse(name), {"q": "Boul", parameter: "a\x00b"})
    assert response.status_code in (200, 400)


def test_a_search_made_only_of_separators_lists_without_ranking(client, user):
    """« - » ou « ' » passent le formulaire mais ne laissent aucun fragment : la liste n'est pas triée par un
    rang de fragment qui n'existe pas (c'était une page 500)."""
    YoungPersonFactory(mission_locale=user.mission_locale, last_name="Martin")
    client.force_login(user)
    for text in ("-", "' -"):
        response = client.get(reverse("young_people:search"), {"q": text})
        assert response.status_code == 200
        assert "MARTIN" in response.content.decode().upper()
