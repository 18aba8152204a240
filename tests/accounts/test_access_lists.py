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
    assert access.can_put_forward(counsellor, mine) and not access.can_put_forward(counsellor, other)
    assert access.can_put_forward(director, mine) and access.can_put_forward(director, other)


def test_agreement_declinations_are_entered_by_the_region_or_the_nation():
    ml = MissionLocaleFactory()
    region = ml.department.region
    elsewhere = MissionLocaleFactory().department.region
    regional = UserFactory(mission_locale=None, role=Role.REGIONAL_ANIMATOR, region=region)
    national = UserFactory(mission_locale=None, role=Role.NATIONAL)
    assert list(access.manageable_regions(regional)) == [region]
    assert {region, elsewhere} <= set(access.manageable_regions(national))
    assert not access.manageable_regions(UserFactory(mission_locale=ml, role=Role.DIRECTOR)).exists()


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


@pytest.mark.parametrize("role", [*Role.values, None])
@pytest.mark.parametrize("sensitive", [False, True])
def test_record_rights_computed_once_say_what_each_rule_says(role, sensitive):
    """Le fil du parcours calcule les droits une fois par dossier (``record_rights``) : chaque réponse est celle de
    la règle correspondante, pour chaque rôle, le référent comme un autre conseiller, un autre ML et le lecteur
    anonyme."""
    from types import SimpleNamespace

    ml = MissionLocaleFactory()
    person = YoungPersonFactory(mission_locale=ml)
    if role is None:
        readers = [None]
    elif role in (Role.REGIONAL_ANIMATOR, Role.NATIONAL):
        region = ml.department.region if role == Role.REGIONAL_ANIMATOR else None
        readers = [UserFactory(mission_locale=None, role=role, region=region)]
    else:
        readers = [UserFactory(mission_locale=ml, role=role), UserFactory(role=role)]
    if role == Role.COUNSELLOR:
        person.referent = readers[0]
        readers.append(UserFactory(mission_locale=ml, role=role))
    record = SimpleNamespace(is_sensitive=sensitive)
    for user in readers:
        rights = access.record_rights(user, person)
        if user is None:
            assert rights == access.RecordRights()
            continue
        assert rights.write_appointments == access.can_write_appointments(user, person)
        assert rights.write_follow_up == access.can_write_follow_up(user, person)
        assert rights.can_see_content(record) == access.can_see_record_content(user, person, record)
