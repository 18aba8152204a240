"""Calendrier privé (.ics) d'un conseiller : lien à jeton révocable, contenu minimal, journalisé, limité."""

import datetime
import hashlib
import logging
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from parcours.accompaniment.enums import AttendanceStatus, ContactMode
from parcours.accounts import services as accounts
from parcours.accounts.enums import Role
from parcours.accounts.models import CalendarToken
from parcours.agenda import feed, services
from parcours.errors import RuleError
from parcours.referential.models import Site
from parcours.www.agenda import calendar as views
from parcours.young_people.models import FileAccess
from tests.agenda import TODAY
from tests.factories import ContactFactory, UserFactory, YoungPersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
FEED = reverse("agenda:calendar_feed")
PAGE = reverse("agenda:calendar")


@pytest.fixture
def site(ml):
    return Site.objects.create(mission_locale=ml, name="Antenne de Fives", kind="antenne", commune="Lille")


@pytest.fixture
def young(counsellor):
    return YoungPersonFactory(
        mission_locale=counsellor.mission_locale,
        referent=counsellor,
        last_name="Ngoma",
        first_name="Élise",
        health_notes="Suivi-psy-confidentiel",
    )


def _book(counsellor, young, time, day=TODAY, **kwargs):
    return services.book(counsellor=counsellor, young_person=young, date=day, time=time, **kwargs)


def _read(client, token):
    response = client.get(FEED, {"jeton": token})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content), response


def _events(calendar):
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_parses_back_with_minimal_content(client, counsellor, young, site):
    planned = _book(
        counsellor, young, datetime.time(10, 0), site=site, duration=45, themes=["sante", "emploi"]
    )
    phone = _book(
        counsellor,
        young,
        datetime.time(14, 0),
        day=TODAY + datetime.timedelta(days=2),
        mode=ContactMode.PHONE,
    )
    cancelled = _book(counsellor, young, datetime.time(16, 0))
    services.cancel(cancelled, cancelled.version)
    missed = ContactFactory(
        young_person=young,
        counsellor=counsellor,
        date=TODAY - datetime.timedelta(days=3),
        time=datetime.time(9, 0),
        duration=30,
        status=AttendanceStatus.ABSENT,
        notes="Compte rendu à ne pas diffuser",
    )
    token = accounts.issue_calendar_token(counsellor)
    calendar, response = _read(client, token)
    assert str(calendar["version"]) == "2.0" and "Parcours" in str(calendar["prodid"])
    events = _events(calendar)
    assert set(events) == {f"rdv-{c.pk}@agenda.parcours" for c in (planned, phone, cancelled, missed)}
    first = events[feed.uid(planned)]
    assert str(first["summary"]) == "RDV — Élise N."
    # 10 h à Paris en mars (heure d'hiver) : 9 h UTC ; 45 minutes.
    assert first.start == datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
    assert first.end - first.start == datetime.timedelta(minutes=45)
    assert str(first["location"]) == "Antenne de Fives"
    assert str(first["status"]) == "CONFIRMED"
    assert f"Dossier n° {young.pk}" in str(first["description"])
    assert str(first["url"]).endswith(reverse("young_people:detail", kwargs={"pk": young.pk}))
    assert str(events[feed.uid(phone)]["location"]) == "Téléphone"
    assert str(events[feed.uid(cancelled)]["status"]) == "CANCELLED"
    assert str(events[feed.uid(missed)]["summary"]) == "RDV — Élise N. (absent)"
    body = response.content.decode()
    for secret in ("Ngoma", "NGOMA", "sante", "Santé", "emploi", "Compte rendu", "Suivi-psy", "confidentiel"):
        assert secret not in body, secret


def test_uids_are_stable_and_sequence_follows_the_edits(client, counsellor, young):
    appointment = _book(counsellor, young, datetime.time(10, 0))
    token = accounts.issue_calendar_token(counsellor)
    before = _events(_read(client, token)[0])[feed.uid(appointment)]
    services.move(appointment, appointment.version, date=TODAY, time=datetime.time(11, 0), duration=30)
    after = _events(_read(client, token)[0])[feed.uid(appointment)]
    assert after.start - before.start == datetime.timedelta(hours=1)
    assert int(after["sequence"]) > int(before["sequence"])


