"""Le motif de sortie est vérifié contre les situations du jeune (domain.md §4), ou confirmé explicitement."""

import datetime
from types import SimpleNamespace

import pytest

from parcours.accompaniment.enums import KINDS_BY_CATEGORY, SituationCategory, SituationKind
from parcours.accompaniment.rules import is_positive_outcome
from parcours.programmes import rules, services
from parcours.programmes.enums import POSITIVE_OUTCOMES, ExitOutcome
from parcours.programmes.models import Enrolment
from tests.factories import SituationFactory, YoungPersonFactory
from tests.programmes.factories import programme

D = datetime.date
TODAY = D(2025, 7, 1)
EXIT = D(2025, 6, 30)
MID_JUNE = D(2025, 6, 16)


@pytest.fixture
def enrolment(ml, counsellor):
    young = YoungPersonFactory(
        mission_locale=ml, birth_date=D(2004, 3, 1), first_reception_date=D(2025, 1, 6)
    )
    return services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=TODAY)


def situation(enrolment, category, kind="", start=MID_JUNE, end=None, state="en_cours"):
    return SituationFactory(
        young_person=enrolment.young_person,
        category=category,
        kind=kind,
        start_date=start,
        end_date=end,
        state=state,
    )


def test_durable_employment_refused_without_any_job(enrolment):
    with pytest.raises(services.ExitOutcomeWarning) as error:
        services.exit_programme(enrolment, EXIT, ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY)
    assert error.value.reasons == [
        "Aucune situation d'emploi durable (CDI, ou CDD, intérim, contrat aidé d'au moins 6 mois) n'est "
        "enregistrée pour ce jeune, en cours à la sortie (30/06/2025) ou commençant au plus tard le "
        "30/07/2025. Enregistrez la situation, choisissez un autre motif, ou confirmez ce motif."
    ]
    enrolment.refresh_from_db()
    assert enrolment.is_open and not enrolment.phases.filter(end_date__isnull=False).exists()


def test_confirmed_warning_is_recorded(enrolment):
    services.exit_programme(enrolment, EXIT, ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY, confirmed=True)
    saved = Enrolment.objects.get(pk=enrolment.pk)
    assert (saved.exit_outcome, saved.exit_outcome_confirmed) == ("emploi_durable", True)


@pytest.mark.parametrize(
    ("kind", "start", "end", "durable"),
    [
        (SituationKind.CDI, D(2025, 7, 15), None, True),  # commence dans le mois qui suit la sortie
        (SituationKind.CDD, D(2025, 1, 1), D(2025, 6, 30), True),  # 6 mois, dates comprises
        (SituationKind.CDD, D(2025, 6, 16), D(2025, 12, 14), False),  # un jour de moins que 6 mois
        (SituationKind.TEMPING, D(2025, 6, 16), D(2025, 12, 15), True),
        (SituationKind.CDI, D(2025, 8, 1), None, False),  # trop tard : plus d'un mois après la sortie
    ],
)
def test_durable_employment_checked_against_the_job(enrolment, kind, start, end, durable):
    situation(enrolment, SituationCategory.EMPLOYMENT, kind, start, end)
    if durable:
        services.exit_programme(enrolment, EXIT, ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY)
        assert not Enrolment.objects.get(pk=enrolment.pk).exit_outcome_confirmed
    else:
        with pytest.raises(services.ExitOutcomeWarning):
            services.exit_programme(enrolment, EXIT, ExitOutcome.DURABLE_EMPLOYMENT, today=TODAY)
        if start <= D(2025, 7, 30):  # un emploi, même court, justifie une sortie « emploi »
            services.exit_programme(enrolment, EXIT, ExitOutcome.EMPLOYMENT, today=TODAY)


def test_job_ended_before_the_exit_does_not_count(enrolment):
    situation(
        enrolment, SituationCategory.EMPLOYMENT, SituationKind.CDI, D(2025, 3, 1), D(2025, 6, 29), "termine"
    )
    with pytest.raises(services.ExitOutcomeWarning):
        services.exit_programme(enrolment, EXIT, ExitOutcome.EMPLOYMENT, today=TODAY)


