import datetime

import pytest

from parcours.accompaniment.enums import SituationCategory, SituationState
from parcours.accompaniment.models import Situation
from parcours.young_people.models import YoungPerson
from tests.factories import YoungPersonFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def situations():
    young_person = YoungPersonFactory()
    make = Situation.objects.create
    return young_person, {
        "planned_job": make(
            young_person=young_person,
            category=SituationCategory.EMPLOYMENT,
            state=SituationState.PLANNED,
            start_date=D(2026, 3, 2),
        ),
        "training": make(
            young_person=young_person,
            category=SituationCategory.TRAINING,
            state=SituationState.IN_PROGRESS,
            start_date=D(2026, 1, 5),
            end_date=D(2026, 2, 27),
        ),
        "declared_finished": make(
            young_person=young_person,
            category=SituationCategory.JOB_SEEKER,
            state=SituationState.FINISHED,
            start_date=D(2025, 9, 1),
            end_date=D(2026, 6, 30),
        ),
    }


def test_a_planned_situation_becomes_current_on_its_start_date(situations):
    young_person, made = situations

    def current(on):
        return set(Situation.objects.current(on).values_list("pk", flat=True))

    assert current(D(2026, 2, 27)) == {made["training"].pk}  # dernier jour de la formation
    assert current(D(2026, 3, 1)) == set()  # entre les deux
    assert current(D(2026, 3, 2)) == {made["planned_job"].pk}  # l'emploi prévu commence : sans saisie
    annotated = YoungPerson.objects.with_current_situation(D(2026, 3, 2)).get(pk=young_person.pk)
    assert annotated.current_situation == SituationCategory.EMPLOYMENT


def test_state_on_a_day_follows_the_dates(situations):
    _, made = situations
    job, training = made["planned_job"], made["training"]
    assert job.state_on(D(2026, 3, 1)) == SituationState.PLANNED
    assert job.state_on(D(2026, 3, 2)) == SituationState.IN_PROGRESS
    assert training.state_on(D(2026, 2, 27)) == SituationState.IN_PROGRESS
    assert training.state_on(D(2026, 2, 28)) == SituationState.FINISHED
    assert made["declared_finished"].state_on(D(2026, 1, 1)) == SituationState.FINISHED
