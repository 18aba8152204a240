"""Trous d'audit : la liste de l'API, les pages des offres, mises en relation et immersions qui nomment des
jeunes, l'envoi refusé qui réaffiche un dossier, et les accès refusés (403, 404 d'une autre ML) laissent
une trace."""

import logging

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.young_people.models import FileAccess
from tests.employers.factories import ImmersionFactory, JobOfferFactory, ReferralFactory
from tests.factories import UserFactory, YoungPersonFactory


@pytest.fixture
def security(caplog):
    caplog.set_level(logging.INFO, logger="parcours.securite")

    def events(name):
        return [
            r for r in caplog.records if r.name == "parcours.securite" and getattr(r, "event", "") == name
        ]

    return events


def accesses():
    return sorted(FileAccess.objects.values_list("young_person_id", "channel", "user_id"))


def test_api_list_logs_one_record_per_listed_file_in_one_insert(
    client, counsellor, other_ml, django_assert_max_num_queries
):
    ml = counsellor.mission_locale
    listed = [YoungPersonFactory(mission_locale=ml, last_name=f"Durand{i}") for i in range(3)]
    YoungPersonFactory(mission_locale=other_ml, last_name="Durand")
    client.force_login(counsellor)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/jeunes/", {"q": "durand"}).json()["count"] == 3
    assert accesses() == sorted((yp.pk, "api_liste", counsellor.pk) for yp in listed)


def test_offer_placement_and_immersion_pages_log_the_young_people_they_name(client, counsellor):
    ml = counsellor.mission_locale
    offer = JobOfferFactory(mission_locale=ml)
    placed = [
        ReferralFactory(offer=offer, young_person=YoungPersonFactory(mission_locale=ml)) for _ in range(2)
    ]
    immersion = ImmersionFactory(young_person=YoungPersonFactory(mission_locale=ml))
    client.force_login(counsellor)
    assert client.get(reverse("employers:offer_detail", kwargs={"offer_pk": offer.pk})).status_code == 200
    assert accesses() == sorted((r.young_person_id, "web_liste", counsellor.pk) for r in placed)
    FileAccess.objects.all().delete()
    client.get(reverse("employers:referral_update", kwargs={"placement_pk": placed[0].pk}))
    client.get(reverse("employers:immersion_edit", kwargs={"immersion_pk": immersion.pk}))
    assert accesses() == sorted(
        [(placed[0].young_person_id, "web", counsellor.pk), (immersion.young_person_id, "web", counsellor.pk)]
    )


def test_failed_post_that_rerenders_the_file_is_logged(client, counsellor):
    young = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    client.force_login(counsellor)
    response = client.post(reverse("young_people:edit", kwargs={"pk": young.pk}), {"last_name": ""})
    assert response.status_code == 200 and "Ce champ est obligatoire." in response.content.decode()
    assert accesses() == [(young.pk, "web", counsellor.pk)]


def test_denied_accesses_leave_a_trace(client, ml, other_ml, security):
    offer = JobOfferFactory(mission_locale=ml)
    young = YoungPersonFactory(mission_locale=ml)
    outsider = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(outsider)
    assert client.get(reverse("employers:offer_detail", kwargs={"offer_pk": offer.pk})).status_code == 404
    assert client.get(f"/api/v1/jeunes/{young.pk}/").status_code == 404
    assert [(e.status, e.path) for e in security("acces_introuvable")] == [
        (404, f"/entreprises/offres/{offer.pk}/"),
        (404, f"/api/v1/jeunes/{young.pk}/"),
    ]
    assert client.get(reverse("young_people:detail", kwargs={"pk": young.pk})).status_code == 404
    assert len(security("dossier_refuse")) == 1 and len(security("acces_introuvable")) == 2  # pas de doublon
    client.force_login(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    assert client.get(reverse("young_people:proposal_create", kwargs={"pk": young.pk})).status_code == 403
    assert [e.path for e in security("acces_refuse")] == [f"/jeunes/{young.pk}/propositions/nouvelle/"]
    assert not FileAccess.objects.filter(user=outsider).exists()
