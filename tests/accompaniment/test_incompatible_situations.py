"""Situations incompatibles (issue 11, point 7) : la table, le service qui clôt, le formulaire qui demande."""

import datetime
import itertools

import pytest
import time_machine
from django.urls import reverse

from parcours.accompaniment import rules, services
from parcours.accompaniment.enums import SituationCategory as C
from parcours.accompaniment.enums import SituationState
from parcours.accompaniment.models import Situation
from tests.factories import SituationFactory, YoungPersonFactory

D = datetime.date
MARCH_2 = D(2026, 3, 2)

# La table documentée dans parcours/accompaniment/rules.py, recopiée : la changer est une décision.
OK = {
    frozenset({C.EMPLOYMENT}),
    *(frozenset({step, other}) for step in (C.TRAINING, C.IMMERSION) for other in C if other != C.INACTIVE),
}


@pytest.mark.parametrize(("new", "current"), list(itertools.product(C, C)))
def test_rule_table(new, current):
    expected_compatible = frozenset({new, current}) in OK and not (
        new == current and new in (C.TRAINING, C.IMMERSION)
    )
    assert rules.incompatible(new, current) is not expected_compatible
    assert rules.incompatible(new, current) == rules.incompatible(current, new)


def test_rule_examples_of_the_issue():
    assert rules.incompatible(C.EMPLOYMENT, C.JOB_SEEKER)  # « CDD en cours » et « Demandeur d'emploi »
    assert not rules.incompatible(C.IMMERSION, C.JOB_SEEKER)  # une PMSMP se fait en restant DE
    assert not rules.incompatible(C.TRAINING, C.JOB_SEEKER)
    assert rules.incompatible(C.SCHOOL, C.INACTIVE)


def test_closing_date_is_the_day_before_or_the_same_day():
    assert rules.closing_date(D(2025, 1, 1), D(2026, 3, 2)) == D(2026, 3, 1)
    assert rules.closing_date(D(2026, 3, 2), D(2026, 3, 2)) == D(2026, 3, 2)


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 30), tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
class TestService:
    def _new(self, young_person, category=C.EMPLOYMENT, kind="cdd", start=MARCH_2, state="en_cours"):
        return Situation(
            young_person=young_person, category=category, kind=kind, state=state, start_date=start
        )

    def test_closes_the_incompatible_one_after_confirmation(self, counsellor):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
        job_seeker = SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
        immersion = SituationFactory(
            young_person=young_person, category=C.IMMERSION, kind="pmsmp", start_date=D(2026, 2, 20)
        )
        new = self._new(young_person)
        with pytest.raises(services.IncompatibleSituations) as refused:
            services.record_situation(new, counsellor)
        assert [c.situation.pk for c in refused.value.closings] == [job_seeker.pk]
        assert "« Demandeur d'emploi » au 01/03/2026" in str(refused.value)
        assert Situation.objects.count() == 2  # rien d'écrit

        plan = services.plan_key(refused.value.closings)
        _, closings = services.record_situation(self._new(young_person), counsellor, plan)
        job_seeker.refresh_from_db()
        immersion.refresh_from_db()
        assert (job_seeker.end_date, job_seeker.state) == (D(2026, 3, 1), SituationState.FINISHED)
        assert job_seeker.version == 2
        assert (immersion.end_date, immersion.state) == (None, SituationState.IN_PROGRESS)
        assert set(young_person.situations.current().values_list("category", flat=True)) == {
            C.EMPLOYMENT,
            C.IMMERSION,
        }

    def test_a_planned_situation_closes_at_a_future_date_and_the_old_one_stays_current_until_then(
        self, counsellor
    ):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
        job_seeker = SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
        new = self._new(young_person, start=D(2026, 3, 16), state="prevu")
        plan = services.plan_key(services.closings_for(young_person, C.EMPLOYMENT, D(2026, 3, 16), "prevu"))
        services.record_situation(new, counsellor, plan)
        job_seeker.refresh_from_db()
        assert (job_seeker.end_date, job_seeker.state) == (D(2026, 3, 15), SituationState.IN_PROGRESS)
        assert job_seeker.state_on(D(2026, 3, 15)) == SituationState.IN_PROGRESS
        assert job_seeker.state_on(D(2026, 3, 16)) == SituationState.FINISHED

    def test_a_stale_confirmation_is_asked_again(self, counsellor):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
        SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
        stale = services.plan_key(
            services.closings_for(young_person, C.EMPLOYMENT, D(2026, 3, 2), "en_cours")
        )
        SituationFactory(young_person=young_person, category=C.INACTIVE, start_date=D(2025, 6, 1))
        with pytest.raises(services.IncompatibleSituations):
            services.record_situation(self._new(young_person), counsellor, stale)
        assert Situation.objects.filter(category=C.EMPLOYMENT).count() == 0

    def test_a_finished_or_compatible_situation_closes_nothing(self, counsellor):
        young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
        SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
        past = self._new(young_person, start=D(2025, 3, 1), state="termine")
        past.end_date = D(2025, 4, 1)
        services.record_situation(past, counsellor)
        services.record_situation(self._new(young_person, C.TRAINING, "qualifiante"), counsellor)
        assert young_person.situations.filter(end_date__isnull=True).count() == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
def test_form_shows_what_will_be_closed_keeps_the_input_and_closes_on_confirmation(client, counsellor):
    client.force_login(counsellor)
    young_person = YoungPersonFactory(mission_locale=counsellor.mission_locale)
    job_seeker = SituationFactory(young_person=young_person, start_date=D(2025, 1, 1))
    url = reverse("young_people:situation_create", kwargs={"pk": young_person.pk})
    data = {
        "category": "emploi",
        "kind": "cdd",
        "state": "en_cours",
        "start_date": "2026-03-02",
        "employer": "Boulangerie Dupain",
    }
    assert "Clore la situation" not in client.get(url).content.decode()

    first = client.post(url, data)
    page = first.content.decode()
    assert first.status_code == 200
    assert "Clore la situation « Demandeur d&#x27;emploi » au 01/03/2026" in page
    assert 'value="Boulangerie Dupain"' in page  # rien de ce qui a été saisi n'est perdu
    assert Situation.objects.count() == 1
    plan = first.context["form"].data["closing_plan"]
    assert plan == f"{job_seeker.pk}:2026-03-01"

    # Une autre date de début change la clôture : elle se redemande, même case cochée.
    moved = client.post(
        url, {**data, "start_date": "2026-03-05", "closing_plan": plan, "confirm_closing": "on"}
    )
    assert "au 04/03/2026" in moved.content.decode()
    assert Situation.objects.count() == 1

    done = client.post(url, {**data, "closing_plan": plan, "confirm_closing": "on"}, follow=True)
    assert "Situation close : « Demandeur d&#x27;emploi » au 01/03/2026." in done.content.decode()
    job_seeker.refresh_from_db()
    assert job_seeker.end_date == D(2026, 3, 1)
    assert young_person.situations.current().get().category == C.EMPLOYMENT
