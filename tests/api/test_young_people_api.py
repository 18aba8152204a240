import pytest

from parcours.accounts.enums import Role
from parcours.young_people.models import FileAccess
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_list_is_scoped_to_the_users_ml_and_has_no_sensitive_data(client, counsellor, other_ml):
    mine = YoungPersonFactory(
        mission_locale=counsellor.mission_locale, last_name="Durand", health_notes="diabète"
    )
    YoungPersonFactory(mission_locale=other_ml, last_name="Durand")
    client.force_login(counsellor)
    data = client.get("/api/v1/jeunes/", {"q": "durand"}).json()
    assert data["count"] == 1
    assert data["results"][0]["id"] == mine.pk
    assert "health_notes" not in data["results"][0] and "diabète" not in str(data)


def test_retrieve_is_audit_logged_and_other_ml_gets_404(client, counsellor, other_ml):
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    client.force_login(counsellor)
    assert client.get(f"/api/v1/jeunes/{young_person.pk}/").json()["last_name"] == young_person.last_name
    assert FileAccess.objects.get().channel == "api"
    client.force_login(UserFactory(mission_locale=other_ml, role=Role.DIRECTOR))
    assert client.get(f"/api/v1/jeunes/{young_person.pk}/").status_code == 404
    assert FileAccess.objects.count() == 1


def test_aggregate_roles_are_refused_and_anonymous_too(client, db):
    assert client.get("/api/v1/jeunes/").status_code == 403
    client.force_login(UserFactory(mission_locale=None, role=Role.NATIONAL))
    assert client.get("/api/v1/jeunes/").status_code == 403


def test_openapi_schema_describes_the_endpoints(client, counsellor):
    client.force_login(counsellor)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/jeunes/{id}/" in response.content
