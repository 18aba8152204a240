"""Les règles « en cours » et « à venir » s'écrivent deux fois : en SQL (``SituationQuerySet.current``,
``ContactQuerySet.upcoming``) pour les listes, en Python (``Situation.is_current``, ``Contact.is_upcoming`` et
``Contact.agenda_key``) pour la page du dossier, qui les applique aux objets que le fil du parcours a déjà lus.
Propriété : sur n'importe quel jeu de situations et de contacts, les deux donnent la même réponse."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from parcours.accompaniment.enums import AttendanceStatus, SituationState
from tests.factories import ContactFactory, SituationFactory, YoungPersonFactory

DAY = datetime.date(2026, 3, 10)
offsets = st.integers(-3, 3)
SITUATIONS = st.lists(
    st.tuples(st.sampled_from(SituationState.values), offsets, st.none() | st.integers(0, 4)).filter(
        lambda s: s[0] != SituationState.FINISHED or s[2] is not None  # une situation terminée a une fin
    ),
    max_size=6,
)
CONTACTS = st.lists(
    st.tuples(
        st.sampled_from(AttendanceStatus.values),
        offsets,
        st.none() | st.sampled_from([datetime.time(9), datetime.time(14, 30)]),
    ),
    max_size=8,
)
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def day(offset):
    return DAY + datetime.timedelta(days=offset)


class LoadedRulesTests(TestCase):
    @EXAMPLES
    @given(SITUATIONS, offsets)
    def test_is_current_agrees_with_the_current_queryset(self, situations, on):
        young_person = YoungPersonFactory()
        for state, start, length in situations:
            SituationFactory(
                young_person=young_person,
                state=state,
                start_date=day(start),
                end_date=None if length is None else day(start + length),
            )
        loaded = [s.pk for s in young_person.situations.all() if s.is_current(day(on))]
        assert loaded == list(young_person.situations.current(day(on)).values_list("pk", flat=True))

    @EXAMPLES
    @given(CONTACTS)
    def test_is_upcoming_and_agenda_key_agree_with_the_upcoming_queryset(self, contacts):
        young_person = YoungPersonFactory()
        for status, offset, time in contacts:
            ContactFactory(young_person=young_person, status=status, date=day(offset), time=time)
        upcoming = sorted(
            (c for c in young_person.contacts.all() if c.is_upcoming(DAY)), key=lambda c: c.agenda_key
        )
        expected = list(young_person.contacts.upcoming(DAY))
        assert [c.agenda_key for c in upcoming] == [c.agenda_key for c in expected]
        assert {c.pk for c in upcoming} == {c.pk for c in expected}