def test_training_of_six_months_or_more_is_positive_shorter_is_not(enrolment):
    situation(enrolment, SituationCategory.TRAINING, SituationKind.QUALIFYING, D(2025, 7, 1), D(2025, 12, 30))
    with pytest.raises(services.ExitOutcomeWarning) as error:
        services.exit_programme(enrolment, EXIT, ExitOutcome.TRAINING, today=TODAY)
    assert "formation d'au moins 6 mois" in error.value.reasons[0]
    services.exit_programme(enrolment, EXIT, ExitOutcome.SHORT_TRAINING, today=TODAY)
    assert ExitOutcome.TRAINING in POSITIVE_OUTCOMES and ExitOutcome.SHORT_TRAINING not in POSITIVE_OUTCOMES


@pytest.mark.parametrize(
    ("outcome", "category", "kind"),
    [
        (ExitOutcome.ALTERNANCE, SituationCategory.ALTERNANCE, SituationKind.APPRENTICESHIP),
        (ExitOutcome.SCHOOL, SituationCategory.SCHOOL, ""),
        (ExitOutcome.BUSINESS_CREATION, SituationCategory.EMPLOYMENT, SituationKind.BUSINESS_CREATION),
    ],
)
def test_other_positive_outcomes_need_their_situation(enrolment, outcome, category, kind):
    with pytest.raises(services.ExitOutcomeWarning):
        services.exit_programme(enrolment, EXIT, outcome, today=TODAY)
    situation(enrolment, category, kind)
    services.exit_programme(enrolment, EXIT, outcome, today=TODAY)


def test_other_outcomes_are_not_checked(enrolment):
    services.exit_programme(enrolment, EXIT, ExitOutcome.ABANDONMENT, today=TODAY)
    assert Enrolment.objects.get(pk=enrolment.pk).exit_outcome == "abandon"


def test_rule_is_pure():
    job = rules.SituationFacts(SituationCategory.EMPLOYMENT, SituationKind.CDD, D(2025, 1, 1), D(2025, 6, 30))
    assert rules.exit_outcome_warning(ExitOutcome.DURABLE_EMPLOYMENT, [job], EXIT) is None
    assert rules.exit_outcome_warning(ExitOutcome.DURABLE_EMPLOYMENT, [], EXIT).startswith("Aucune situation")


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (ExitOutcome.DURABLE_EMPLOYMENT, ("emploi", True)),
        (ExitOutcome.EMPLOYMENT, ("emploi", False)),
        (ExitOutcome.BUSINESS_CREATION, ("emploi", False)),
        (ExitOutcome.ALTERNANCE, ("alternance", False)),
        (ExitOutcome.TRAINING, ("formation", False)),
        # Retour en formation initiale : sortie positive (001, domain.md §4), comptée avec les formations.
        (ExitOutcome.SCHOOL, ("formation", False)),
        # Formation de moins de 6 mois : pas une sortie positive.
        (ExitOutcome.SHORT_TRAINING, ("autre", False)),
        (ExitOutcome.ABANDONMENT, ("autre", False)),
        (ExitOutcome.END_OF_RIGHTS, ("autre", False)),
    ],
)
def test_warehouse_positive_exit_rows_follow_domain_rule(outcome, expected):
    """Les lignes « sortis en emploi ou formation » de l'entrepôt : exactement les sorties positives de §4."""
    from parcours.warehouse.sources import exit_outcome

    assert exit_outcome(outcome) == expected
    assert (expected[0] != "autre") is (outcome in POSITIVE_OUTCOMES)


def test_a_situation_that_justifies_a_positive_exit_is_a_positive_outcome():
    """Motif de sortie et situation : les deux vocabulaires de la sortie positive (§4) disent la même règle,
    ``accompaniment.rules.is_positive_outcome``."""
    situations = [
        SimpleNamespace(category=category, kind=kind, start_date=D(2025, 1, 1), end_date=end)
        for category in SituationCategory
        for kind in KINDS_BY_CATEGORY.get(category) or ("",)
        for end in (D(2025, 3, 31), D(2025, 12, 31), None)
    ]
    for outcome, (_, justifies) in rules.EXIT_OUTCOME_SITUATIONS.items():
        positive = [
            is_positive_outcome(s.category, s.kind, s.start_date, s.end_date)
            for s in situations
            if justifies(s)
        ]
        assert positive, outcome
        assert all(positive) is (outcome in POSITIVE_OUTCOMES), outcome
