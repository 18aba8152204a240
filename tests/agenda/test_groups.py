"""Séances collectives : places, inscription de plusieurs jeunes tout ou rien, appel qui tient les contacts."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from parcours.accompaniment.enums import AttendanceStatus, ContactKind
from parcours.accompaniment.models import Contact
from parcours.agenda import group_services, queries, services
from parcours.agenda.models import GroupSession, Registration
from parcours.referential.models import Site
from parcours.versioning import ConcurrentEditError
from parcours.young_people import timeline
from tests.agenda import TODAY
from tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def site(ml):
    return Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")


@pytest.fixture
def young(ml, counsellor):
    return [
        YoungPersonFactory(mission_locale=ml, referent=counsellor, last_name=name)
        for name in ("Diallo", "Ngoma", "Petit", "Roux")
    ]


def _session(counsellor, site=None, capacity=3, day=TOMORROW, time=datetime.time(14, 0), **kwargs):
    return group_services.create_session(
        mission_locale=counsellor.mission_locale,
        counsellor=counsellor,
        kind=kwargs.pop("kind", ContactKind.WORKSHOP),
        title=kwargs.pop("title", "Atelier CV"),
        date=day,
        time=time,
        duration=90,
        site=site,
        themes=["emploi"],
        capacity=capacity,
        **kwargs,
    )


def test_registering_many_creates_one_planned_contact_each_on_the_file(counsellor, young, site):
    session = _session(counsellor, site)
    registrations = group_services.register(session, young[:3], by=counsellor)
    session.refresh_from_db()
    assert (session.taken, session.places_left) == (3, 0)
    contacts = Contact.objects.filter(group_registration__in=registrations).order_by(
        "young_person__last_name"
    )
    assert [
        (c.young_person.last_name, c.kind, c.status, c.date, c.time, c.duration, c.site) for c in contacts
    ] == [
        (name, ContactKind.WORKSHOP, AttendanceStatus.PLANNED, TOMORROW, datetime.time(14, 0), 90, site)
        for name in ("Diallo", "Ngoma", "Petit")
    ]
    assert all(c.counsellor == counsellor for c in contacts)
    entry = next(e for e in timeline.build(young[0], counsellor) if e.kind == "contact")
    assert (entry.date, entry.title, entry.status) == (TOMORROW, "Atelier – sur site", "Planifié")
    assert "Rendez-vous à 14:00 (90 min) · Antenne de Fives" in entry.detail


def test_over_capacity_registers_nobody(counsellor, young):
    session = _session(counsellor, capacity=3)
    group_services.register(session, young[:1])
    with pytest.raises(group_services.GroupSessionError) as refused:
        group_services.register(session, young[1:4])
    assert refused.value.reasons == [
        "Il reste 2 places à cette séance : vous inscrivez 3 jeunes. Personne n'a été inscrit."
    ]
    assert Registration.objects.count() == 1 and Contact.objects.count() == 1
    session.refresh_from_db()
    assert session.taken == 1


def test_an_already_registered_or_other_ml_young_person_refuses_the_whole_batch(counsellor, young, other_ml):
    session = _session(counsellor, capacity=10)
    group_services.register(session, [young[0]])
    stranger = YoungPersonFactory(mission_locale=other_ml)
    with pytest.raises(group_services.GroupSessionError) as refused:
        group_services.register(session, [young[1], young[0], stranger])
    assert refused.value.reasons == [
        "Un des jeunes choisis n'est pas suivi par la mission locale de la séance.",
        f"{young[0]} est déjà inscrit·e à cette séance.",
    ]
    assert list(Registration.objects.values_list("young_person", flat=True)) == [young[0].pk]


def test_the_database_refuses_more_places_taken_than_capacity_and_a_second_registration(counsellor, young):
    session = _session(counsellor, capacity=2)
    registration = group_services.register(session, [young[0]])[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupSession.objects.filter(pk=session.pk).update(taken=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(session=session, young_person=young[0], contact=registration.contact)


def test_unregistering_frees_the_place_and_re_registering_takes_it_back(counsellor, young):
    session = _session(counsellor, capacity=1)
    registration = group_services.register(session, [young[0]])[0]
    group_services.unregister(registration, registration.contact.version)
    registration.contact.refresh_from_db()
    session.refresh_from_db()
    assert (registration.contact.status, session.taken) == (AttendanceStatus.CANCELLED, 0)
    group_services.register(session, [young[1]])
    with pytest.raises(group_services.GroupSessionError, match="Il ne reste aucune place à cette séance"):
        group_services.register(session, [young[0]])
    group_services.unregister(Registration.objects.get(young_person=young[1]), 1)
    again = group_services.register(session, [young[0]])[0]
    assert again.pk == registration.pk  # l'inscription annulée est reprise : un seul contact au fil
    assert Contact.objects.get(pk=registration.contact_id).status == AttendanceStatus.PLANNED


def test_attendance_marks_every_participant_at_once_and_held_contacts_count(counsellor, young):
    session = _session(counsellor, day=TODAY, time=datetime.time(9, 0))
    registrations = group_services.register(session, young[:3])
    marks = [
        (registrations[0], 1, AttendanceStatus.PRESENT),
        (registrations[1], 1, AttendanceStatus.ABSENT),
        (registrations[2], 1, AttendanceStatus.EXCUSED),
    ]
    group_services.take_attendance(session, marks)
    statuses = {r.young_person.last_name: Contact.objects.get(pk=r.contact_id).status for r in registrations}
    assert statuses == {
        "Diallo": AttendanceStatus.PRESENT,
        "Ngoma": AttendanceStatus.ABSENT,
        "Petit": AttendanceStatus.EXCUSED,
    }
    assert list(Contact.objects.held().values_list("young_person", flat=True)) == [young[0].pk]
    entry = next(e for e in timeline.build(young[0], counsellor) if e.kind == "contact")
    assert (entry.title, entry.status) == ("Atelier – sur site", "Présent")


def test_attendance_is_all_or_nothing_when_one_row_changed_meanwhile(counsellor, young):
    session = _session(counsellor, day=TODAY, time=datetime.time(9, 0))
    first, second = group_services.register(session, young[:2])
    services.mark(Contact.objects.get(pk=second.contact_id), 1, AttendanceStatus.EXCUSED)  # quelqu'un d'autre
    with pytest.raises(ConcurrentEditError):
        group_services.take_attendance(
            session, [(first, 1, AttendanceStatus.PRESENT), (second, 1, AttendanceStatus.ABSENT)]
        )
    assert Contact.objects.get(pk=first.contact_id).status == AttendanceStatus.PLANNED


def test_attendance_waits_for_the_day_of_the_session(counsellor, young):
    session = _session(counsellor)
    registration = group_services.register(session, [young[0]])[0]
    with pytest.raises(group_services.GroupSessionError, match="le jour de la séance"):
        group_services.take_attendance(session, [(registration, 1, AttendanceStatus.PRESENT)])


def test_editing_moves_every_participant_and_capacity_cannot_drop_below_the_registered(
    counsellor, young, site
):
    session = _session(counsellor, capacity=4)
    group_services.register(session, young[:3])
    with pytest.raises(group_services.GroupSessionError, match="3 jeunes y sont inscrits"):
        group_services.edit_session(session, session.version, capacity=2)
    session = GroupSession.objects.get(pk=session.pk)
    later = TODAY + datetime.timedelta(days=3)
    group_services.edit_session(session, session.version, date=later, time=datetime.time(10, 0), site=site)
    assert set(Contact.objects.values_list("date", "time", "site")) == {
        (later, datetime.time(10, 0), site.pk)
    }


def test_cancelling_a_session_cancels_each_planned_contact(counsellor, young):
    session = _session(counsellor)
    group_services.register(session, young[:2])
    group_services.cancel_session(session, session.version)
    assert set(Contact.objects.values_list("status", flat=True)) == {AttendanceStatus.CANCELLED}
    with pytest.raises(group_services.GroupSessionError, match="annulée"):
        group_services.register(session, [young[3]])


def test_a_session_is_refused_over_the_animators_appointment_unless_confirmed(counsellor, young):
    services.book(counsellor=counsellor, young_person=young[0], date=TOMORROW, time=datetime.time(14, 30))
    with pytest.raises(group_services.GroupSessionError) as refused:
        _session(counsellor)
    assert refused.value.reasons == [
        f"Ce créneau chevauche l'agenda de l'animateur : 14:30–15:00 : rendez-vous avec {young[0]}. "
        "Cochez « confirmer malgré le chevauchement » pour l'enregistrer quand même."
    ]
    assert _session(counsellor, confirm_overlap=True).pk


def test_a_sensitive_theme_or_a_past_day_is_refused(counsellor):
    with pytest.raises(group_services.GroupSessionError) as refused:
        group_services.create_session(
            mission_locale=counsellor.mission_locale,
            counsellor=counsellor,
            title="Bilan de santé",
            date=TODAY - datetime.timedelta(days=1),
            time=datetime.time(9, 0),
            themes=["sante"],
            capacity=10,
        )
    assert refused.value.reasons[0] == "Une séance se prévoit pour aujourd'hui ou un jour à venir."
    assert "thème sensible" in refused.value.reasons[1]


def test_my_agenda_shows_the_session_once_and_keeps_its_time_busy(counsellor, young):
    session = _session(counsellor, day=TODAY, time=datetime.time(10, 0))
    group_services.register(session, young[:3])
    day = queries.counsellor_day(counsellor, counsellor, TODAY)
    assert day.appointments == [] and day.sessions == [session]
    assert datetime.time(10, 0) not in day.free_slots and datetime.time(11, 30) in day.free_slots


def test_an_individual_appointment_over_the_counsellors_session_is_refused_unless_confirmed(
    counsellor, young
):
    session = _session(counsellor, capacity=5)  # sans inscrit : l'animateur est pris quand même
    with pytest.raises(services.OverlapError) as refused:
        services.book(counsellor=counsellor, young_person=young[0], date=TOMORROW, time=datetime.time(15, 0))
    assert refused.value.clashes == [session]
    assert "14:00–15:30 : Atelier CV" in refused.value.reasons[0]
    group_services.register(session, young[1:3])  # les participants ne sont pas des rendez-vous à lister
    with pytest.raises(services.OverlapError) as again:
        services.book(counsellor=counsellor, young_person=young[0], date=TOMORROW, time=datetime.time(15, 0))
    assert again.value.clashes == [session]
    services.book(
        counsellor=counsellor,
        young_person=young[0],
        date=TOMORROW,
        time=datetime.time(15, 0),
        confirm_overlap=True,
    )


def test_a_participant_cancelled_from_the_site_agenda_frees_the_place(counsellor, young):
    session = _session(counsellor, capacity=1)
    registration = group_services.register(session, [young[0]])[0]
    services.cancel(registration.contact, registration.contact.version)  # bouton « Annuler » d'une liste
    assert GroupSession.objects.with_registered().get().registered == 0
    group_services.register(session, [young[1]])
    session.refresh_from_db()
    assert session.taken == 1


def test_places_are_taken_by_increment_so_the_database_refuses_an_overflow(counsellor, young):
    """Sans le verrou de la séance, deux inscriptions simultanées à la dernière place : la seconde incrémente un
    compteur déjà plein, la base la refuse et le service le dit."""
    session = _session(counsellor, capacity=1)
    group_services.register(session, [young[0]])
    stale = GroupSession.objects.get(pk=session.pk)  # lue pleine, comme par une écriture concurrente
    with (
        pytest.raises(group_services.GroupSessionError, match="vient d'être complétée"),
        transaction.atomic(),
    ):
        group_services._take_places(stale, live=1, count=1)
    assert GroupSession.objects.get(pk=session.pk).taken == 1
