"""La liste « À faire » d'une mission locale est gardée quelques secondes, et effacée par toute écriture."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.programmes import worklist
from tests.cotraitance.factories import ReferralFactory
from tests.factories import ContactFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return len(captured), page


def test_director_worklist_is_computed_once_then_recomputed_after_a_write(client, director):
    young = YoungPersonFactory(mission_locale=director.mission_locale)
    ReferralFactory(young_person=young, assignment_date=timezone.localdate() - datetime.timedelta(days=30))
    client.force_login(director)
    client.get(reverse("young_people:search"))  # session prolongée, missions locales visibles en mémoire
    url = reverse("programmes:worklist")
    first, page = queries(client, url)
    assert "Premier entretien de co-traitance en retard" in page
    second, again = queries(client, url)
    assert second <= first - 6  # alertes, jeunes et enveloppes ne sont pas recalculés
    assert again.count(str(young)) == page.count(str(young))
    ContactFactory(young_person=young, date=timezone.localdate())  # premier entretien tenu
    third, page = queries(client, url + "?motif=premier_entretien")
    assert "Rien à faire aujourd'hui." in page
    assert third >= first - 2


def test_the_cached_list_expires(monkeypatch):
    monkeypatch.setattr(worklist, "CACHE_SECONDS", 30)
    calls = []
    assert worklist.cached("k", lambda: calls.append(1) or len(calls)) == 1
    assert worklist.cached("k", lambda: calls.append(1) or len(calls)) == 1
    now = worklist._clock()
    monkeypatch.setattr(worklist, "_clock", lambda: now + 31)
    assert worklist.cached("k", lambda: calls.append(1) or len(calls)) == 2
    worklist.forget()
    monkeypatch.setattr(worklist, "CACHE_SECONDS", 0)
    assert worklist.cached("k", lambda: calls.append(1) or len(calls)) == 3
    assert worklist.cached("k", lambda: calls.append(1) or len(calls)) == 4
