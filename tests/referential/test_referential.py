import datetime

import pytest
from django.db import IntegrityError

from parcours.accounts.access import visible_mission_locale_ids
from parcours.referential.models import Department, MissionLocale, Region
from parcours.young_people.models import YoungPerson
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory


@pytest.mark.django_db
def test_reference_data_loaded_by_migration():
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    assert Department.objects.get(code="2A").region.name == "Corse"
    assert Department.objects.get(code="976").region.code == "06"
    assert Department.objects.filter(region__code="84").count() == 12  # Auvergne-Rhône-Alpes
    assert MissionLocale.objects.get(code="59001").sites.get().kind == "siege"


@pytest.mark.django_db
def test_absorbed_ml_files_stay_readable_by_the_absorbing_ml():
    absorbing = MissionLocaleFactory()
    absorbed = MissionLocaleFactory(merged_into=absorbing, merged_on=datetime.date(2024, 1, 1))
    absorbed_earlier = MissionLocaleFactory(merged_into=absorbed, merged_on=datetime.date(2020, 1, 1))
    old_file = YoungPersonFactory(mission_locale=absorbed_earlier)
    director = UserFactory(mission_locale=absorbing, role="directeur")
    assert set(visible_mission_locale_ids(director)) == {absorbing.pk, absorbed.pk, absorbed_earlier.pk}
    assert list(YoungPerson.objects.visible_to(director)) == [old_file]
    # L'inverse n'est pas vrai : l'absorbée ne voit pas les dossiers de l'absorbante.
    former_staff = UserFactory(mission_locale=absorbed, role="conseiller")
    assert absorbing.pk not in visible_mission_locale_ids(former_staff)
    assert list(MissionLocale.objects.active().filter(pk__in=[absorbing.pk, absorbed.pk])) == [absorbing]


@pytest.mark.django_db
def test_merge_needs_a_date():
    with pytest.raises(IntegrityError):
        MissionLocaleFactory(merged_into=MissionLocaleFactory(), merged_on=None)
