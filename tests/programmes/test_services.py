import datetime

import pytest
from django.db import IntegrityError, transaction

from parcours.programmes import services
from parcours.programmes.enums import ExitOutcome
from parcours.programmes.models import Enrolment, EnrolmentPhase, Programme
from tests.factories import YoungPersonFactory
from tests.programmes.factories import CohortFactory, EnrolmentFactory, ReferralFactory, programme

D = datetime.date
TODAY = D(2025, 6, 2)


@pytest.fixture
def young(ml):
    return YoungPersonFactory(mission_locale=ml, birth_date=D(2004, 3, 1), first_reception_date=D(2025, 1, 6))


def test_programmes_loaded_as_data(db):
    codes = set(programme_codes())
    assert {"civis", "ani-2011", "pacea", "garantie-jeunes", "cej"} <= codes
    ani = programme("ani-2011")
    assert ani.max_duration_months == 18
    assert [p.label for p in ani.phases.order_by("order")] == [
        "Diagnostic et co-construction du projet professionnel",
        "Plan d'action et accompagnement intensif",
        "Suivi dans l'emploi",
    ]
    plan = ani.phases.get(order=2)
    assert (plan.initial_frequency, plan.initial_months, plan.contact_frequency) == (
        "hebdomadaire",
        3,
        "bimensuelle",
    )
    assert ani.phases.get(order=3).contact_frequency == "mensuelle"
    assert set(ani.incompatible_with.values_list("code", flat=True)) == {
        "civis",
        "contrat-autonomie",
        "e2c",
        "epide",
    }
    assert list(programme("e2c").incompatible_with.values_list("code", flat=True)) == ["ani-2011"]
    assert len(programme("pacea").objectives) == 17
    gj = programme("garantie-jeunes")
    assert gj.runs_in_cohorts and gj.modality_of == programme("pacea") and not gj.exclusive
    assert gj.phases.get(order=1).counts_group_contacts and not gj.phases.get(order=2).counts_group_contacts
    assert ani.certification_below == "V"


def programme_codes():
    from parcours.programmes.models import Programme

    return Programme.objects.values_list("code", flat=True)


def test_enrol_opens_first_phase(young, counsellor):
    enrolment = services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=TODAY)
    assert enrolment.exclusive
    phase = enrolment.phases.get()
    assert (phase.phase.order, phase.start_date, phase.end_date) == (1, D(2025, 3, 3), None)
    assert enrolment.planned_end_date == D(2026, 3, 2)


def test_exclusive_programmes_refused_with_reason(young, counsellor):
    services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=TODAY)
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, programme("pacea"), D(2025, 4, 1), by=counsellor, today=TODAY)
    assert error.value.reasons == [
        "Le jeune est déjà dans un dispositif exclusif : Contrat d'engagement jeune (CEJ). Faites-l'en sortir d'abord."
    ]
    assert Enrolment.objects.filter(young_person=young).count() == 1


def test_exclusivity_enforced_by_database(young):
    EnrolmentFactory(young_person=young)
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(young_person=young, programme=programme("pacea"), with_phase=False)


def test_retroactive_entry_overlapping_a_past_enrolment_is_refused(young, counsellor):
    enrolment = services.enrol(young, programme("cej"), D(2025, 2, 3), by=counsellor, today=TODAY)
    services.exit_programme(enrolment, D(2025, 4, 30), ExitOutcome.ABANDONMENT, today=TODAY)
    with pytest.raises(services.ProgrammeRuleError):
        services.enrol(young, programme("pacea"), D(2025, 4, 30), by=counsellor, today=TODAY)
    assert services.enrol(young, programme("pacea"), D(2025, 5, 1), by=counsellor, today=TODAY)


def test_ani_refused_in_cotraitance_and_age(ml, counsellor):
    young = YoungPersonFactory(
        mission_locale=ml,
        birth_date=D(1991, 2, 1),
        first_reception_date=D(2011, 3, 1),
        education_level="V",
        certification_level="aucune",
    )
    ReferralFactory(young_person=young, assignment_date=D(2011, 3, 1))
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, programme("ani-2011"), D(2011, 5, 2), by=counsellor, today=D(2011, 6, 1))
    assert error.value.reasons == [
        "Le jeune est suivi en co-traitance avec Pôle emploi : Accompagnement renforcé ANI 2011 ne le concerne pas."
    ]


def test_ani_refused_while_in_e2c_which_does_not_exclude_pacea(ml, counsellor):
    young = YoungPersonFactory(
        mission_locale=ml,
        birth_date=D(1993, 2, 1),
        first_reception_date=D(2011, 3, 1),
        education_level="V",
        certification_level="aucune",
    )
    e2c = services.enrol(young, programme("e2c"), D(2011, 3, 7), by=counsellor, today=D(2011, 6, 1))
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, programme("ani-2011"), D(2011, 5, 2), by=counsellor, today=D(2011, 6, 1))
    assert error.value.reasons == [
        "Accompagnement renforcé ANI 2011 ne se cumule pas avec École de la deuxième chance (E2C)."
    ]
    services.exit_programme(e2c, D(2011, 5, 1), ExitOutcome.ABANDONMENT, today=D(2011, 6, 1))
    assert services.enrol(young, programme("ani-2011"), D(2011, 5, 2), by=counsellor, today=D(2011, 6, 1))
    assert not e2c.exclusive  # dispositif extérieur : il ne bloque pas un dispositif exclusif de la ML


