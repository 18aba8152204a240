"""L'utilisateur de la session gardé dans le cache commun (``USER_CACHE_SECONDS``) : plus lu en base à chaque
page, mais un compte, une mission locale ou une région enregistrés comptent dès la page suivante."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.referential.models import Region

pytestmark = pytest.mark.django_db
PORTFOLIO = reverse("young_people:portfolio")


@pytest.fixture(autouse=True)
def _user_cache(settings):
    settings.USER_CACHE_SECONDS = 30


def _user_reads(client, path=PORTFOLIO):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, sum('FROM "accounts_user"' in query["sql"] for query in queries)


def test_the_session_user_is_read_once_then_kept(client, counsellor):
    client.force_login(counsellor)
    first, first_reads = _user_reads(client)
    second, second_reads = _user_reads(client)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first_reads, second_reads) == (1, 0)


def test_without_the_shared_cache_the_user_is_read_each_page(client, counsellor, settings):
    settings.USER_CACHE_SECONDS = 0
    client.force_login(counsellor)
    assert [_user_reads(client)[1] for _ in range(2)] == [1, 1]


def test_a_changed_role_counts_on_the_next_page(client, counsellor, django_capture_on_commit_callbacks):
    client.force_login(counsellor)
    assert _user_reads(client)[0].status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        counsellor.role = Role.REGIONAL_ANIMATOR
        counsellor.mission_locale = None
        counsellor.region = Region.objects.first()
        counsellor.save()
    assert _user_reads(client)[0].status_code == 403


def test_a_deactivated_account_is_logged_out_on_the_next_page(
    client, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    assert _user_reads(client)[0].status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        counsellor.is_active = False
        counsellor.save()
    response = client.get(PORTFOLIO)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_changed_password_ends_the_other_sessions(client, counsellor, django_capture_on_commit_callbacks):
    client.force_login(counsellor)
    assert _user_reads(client)[0].status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        counsellor.set_password("un-tout-autre-mot-de-passe")
        counsellor.save()
    response = client.get(PORTFOLIO)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_renamed_mission_locale_shows_on_the_next_page(
    client, counsellor, ml, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    assert "Mission locale A" in _user_reads(client)[0].content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ml.name = "Mission locale renommée"
        ml.save()
    response, reads = _user_reads(client)
    assert reads == 1 and "Mission locale renommée" in response.content.decode()
