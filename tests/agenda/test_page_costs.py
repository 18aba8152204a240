"""Coût en requêtes SQL des pages de l'agenda : le même avec 1 ou 6 rendez-vous par conseiller et par jour, et
avec 2 ou 5 conseillers (une requête par rendez-vous ou par conseiller se verrait ici ; la durée se mesure dans
``bench/agenda.py``, à 1 000 000 de rendez-vous)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus, Theme
from parcours.accounts.enums import Role
from parcours.agenda import rules
from parcours.referential.models import Site
from tests.agenda import TODAY
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
STATUSES = [
    AttendanceStatus.PLANNED,
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
]


def _fill(ml, counsellors, sites, per_day):
    """``per_day`` rendez-vous par conseiller et par jour de la semaine, de jeunes, lieux et statuts variés."""
    for n, counsellor in enumerate(counsellors):
        for day in rules.week_of(TODAY):
            for slot in range(per_day):
                young_person = YoungPersonFactory(mission_locale=ml, referent=counsellors[(n + slot) % 2])
                status = STATUSES[slot % len(STATUSES)] if day <= TODAY else AttendanceStatus.PLANNED
                ContactFactory(
                    young_person=young_person,
                    counsellor=counsellor,
                    date=day,
                    time=datetime.time(9 + slot),
                    duration=30,
                    site=sites[slot % len(sites)] if slot % 3 else None,
                    status=status,
                    themes=[Theme.HEALTH] if slot == 1 else [Theme.EMPLOYMENT],
                )


def _cost(client, user, url):
    """(requêtes SQL, page) d'une page déjà ouverte une fois (session et missions locales visibles lues)."""
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_agenda_pages_cost_the_same_whatever_the_number_of_appointments(client, ml, counsellor, director):
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    sites = [
        Site.objects.create(mission_locale=ml, name=f"Antenne {n}", kind="antenne", commune="Lille")
        for n in range(3)
    ]
    pages = [
        (counsellor, reverse("agenda:day")),
        (counsellor, reverse("agenda:week")),
        (reception, reverse("agenda:site", kwargs={"site_pk": sites[0].pk})),
        (director, reverse("agenda:team")),
    ]
    _fill(ml, [counsellor, director], sites, per_day=1)
    small = [_cost(client, user, url) for user, url in pages]

    others = [UserFactory(mission_locale=ml, role=Role.COUNSELLOR) for _ in range(3)]
    _fill(ml, [counsellor, director, *others], sites, per_day=6)
    large = [_cost(client, user, url) for user, url in pages]

    assert [count for count, _ in large] == [count for count, _ in small]
    # Les rendez-vous ajoutés sont bien affichés : ce n'est pas une page vide qui coûte peu.
    day, week, site, team = (page for _, page in large)
    assert day.count('class="parcours-rdv') == 7
    assert week.count("fr-badge--sm") - week.count("aujourd'hui</span>") == 35
    assert site.count("Rendez-vous avec ") == 5  # une colonne par conseiller (et la direction)
    assert (
        site.count('<li class="fr-mb-1w">') == 2 * 7 + 3 * 6 and "(Antenne 1)" in site
    )  # lieu s'il est ailleurs
    assert team.count("fr-badge fr-badge--sm") == 5 * (2 * 7 + 3 * 6)  # 7 par jour pour les deux premiers
