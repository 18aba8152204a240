import datetime

import pytest

from parcours.accompaniment.enums import SituationCategory, SituationKind, SituationState
from parcours.accompaniment.models import Situation
from parcours.accompaniment.rules import is_positive_outcome
from parcours.accounts.enums import Role
from parcours.employers import services
from parcours.employers.enums import ContractType, OfferStatus, ReferralStatus
from parcours.employers.models import (
    AgreementParty,
    EmployerRelation,
    Immersion,
    Recruitment,
    Referral,
    Sponsorship,
)
from parcours.young_people import timeline
from parcours.young_people.models import YoungPerson
from tests.employers.factories import (
    AgreementFactory,
    ImmersionFactory,
    JobOfferFactory,
    PartnerFactory,
    SponsorFactory,
    SponsorshipFactory,
)
from tests.factories import MissionLocaleFactory, UserFactory, YoungPersonFactory

D = datetime.date
TODAY = D(2025, 5, 20)


@pytest.fixture
def offer(ml, counsellor):
    return JobOfferFactory(mission_locale=ml, counsellor=counsellor, positions=1)


@pytest.fixture
def young(ml, counsellor):
    return YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name="Durand")


def test_put_forward_then_hire_opens_a_situation_and_fills_the_offer(offer, young, counsellor):
    referral = services.put_forward(offer, young, counsellor, date=D(2025, 3, 1), notes="Motivée")
    services.update_referral(referral, ReferralStatus.INTERVIEW, today=TODAY)
    recruitment = services.record_recruitment(
        young,
        offer.partner,
        ContractType.CDD,
        D(2025, 4, 1),
        D(2025, 10, 31),
        user=counsellor,
        referral=referral,
        today=TODAY,
    )
    referral.refresh_from_db()
    offer.refresh_from_db()
    assert referral.status == ReferralStatus.HIRED and referral.result_on == TODAY
    assert offer.status == OfferStatus.FILLED
    situation = Situation.objects.get(young_person=young)
    assert recruitment.situation == situation
    assert (situation.category, situation.kind, situation.state) == (
        SituationCategory.EMPLOYMENT,
        SituationKind.CDD,
        SituationState.IN_PROGRESS,
    )
    assert situation.rome_code == offer.rome_code and situation.employer == offer.partner.name
    assert situation.is_durable_employment  # CDD de 6 mois et plus
    entries = [e for e in timeline.build(young) if e.kind == "mise_en_relation"]
    assert (
        entries[0].title.startswith("Mise en relation : Employé polyvalent")
        and entries[0].status == "Retenu (recruté)"
    )


def test_recruitment_becomes_the_current_situation_and_a_positive_outcome(young, counsellor):
    Situation.objects.create(
        young_person=young, category=SituationCategory.JOB_SEEKER, state=SituationState.IN_PROGRESS,
        start_date=D(2024, 9, 1),
    )  # fmt: skip
    recruitment = services.record_recruitment(
        young, PartnerFactory(), ContractType.CDI, D(2025, 5, 2), user=counsellor, today=TODAY
    )
    current = YoungPerson.objects.with_current_situation().get(pk=young.pk).current_situation
    assert current == SituationCategory.EMPLOYMENT
    situation = recruitment.situation
    assert is_positive_outcome(situation.category, situation.kind, situation.start_date, situation.end_date)
    assert situation.source_id == f"employeurs:recrutement:{recruitment.pk}"


def test_alternance_contract_opens_an_alternance_situation(young, counsellor):
    partner = PartnerFactory()
    services.record_recruitment(
        young,
        partner,
        ContractType.APPRENTICESHIP,
        D(2025, 9, 1),
        D(2027, 8, 31),
        user=counsellor,
        today=TODAY,
    )
    situation = Situation.objects.get(young_person=young)
    assert (situation.category, situation.kind, situation.state) == ("alternance", "apprentissage", "prevu")
    assert EmployerRelation.objects.filter(mission_locale=young.mission_locale, partner=partner).exists()


