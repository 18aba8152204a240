"""« Mon compte » : l'en-tête ne montre que le nom (le rôle et la mission locale sont sous le nom du service) ;
la page du compte dit qui l'on est pour Parcours et mène au mot de passe et à la double authentification."""

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.referential.models import Region
from tests.accounts.two_factor import confirmed_device, current_code
from tests.factories import UserFactory

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