def test_the_window_and_the_owner(client, counsellor, young, ml):
    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    mine = _book(counsellor, young, datetime.time(10, 0))
    theirs = _book(colleague, young, datetime.time(10, 0))
    too_old = ContactFactory(
        young_person=young,
        counsellor=counsellor,
        date=TODAY - datetime.timedelta(days=31),
        time=datetime.time(9),
    )
    too_far = _book(counsellor, young, datetime.time(10, 0), day=TODAY + datetime.timedelta(days=91))
    at_edges = [
        ContactFactory(
            young_person=young,
            counsellor=counsellor,
            date=TODAY - datetime.timedelta(days=30),
            time=datetime.time(9),
        ),
        _book(counsellor, young, datetime.time(10, 0), day=TODAY + datetime.timedelta(days=90)),
    ]
    untimed = ContactFactory(
        young_person=young, counsellor=counsellor, date=TODAY - datetime.timedelta(days=1)
    )
    uids = set(_events(_read(client, accounts.issue_calendar_token(counsellor))[0]))
    assert uids == {feed.uid(c) for c in (mine, *at_edges)}
    assert not uids & {feed.uid(c) for c in (theirs, too_old, too_far, untimed)}
    colleague_uids = set(_events(_read(client, accounts.issue_calendar_token(colleague))[0]))
    assert colleague_uids == {feed.uid(theirs)}


def test_only_the_hash_is_stored(counsellor):
    token = accounts.issue_calendar_token(counsellor)
    stored = CalendarToken.objects.get(user=counsellor)
    assert len(token) >= 40
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest() != token
    assert not CalendarToken.objects.filter(digest__contains=token[:20]).exists()


def test_revocation_and_regeneration(client, counsellor, young):
    _book(counsellor, young, datetime.time(10, 0))
    first = accounts.issue_calendar_token(counsellor)
    _read(client, first)
    second = accounts.issue_calendar_token(counsellor)  # remplacer révoque l'ancien
    assert client.get(FEED, {"jeton": first}).status_code == 404
    _read(client, second)
    assert CalendarToken.objects.filter(user=counsellor).count() == 2
    assert CalendarToken.objects.active().filter(user=counsellor).count() == 1
    assert accounts.revoke_calendar_token(counsellor) == 1
    assert client.get(FEED, {"jeton": second}).status_code == 404
    assert accounts.revoke_calendar_token(counsellor) == 0


def test_unknown_missing_or_deactivated_tokens_answer_404(client, counsellor, caplog):
    token = accounts.issue_calendar_token(counsellor)
    with caplog.at_level(logging.INFO, logger="parcours.securite"):
        for params in ({}, {"jeton": ""}, {"jeton": "inconnu"}, {"jeton": "x" * 500}):
            assert client.get(FEED, params).status_code == 404
    assert [getattr(r, "event", None) for r in caplog.records].count("calendrier_jeton_inconnu") == 4
    assert token not in caplog.text
    counsellor.is_active = False
    counsellor.save()
    assert client.get(FEED, {"jeton": token}).status_code == 404


def test_a_role_change_closes_the_feed(client, counsellor):
    token = accounts.issue_calendar_token(counsellor)
    counsellor.role = Role.EMPLOYER_REFERENT
    counsellor.save()
    assert client.get(FEED, {"jeton": token}).status_code == 404


def test_only_roles_with_an_agenda_get_a_token(ml):
    with pytest.raises(RuleError):
        accounts.issue_calendar_token(UserFactory(mission_locale=ml, role=Role.RECEPTION))
    with pytest.raises(RuleError):
        accounts.issue_calendar_token(UserFactory(mission_locale=None, role=Role.NATIONAL))
    assert not CalendarToken.objects.exists()


def test_each_read_is_logged_and_recorded_once_a_day_per_file(client, counsellor, young, caplog):
    other = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    _book(counsellor, young, datetime.time(10, 0))
    _book(counsellor, young, datetime.time(11, 0))
    _book(counsellor, other, datetime.time(14, 0))
    token = accounts.issue_calendar_token(counsellor)
    with caplog.at_level(logging.INFO, logger="parcours.securite"):
        _read(client, token)
        _read(client, token)
    reads = [r for r in caplog.records if getattr(r, "event", None) == "calendrier_lu"]
    assert len(reads) == 2 and reads[0].rendez_vous == 3 and reads[0].user_id == counsellor.pk
    assert [r.dossiers_journalises for r in reads] == [2, 0]
    accesses = FileAccess.objects.filter(user=counsellor, channel=FileAccess.CALENDAR)
    assert sorted(accesses.values_list("young_person_id", flat=True)) == sorted([young.pk, other.pk])
    assert CalendarToken.objects.get(user=counsellor).last_used_at is not None