@pytest.mark.parametrize(
    ("contract", "start", "end", "message"),
    [
        (ContractType.CDI, D(2025, 4, 1), D(2025, 12, 1), "CDI"),
        (ContractType.CDD, D(2025, 4, 1), None, "date de fin"),
        (ContractType.CDD, D(2025, 4, 1), D(2025, 3, 1), "précéder"),
    ],
)
def test_bad_recruitment_saves_nothing(young, counsellor, contract, start, end, message):
    with pytest.raises(services.EmployerRuleError) as error:
        services.record_recruitment(
            young, PartnerFactory(), contract, start, end, user=counsellor, today=TODAY
        )
    assert message in str(error.value)
    assert not Recruitment.objects.exists() and not Situation.objects.exists()


def test_put_forward_refuses_bad_cases(offer, young, counsellor):
    services.put_forward(offer, young, counsellor, date=D(2025, 3, 1))
    with pytest.raises(services.EmployerRuleError, match="déjà positionné"):
        services.put_forward(offer, young, counsellor, date=D(2025, 3, 2))
    other = YoungPersonFactory(mission_locale=MissionLocaleFactory())
    with pytest.raises(services.EmployerRuleError, match="n'est pas suivi"):
        services.put_forward(offer, other, counsellor)
    with pytest.raises(services.EmployerRuleError, match="précéder la réception"):
        services.put_forward(
            offer, YoungPersonFactory(mission_locale=offer.mission_locale), counsellor, date=D(2024, 1, 1)
        )
    offer.status = OfferStatus.CLOSED
    with pytest.raises(services.EmployerRuleError, match="plus ouverte"):
        services.put_forward(offer, YoungPersonFactory(mission_locale=offer.mission_locale), counsellor)
    assert Referral.objects.count() == 1


def test_a_counsellor_puts_forward_only_the_young_people_they_follow(offer, young, ml, counsellor, director):
    """La règle tient dans le service, pas seulement dans la liste du formulaire."""
    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    followed_by_colleague = YoungPersonFactory(mission_locale=ml, referent=colleague)
    with pytest.raises(services.EmployerRuleError, match="dont il est le référent"):
        services.put_forward(offer, followed_by_colleague, counsellor, date=D(2025, 3, 1))
    assert not Referral.objects.exists()
    services.put_forward(offer, young, counsellor, date=D(2025, 3, 1))
    services.put_forward(offer, followed_by_colleague, director, date=D(2025, 3, 1))
    assert Referral.objects.count() == 2


def test_referral_cannot_be_reopened_nor_hired_without_contract(offer, young, counsellor):
    referral = services.put_forward(offer, young, counsellor, date=D(2025, 3, 1))
    with pytest.raises(services.EmployerRuleError, match="saisissez le recrutement"):
        services.update_referral(referral, ReferralStatus.HIRED, today=TODAY)
    services.update_referral(referral, ReferralStatus.REJECTED, today=TODAY)
    with pytest.raises(services.EmployerRuleError, match="close"):
        services.update_referral(referral, ReferralStatus.INTERVIEW, today=TODAY)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REJECTED and referral.result_on == TODAY


def test_immersion_is_a_situation_and_takes_the_partners_agreement(young, counsellor):
    partner = PartnerFactory()
    agreement = AgreementFactory()
    AgreementParty.objects.create(agreement=agreement, partner=partner)
    immersion = ImmersionFactory.build(young_person=young, partner=partner)
    services.record_immersion(immersion, user=counsellor, today=TODAY)
    assert immersion.agreement == agreement
    situation = immersion.situation
    assert (situation.category, situation.kind, situation.state) == ("immersion", "pmsmp", "termine")
    immersion.end_date = D(2025, 2, 7)
    immersion.outcome = "projet_confirme"
    services.update_immersion(immersion, today=TODAY)
    situation.refresh_from_db()
    assert situation.end_date == D(2025, 2, 7)


def test_too_long_immersion_is_refused(young, counsellor):
    immersion = ImmersionFactory.build(young_person=young, start_date=D(2025, 2, 1), end_date=D(2025, 4, 1))
    immersion.partner.save()
    with pytest.raises(services.EmployerRuleError, match="30 jours"):
        services.record_immersion(immersion, user=counsellor, today=TODAY)
    assert not Immersion.objects.exists() and not Situation.objects.exists()


