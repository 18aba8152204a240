"""Pages des séances collectives : prévoir, inscrire plusieurs jeunes (choix qui cherche), faire l'appel."""

import datetime
import re

import pytest
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus, ContactKind
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.agenda import group_services
from parcours.agenda.models import GroupSession, Registration
from parcours.referential.models import Site
from parcours.www.idempotency import FIELD
from tests.agenda import TODAY
from tests.factories import UserFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def site(ml):
    return Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")


@pytest.fixture
def reception(ml):
    return UserFactory(mission_locale=ml, role=Role.RECEPTION)


@pytest.fixture
def young(ml, counsellor):
    return [
        YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name=name, first_name="Élise")
        for name in ("Ngoma", "Diallo", "Petit")
    ]


def _session(counsellor, day=TOMORROW, capacity=2, site=None, time=datetime.time(14, 0)):
    return group_services.create_session(
        mission_locale=counsellor.mission_locale,
        counsellor=counsellor,
        kind=ContactKind.GROUP,
        title="Découvrir l'alternance",
        date=day,
        time=time,
        site=site,
        capacity=capacity,
    )


def _token(page):
    return re.search(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', page.content.decode()).group(1)


def test_counsellor_plans_a_session(client, counsellor, site):
    client.force_login(counsellor)
    url = reverse("agenda:session_create")
    data = {
        "kind": "atelier",
        "title": "Atelier CV",
        "counsellor": counsellor.pk,
        "date": "2026-03-12",
        "time": "14:00",
        "duration": "90",
        "site": site.pk,
        "mode": "sur_site",
        "capacity": "8",
        "themes": ["emploi"],
        FIELD: _token(client.get(url)),
    }
    response = client.post(url, data)
    session = GroupSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:session_detail", kwargs={"session_pk": session.pk})
    assert (session.kind, session.capacity, session.duration, session.site, session.themes) == (
        "atelier",
        8,
        90,
        site,
        ["emploi"],
    )
    assert client.post(url, data).status_code == 302 and GroupSession.objects.count() == 1  # renvoi
    listing = client.get(reverse("agenda:sessions")).content.decode()
    assert "Atelier CV" in listing and "0 inscrit sur 8 places" in listing


def test_reception_registers_several_young_people_at_once(client, reception, counsellor, young):
    session = _session(counsellor)
    client.force_login(reception)
    candidates = client.get(
        reverse("agenda:session_candidates", kwargs={"session_pk": session.pk}), {"q": "ngo"}
    )
    assert "NGOMA Élise" in candidates.content.decode()
    url = reverse("agenda:session_register", kwargs={"session_pk": session.pk})
    response = client.post(url, {"young_people": [young[0].pk, young[1].pk], FIELD: _token(client.get(url))})
    assert response.status_code == 302
    assert set(Registration.objects.values_list("young_person", flat=True)) == {young[0].pk, young[1].pk}
    detail = client.get(response["Location"]).content.decode()
    assert "2 inscrits sur 2 places" in detail and "il ne reste aucune place" in detail
    assert "Inscrire des jeunes" not in detail  # complète
    assert "Faire l'appel" not in detail  # l'accueil inscrit, les conseillers font l'appel


def test_over_capacity_the_form_says_so_and_registers_nobody(client, reception, counsellor, young):
    session = _session(counsellor)
    client.force_login(reception)
    url = reverse("agenda:session_register", kwargs={"session_pk": session.pk})
    response = client.post(url, {"young_people": [y.pk for y in young], FIELD: _token(client.get(url))})
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Il reste 2 places à cette séance : vous inscrivez 3 jeunes. Personne n&#x27;a été inscrit." in body
    )
    assert body.count('type="checkbox" name="young_people"') == 3  # les choix restent cochés
    assert not Registration.objects.exists()


