"""Chaque rôle arrive sur ce qu'il travaille (issue 11, point 2)."""

import datetime
import html as markup

from django.urls import reverse
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accounts.enums import Role
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    return response, markup.unescape(response.content.decode())


def test_the_employer_referent_lands_on_employer_relations(client, ml):
    response, _ = home(client, UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT))
    assert response.status_code == 302 and response["Location"] == reverse("employers:home")


def test_reception_sees_files_created_today_files_without_referent_and_arrivals(client, ml):
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    counsellor = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    today = timezone.localdate()
    new = YoungPersonFactory(mission_locale=ml, last_name="Ngoma")  # créé aujourd'hui, sans référent
    old = YoungPersonFactory(mission_locale=ml, last_name="Martin", referent=counsellor)
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    ContactFactory(
        young_person=old,
        counsellor=counsellor,
        date=today,
        time=datetime.time(10),
        status=AttendanceStatus.PLANNED,
    )
    _, html = home(client, reception)
    tiles = html[html.index('id="tuiles-accueil"') : html.index("fr-search-bar")]
    assert "1 dossier à attribuer" in tiles and reverse("young_people:unassigned") in tiles
    assert "1 rendez-vous, 0 arrivé" in tiles
    created = html[html.index('id="crees-aujourdhui"') :]
    assert "NGOMA" in created and "MARTIN" not in created
    assert f'href="{reverse("young_people:detail", args=[new.pk])}"' in created


def test_the_director_sees_the_team(client, ml):
    director = UserFactory(mission_locale=ml, role=Role.DIRECTOR, last_name="Aubert")
    busy = UserFactory(mission_locale=ml, role=Role.COUNSELLOR, last_name="Bernard")
    UserFactory(mission_locale=ml, role=Role.COUNSELLOR, last_name="Colin")  # sans portefeuille
    today = timezone.localdate()
    late = YoungPersonFactory(mission_locale=ml, referent=busy)
    ContactFactory(young_person=late, counsellor=busy, date=today - datetime.timedelta(days=100))
    fine = YoungPersonFactory(mission_locale=ml, referent=busy)
    ContactFactory(young_person=fine, counsellor=busy, date=today)
    YoungPersonFactory(mission_locale=ml)  # sans référent
    response, html = home(client, director)
    rows = {m.user.last_name: (m.files, m.overdue, m.contacts_this_month) for m in response.context["team"]}
    assert rows == {"Aubert": (0, 0, 0), "Bernard": (2, 1, 1), "Colin": (0, 0, 0)}
    assert "1 dossier à attribuer" in html and "1 contact tenu" in html
    assert '<th scope="row">' in html[html.index('id="equipe"') :]


def test_the_counsellor_sees_today_alerts_and_portfolio_with_french_plurals(client, counsellor):
    _, html = home(client, counsellor)
    tiles = html[html.index('id="tuiles-accueil"') : html.index("fr-search-bar")]
    assert "0 dossier actif" in tiles and "0 jeune à voir, dont 0 en retard" in tiles
    assert "Mes rendez-vous aujourd'hui" in html


def test_aggregate_roles_see_the_dashboard_link(client, db):
    _, html = home(client, UserFactory(role=Role.NATIONAL, mission_locale=None))
    assert "indicateurs agrégés" in html and reverse("warehouse:home") in html