def test_reads_are_throttled(client, counsellor, monkeypatch):
    monkeypatch.setattr(views.FeedThrottle, "rate", "2/hour")
    monkeypatch.setattr(views.UnknownTokenThrottle, "rate", "3/minute")
    token = accounts.issue_calendar_token(counsellor)
    assert [client.get(FEED, {"jeton": token}).status_code for _ in range(3)] == [200, 200, 429]
    # Un autre calendrier n'est pas freiné par celui-ci.
    other = UserFactory(mission_locale=counsellor.mission_locale, role=Role.COUNSELLOR)
    assert client.get(FEED, {"jeton": accounts.issue_calendar_token(other)}).status_code == 200
    # Les jetons inconnus essayés depuis une adresse : au-delà du débit, 429 ; un lien valide lu depuis la même
    # adresse (serveur d'un outil d'agenda, mandataire) n'en est pas freiné, ni un lien révoqué compté.
    revoked = accounts.issue_calendar_token(counsellor)
    accounts.revoke_calendar_token(counsellor)
    assert [client.get(FEED, {"jeton": revoked}).status_code for _ in range(5)] == [404] * 5
    codes = [client.get(FEED, {"jeton": f"essai-{n}"}).status_code for n in range(4)]
    assert codes == [404, 404, 404, 429]
    assert client.get(FEED, {"jeton": accounts.issue_calendar_token(other)}).status_code == 200


def test_the_page_creates_shows_once_and_revokes(client, counsellor, young):
    _book(counsellor, young, datetime.time(10, 0))
    client.force_login(counsellor)
    assert "Mon calendrier" in client.get(reverse("agenda:day")).content.decode()
    page = client.get(PAGE).content.decode()
    assert "pas de lien de calendrier" in page and "Créer mon lien" in page
    created = client.post(PAGE, {"action": "creer"}).content.decode()
    url = re.search(r'value="(http[^"]+jeton=[^"]+)"', created).group(1)
    token = url.split("jeton=")[1]
    assert CalendarToken.objects.get(user=counsellor).digest == accounts.digest(token)
    again = client.get(PAGE).content.decode()
    assert token not in again and "Un lien est actif" in again and "Révoquer le lien" in again
    client.logout()
    _read(client, token)  # sans session
    client.force_login(counsellor)
    assert "lu pour la dernière fois" in client.get(PAGE).content.decode()
    response = client.post(PAGE, {"action": "revoquer"}, follow=True)
    assert "Le lien est révoqué" in response.content.decode()
    assert client.get(FEED, {"jeton": token}).status_code == 404


def test_the_page_is_for_agenda_holders(client, ml):
    for role, expected in ((Role.RECEPTION, 403), (Role.EMPLOYER_REFERENT, 403), (Role.DIRECTOR, 200)):
        client.force_login(UserFactory(mission_locale=ml, role=role))
        assert client.get(PAGE).status_code == expected
        client.post(PAGE, {"action": "creer"})
    assert CalendarToken.objects.count() == 1


def test_a_session_does_not_open_the_feed(client, counsellor, director):
    """Public au sens de la matrice (pas de renvoi vers la connexion) : sans jeton valide, 404 pour tous."""
    accounts.issue_calendar_token(counsellor)
    assert client.get(FEED).status_code == 404
    for user in (counsellor, director):
        client.force_login(user)
        assert client.get(FEED).status_code == 404
        assert client.get(FEED, {"jeton": "pas-un-jeton"}).status_code == 404


def test_head_is_answered_and_writes_are_refused(client, counsellor):
    token = accounts.issue_calendar_token(counsellor)
    assert client.head(FEED, {"jeton": token}).status_code == 200
    assert client.post(f"{FEED}?jeton={token}").status_code == 405


def test_a_group_session_is_one_event_without_participant_names(client, counsellor, young, site):
    from parcours.accompaniment.enums import ContactKind
    from parcours.agenda import group_services

    session = group_services.create_session(
        mission_locale=counsellor.mission_locale,
        counsellor=counsellor,
        kind=ContactKind.WORKSHOP,
        title="Atelier CV",
        date=TODAY + datetime.timedelta(days=1),
        time=datetime.time(14, 0),
        duration=90,
        site=site,
        themes=["emploi"],
        capacity=8,
    )
    other = YoungPersonFactory(mission_locale=counsellor.mission_locale, last_name="Diallo", first_name="Awa")
    group_services.register(session, [young, other], by=counsellor)
    token = accounts.issue_calendar_token(counsellor)
    events = _events(_read(client, token)[0])
    assert list(events) == [f"seance-{session.pk}@agenda.parcours"]
    item = events[f"seance-{session.pk}@agenda.parcours"]
    assert str(item["summary"]) == "Atelier — Atelier CV (2 inscrits)"
    assert str(item["location"]) == "Antenne de Fives"
    assert "Élise" not in item.to_ical().decode() and "Awa" not in item.to_ical().decode()
