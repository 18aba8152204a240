"""La démonstration a ses séances collectives : une information collective tenue cette semaine (appel fait) et un
atelier à venir, avec leurs inscrits ; « make demo » relancé n'en ajoute pas."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accounts.models import User
from parcours.agenda import demo
from parcours.agenda.models import GroupSession
from parcours.synthetic.runner import generate

NOW = datetime.datetime(2026, 3, 11, 7, 0, tzinfo=datetime.UTC)  # mercredi, 8 h à Paris
TODAY = datetime.date(2026, 3, 11)


@pytest.mark.django_db
def test_demo_week_has_a_held_and_an_upcoming_group_session(client):
    with time_machine.travel(NOW, tick=False):
        generate(300, seed=2026, today=TODAY, demo=True, stdout=io.StringIO(), show_progress=False)
        held, upcoming = GroupSession.objects.order_by("date")
        assert held.date < TODAY < upcoming.date
        assert (held.taken, upcoming.taken) == (8, 5)
        statuses = set(held.registrations.values_list("contact__status", flat=True))
        assert AttendanceStatus.PRESENT in statuses and AttendanceStatus.PLANNED not in statuses
        assert set(upcoming.registrations.values_list("contact__status", flat=True)) == {
            AttendanceStatus.PLANNED
        }
        assert demo.fill_group_sessions(TODAY, None) == 0  # relancé : rien en double

        client.force_login(User.objects.get(username="accueil"))
        listing = client.get(reverse("agenda:sessions")).content.decode()
        assert upcoming.title in listing
