import datetime

import factory

from parcours.cotraitance.enums import Track
from parcours.cotraitance.models import Envelope, Referral
from parcours.programmes.models import Cohort, Enrolment, EnrolmentPhase, Programme
from tests.factories import MissionLocaleFactory, YoungPersonFactory


def programme(code):
    return Programme.objects.get(code=code)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """Inscription ouverte dans le CEJ, avec sa première phase (sans passer par les contrôles d'entrée)."""

    class Meta:
        model = Enrolment
        skip_postgeneration_save = True

    young_person = factory.SubFactory(YoungPersonFactory)
    programme = factory.LazyFunction(lambda: programme("cej"))
    entry_date = datetime.date(2025, 1, 6)

    @factory.post_generation
    def with_phase(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EnrolmentPhase.objects.create(
                enrolment=self,
                phase=self.programme.phases.order_by("order").first(),
                start_date=self.entry_date,
            )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.LazyFunction(lambda: programme("garantie-jeunes"))
    mission_locale = factory.SubFactory(MissionLocaleFactory)
    label = factory.Sequence(lambda n: f"Cohorte {n}")
    start_date = datetime.date(2019, 3, 4)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    pe_id = factory.Sequence(lambda n: f"PE{n:08d}")
    young_person = factory.SubFactory(YoungPersonFactory)
    mission_locale = factory.SelfAttribute("young_person.mission_locale")
    agency = "Agence Lille Centre"
    assignment_date = datetime.date(2025, 4, 30)
    track = Track.ACCOMPANIED
    receives_benefits = True
    target_jobs = ["K2204"]


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Envelope

    mission_locale = factory.SubFactory(MissionLocaleFactory)
    year = 2025
    target = 100
    paid_target = 33
