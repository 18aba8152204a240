import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parcours.accompaniment.models import Situation
from parcours.accounts.enums import Role
from parcours.versioning import ConcurrentEditError
from parcours.young_people import services
from parcours.young_people.models import ReferentAssignment, YoungPerson
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_archive_without_reason():
    young_person = YoungPersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        YoungPerson.objects.filter(pk=young_person.pk).update(archived_at=datetime.datetime.now(datetime.UTC))


def test_database_refuses_two_current_referents():
    young_person = YoungPersonFactory()
    ReferentAssignment.objects.create(young_person=young_person, referent=UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferentAssignment.objects.create(young_person=young_person, referent=UserFactory())


def test_database_refuses_bad_rome_code_and_finished_situation_without_end():
    young_person = YoungPersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Situation.objects.create(
            young_person=young_person, category="emploi", kind="cdi", state="en_cours",
            start_date=datetime.date(2025, 1, 1), rome_code="Z9999",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Situation.objects.create(
            young_person=young_person,
            category="inactif",
            state="termine",
            start_date=datetime.date(2025, 1, 1),
        )


def test_source_id_unique_per_ml_but_reusable_elsewhere():
    ml = MissionLocaleFactory()
    YoungPersonFactory(mission_locale=ml, source_id="P3-1")
    YoungPersonFactory(mission_locale=MissionLocaleFactory(), source_id="P3-1")
    YoungPersonFactory(mission_locale=ml)  # sans identifiant d'origine : pas de contrainte
    YoungPersonFactory(mission_locale=ml)
    with pytest.raises(IntegrityError), transaction.atomic():
        YoungPersonFactory(mission_locale=ml, source_id="P3-1")


def test_full_clean_reports_ineligible_age_in_french():
    young_person = YoungPersonFactory.build(
        mission_locale=MissionLocaleFactory(),
        birth_date=datetime.date(1990, 1, 1),
        first_reception_date=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        young_person.full_clean()
    assert "34 ans au premier accueil" in str(error.value)


def test_update_with_stale_version_writes_nothing():
    young_person = YoungPersonFactory(commune="Lille")
    user = UserFactory(mission_locale=young_person.mission_locale, role=Role.COUNSELLOR)
    first = YoungPerson.objects.get(pk=young_person.pk)
    second = YoungPerson.objects.get(pk=young_person.pk)
    first.commune = "Roubaix"
    services.update_young_person(first, expected_version=1, changed_by=user)
    second.commune = "Tourcoing"
    with pytest.raises(ConcurrentEditError):
        services.update_young_person(second, expected_version=1, changed_by=user)
    young_person.refresh_from_db()
    assert (young_person.commune, young_person.version) == ("Roubaix", 2)
    assert young_person.history.count() == 2  # création + une modification


def test_reaching_age_limit_window():
    ml = MissionLocaleFactory()
    today = datetime.date(2026, 11, 25)
    # Veille des 26 ans : aujourd'hui, dans 60 jours, hier (déjà trop âgé), dans 61 jours.
    on_limit_today = YoungPersonFactory(mission_locale=ml, birth_date=datetime.date(2000, 11, 26))
    in_60_days = YoungPersonFactory(mission_locale=ml, birth_date=datetime.date(2001, 1, 25))
    YoungPersonFactory(mission_locale=ml, birth_date=datetime.date(2000, 11, 25))
    YoungPersonFactory(mission_locale=ml, birth_date=datetime.date(2001, 1, 26))
    found = YoungPerson.objects.filter(mission_locale=ml).reaching_age_limit(today, days=60)
    assert set(found) == {on_limit_today, in_60_days}


def test_list_columns_follow_the_day_and_the_data_though_their_subqueries_are_built_once():
    """Les sous-requêtes de « Mes jeunes » (dernier contact tenu, situation et dispositif en cours) sont
    construites une fois par processus (par jour pour la situation) : chaque lecture voit les données et le jour."""
    import time_machine

    from tests.factories import ContactFactory, SituationFactory

    young_person = YoungPersonFactory()
    listing = YoungPerson.objects.filter(pk=young_person.pk)
    with time_machine.travel(datetime.datetime(2026, 3, 10, 10, tzinfo=datetime.UTC)):
        SituationFactory(
            young_person=young_person,
            category="emploi",
            start_date=datetime.date(2026, 3, 1),
            end_date=datetime.date(2026, 3, 10),
        )
        row = listing.with_last_contact().with_current_situation().with_current_programme().get()
        assert (row.last_contact_on, row.current_situation, row.current_programme) == (None, "emploi", None)
        ContactFactory(young_person=young_person, date=datetime.date(2026, 3, 9), status="present")
        assert listing.with_last_contact().get().last_contact_on == datetime.date(2026, 3, 9)
    with time_machine.travel(datetime.datetime(2026, 3, 11, 10, tzinfo=datetime.UTC)):
        assert listing.with_current_situation().get().current_situation is None
