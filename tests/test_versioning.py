"""Le verrouillage optimiste lui-même (parcours/versioning.py), sur la base, sans passer par les pages."""

import threading

import pytest
from django.db import connection

from parcours.accompaniment.models import Situation
from parcours.versioning import ConcurrentEditError, editing
from tests.factories import SituationFactory


def test_a_stale_version_writes_nothing_and_returns_the_saved_record(db):
    situation = SituationFactory(employer="Avant")
    first, second = Situation.objects.get(pk=situation.pk), Situation.objects.get(pk=situation.pk)
    with editing(first, 1):
        first.employer = "A"
        first.save()
    second.employer = "B"
    with pytest.raises(ConcurrentEditError) as raised, editing(second, 1):
        second.save()
    assert (raised.value.current.employer, raised.value.current.version) == ("A", 2)
    situation.refresh_from_db()
    assert (situation.employer, situation.version) == ("A", 2)


def test_a_deleted_record_is_reported_as_gone(db):
    situation = SituationFactory()
    Situation.objects.filter(pk=situation.pk).delete()
    with pytest.raises(ConcurrentEditError) as raised, editing(situation, 1):
        pass
    assert raised.value.current is None


@pytest.mark.django_db(transaction=True)
def test_two_truly_simultaneous_saves_of_one_version_let_only_one_through():
    """PostgreSQL : la ligne reste verrouillée jusqu'à la fin de la transaction du premier ; le second relit
    alors la version déjà passée à 2 et n'écrit rien."""
    if connection.vendor != "postgresql":
        pytest.skip("verrou de ligne de PostgreSQL (SQLite : voir tests/www/test_sqlite_concurrency.py)")
    situation = SituationFactory(employer="Avant")
    inside, release, outcomes = threading.Event(), threading.Event(), []

    def save(employer, hold):
        record = Situation.objects.get(pk=situation.pk)
        try:
            with editing(record, 1):
                record.employer = employer
                record.save()
                if hold:  # le premier garde sa transaction ouverte pendant que le second essaie
                    inside.set()
                    release.wait(10)
            outcomes.append(employer)
        except ConcurrentEditError:
            outcomes.append("conflit")
        finally:
            connection.close()

    first = threading.Thread(target=save, args=("A", True))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=save, args=("B", False))
    second.start()
    second.join(0.5)
    assert second.is_alive()  # bloqué sur la ligne verrouillée, pas passé
    release.set()
    first.join()
    second.join()
    # Le second peut noter son conflit avant que le premier ne note sa réussite : l'ordre des deux est libre.
    assert sorted(outcomes) == ["A", "conflit"]
    situation.refresh_from_db()
    assert (situation.employer, situation.version) == ("A", 2)
