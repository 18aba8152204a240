import datetime

import factory

from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ProposalKind, SituationCategory, Theme
from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.referential.models import Department, MissionLocale
from parcours.young_people.enums import EducationLevel, Sex
from parcours.young_people.models import YoungPerson


class MissionLocaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionLocale

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Mission locale de test {n}")
    department = factory.LazyFunction(lambda: Department.objects.get(code="59"))


#: Le mot de passe de tous les comptes de test (connexion par le formulaire dans les tests navigateur).
PASSWORD = "mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.COUNSELLOR
    mission_locale = factory.SubFactory(MissionLocaleFactory)
    password = factory.django.Password(PASSWORD)


class YoungPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YoungPerson

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    last_name = factory.Faker("last_name", locale="fr_FR")
    first_name = factory.Faker("first_name", locale="fr_FR")
    birth_date = datetime.date(2005, 3, 14)
    sex = Sex.FEMALE
    education_level = EducationLevel.V
    first_reception_date = datetime.date(2024, 9, 2)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    young_person = factory.SubFactory(YoungPersonFactory)
    date = datetime.date(2025, 1, 10)
    kind = ContactKind.INDIVIDUAL
    status = AttendanceStatus.PRESENT
    themes = [Theme.EMPLOYMENT]


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    young_person = factory.SubFactory(YoungPersonFactory)
    date = datetime.date(2025, 1, 10)
    theme = Theme.TRAINING
    kind = ProposalKind.TRAINING


class SituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Situation

    young_person = factory.SubFactory(YoungPersonFactory)
    category = SituationCategory.JOB_SEEKER
    state = "en_cours"
    start_date = datetime.date(2025, 1, 1)
