import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers.models import Agreement, FollowUpMeeting, Immersion, RegionalDeclination, Sponsorship
from parcours.employers.queries import report_scopes
from parcours.referential.models import Region
from tests.employers.factories import EmployerRelationFactory, PartnerFactory, SponsorFactory
from tests.factories import UserFactory, YoungPersonFactory


@pytest.fixture
def animator(db):
    return UserFactory(mission_locale=None, role=Role.REGIONAL_ANIMATOR, region=Region.objects.get(code="32"))


@pytest.fixture
def national(db):
    return UserFactory(mission_locale=None, role=Role.NATIONAL)


def test_report_scopes_by_role(director, animator, national):
    assert [code for code, _, _ in report_scopes(director)] == ["ml", "region", "national"]
    scopes = {code: ids for code, _, ids in report_scopes(animator)}
    assert set(scopes) == {"region", "national"} and scopes["national"] is None
    assert director.mission_locale_id in scopes["region"]
    assert [code for code, _, _ in report_scopes(national)] == ["national"]


def test_meetings_by_national_declinations_by_the_regions_animator(client, director, animator, national):
    fafih = Agreement.objects.get(code="fafih")
    meeting_url = reverse("employers:meeting_create", kwargs={"agreement_pk": fafih.pk})
    declination_url = reverse("employers:declination_create", kwargs={"agreement_pk": fafih.pk})
    client.force_login(director)
    assert client.get(meeting_url).status_code == 403
    assert client.get(declination_url).status_code == 403
    client.force_login(national)
    response = client.post(
        meeting_url, {"date": "2011-03-15", "kind": "suivi", "subject": "Bilan des plans d'action"}
    )
    assert (
        response.status_code == 302
        and FollowUpMeeting.objects.filter(agreement=fafih, subject__startswith="Bilan").exists()
    )
    client.force_login(animator)
    assert client.get(meeting_url).status_code == 403
    other_region = Region.objects.get(code="11")
    response = client.post(declination_url, {"region": other_region.pk, "action_plan": "Plan"})
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(
        declination_url, {"region": animator.region_id, "action_plan": "Forum hôtellerie à Lille"}
    )
    assert response.status_code == 302
    assert (
        RegionalDeclination.objects.get(agreement=fafih, region=animator.region).action_plan
        == "Forum hôtellerie à Lille"
    )
    detail = client.get(reverse("employers:agreement_detail", kwargs={"agreement_pk": fafih.pk}))
    assert (
        "Forum hôtellerie à Lille" in detail.content.decode() and "Hauts-de-France" in detail.content.decode()
    )


def test_immersion_and_sponsorship_pages(client, ml, counsellor):
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    partner = PartnerFactory()
    EmployerRelationFactory(mission_locale=ml, partner=partner)
    client.force_login(counsellor)
    url = reverse("employers:immersion_create", kwargs={"pk": young.pk})
    data = {"partner": partner.pk, "goal": "decouvrir", "rome_code": "g1602", "start_date": "2025-03-03",
            "end_date": "2025-04-15", "tutor_name": "Chef Martin"}  # fmt: skip
    assert "30 jours" in client.post(url, data).content.decode() and not Immersion.objects.exists()
    assert client.post(url, {**data, "end_date": "2025-03-14"}).status_code == 302
    assert Immersion.objects.get().situation.category == "immersion"
    sponsor = SponsorFactory(mission_locale=ml)
    url = reverse("employers:sponsorship_create", kwargs={"pk": young.pk})
    data = {"sponsor": sponsor.pk, "signed_on": "2025-03-01", "objectives": "Réseau", "monthly_hours": 3}
    body = client.post(url, {**data, "barriers": ["reseau"]}).content.decode()
    assert "de 1 à 2 heures par mois" in body and not Sponsorship.objects.exists()
    assert "Ce champ est obligatoire" in client.post(url, {**data, "monthly_hours": 2}).content.decode()
    assert (
        client.post(url, {**data, "monthly_hours": 2, "barriers": ["reseau", "mobilite"]}).status_code == 302
    )
    sponsorship = Sponsorship.objects.get()
    detail = reverse("employers:sponsorship_detail", kwargs={"sponsorship_pk": sponsorship.pk})
    client.post(
        detail,
        {"action": "note", "note-date": "2025-04-02", "note-duration_minutes": 90, "note-text": "CV revu"},
    )
    client.post(detail, {"action": "fin", "fin-ended_on": "2025-09-30", "fin-outcome": "emploi"})
    sponsorship.refresh_from_db()
    assert sponsorship.notes.get().text == "CV revu" and sponsorship.outcome == "emploi"
