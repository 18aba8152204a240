import datetime

import pytest

from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.accompaniment.rules import (
    is_durable_employment,
    is_positive_outcome,
    kind_error,
)

D = datetime.date


@pytest.mark.parametrize(
    ("kind", "start", "end", "durable"),
    [
        (SituationKind.CDI, D(2025, 1, 1), None, True),
        # Dates comprises : du 01/01 au 30/06, six mois pleins (domain.md §4).
        (SituationKind.CDD, D(2025, 1, 1), D(2025, 6, 30), True),
        (SituationKind.CDD, D(2025, 1, 1), D(2025, 6, 29), False),
        (SituationKind.TEMPING, D(2025, 1, 15), D(2025, 7, 14), True),
        (SituationKind.TEMPING, D(2025, 1, 15), D(2025, 7, 13), False),
        (SituationKind.SUBSIDISED, D(2024, 8, 31), D(2025, 2, 28), True),
        (SituationKind.SUBSIDISED, D(2023, 8, 31), D(2024, 2, 28), False),
        (SituationKind.CDD, D(2025, 1, 1), None, False),
        (SituationKind.SUBSIDISED, D(2025, 1, 1), None, False),
        (SituationKind.BUSINESS_CREATION, D(2025, 1, 1), D(2026, 1, 1), False),
    ],
)
def test_durable_employment(kind, start, end, durable):
    assert is_durable_employment(kind, start, end) is durable


def test_positive_outcome_training_needs_six_months():
    assert is_positive_outcome(SituationCategory.TRAINING, "", D(2025, 1, 1), D(2025, 6, 30))
    assert not is_positive_outcome(SituationCategory.TRAINING, "", D(2025, 1, 1), D(2025, 6, 29))
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
