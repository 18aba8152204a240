"""Les listes que les formulaires proposent viennent des règles d'accès (``accounts/access.py``)."""

import pytest

from parcours.accounts import access
from parcours.accounts.enums import Role
from parcours.young_people.models import YoungPerson
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_referents_are_the_active_counsellors_and_directors_of_the_mission_locale():
    ml = MissionLocaleFactory()
    counsellor = UserFactory(mission_locale=ml)
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
    UserFactory(mission_locale=ml, role=Role.RECEPTION)
    UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    UserFactory(mission_locale=ml, is_active=False)
    UserFactory()  # une autre mission locale
    assert set(access.possible_referents(ml)) == {counsellor, director}


def test_placement_staff_adds_the_employer_referent():
    ml = MissionLocaleFactory()
    counsellor = UserFactory(mission_locale=ml, last_name="B")
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT, last_name="A")
    UserFactory(mission_locale=ml, role=Role.RECEPTION)
    UserFactory()
    assert list(access.placement_staff(counsellor)) == [referent, counsellor]


def test_a_counsellor_positions_only_their_own_young_people():
    ml = MissionLocaleFactory()
    counsellor = UserFactory(mission_locale=ml)
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
    mine = YoungPersonFactory(mission_locale=ml, referent=counsellor)
    other = YoungPersonFactory(mission_locale=ml, referent=director)
    everyone = YoungPerson.objects.filter(pk__in=[mine.pk, other.pk])
    assert list(access.positionable_young_people(counsellor, everyone)) == [mine]
    assert set(access.positionable_young_people(director, everyone)) == {mine, other}


def test_the_first_dashboard_follows_the_role():
    ml = MissionLocaleFactory()
    regional = UserFactory(mission_locale=None, role=Role.REGIONAL_ANIMATOR, region=ml.department.region)
    national = UserFactory(mission_locale=None, role=Role.NATIONAL)
    assert access.own_dashboard_scope(regional) == ("region", ml.department.region.code)
    assert access.own_dashboard_scope(UserFactory(mission_locale=ml)) == ("ml", ml.code)
    assert access.own_dashboard_scope(national) == ("national", "")


def test_only_the_direction_sees_the_envelope_and_opens_on_the_whole_mission_locale():
    ml = MissionLocaleFactory()
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
    counsellor = UserFactory(mission_locale=ml)
    assert access.can_see_envelope(director) and access.opens_worklist_on_whole_ml(director)
    assert not access.can_see_envelope(counsellor) and not access.opens_worklist_on_whole_ml(counsellor)
