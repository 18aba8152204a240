import datetime

import factory

from parcours.employers.enums import ContractType, ExchangeKind, ImmersionGoal, PartnerKind
from parcours.employers.models import (
    Agreement,
    EmployerRelation,
    Event,
    Exchange,
    Immersion,
    JobOffer,
    LocalAction,
    Partner,
    Referral,
    Sponsor,
    Sponsorship,
)
from parcours.employers.synthetic import synthetic_siret
from parcours.referential.models import Department
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Entreprise de test {n}")
    kind = PartnerKind.COMPANY
    siret = factory.Sequence(lambda n: synthetic_siret(80_000_000 + n))
    commune = "Lille"
    postcode = "59000"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    code = factory.Sequence(lambda n: f"accord-test-{n}")
    title = factory.Sequence(lambda n: f"Accord de test {n}")
    status = "signe"
    signed_on = datetime.date(2024, 1, 15)


class EmployerRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerRelation

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    partner = factory.SubFactory(PartnerFactory)
    since = datetime.date(2024, 1, 1)


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange

    relation = factory.SubFactory(EmployerRelationFactory)
    date = datetime.date(2025, 3, 3)
    kind = ExchangeKind.PHONE


class JobOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOffer

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    partner = factory.SubFactory(PartnerFactory)
    title = "Employé polyvalent de restauration"
    rome_code = "G1603"
    contract_type = ContractType.CDD
    duration_months = 6
    description = "Préparation, service, entretien."
    commune = "Lille"
    postcode = "59000"
    department = factory.LazyFunction(lambda: Department.objects.get(code="59"))
    counsellor = factory.SubFactory(UserFactory, mission_locale=factory.SelfAttribute("..mission_locale"))
    received_on = datetime.date(2025, 1, 6)
    published = True
    published_on = datetime.date(2025, 1, 6)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    offer = factory.SubFactory(JobOfferFactory)
    young_person = factory.SubFactory(
        YoungPersonFactory, mission_locale=factory.SelfAttribute("..offer.mission_locale")
    )
    date = datetime.date(2025, 1, 10)


class ImmersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Immersion

    young_person = factory.SubFactory(YoungPersonFactory)
    partner = factory.SubFactory(PartnerFactory)
    goal = ImmersionGoal.DISCOVER
    rome_code = "F1703"
    start_date = datetime.date(2025, 2, 3)
    end_date = datetime.date(2025, 2, 14)
    tutor_name = "Karim Haddad"


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsor

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    first_name = "Bernadette"
    last_name = factory.Sequence(lambda n: f"Parrain{n}")
    occupation = "Responsable des ressources humaines"


class SponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsorship

    young_person = factory.SubFactory(YoungPersonFactory)
    sponsor = factory.SubFactory(
        SponsorFactory, mission_locale=factory.SelfAttribute("..young_person.mission_locale")
    )
    signed_on = datetime.date(2025, 3, 1)
    barriers = ["acces_emploi"]
    objectives = "Préparer les entretiens d'embauche."
    monthly_hours = 2


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    kind = "journee_recrutement"
    title = "Rendez-vous de l'entreprise"
    date = datetime.date(2025, 4, 10)
    place = "Centre social"
    companies, offers, visitors, cvs, interviews, hires = 15, 50, 100, 60, 40, 8


class LocalActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAction

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    title = "Mobilisation pour l'emploi"
    territory = "Quartier prioritaire"
    start_date = datetime.date(2025, 1, 1)
    targeted, reached, proposals, with_follow_up = 200, 416, 1085, 280
