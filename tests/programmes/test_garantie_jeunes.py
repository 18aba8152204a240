"""La Garantie jeunes est une modalité du PACEA (002) : elle s'ouvre dans un PACEA sans le clore."""

import datetime

import pytest

from parcours.accompaniment.enums import ContactKind
from parcours.programmes import services, worklist
from parcours.programmes.enums import AlertReason, ExitOutcome
from parcours.programmes.models import Enrolment
from tests.factories import ContactFactory, YoungPersonFactory
from tests.programmes.factories import CohortFactory, programme

D = datetime.date
TODAY = D(2019, 6, 1)
COHORT_START = D(2019, 3, 4)


@pytest.fixture
def young(ml, counsellor):
    return YoungPersonFactory(
        mission_locale=ml, referent=counsellor, birth_date=D(2000, 1, 1), first_reception_date=D(2019, 1, 7)
    )


@pytest.fixture
def cohort(ml):
    return CohortFactory(mission_locale=ml, start_date=D(2019, 3, 4))


def enter_gj(young, counsellor, cohort, day=COHORT_START, today=TODAY):
    return services.enrol(young, programme("garantie-jeunes"), day, by=counsellor, today=today, cohort=cohort)


def test_entering_garantie_jeunes_keeps_the_pacea_open(young, counsellor, cohort):
    pacea = services.enrol(young, programme("pacea"), D(2019, 1, 14), by=counsellor, today=TODAY)
    gj = enter_gj(young, counsellor, cohort)
    pacea.refresh_from_db()
    assert pacea.is_open and gj.is_open
    assert set(
        Enrolment.objects.filter(young_person=young).open().values_list("programme__code", flat=True)
    ) == {
        "pacea",
        "garantie-jeunes",
    }


def test_garantie_jeunes_still_excludes_other_programmes(young, counsellor, cohort):
    gj = enter_gj(young, counsellor, cohort)
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.enrol(young, programme("cej"), D(2022, 3, 1), by=counsellor, today=D(2022, 3, 1))
    assert error.value.reasons == [
        "Le jeune est déjà dans un dispositif exclusif : Garantie jeunes. Faites-l'en sortir d'abord."
    ]
    assert gj.is_open
    # Une seule Garantie jeunes ouverte à la fois.
    with pytest.raises(services.ProgrammeRuleError):
        enter_gj(young, counsellor, cohort, day=D(2019, 4, 1))


def test_pacea_entered_during_garantie_jeunes(young, counsellor, cohort):
    enter_gj(young, counsellor, cohort)
    assert services.enrol(young, programme("pacea"), D(2019, 4, 1), by=counsellor, today=TODAY).is_open


def test_pacea_exit_waits_for_the_garantie_jeunes_exit(young, counsellor, cohort):
    pacea = services.enrol(young, programme("pacea"), D(2019, 1, 14), by=counsellor, today=TODAY)
    gj = enter_gj(young, counsellor, cohort)
    with pytest.raises(services.ProgrammeRuleError) as error:
        services.exit_programme(pacea, D(2019, 5, 31), ExitOutcome.ABANDONMENT, today=TODAY)
    assert error.value.reasons == [
        "Inscription en Garantie jeunes (modalité de PACEA) encore ouverte : enregistrez d'abord sa sortie."
    ]
    services.exit_programme(gj, D(2019, 5, 31), ExitOutcome.ABANDONMENT, today=TODAY)
    services.exit_programme(pacea, D(2019, 5, 31), ExitOutcome.ABANDONMENT, today=TODAY)


def reasons(counsellor, today):
    items, _ = worklist.build(worklist.counsellor_scope(counsellor), today)
    return {(item.young_person.pk, alert.reason) for item in items for alert in item.alerts}


@pytest.mark.parametrize("kind", [ContactKind.WORKSHOP, ContactKind.GROUP])
def test_workshops_of_the_collective_phase_count_as_contacts(young, counsellor, cohort, kind):
    enter_gj(young, counsellor, cohort, today=D(2019, 3, 4))
    # Sas collectif : un contact par semaine ; rien depuis le 04/03 -> manqué le 12/03.
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) in reasons(counsellor, D(2019, 3, 12))
    ContactFactory(young_person=young, date=D(2019, 3, 8), kind=kind)
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) not in reasons(counsellor, D(2019, 3, 12))


def test_workshops_do_not_replace_interviews_outside_the_collective_phase(young, counsellor):
    services.enrol(young, programme("cej"), D(2022, 3, 7), by=counsellor, today=D(2022, 3, 7))
    ContactFactory(young_person=young, date=D(2022, 3, 10), kind=ContactKind.WORKSHOP)
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) in reasons(counsellor, D(2022, 3, 15))
