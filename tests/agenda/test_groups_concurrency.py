"""Deux inscriptions simultanées à la dernière place : la seconde attend la première, puis trouve la séance
complète (PostgreSQL, verrou de la ligne de la séance)."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from parcours.agenda import group_services
from parcours.agenda.models import GroupSession, Registration
from tests.factories import UserFactory, YoungPersonFactory


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_for_the_last_place_let_only_one_through(ml):
    if connection.vendor != "postgresql":
        pytest.skip("verrou de ligne de PostgreSQL (SQLite sérialise les écritures)")
    counsellor = UserFactory(mission_locale=ml)
    session = group_services.create_session(
        mission_locale=ml,
        counsellor=counsellor,
        title="Atelier CV",
        date=timezone.localdate() + datetime.timedelta(days=1),
        time=datetime.time(14, 0),
        capacity=1,
    )
    first_young, second_young = (YoungPersonFactory(mission_locale=ml) for _ in range(2))
    inside, release, outcomes = threading.Event(), threading.Event(), []

    def register(young_person, hold):
        try:
            with transaction.atomic():
                group_services.register(GroupSession.objects.get(pk=session.pk), [young_person])
                if hold:  # le premier garde sa transaction ouverte pendant que le second essaie
                    inside.set()
                    release.wait(10)
            outcomes.append(young_person.pk)
        except group_services.GroupSessionError as refused:
            outcomes.append(refused.reasons[0])
        finally:
            connection.close()

    first = threading.Thread(target=register, args=(first_young, True))
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=register, args=(second_young, False))
    second.start()
    second.join(0.5)
    assert second.is_alive()  # bloqué sur la séance verrouillée
    release.set()
    first.join()
    second.join()
    assert outcomes == [
        first_young.pk,
        "Il ne reste aucune place à cette séance : vous inscrivez 1 jeune. Personne n'a été inscrit.",
    ]
    assert list(Registration.objects.values_list("young_person", flat=True)) == [first_young.pk]
    assert GroupSession.objects.get().taken == 1
