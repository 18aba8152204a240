"""Rendez-vous : chevauchements, changements de statut, le rendez-vous tenu est le contact tenu."""

import datetime

import pytest
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.agenda import services
from parcours.versioning import ConcurrentEditError
from parcours.young_people.models import YoungPerson
from tests.agenda import NOW, TODAY
from tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def young(counsellor):
    return YoungPersonFactory(
        mission_locale=counsellor.mission_locale, referent=counsellor, last_name="Diallo"
    )


def _book(counsellor, young, time, duration=30, day=TODAY, **kwargs):
    return services.book(
        counsellor=counsellor, young_person=young, date=day, time=time, duration=duration, **kwargs
    )


def test_an_overlap_is_refused_with_a_clear_message_unless_confirmed(counsellor, young):
    _book(counsellor, young, datetime.time(10, 0), 45)
    with pytest.raises(services.OverlapError) as refused:
        _book(counsellor, young, datetime.time(10, 30))
    assert refused.value.reasons == [
        f"Ce créneau chevauche un autre rendez-vous du conseiller : 10:00–10:45 avec {young}. "
        "Cochez « confirmer malgré le chevauchement » pour l'enregistrer quand même."
    ]
    assert Contact.objects.count() == 1
    _book(counsellor, young, datetime.time(10, 45))  # bout à bout : pas de chevauchement
    _book(counsellor, young, datetime.time(10, 30), confirm_overlap=True)
    assert Contact.objects.filter(status=AttendanceStatus.PLANNED).count() == 3


def test_cancelled_or_missed_appointments_free_the_slot(counsellor, young, director):
    first = _book(counsellor, young, datetime.time(11, 0))
    services.cancel(first, first.version)
    _book(counsellor, young, datetime.time(11, 0))
    # Un autre conseiller n'est pas gêné par l'agenda du premier.
    _book(director, young, datetime.time(11, 0))


def test_a_booking_in_the_past_is_refused(counsellor, young):
    with pytest.raises(services.AppointmentError, match="aujourd'hui ou un jour à venir"):
        _book(counsellor, young, datetime.time(10, 0), day=TODAY - datetime.timedelta(days=1))


def test_marking_present_makes_the_same_row_the_held_contact(counsellor, young):
    appointment = _book(counsellor, young, datetime.time(9, 0), themes=["emploi"])
    assert not YoungPerson.objects.filter(pk=young.pk, contacts__in=Contact.objects.held()).exists()
    services.mark_arrived(appointment, appointment.version)
    services.mark(appointment, appointment.version, AttendanceStatus.PRESENT)
    held = Contact.objects.held().get()
    assert held.pk == appointment.pk and held.themes == ["emploi"] and held.arrived_at == NOW
    assert Contact.objects.count() == 1  # rien de ressaisi
    # Il compte comme contact récent du portefeuille (l'indicateur « sans contact depuis »).
    mine = YoungPerson.objects.filter(pk=young.pk)
    assert not mine.without_held_contact_since(TODAY - datetime.timedelta(days=30)).exists()


def test_a_future_appointment_cannot_be_held_or_missed_but_can_be_excused(counsellor, young):
    later = _book(counsellor, young, datetime.time(9, 0), day=TODAY + datetime.timedelta(days=2))
    for status in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
        with pytest.raises(services.AppointmentError, match="encore planifié"):
            services.mark(later, later.version, status)
    with pytest.raises(services.AppointmentError, match="le jour du rendez-vous"):
        services.mark_arrived(later, later.version)
    services.mark(later, later.version, AttendanceStatus.EXCUSED)
    later.refresh_from_db()
    assert later.status == AttendanceStatus.EXCUSED and later.get_status_display() == "Excusé"


def test_a_missed_appointment_stays_on_the_timeline(counsellor, young):
    from parcours.young_people import timeline

    appointment = _book(counsellor, young, datetime.time(9, 0))
    services.mark(appointment, appointment.version, AttendanceStatus.ABSENT)
    entries = [e for e in timeline.build(young, counsellor) if e.kind == "contact"]
    assert [(e.date, e.status) for e in entries] == [(TODAY, "Absent")]
    assert "09:00" in entries[0].detail


def test_a_stale_version_writes_nothing(counsellor, young):
    appointment = _book(counsellor, young, datetime.time(9, 0))
    opened = appointment.version
    services.mark_arrived(Contact.objects.get(pk=appointment.pk), opened)
    stale = Contact.objects.get(pk=appointment.pk)
    with pytest.raises(ConcurrentEditError):
        services.mark(stale, opened, AttendanceStatus.ABSENT)
    assert Contact.objects.get(pk=appointment.pk).status == AttendanceStatus.PLANNED


def test_moving_checks_overlaps_without_counting_itself(counsellor, young):
    first = _book(counsellor, young, datetime.time(14, 0))
    second = _book(counsellor, young, datetime.time(15, 0))
    services.move(first, first.version, date=TODAY, time=datetime.time(14, 15), duration=30)
    with pytest.raises(services.OverlapError):
        services.move(second, second.version, date=TODAY, time=datetime.time(14, 30), duration=30)
    second.refresh_from_db()
    assert second.time == datetime.time(15, 0)
    assert timezone.localdate() == TODAY
