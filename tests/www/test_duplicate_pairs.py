"""Doublons probables à l'écran (issue 11, point 8) : la création qui demande confirmation, la liste de la
direction, « pas un doublon », la fusion d'un doublon seulement proche ; jamais le nom d'une autre ML."""

import datetime
import html

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.young_people.models import DuplicateDismissal, FileAccess, YoungPerson
from tests.factories import UserFactory, YoungPersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db
NEW = {
    "last_name": "Durand",
    "first_name": "Léa",
    "birth_date": "2006-04-12",
    "sex": "F",
    "first_reception_date": "2024-10-01",
    "education_level": "V",
    "postcode": "59000",
    "commune": "Lille",
}


def _page(response):
    return html.unescape(response.content.decode())


def test_creation_shows_near_duplicates_and_asks_for_confirmation(client, counsellor, other_ml):
    client.force_login(counsellor)
    one_day_off = YoungPersonFactory(
        mission_locale=counsellor.mission_locale,
        last_name="DURANT",
        first_name="Lea",
        birth_date=D(2006, 4, 13),
    )
    YoungPersonFactory(
        mission_locale=other_ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12)
    )
    response = client.post(reverse("young_people:create"), NEW)
    page = _page(response)
    assert response.status_code == 200
    assert "Un dossier ressemble beaucoup à celui-ci" in page
    assert reverse("young_people:detail", args=[one_day_off.pk]) in page
    assert "nom et prénom proches (69%), date de naissance à un jour près" in page
    assert response.context["form"].duplicates == [one_day_off]  # celui de l'autre ML n'est jamais montré
    assert 'value="Lille"' in page  # la saisie est gardée
    assert YoungPerson.objects.filter(mission_locale=counsellor.mission_locale).count() == 1

    confirmed = client.post(reverse("young_people:create"), {**NEW, "confirm_not_duplicate": "on"})
    assert confirmed.status_code == 302
    assert YoungPerson.objects.filter(mission_locale=counsellor.mission_locale).count() == 2


def test_another_mls_near_duplicate_never_shows(client, counsellor, other_ml):
    client.force_login(counsellor)
    YoungPersonFactory(
        mission_locale=other_ml, last_name="Léa", first_name="Durand", birth_date=D(2006, 12, 4)
    )
    assert client.post(reverse("young_people:create"), NEW).status_code == 302


@pytest.fixture
def pair(ml):
    older = YoungPersonFactory(
        mission_locale=ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12)
    )
    newer = YoungPersonFactory(
        mission_locale=ml, last_name="Léa", first_name="Durand", birth_date=D(2006, 12, 4)
    )
    return older, newer


def test_director_list_links_both_files_and_the_merge_and_is_audit_logged(client, director, pair, other_ml):
    older, newer = pair
    hidden = YoungPersonFactory(
        mission_locale=other_ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12)
    )
    client.force_login(director)
    response = client.get(reverse("young_people:duplicate_pairs"))
    page = _page(response)
    assert response.context["total"] == 1
    assert reverse("young_people:detail", args=[older.pk]) in page
    assert reverse("young_people:detail", args=[newer.pk]) in page
    assert f"{reverse('young_people:merge', args=[newer.pk])}?garder={older.pk}" in page
    assert "nom et prénom inversés, jour et mois de naissance inversés" in page
    assert reverse("young_people:detail", args=[hidden.pk]) not in page
    assert set(FileAccess.objects.filter(user=director).values_list("young_person_id", "channel")) == {
        (older.pk, FileAccess.WEB_LIST),
        (newer.pk, FileAccess.WEB_LIST),
    }


def test_not_a_duplicate_leaves_the_list(client, director, pair):
    older, newer = pair
    client.force_login(director)
    response = client.post(
        reverse("young_people:dismiss_pair"), {"premier": newer.pk, "second": older.pk}, follow=True
    )
    assert "ne sont plus proposés comme doublons" in _page(response)
    dismissal = DuplicateDismissal.objects.get()
    assert (dismissal.first_id, dismissal.second_id, dismissal.dismissed_by) == (older.pk, newer.pk, director)
    assert client.get(reverse("young_people:duplicate_pairs")).context["total"] == 0


def test_dismissal_of_another_mls_files_is_refused(client, pair, other_ml):
    older, newer = pair
    client.force_login(UserFactory(mission_locale=other_ml, role=Role.DIRECTOR))
    response = client.post(reverse("young_people:dismiss_pair"), {"premier": older.pk, "second": newer.pk})
    assert response.status_code == 404
    assert not DuplicateDismissal.objects.exists()


def test_the_list_is_the_directors(client, counsellor, pair):
    client.force_login(counsellor)
    assert client.get(reverse("young_people:duplicate_pairs")).status_code == 403
    assert client.post(reverse("young_people:dismiss_pair"), {}).status_code == 403


def test_a_near_duplicate_is_merged_through_the_existing_merge(client, director, pair):
    older, newer = pair
    client.force_login(director)
    url = reverse("young_people:merge", args=[newer.pk])
    page = _page(client.get(url, {"garder": older.pk}))
    assert f'value="{older.pk}" checked' in page
    response = client.post(url, {"kept": older.pk})
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.merged_into == older
    assert client.get(reverse("young_people:duplicate_pairs")).context["total"] == 0


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_cost_the_same_whatever_their_length(client, director, ml):
    """Ni la liste des doublons ni celle des dossiers à corriger ne font une requête par ligne."""
    from tests.factories import SituationFactory

    duplicates_url = reverse("young_people:duplicate_pairs")
    to_fix_url = reverse("young_people:to_fix") + "?controle=champs_manquants"
    client.force_login(director)

    def grow(start, stop):
        for i in range(start, stop):
            day = D(2005, 1, 1) + datetime.timedelta(days=10 * i)
            YoungPersonFactory(mission_locale=ml, last_name=f"Nom{i}x", first_name="Léa", birth_date=day)
            SituationFactory(
                young_person=YoungPersonFactory(
                    mission_locale=ml,
                    last_name=f"Nom{i}x",
                    first_name="Lea",
                    birth_date=day,
                    referent=director,
                )
            )

    grow(0, 2)
    client.get(duplicates_url)  # missions locales visibles lues une fois par processus
    small = _queries(client, duplicates_url), _queries(client, to_fix_url)
    grow(2, 10)
    assert client.get(duplicates_url).context["total"] == 10
    assert (_queries(client, duplicates_url), _queries(client, to_fix_url)) == small