def test_counsellor_takes_attendance_in_one_screen(client, counsellor, young):
    session = _session(counsellor, day=TODAY, capacity=3)
    registrations = group_services.register(session, young)
    client.force_login(counsellor)
    url = reverse("agenda:session_attendance", kwargs={"session_pk": session.pk})
    page = client.get(url).content.decode()
    assert all(str(y) in page for y in young)
    data = {f"version_{r.pk}": r.contact.version for r in registrations}
    data.update(
        {
            f"statut_{registrations[0].pk}": "present",
            f"statut_{registrations[1].pk}": "absent",
            f"statut_{registrations[2].pk}": "excuse",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert [Contact.objects.get(pk=r.contact_id).status for r in registrations] == [
        AttendanceStatus.PRESENT,
        AttendanceStatus.ABSENT,
        AttendanceStatus.EXCUSED,
    ]
    timeline = client.get(reverse("young_people:detail", kwargs={"pk": young[0].pk})).content.decode()
    assert "Information collective – sur site" in timeline


def test_a_stale_attendance_form_notes_nothing(client, counsellor, young):
    session = _session(counsellor, day=TODAY)
    first, second = group_services.register(session, young[:2])
    client.force_login(counsellor)
    url = reverse("agenda:session_attendance", kwargs={"session_pk": session.pk})
    group_services.take_attendance(session, [(second, 1, AttendanceStatus.EXCUSED)])
    response = client.post(
        url,
        {
            f"version_{first.pk}": 1,
            f"version_{second.pk}": 1,
            f"statut_{first.pk}": "present",
            f"statut_{second.pk}": "absent",
        },
    )
    assert "Rien n&#x27;a été noté" in response.content.decode()
    assert Contact.objects.get(pk=first.contact_id).status == AttendanceStatus.PLANNED


def test_unregistering_from_the_detail_page(client, reception, counsellor, young):
    session = _session(counsellor)
    registration = group_services.register(session, [young[0]])[0]
    client.force_login(reception)
    url = reverse(
        "agenda:registration_cancel", kwargs={"session_pk": session.pk, "registration_pk": registration.pk}
    )
    assert client.post(url, {"version": 1}).status_code == 302
    session.refresh_from_db()
    assert session.taken == 0
    assert Contact.objects.get(pk=registration.contact_id).status == AttendanceStatus.CANCELLED


def test_another_ml_gets_404(client, counsellor, young, other_ml):
    session = _session(counsellor)
    outsider = UserFactory(mission_locale=other_ml, role=Role.DIRECTOR)
    client.force_login(outsider)
    for name in ("session_detail", "session_register", "session_attendance", "session_edit"):
        assert client.get(reverse(f"agenda:{name}", kwargs={"session_pk": session.pk})).status_code == 404
    assert "Découvrir" not in client.get(reverse("agenda:sessions")).content.decode()


def test_my_agenda_and_the_site_agenda_show_the_session(client, counsellor, reception, young, site):
    session = _session(counsellor, day=TODAY, site=site)
    group_services.register(session, young[:2])
    client.force_login(counsellor)
    day = client.get(reverse("agenda:day")).content.decode()
    detail_url = reverse("agenda:session_detail", kwargs={"session_pk": session.pk})
    assert detail_url in day and "2 inscrits sur 2 places" in day
    week = client.get(reverse("agenda:week")).content.decode()
    assert detail_url in week
    assert detail_url in client.get(reverse("home")).content.decode()  # l'accueil du conseiller aussi
    client.force_login(reception)
    context = client.get(reverse("agenda:site", kwargs={"site_pk": site.pk})).context
    assert {a.young_person for a in context["expected"]} == set(
        young[:2]
    )  # l'accueil attend chaque participant


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_detail_and_my_day_cost_the_same_queries_whatever_the_number_of_rows(client, counsellor, ml):
    first = _session(counsellor, capacity=20, time=datetime.time(9, 0))
    group_services.register(first, [YoungPersonFactory(mission_locale=ml) for _ in range(2)])
    client.force_login(counsellor)
    urls = [
        reverse("agenda:sessions"),
        reverse("agenda:session_detail", kwargs={"session_pk": first.pk}),
        f"{reverse('agenda:day')}?jour={TOMORROW:%Y-%m-%d}",
        reverse("agenda:week"),
    ]
    client.get(urls[0])  # premier appel : configuration du site gardée en cache
    before = [_queries(client, url) for url in urls]
    for hour in (11, 14, 16):
        _session(counsellor, capacity=20, time=datetime.time(hour, 0))
    group_services.register(first, [YoungPersonFactory(mission_locale=ml) for _ in range(8)])
    assert [_queries(client, url) for url in urls] == before
