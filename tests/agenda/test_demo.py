"""La démonstration donne à « conseiller » et à « accueil » un agenda rempli aujourd'hui et cette semaine."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.models import User
from parcours.synthetic.runner import generate

NOW = datetime.datetime(2026, 3, 11, 7, 0, tzinfo=datetime.UTC)  # mercredi, 8 h à Paris
TODAY = datetime.date(2026, 3, 11)


@pytest.mark.django_db
def test_demo_counsellor_and_reception_have_a_populated_agenda(client):
    with time_machine.travel(NOW, tick=False):
        generate(600, seed=2026, today=TODAY, demo=True, stdout=io.StringIO(), show_progress=False)
        counsellor = User.objects.get(username="conseiller")
        week = Contact.objects.filter(
            counsellor=counsellor,
            duration__isnull=False,
            date__range=(TODAY - datetime.timedelta(days=2), TODAY + datetime.timedelta(days=2)),
        )
        assert week.filter(date=TODAY, status=AttendanceStatus.PLANNED).count() >= 5
        assert week.filter(date__lt=TODAY, status=AttendanceStatus.PRESENT).exists()
        assert week.filter(date__gt=TODAY, status=AttendanceStatus.PLANNED).exists()
        before = Contact.objects.count()
        call_command("remplir_agenda_demo", stdout=io.StringIO())  # `make demo` relancé : rien en double
        assert Contact.objects.count() == before

        client.force_login(counsellor)
        assert len(client.get(reverse("agenda:day")).context["agenda"].appointments) >= 5
        client.force_login(User.objects.get(username="accueil"))
        site = week.filter(date=TODAY, site__isnull=False).first().site
        context = client.get(reverse("agenda:site", kwargs={"site_pk": site.pk})).context
        assert context["expected"] and any(agenda.appointments for _, agenda in context["columns"])
