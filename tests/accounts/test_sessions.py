"""Sessions des postes partagés (issue 13) : fin après 30 minutes sans activité et à la fermeture du
navigateur ; aucune page d'un utilisateur connecté gardée en cache."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_session_ends_after_thirty_idle_minutes(client, counsellor):
    with time_machine.travel(START, tick=False) as clock:
        _login(client, counsellor)
        assert client.get(reverse("home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_the_session_open(client, counsellor):
    with time_machine.travel(START, tick=False) as clock:
        _login(client, counsellor)
        for _ in range(3):
            clock.shift(datetime.timedelta(minutes=20))
            assert client.get(reverse("home")).status_code == 200


def test_session_is_saved_at_most_once_a_minute(client, counsellor):
    with time_machine.travel(START, tick=False) as clock:
        _login(client, counsellor)
        expiry = Session.objects.get().expire_date
        clock.shift(datetime.timedelta(seconds=30))
        client.get(reverse("home"))
        assert Session.objects.get().expire_date == expiry
        clock.shift(datetime.timedelta(seconds=40))
        client.get(reverse("home"))
        assert Session.objects.get().expire_date == expiry + datetime.timedelta(seconds=70)


def test_session_cookie_ends_with_the_browser(client, counsellor):
    cookie = _login(client, counsellor).cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


@pytest.mark.parametrize("url", ["/", "/jeunes/mes-jeunes/", "/api/v1/jeunes/"])
def test_pages_of_a_logged_in_user_are_never_stored(client, counsellor, url):
    client.force_login(counsellor)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