def test_sponsorship_contract_notes_and_outcome(young, counsellor, ml):
    sponsor = SponsorFactory(mission_locale=ml)
    sponsorship = Sponsorship(
        young_person=young,
        sponsor=sponsor,
        signed_on=D(2025, 1, 15),
        barriers=[],
        objectives="Emploi",
        monthly_hours=2,
    )
    with pytest.raises(services.EmployerRuleError, match="au moins un frein"):
        services.start_sponsorship(sponsorship, user=counsellor)
    sponsorship.barriers = ["mobilite", "acces_emploi"]
    services.start_sponsorship(sponsorship, user=counsellor)
    assert sponsorship.counsellor == counsellor
    with pytest.raises(services.EmployerRuleError, match="déjà un parrainage en cours"):
        services.start_sponsorship(
            SponsorshipFactory.build(young_person=young, sponsor=sponsor), user=counsellor
        )
    with pytest.raises(services.EmployerRuleError, match="précéder la signature"):
        services.add_sponsor_note(sponsorship, D(2025, 1, 1), "Trop tôt")
    services.add_sponsor_note(sponsorship, D(2025, 2, 10), "Simulation d'entretien", 90)
    services.end_sponsorship(sponsorship, D(2025, 6, 30), "emploi")
    with pytest.raises(services.EmployerRuleError, match="terminé"):
        services.add_sponsor_note(sponsorship, D(2025, 7, 1), "Après la fin")
    assert sponsorship.notes.count() == 1
    entry = next(e for e in timeline.build(young) if e.kind == "parrainage")
    assert entry.status == "Emploi" and "Mobilité" in entry.detail


def test_sponsor_of_another_mission_locale_is_refused(young, counsellor):
    sponsorship = SponsorshipFactory.build(
        young_person=young, sponsor=SponsorFactory(mission_locale=MissionLocaleFactory())
    )
    with pytest.raises(services.EmployerRuleError, match="réseau de la mission locale"):
        services.start_sponsorship(sponsorship, user=counsellor)
    assert not Sponsorship.objects.exists()


def test_save_offer_sets_publication_and_default_agreement(ml):
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    partner = PartnerFactory()
    agreement = AgreementFactory()
    AgreementParty.objects.create(agreement=agreement, partner=partner)
    offer = JobOfferFactory.build(
        mission_locale=None, partner=partner, counsellor=referent, published=True, published_on=None
    )
    services.save_offer(offer, referent, today=D(2025, 2, 1))
    assert offer.mission_locale == ml and offer.published_on == D(2025, 2, 1) and offer.agreement == agreement
    offer.published = False
    services.save_offer(offer, referent, today=D(2025, 2, 2))
    assert offer.published_on is None


def test_save_offer_refuses_a_duration_that_does_not_fit_the_contract(ml):
    """La règle du formulaire tient dans le service : un CDI sans durée, un CDD avec la sienne."""
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    offer = JobOfferFactory.build(mission_locale=ml, partner=PartnerFactory(), counsellor=referent)
    offer.contract_type, offer.duration_months = ContractType.CDI, 6
    with pytest.raises(services.EmployerRuleError, match="Un CDI n'a pas de durée"):
        services.save_offer(offer, referent, today=D(2025, 2, 1))
    offer.contract_type, offer.duration_months = ContractType.CDD, None
    with pytest.raises(services.EmployerRuleError, match="Précisez la durée"):
        services.save_offer(offer, referent, today=D(2025, 2, 1))
    assert offer.pk is None
    offer.duration_months = 6
    services.save_offer(offer, referent, today=D(2025, 2, 1))
    assert offer.pk is not None


def test_a_recruitment_closes_the_job_seeker_situation(young, counsellor):
    """Issue 11, point 7 : un recrutement laissait « Demandeur d'emploi (en cours) » ouvert."""
    from tests.factories import SituationFactory

    job_seeker = SituationFactory(young_person=young, start_date=D(2024, 10, 1))
    services.record_recruitment(
        young, PartnerFactory(), ContractType.CDD, D(2025, 4, 1), D(2025, 9, 30), user=counsellor, today=TODAY
    )
    job_seeker.refresh_from_db()
    assert (job_seeker.end_date, job_seeker.state, job_seeker.version) == (D(2025, 3, 31), "termine", 2)
    assert young.situations.current(TODAY).get().kind == "cdd"