def test_garantie_jeunes_needs_a_cohort_of_the_ml(ml, other_ml, counsellor):
    young = YoungPersonFactory(
        mission_locale=ml, birth_date=D(2000, 1, 1), first_reception_date=D(2019, 1, 7)
    )
    gj = programme("garantie-jeunes")
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, gj, D(2019, 3, 4), by=counsellor, today=D(2019, 6, 1))
    assert "choisissez la cohorte" in error.value.reasons[0]
    foreign = CohortFactory(mission_locale=other_ml)
    with pytest.raises(services.ProgrammeRuleError):
        services.enrol(young, gj, D(2019, 3, 4), by=counsellor, today=D(2019, 6, 1), cohort=foreign)
    cohort = CohortFactory(mission_locale=ml, start_date=D(2019, 3, 4))
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, gj, D(2019, 3, 1), by=counsellor, today=D(2019, 6, 1), cohort=cohort)
    assert error.value.reasons == ["La cohorte démarre le 04/03/2019 : l'entrée ne peut la précéder."]
    enrolment = services.enrol(young, gj, D(2019, 3, 4), by=counsellor, today=D(2019, 6, 1), cohort=cohort)
    assert enrolment.cohort == cohort


def test_phases_follow_in_order_and_repeatable_phase_renews(young, counsellor):
    pacea = programme("pacea")
    enrolment = services.enrol(young, pacea, D(2025, 2, 3), by=counsellor, today=TODAY)
    diagnostic, accompaniment = pacea.phases.order_by("order")
    assert services.next_phases(enrolment) == [accompaniment]
    services.change_phase(
        enrolment,
        accompaniment,
        D(2025, 3, 3),
        today=TODAY,
        objectives=["Accéder à l'emploi"],
        review="Diagnostic fait",
    )
    closed = EnrolmentPhase.objects.get(enrolment=enrolment, phase=diagnostic)
    assert (closed.end_date, closed.review) == (D(2025, 3, 3), "Diagnostic fait")
    assert services.next_phases(enrolment) == [accompaniment]
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.change_phase(enrolment, diagnostic, D(2025, 4, 1), today=TODAY)
    assert error.value.reasons == [
        "Les phases se suivent dans l'ordre ; seule une phase renouvelable peut être reconduite."
    ]
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.change_phase(
            enrolment, accompaniment, D(2025, 4, 1), today=TODAY, objectives=["Objectif inventé"]
        )
    assert error.value.reasons == ["Objectif inconnu pour ce dispositif : Objectif inventé."]
    services.change_phase(enrolment, accompaniment, D(2025, 5, 5), today=TODAY)
    assert enrolment.phases.count() == 3


def test_exit_closes_phase_and_checks_dates(young, counsellor):
    enrolment = services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=TODAY)
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.exit_programme(enrolment, D(2025, 3, 2), ExitOutcome.EMPLOYMENT, today=TODAY)
    assert "La sortie ne peut précéder l'entrée (03/03/2025)." in error.value.reasons
    with pytest.raises(services.ProgrammeRuleError):
        services.exit_programme(enrolment, D(2025, 6, 3), ExitOutcome.EMPLOYMENT, today=TODAY)
    with pytest.raises(services.ExitOutcomeWarning):  # aucun emploi enregistré
        services.exit_programme(enrolment, D(2025, 6, 2), ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY)
    services.exit_programme(
        enrolment, D(2025, 6, 2), ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY, confirmed=True
    )
    enrolment.refresh_from_db()
    assert (enrolment.exit_date, enrolment.exit_outcome) == (D(2025, 6, 2), "emploi_durable")
    assert enrolment.phases.get().end_date == D(2025, 6, 2)
    with pytest.raises(services.ProgrammeRuleError):
        services.exit_programme(enrolment, D(2025, 6, 2), ExitOutcome.EMPLOYMENT, today=TODAY)


def test_maximum_duration_bounds_exit_and_phases(young, counsellor):
    today = D(2026, 6, 1)
    enrolment = services.enrol(young, programme("pacea"), D(2025, 2, 3), by=counsellor, today=today)
    diagnostic, accompaniment = programme("pacea").phases.order_by("order")
    with pytest.raises(services.ProgrammeRuleError) as error:  # 24 mois : fin prévue le 02/02/2027
        services.change_phase(enrolment, accompaniment, D(2027, 2, 3), today=D(2027, 3, 1))
    assert error.value.reasons == [
        "PACEA dure au plus 24 mois : aucune phase ne commence après le 02/02/2027."
    ]
    services.change_phase(enrolment, accompaniment, D(2027, 2, 2), today=D(2027, 3, 1))
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.exit_programme(enrolment, D(2027, 2, 3), ExitOutcome.END_OF_RIGHTS, today=D(2027, 3, 1))
    assert error.value.reasons == ["PACEA dure au plus 24 mois : la sortie est au plus tard le 02/02/2027."]
    services.exit_programme(enrolment, D(2027, 2, 2), ExitOutcome.END_OF_RIGHTS, today=D(2027, 3, 1))
    assert Enrolment.objects.get(pk=enrolment.pk).exit_date == D(2027, 2, 2)


def test_programmes_open_on_a_date_follow_their_entry_window(db):
    open_in_2025 = set(Programme.objects.open_on(D(2025, 3, 4)).values_list("code", flat=True))
    assert {"pacea", "cej"} <= open_in_2025
    assert not open_in_2025 & {"civis", "garantie-jeunes", "ani-2011"}
    assert "civis" in set(Programme.objects.open_on(D(2016, 12, 31)).values_list("code", flat=True))
    assert "civis" not in set(Programme.objects.open_on(D(2017, 1, 1)).values_list("code", flat=True))
    assert "pacea" not in set(Programme.objects.open_on(D(2016, 12, 31)).values_list("code", flat=True))
