"""Un rendez-vous manqué reste visible et alimente « À faire » jusqu'à ce qu'un rendez-vous soit repris."""

import datetime

import pytest
from django.urls import reverse

from parcours.accompaniment.enums import AttendanceStatus
from parcours.agenda import alerts, services
from parcours.programmes import worklist
from parcours.programmes.enums import AlertReason
from tests.agenda import TODAY
from tests.factories import ContactFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
MISSED = AlertReason.MISSED_APPOINTMENT
DAY = datetime.timedelta(days=1)


@pytest.fixture
def young(counsellor):
    return YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Ngoma", first_name="Élise"
    )


def _appointment(counsellor, young, day, status=AttendanceStatus.PLANNED, time=datetime.time(10, 0)):
    return ContactFactory(
        young_person=young, counsellor=counsellor, date=day, time=time, duration=30, status=status
    )


def missed_alerts(user, today=TODAY, whole_ml=False):
    """Les alertes « rendez-vous manqué » de la liste « À faire » (gardée) de ``user``, par jeune."""
    items, counts = worklist.for_user(user, today, whole_ml, reason=MISSED)
    assert counts[MISSED] == len(items)
    return {item.young_person_id: item.alerts for item in items}


def test_marked_absent_appears_then_a_new_appointment_clears_it(client, counsellor, young):
    appointment = _appointment(counsellor, young, TODAY - DAY)
    assert missed_alerts(counsellor) == {}  # planifié, pas encore noté
    services.mark(appointment, appointment.version, AttendanceStatus.ABSENT)
    [alert] = missed_alerts(counsellor)[young.pk]
    assert alert.due == TODAY - DAY and alert.label == "Rendez-vous manqué, sans nouveau rendez-vous"
    assert alert.detail == "Absent au rendez-vous du 09/03/2026 à 10:00 ; aucun rendez-vous repris depuis."
    client.force_login(counsellor)
    page = client.get(reverse("programmes:worklist")).content.decode()
    assert "Rendez-vous manqué" in page and "09/03/2026" in page
    services.book(counsellor=counsellor, young_person=young, date=TODAY + 2 * DAY, time=datetime.time(14, 0))
    assert missed_alerts(counsellor) == {}


def test_a_contact_held_since_clears_it(counsellor, young):
    _appointment(counsellor, young, TODAY - 3 * DAY, AttendanceStatus.ABSENT)
    assert young.pk in missed_alerts(counsellor)
    held_before = _appointment(counsellor, young, TODAY - 5 * DAY, AttendanceStatus.PRESENT)
    assert young.pk in missed_alerts(counsellor), "un contact tenu avant l'absence n'y répond pas"
    held_before.delete()
    ContactFactory(
        young_person=young, date=TODAY - DAY, status=AttendanceStatus.PRESENT
    )  # venu sans rendez-vous
    assert missed_alerts(counsellor) == {}


def test_excused_cancelled_or_postponed_raise_nothing(counsellor, young):
    for status in (AttendanceStatus.EXCUSED, AttendanceStatus.CANCELLED, AttendanceStatus.POSTPONED):
        _appointment(counsellor, young, TODAY - DAY, status)
    assert missed_alerts(counsellor) == {}


def test_a_stale_planned_appointment_does_not_hide_it(counsellor, young):
    """Un rendez-vous passé resté « planifié » (jamais noté) n'est pas une suite donnée à l'absence."""
    _appointment(counsellor, young, TODAY - 4 * DAY, AttendanceStatus.ABSENT)
    _appointment(counsellor, young, TODAY - 2 * DAY, AttendanceStatus.PLANNED)
    assert young.pk in missed_alerts(counsellor)
    _appointment(counsellor, young, TODAY, AttendanceStatus.PLANNED, time=datetime.time(17, 0))
    assert missed_alerts(counsellor) == {}  # un rendez-vous pris pour aujourd'hui compte


def test_several_absences_make_one_alert_and_the_window_ends(counsellor, young):
    _appointment(counsellor, young, TODAY - 20 * DAY, AttendanceStatus.ABSENT)
    _appointment(counsellor, young, TODAY - 6 * DAY, AttendanceStatus.ABSENT, time=None)
    [alert] = missed_alerts(counsellor)[young.pk]
    assert alert.due == TODAY - 6 * DAY
    assert alert.detail == (
        "Absent au rendez-vous du 04/03/2026 ; aucun rendez-vous repris depuis. "
        "2 rendez-vous manqués depuis le 18/02/2026."
    )
    later = TODAY - 20 * DAY + datetime.timedelta(days=alerts.WINDOW_DAYS + 1)
    assert (
        len(missed_alerts(counsellor, today=later)[young.pk]) == 1
    )  # la plus récente est encore dans la fenêtre
    assert young.pk not in missed_alerts(counsellor, today=TODAY + (alerts.WINDOW_DAYS + 1) * DAY)


def test_the_alert_reaches_the_referent_and_the_director_not_another_counsellor(
    counsellor, director, young, ml
):
    from parcours.accounts.enums import Role
    from tests.factories import UserFactory

    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    _appointment(colleague, young, TODAY - DAY, AttendanceStatus.ABSENT)  # reçu par un collègue
    assert young.pk in missed_alerts(counsellor)  # le référent du jeune
    assert young.pk in missed_alerts(director, whole_ml=True)
    assert missed_alerts(colleague) == {}


def test_the_kept_list_equals_the_recomputed_one(counsellor, young):
    other = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    scope = worklist.counsellor_scope(counsellor)
    key = worklist.list_key(counsellor, False, TODAY)

    def check():
        kept = worklist.kept(key, scope, TODAY, reason=MISSED)
        complete = worklist.select(worklist.alerts_by_person(scope, TODAY), MISSED)
        assert [(i.young_person_id, i.alerts) for i in kept[0]] == [
            (i.young_person_id, i.alerts) for i in complete[0]
        ]
        assert kept[1] == complete[1]
        return {i.young_person_id for i in kept[0]}

    assert check() == set()
    first = _appointment(counsellor, young, TODAY - DAY)
    services.mark(first, first.version, AttendanceStatus.ABSENT)
    _appointment(counsellor, other, TODAY - 2 * DAY, AttendanceStatus.ABSENT)
    assert check() == {young.pk, other.pk}
    services.book(counsellor=counsellor, young_person=other, date=TODAY, time=datetime.time(16, 0))
    assert check() == {young.pk}
    first.refresh_from_db()
    services.mark(first, first.version, AttendanceStatus.EXCUSED)  # l'absence devient excusée
    assert check() == set()
