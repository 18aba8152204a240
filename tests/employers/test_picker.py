"""Positionner un jeune sur une offre : une saisie qui cherche (nom, date de naissance, numéro de dossier)
au lieu d'une liste déroulante de centaines de noms ; le serveur valide toujours le jeune choisi (issue 11,
point 6)."""

import datetime
import re

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.employers.models import Referral
from parcours.www import pickers
from tests.employers.factories import JobOfferFactory, ReferralFactory
from tests.factories import UserFactory, YoungPersonFactory

TODAY = datetime.date.today()


@pytest.fixture
def offer(ml, counsellor):
    return JobOfferFactory(mission_locale=ml, counsellor=counsellor, received_on=TODAY, published_on=TODAY)


def options_url(offer):
    return reverse("employers:referral_candidates", kwargs={"offer_pk": offer.pk})


def proposed(response):
    body = response.content.decode()
    return body, [int(pk) for pk in re.findall(r'data-value="(\d+)"', body)]


def test_form_renders_a_combobox_not_a_dropdown(client, counsellor, offer):
    YoungPersonFactory(mission_locale=offer.mission_locale, referent=counsellor, last_name="Ngoma")
    client.force_login(counsellor)
    body = client.get(reverse("employers:referral_create", kwargs={"offer_pk": offer.pk})).content.decode()
    assert "<select" not in body.split('name="date"')[0]  # plus de liste déroulante des jeunes
    assert "NGOMA" not in body  # aucun nom avant d'en taper un
    assert '<label for="id_young_person" class="fr-label">' in body
    assert 'id="id_young_person"' in body and 'role="combobox"' in body
    assert 'aria-controls="id_young_person-propositions"' in body
    assert f'hx-get="{options_url(offer)}"' in body
    assert '<input type="hidden" name="young_person" value="" data-picker-value>' in body


def test_options_show_name_birth_date_and_file_number_of_positionable_people_only(
    client, ml, other_ml, counsellor, offer
):
    mine = YoungPersonFactory(
        mission_locale=ml, referent=counsellor, last_name="Ngoma", first_name="Élise", commune="Roubaix"
    )
    second = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Bangoura")
    YoungPersonFactory(
        mission_locale=ml, referent=UserFactory(mission_locale=ml), last_name="Ngom"
    )  # pas à moi
    YoungPersonFactory(mission_locale=other_ml, last_name="Ngombe")  # autre mission locale
    archived = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngoyi")
    archived.archived_at, archived.archive_reason = (
        datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
        "demenagement",
    )
    archived.save()
    ReferralFactory(
        offer=offer,
        young_person=YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngolo"),
    )
    client.force_login(counsellor)
    response = client.get(
        options_url(offer), {"young_person_recherche": "ngo", "liste": "id_young_person-propositions"}
    )
    body, pks = proposed(response)
    assert response.status_code == 200 and not body.startswith("\n")  # fragment htmx
    assert pks == [mine.pk, second.pk]  # « Ngo… » en tête, puis « …ngo… »
    assert f'id="id_young_person-propositions-{mine.pk}" role="option"' in body
    assert f"né·e le 14/03/2005 · dossier n° {mine.pk} · Roubaix" in body
    assert f'data-label="NGOMA Élise (né·e le 14/03/2005, dossier n° {mine.pk})"' in body


def test_director_sees_every_file_of_the_offer_ml_and_one_letter_asks_for_more(client, ml, offer):
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
    other = YoungPersonFactory(mission_locale=ml, referent=UserFactory(mission_locale=ml), last_name="Ngom")
    client.force_login(director)
    assert proposed(client.get(options_url(offer), {"q": "ngom"}))[1] == [other.pk]
    assert client.get(options_url(offer), {"q": "n"}).content.decode().strip() == ""
    body = client.get(options_url(offer), {"q": "zzz"}).content.decode()
    assert "Aucun jeune ne correspond à « zzz »." in body


def test_options_stop_at_ten_and_say_there_are_more(client, ml, counsellor, offer):
    for index in range(pickers.MAX_OPTIONS + 2):
        YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name=f"Martin{index:02d}")
    client.force_login(counsellor)
    body, pks = proposed(client.get(options_url(offer), {"q": "mart"}))
    assert len(pks) == pickers.MAX_OPTIONS
    assert "D'autres jeunes correspondent : précisez le nom." in body


def test_server_still_validates_the_chosen_pk_and_keeps_what_was_typed(
    client, ml, other_ml, counsellor, offer
):
    stranger = YoungPersonFactory(mission_locale=other_ml, last_name="Ailleurs")
    not_mine = YoungPersonFactory(mission_locale=ml, referent=UserFactory(mission_locale=ml))
    client.force_login(counsellor)
    url = reverse("employers:referral_create", kwargs={"offer_pk": offer.pk})
    for pk in (stranger.pk, not_mine.pk, "abc", ""):
        response = client.post(
            url, {"young_person": pk, "young_person_recherche": "Ailleu", "date": TODAY.isoformat()}
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in body or "Ce champ est obligatoire." in body
        assert 'value="Ailleu"' in body  # le texte tapé est rendu
        assert "AILLEURS" not in body
    assert not Referral.objects.exists()
    mine = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngoma")
    response = client.post(
        url, {"young_person": mine.pk, "young_person_recherche": "x", "date": TODAY.isoformat()}
    )
    assert response.status_code == 302 and Referral.objects.get().young_person == mine


def test_options_of_an_offer_of_another_ml_are_not_found(client, other_ml, offer):
    client.force_login(UserFactory(mission_locale=other_ml))
    assert client.get(options_url(offer), {"q": "ngo"}).status_code == 404


def test_preselected_young_person_is_shown_by_name(client, ml, counsellor, offer):
    young = YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Ngoma", first_name="Élise")
    client.force_login(counsellor)
    url = reverse("employers:referral_create", kwargs={"offer_pk": offer.pk})
    body = client.get(url, {"jeune": young.pk}).content.decode()
    assert f'<input type="hidden" name="young_person" value="{young.pk}" data-picker-value>' in body
    assert f'value="NGOMA Élise (né·e le 14/03/2005, dossier n° {young.pk})"' in body
