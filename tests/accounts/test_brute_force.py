"""Force brute (issue 13, comptes) : 30 mauvais mots de passe à la suite sur la connexion du site, celle de
l'administration et l'API ; le compte se verrouille au seuil, le bon mot de passe est alors refusé, la
direction de sa mission locale le déverrouille."""

import base64
import logging

import pytest
from django.urls import reverse
from rest_framework.throttling import UserRateThrottle

from parcours.accounts.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"
ATTEMPTS = 30


def _hammer(client, url, username, field="username"):
    return [client.post(url, {field: username, "password": f"faux-{n}"}).status_code for n in range(ATTEMPTS)]


def test_site_login_locks_the_account_after_the_threshold(client, counsellor, settings):
    statuses = _hammer(client, reverse("login"), counsellor.username)
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit - 1 :]) == {429}
    response = client.post(reverse("login"), {"username": counsellor.username, "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Compte verrouillé" in body and "fr-alert" in body
    assert PASSWORD not in body and counsellor.username not in body
    assert "_auth_user_id" not in client.session


def test_admin_login_locks_too(client, db):
    admin = UserFactory(mission_locale=None, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    statuses = _hammer(client, "/admin/login/", admin.username)
    assert statuses[-1] == 429 and statuses.count(200) < 10
    response = client.post("/admin/login/", {"username": admin.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_address_is_locked_for_every_account(client, counsellor, director):
    _hammer(client, reverse("login"), "inconnu")
    response = client.post(reverse("login"), {"username": director.username, "password": PASSWORD})
    assert response.status_code == 429


def test_lockout_goes_to_the_security_log_without_personal_data(client, counsellor, caplog):
    with caplog.at_level(logging.INFO, logger="parcours.securite"):
        _hammer(client, reverse("login"), counsellor.username)
    locks = [r for r in caplog.records if getattr(r, "event", None) == "compte_verrouille"]
    assert locks and locks[0].target_user_id == counsellor.pk
    text = " ".join(str(r.__dict__) for r in caplog.records)
    assert counsellor.username not in text and "faux-" not in text


def test_api_refuses_basic_auth_and_throttles(client, counsellor, monkeypatch):
    header = "Basic " + base64.b64encode(f"{counsellor.username}:{PASSWORD}".encode()).decode()
    statuses = {client.get("/api/v1/jeunes/", HTTP_AUTHORIZATION=header).status_code for _ in range(ATTEMPTS)}
    assert statuses <= {401, 403, 429} and statuses & {401, 403}
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "5/minute")
    client.force_login(counsellor)
    statuses = [client.get("/api/v1/jeunes/").status_code for _ in range(8)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3


def test_director_unlocks_an_account_of_their_ml(client, counsellor, director):
    _hammer(client, reverse("login"), counsellor.username)
    client.force_login(director)
    home = client.get(reverse("home")).content.decode()  # la direction le voit en arrivant
    assert f'<a href="{reverse("accounts:locked")}">Comptes verrouillés</a>' in home
    assert "1 compte à déverrouiller" in home
    page = client.get(reverse("accounts:locked"))
    assert counsellor.username in page.content.decode()
    response = client.post(reverse("accounts:locked"), {"user": counsellor.pk})
    assert response.status_code == 302
    assert "0 compte à déverrouiller" in client.get(reverse("home")).content.decode()
    client.logout()
    response = client.post(reverse("login"), {"username": counsellor.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")


def test_only_the_director_of_the_ml_may_unlock(client, counsellor, director, other_ml):
    _hammer(client, reverse("login"), counsellor.username)
    other_director = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(other_director)
    assert "0 compte à déverrouiller" in client.get(reverse("home")).content.decode()
    assert counsellor.username not in client.get(reverse("accounts:locked")).content.decode()
    assert client.post(reverse("accounts:locked"), {"user": counsellor.pk}).status_code == 404
    colleague = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    client.force_login(colleague)
    assert client.get(reverse("accounts:locked")).status_code == 403
    client.logout()
    response = client.post(reverse("login"), {"username": counsellor.username, "password": PASSWORD})
    assert response.status_code == 429


def test_unlock_command(client, counsellor):
    from django.core.management import call_command

    _hammer(client, reverse("login"), counsellor.username)
    call_command("deverrouiller_compte", counsellor.username)
    response = client.post(reverse("login"), {"username": counsellor.username, "password": PASSWORD})
    assert response.status_code == 302


def test_unlock_command_refuses_an_unknown_account_in_french(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Aucun compte n'a l'identifiant « personne »"):
        call_command("deverrouiller_compte", "personne")
