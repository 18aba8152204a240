import datetime

import pytest

from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.accompaniment.rules import (
    is_durable_employment,
    is_positive_outcome,
    kind_error,
    months_between,
)

D = datetime.date


def test_months_between():
    assert months_between(D(2025, 1, 15), D(2025, 7, 14)) == 5
    assert months_between(D(2025, 1, 15), D(2025, 7, 15)) == 6


@pytest.mark.parametrize(
    ("kind", "start", "end", "durable"),
    [
        (SituationKind.CDI, D(2025, 1, 1), None, True),
        (SituationKind.CDD, D(2025, 1, 1), D(2025, 7, 1), True),
        (SituationKind.CDD, D(2025, 1, 1), D(2025, 6, 30), False),
        (SituationKind.TEMPING, D(2025, 1, 1), D(2025, 7, 1), True),
        (SituationKind.SUBSIDISED, D(2025, 1, 1), None, False),
        (SituationKind.BUSINESS_CREATION, D(2025, 1, 1), D(2026, 1, 1), False),
    ],
)
def test_durable_employment(kind, start, end, durable):
    assert is_durable_employment(kind, start, end) is durable


def test_positive_outcome_training_needs_six_months():
    assert is_positive_outcome(SituationCategory.TRAINING, "", D(2025, 1, 1), D(2025, 7, 1))
    assert not is_positive_outcome(SituationCategory.TRAINING, "", D(2025, 1, 1), D(2025, 3, 1))
    assert is_positive_outcome(SituationCategory.SCHOOL, "", D(2025, 1, 1), None)
    assert not is_positive_outcome(SituationCategory.JOB_SEEKER, "", D(2025, 1, 1), None)


def test_kind_must_match_category():
    assert kind_error(SituationCategory.EMPLOYMENT, SituationKind.APPRENTICESHIP).startswith(
        "Pour la catégorie"
    )
    assert kind_error(SituationCategory.EMPLOYMENT, "") == "Précisez le type de « Emploi »."
    assert kind_error(SituationCategory.INACTIVE, "") is None
    assert kind_error(SituationCategory.ALTERNANCE, SituationKind.APPRENTICESHIP) is None
