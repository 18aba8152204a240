"""Double authentification (issue 13) : obligatoire pour le national, le régional et l'administrateur
(activation à la première connexion, code à chaque connexion, administration comprise), facultative pour
le personnel des ML. Codes calculés depuis la clé de l'appareil (django_otp.oath.totp)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts.access import must_use_two_factor
from parcours.accounts.enums import Role
from tests.accounts.two_factor import confirmed_device, current_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def national(db):
    return UserFactory(mission_locale=None, role=Role.NATIONAL, username="national.a")


def _password_login(client, user, url=None):
    return client.post(url or reverse("login"), {"username": user.username, "password": PASSWORD})


def test_who_must_use_it(ml, db):
    roles = {
        role: must_use_two_factor(
            UserFactory(
                role=role,
                mission_locale=ml
                if role in ("accueil", "conseiller", "referent_entreprise", "directeur")
                else None,
                region=ml.department.region if role == Role.REGIONAL_ANIMATOR else None,
            )
        )
        for role in Role.values
    }
    assert {role for role, required in roles.items() if required} == {
        Role.NATIONAL,
        Role.REGIONAL_ANIMATOR,
        Role.ADMINISTRATOR,
    }
    assert must_use_two_factor(UserFactory(mission_locale=ml, role=Role.DIRECTOR, is_staff=True))


def test_national_enrols_at_first_login_then_enters_a_code_each_time(client, national):
    with time_machine.travel(START, tick=False) as clock:
        _password_login(client, national)
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("two_factor_verify"))
        response = client.get(response.url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
        assert "<svg" in response.content.decode()
        device = TOTPDevice.objects.get(user=national, confirmed=False)
        refused = client.post(reverse("two_factor_setup"), {"code": "000000"})
        assert "Code incorrect" in refused.content.decode()
        assert client.get(reverse("home")).status_code == 302
        throttled = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
        assert "Trop de codes incorrects" in throttled.content.decode()  # attente après un code faux
        clock.shift(datetime.timedelta(seconds=2))
        response = client.post(reverse("two_factor_setup"), {"code": current_code(device), "next": "/"})
        assert response.status_code == 302 and response.url == "/"
        assert client.get(reverse("home")).status_code == 200

        client.post(reverse("logout"))
        clock.shift(datetime.timedelta(minutes=1))
        _password_login(client, national)
        assert client.get(reverse("two_factor_setup")).url.startswith(reverse("two_factor_verify"))
        assert client.get(reverse("home")).status_code == 302
        response = client.post(reverse("two_factor_verify"), {"code": current_code(device), "next": "/"})
        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 200


def test_a_code_is_used_only_once(client, national):
    device = confirmed_device(national)
    with time_machine.travel(START, tick=False):
        code = current_code(device)
        _password_login(client, national)
        assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
        client.post(reverse("logout"))
        _password_login(client, national)
        response = client.post(reverse("two_factor_verify"), {"code": code})
        assert response.status_code == 200 and "Code incorrect" in response.content.decode()
        assert client.get(reverse("home")).status_code == 302


def test_admin_site_asks_for_the_second_factor(client, db):
    admin = UserFactory(mission_locale=None, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    confirmed_device(admin)
    _password_login(client, admin, "/admin/login/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_verify"))


def test_api_refuses_until_the_second_factor(client, ml, db):
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR, is_staff=True)
    confirmed_device(director)
    _password_login(client, director)
    response = client.get("/api/v1/jeunes/")
    assert response.status_code == 403 and "Double authentification requise" in response.json()["detail"]


def test_optional_for_ml_staff_and_required_once_enabled(client, counsellor):
    with time_machine.travel(START, tick=False) as clock:
        _password_login(client, counsellor)
        assert client.get(reverse("home")).status_code == 200
        client.get(reverse("two_factor_setup"))
        device = TOTPDevice.objects.get(user=counsellor)
        client.post(reverse("two_factor_setup"), {"code": current_code(device)})
        client.post(reverse("logout"))
        clock.shift(datetime.timedelta(minutes=1))
        _password_login(client, counsellor)
        assert client.get(reverse("home")).status_code == 302
        client.post(reverse("two_factor_verify"), {"code": current_code(device)})
        assert client.get(reverse("home")).status_code == 200
