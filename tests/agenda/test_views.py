"""Pages de l'agenda : journée, semaine, site, équipe, prise de rendez-vous et boutons de présence (htmx)."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.agenda import services
from parcours.referential.models import Site
from parcours.www.idempotency import FIELD
from tests.agenda import TODAY
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def site(ml):
    return Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")


@pytest.fixture
def reception(ml):
    return UserFactory(mission_locale=ml, role=Role.RECEPTION)


@pytest.fixture
def young(counsellor):
    return YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Ngoma", first_name="Élise"
    )


def _book(counsellor, young, time, day=TODAY, **kwargs):
    return services.book(counsellor=counsellor, young_person=young, date=day, time=time, **kwargs)


def test_my_day_lists_appointments_with_links_and_free_slots(client, counsellor, young, site):
    _book(counsellor, young, datetime.time(10, 0), site=site, themes=["emploi"])
    client.force_login(counsellor)
    response = client.get(reverse("agenda:day"))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("young_people:detail", kwargs={"pk": young.pk}) in body and "Antenne de Fives" in body
    assert [t.strftime("%H:%M") for t in response.context["agenda"].free_slots[:3]] == [
        "09:30",
        "10:30",
        "11:00",
    ]
    assert "?jour=2026-03-09" in body and "?jour=2026-03-11" in body  # jour précédent, jour suivant
    other_day = client.get(reverse("agenda:day"), {"jour": "2026-03-11"}).context["agenda"]
    assert other_day.appointments == [] and other_day.free_slots[0] == datetime.time(9, 0)
    assert client.get(reverse("agenda:day"), {"jour": "pas-une-date"}).context["agenda"].day == TODAY


def test_week_shows_five_days_and_only_my_appointments(client, counsellor, young, director):
    _book(counsellor, young, datetime.time(10, 0), day=TODAY + datetime.timedelta(days=2))
    _book(director, young, datetime.time(10, 0))
    client.force_login(counsellor)
    days = client.get(reverse("agenda:week")).context["days"]
    assert [d.day.weekday() for d in days] == [0, 1, 2, 3, 4]
    assert [len(d.appointments) for d in days] == [0, 0, 0, 1, 0]


def test_marking_held_from_the_list_with_htmx_returns_the_row(client, counsellor, young):
    appointment = _book(counsellor, young, datetime.time(9, 0))
    client.force_login(counsellor)
    url = reverse("agenda:appointment_status", kwargs={"appointment_pk": appointment.pk})
    response = client.post(url, {"action": "present", "version": appointment.version}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.startswith(f'<li id="rdv-{appointment.pk}"')
    assert "Rendez-vous tenu : il compte comme contact." in fragment
    assert Contact.objects.held().get().pk == appointment.pk


def test_a_stale_button_is_refused_and_shows_the_current_state(client, counsellor, young, reception):
    appointment = _book(counsellor, young, datetime.time(9, 0))
    opened = appointment.version
    client.force_login(reception)
    url = reverse("agenda:appointment_status", kwargs={"appointment_pk": appointment.pk})
    client.post(url, {"action": "arrive", "version": opened}, HTTP_HX_REQUEST="true")
    client.force_login(counsellor)
    fragment = client.post(
        url, {"action": "absent", "version": opened}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "modifié par une autre personne" in fragment and "Arrivé à 09:30" in fragment
    assert Contact.objects.get().status == AttendanceStatus.PLANNED


def test_a_held_appointment_cannot_be_cancelled_from_a_crafted_button(client, counsellor, young):
    """Les boutons ne s'affichent que sur un rendez-vous planifié ; un envoi forgé suit la même règle."""
    appointment = _book(counsellor, young, datetime.time(9, 0))
    client.force_login(counsellor)
    url = reverse("agenda:appointment_status", kwargs={"appointment_pk": appointment.pk})
    client.post(url, {"action": "present", "version": appointment.version}, HTTP_HX_REQUEST="true")
    appointment.refresh_from_db()
    fragment = client.post(
        url, {"action": "annule", "version": appointment.version}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Seul un rendez-vous planifié s'annule." in html.unescape(fragment)
    assert Contact.objects.get().status == AttendanceStatus.PRESENT


def test_without_htmx_the_button_redirects_back(client, counsellor, young):
    appointment = _book(counsellor, young, datetime.time(9, 0))
    client.force_login(counsellor)
    url = reverse("agenda:appointment_status", kwargs={"appointment_pk": appointment.pk})
    response = client.post(url, {"action": "absent", "version": appointment.version, "suite": "/agenda/"})
    assert response.status_code == 302 and response["Location"] == "/agenda/"
    response = client.post(url, {"action": "absent", "version": 1, "suite": "https://ailleurs.example/"})
    assert response["Location"] == url  # pas de redirection hors du site


def test_reception_books_for_a_counsellor_via_the_search(client, counsellor, young, reception, site):
    client.force_login(reception)
    url = reverse("agenda:appointment_create")
    found = client.get(url, {"q": "ngo", "conseiller": counsellor.pk, "site": site.pk}).content.decode()
    link = f"?jeune={young.pk}&amp;conseiller={counsellor.pk}&amp;site={site.pk}"
    assert link in found
    form_url = f"{url}?jeune={young.pk}&conseiller={counsellor.pk}&site={site.pk}"
    page = client.get(form_url).content.decode()
    key = re.search(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', page).group(1)
    data = {
        "counsellor": counsellor.pk,
        "date": "2026-03-10",
        "time": "11:00",
        "duration": "45",
        "site": site.pk,
        "mode": "sur_site",
        "themes": ["emploi"],
        FIELD: key,
    }
    response = client.post(form_url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:site", kwargs={"site_pk": site.pk}) + "?jour=2026-03-10"
    assert client.post(form_url, data).status_code == 302  # renvoi du même formulaire
    appointment = Contact.objects.get()
    assert (appointment.counsellor, appointment.status, appointment.duration) == (
        counsellor,
        AttendanceStatus.PLANNED,
        45,
    )
    # Le même créneau pour le même conseiller : refusé, sauf confirmation.
    overlap = {**data, "time": "11:30", FIELD: ""}
    refused = client.post(form_url, overlap)
    assert refused.status_code == 200 and "chevauche un autre rendez-vous" in refused.content.decode()
    assert client.post(form_url, {**overlap, "confirm_overlap": "on"}).status_code == 302
    assert Contact.objects.count() == 2


def test_site_agenda_shows_every_counsellor_and_who_is_expected(client, counsellor, young, reception, site):
    colleague = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    _book(counsellor, young, datetime.time(10, 0), site=site)
    _book(colleague, young, datetime.time(14, 0))  # à distance : pas attendu au site
    client.force_login(reception)
    context = client.get(reverse("agenda:site", kwargs={"site_pk": site.pk})).context
    assert {c for c, _ in context["columns"]} == {counsellor, colleague}
    assert [a.time for a in context["expected"]] == [datetime.time(10, 0)]
    assert context["expected"][0].can_mark_arrival


def test_director_sees_the_team_week(client, counsellor, young, director):
    _book(counsellor, young, datetime.time(10, 0))
    client.force_login(director)
    context = client.get(reverse("agenda:team")).context
    rows = dict(context["rows"])
    assert [len(items) for items in rows[counsellor]] == [0, 1, 0, 0, 0]


def test_home_shows_todays_appointments_first(client, counsellor, young):
    _book(counsellor, young, datetime.time(15, 0))
    _book(counsellor, young, datetime.time(10, 0), day=TODAY + datetime.timedelta(days=1))
    client.force_login(counsellor)
    response = client.get(reverse("home"))
    assert [a.time for a in response.context["todays_appointments"]] == [datetime.time(15, 0)]
    body = response.content.decode()
    assert body.index("Mes rendez-vous aujourd") < body.index("Mes jeunes</a></h2>")


def test_reception_has_no_own_agenda_but_the_site_agenda(client, reception, site):
    client.force_login(reception)
    assert client.get(reverse("agenda:day")).status_code == 403
    assert client.get(reverse("agenda:site_pick"), {"site": site.pk}).status_code == 302
    assert client.get(reverse("agenda:team")).status_code == 403
