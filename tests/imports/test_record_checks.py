"""L'import des dossiers contrôle les CheckConstraint en Python, sans requête par ligne (``records.CHECKS``) :
chaque équivalent doit décider comme la base. Pour chaque contrainte, des cas des deux côtés de la règle et sur
ses bornes ; la base tranche (``constraint.validate``), le contrôle Python doit dire la même chose."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint
from django.utils import timezone

from parcours.accompaniment.enums import SituationState
from parcours.programmes.enums import ExitOutcome
from parcours.programmes.imports import columns, records
from parcours.young_people.enums import ArchiveReason

D = datetime.date
NOW = timezone.now()
FINISHED, IN_PROGRESS = SituationState.FINISHED, SituationState.IN_PROGRESS

#: Contrainte -> valeurs des champs qu'elle lit, cas par cas (un cas par ligne).
CASES = {
    "yp_archive_reason_with_date": [
        {"archived_at": None, "archive_reason": ""},
        {"archived_at": NOW, "archive_reason": ArchiveReason.AGE_LIMIT},
        {"archived_at": NOW, "archive_reason": ""},
        {"archived_at": None, "archive_reason": ArchiveReason.AGE_LIMIT},
    ],
    "yp_first_reception_after_birth": [
        {"birth_date": D(2005, 3, 1), "first_reception_date": D(2022, 1, 10)},
        {"birth_date": D(2005, 3, 1), "first_reception_date": D(2005, 3, 1)},
        {"birth_date": D(2005, 3, 1), "first_reception_date": D(2005, 2, 28)},
    ],
    "yp_merged_is_archived_duplicate": [
        {"merged_into_id": None, "archive_reason": ""},
        {"merged_into_id": 1, "archive_reason": ArchiveReason.DUPLICATE},
        {"merged_into_id": 1, "archive_reason": ArchiveReason.AGE_LIMIT},
        {"merged_into_id": None, "archive_reason": ArchiveReason.DUPLICATE},
    ],
    "situation_end_after_start": [
        {"start_date": D(2025, 1, 1), "end_date": None},
        {"start_date": D(2025, 1, 1), "end_date": D(2025, 1, 1)},
        {"start_date": D(2025, 1, 1), "end_date": D(2024, 12, 31)},
    ],
    "situation_finished_has_end": [
        {"state": FINISHED, "end_date": D(2025, 2, 1)},
        {"state": FINISHED, "end_date": None},
        {"state": IN_PROGRESS, "end_date": None},
    ],
    "situation_rome_format": [
        {"rome_code": ""},
        {"rome_code": "K2204"},
        {"rome_code": "N1234"},
        {"rome_code": "O1234"},
        {"rome_code": "K220"},
        {"rome_code": "k2204"},
        {"rome_code": "K２２０４"},
    ],
    "enrolment_exit_after_entry": [
        {"entry_date": D(2025, 1, 1), "exit_date": None},
        {"entry_date": D(2025, 1, 1), "exit_date": D(2025, 1, 1)},
        {"entry_date": D(2025, 1, 1), "exit_date": D(2024, 12, 31)},
    ],
    "enrolment_exit_has_outcome": [
        {"exit_date": None, "exit_outcome": ""},
        {"exit_date": D(2025, 6, 1), "exit_outcome": ExitOutcome.TRAINING},
        {"exit_date": D(2025, 6, 1), "exit_outcome": ""},
        {"exit_date": None, "exit_outcome": ExitOutcome.TRAINING},
    ],
    "contact_duration_range": [
        {"duration": None},
        {"duration": 4},
        {"duration": 5},
        {"duration": 480},
        {"duration": 481},
    ],
}

CONSTRAINTS = {
    constraint.name: (spec.model, constraint)
    for spec in columns.FILES
    for constraint in spec.model._meta.constraints
    if isinstance(constraint, CheckConstraint)
}


def test_every_python_check_has_its_cases():
    assert set(records.CHECKS) == set(CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_python_check_decides_like_the_database(name):
    model, constraint = CONSTRAINTS[name]
    check, _field = records.CHECKS[name]
    verdicts = set()
    for values in CASES[name]:
        instance = model(**values)
        try:
            constraint.validate(model, instance)
        except ValidationError:
            accepted = False
        else:
            accepted = True
        assert check(instance) is accepted, (name, values)
        verdicts.add(accepted)
    assert verdicts == {True, False}, "chaque contrainte a des cas acceptés et des cas refusés"
