"""« Mon compte » : l'en-tête ne montre que le nom (le rôle et la mission locale sont sous le nom du service) ;
la page du compte dit qui l'on est pour Parcours et mène au mot de passe et à la double authentification."""

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.referential.models import Region
from tests.accounts.two_factor import confirmed_device, current_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _page(client, user):
    client.force_login(user)
    response = client.get(reverse("account"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_header_names_the_account_and_puts_role_and_mission_locale_under_the_service(client, ml):
    user = UserFactory(mission_locale=ml, role=Role.COUNSELLOR, first_name="Marie", last_name="Delacroix")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert (
        '<span class="fr-sr-only">Mon compte : </span><span class="parcours-account">Marie Delacroix</span>'
        in html
    )
    assert '<p class="fr-header__service-tagline">Conseiller · Mission locale A</p>' in html
    assert reverse("password_change") not in html  # dans « Mon compte », plus dans l'en-tête


def test_a_counsellor_sees_who_they_are_and_how_to_secure_the_account(client, ml):
    user = UserFactory(mission_locale=ml, role=Role.COUNSELLOR, username="marie.d", email="marie@ml-a.fr")
    html = _page(client, user)
    for text in ("marie.d", "Conseiller", "Mission locale A", "marie@ml-a.fr", "facultative pour votre rôle"):
        assert text in html
    assert reverse("password_change") in html and reverse("two_factor_setup") in html
    assert reverse("accounts:locked") not in html and reverse("admin:index") not in html


def test_a_director_finds_the_locked_accounts_of_the_mission_locale(client, ml):
    html = _page(client, UserFactory(mission_locale=ml, role=Role.DIRECTOR))
    assert reverse("accounts:locked") in html


def test_an_active_second_factor_is_said(client, ml):
    user = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    assert "facultative pour votre rôle" in _page(client, user)
    device = confirmed_device(user)
    client.force_login(user)
    client.post(reverse("two_factor_verify"), {"code": current_code(device)})
    html = client.get(reverse("account")).content.decode()
    assert "La double authentification est active" in html and "facultative" not in html


def test_the_attachment_is_the_mission_locale_the_region_or_the_country(ml):
    region = Region.objects.get(code="32")
    assert UserFactory.build(role=Role.COUNSELLOR, mission_locale=ml).attachment == "Mission locale A"
    animator = UserFactory.build(role=Role.REGIONAL_ANIMATOR, mission_locale=None, region=region)
    assert animator.attachment == str(region)
    assert UserFactory.build(role=Role.NATIONAL, mission_locale=None).attachment == "France entière"


def test_on_its_page_the_account_link_is_the_current_page(client, ml):
    html = _page(client, UserFactory(mission_locale=ml, role=Role.COUNSELLOR))
    assert f'href="{reverse("account")}" aria-current="page"' in html


def test_a_changed_password_leads_back_to_the_account(client, ml):
    client.force_login(UserFactory(mission_locale=ml, role=Role.COUNSELLOR))
    html = client.get(reverse("password_change_done")).content.decode()
    assert f'href="{reverse("account")}">Mon compte</a>' in html


def test_before_the_second_factor_the_header_offers_only_to_log_out(client):
    """Un rôle national n'ouvre que la vérification tant que son code n'est pas validé : ni menu ni lien « Mon
    compte » qui ramèneraient à la même page."""
    user = UserFactory(role=Role.NATIONAL, mission_locale=None)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    response = client.get(reverse("two_factor_setup"))
    html = response.content.decode()
    assert response.status_code == 200 and "Se déconnecter" in html
    assert f'href="{reverse("account")}"' not in html and 'class="fr-nav__item"' not in html
    assert client.get(reverse("account")).status_code == 302
    client.force_login(user)  # second facteur validé (tests/conftest.py)
    html = client.get(reverse("account")).content.decode()
    assert 'class="fr-nav__item"' in html and "France entière" in html


def test_the_administrator_unlocks_every_account_not_only_those_of_a_mission_locale(client):
    html = _page(client, UserFactory(role=Role.ADMINISTRATOR, mission_locale=None, is_staff=True))
    assert ">Comptes verrouillés</a>" in html and reverse("admin:index") in html
