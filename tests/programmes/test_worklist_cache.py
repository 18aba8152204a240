"""Les listes « À faire » gardées : calculées une fois, puis tenues à jour jeune par jeune avec le journal des
jeunes écrits ; une écriture hors journal fait tout recalculer ; la liste entière expire."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.enums import Role
from parcours.programmes import worklist
from parcours.programmes.models import EnrolmentPhase
from parcours.warehouse.models import WarehouseChange
from parcours.young_people.enums import ArchiveReason
from parcours.young_people.models import YoungPerson
from tests.cotraitance.factories import ReferralFactory
from tests.factories import ContactFactory, MissionLocaleFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import EnrolmentFactory

TODAY = datetime.date(2026, 6, 15)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return len(captured), page


def complete(young_people, today, reason=None, with_unassigned=False):
    return worklist.select(worklist.alerts_by_person(young_people, today, with_unassigned), reason)


def as_rows(result):
    items, counts = result
    return [(i.young_person_id, i.last_name, tuple(i.alerts)) for i in items], counts


@pytest.mark.django_db
def test_director_worklist_is_computed_once_then_patched_after_a_write(client, director):
    young = YoungPersonFactory(mission_locale=director.mission_locale, referent=director)
    other = YoungPersonFactory(mission_locale=director.mission_locale, referent=director)
    for person in (young, other):
        ReferralFactory(
            young_person=person, assignment_date=timezone.localdate() - datetime.timedelta(days=30)
        )
    client.force_login(director)
    client.get(reverse("young_people:search"))  # session prolongée, missions locales visibles en mémoire
    url = reverse("programmes:worklist")
    first, page = queries(client, url)
    assert "Premier entretien de co-traitance en retard" in page and str(young) in page
    second, again = queries(client, url)
    assert second <= first - 6  # alertes, jeunes et enveloppes ne sont pas recalculés
    assert again.count(str(young)) == page.count(str(young))
    ContactFactory(young_person=young, date=timezone.localdate())  # premier entretien tenu
    third, page = queries(client, url)
    assert str(young) not in page and str(other) in page  # l'alerte disparaît dès l'action saisie
    assert third < first  # seul le jeune écrit est recalculé


@pytest.mark.django_db
def test_writes_outside_the_list_scope_cost_two_queries(director):
    """Sous la charge d'une ML, la plupart des jeunes écrits sont d'un autre portefeuille : la liste d'un conseiller
    les écarte en une requête (plus la lecture du journal), sans faire tourner les sources d'alertes."""
    counsellor = UserFactory(mission_locale=director.mission_locale, role=Role.COUNSELLOR)
    mine = YoungPersonFactory(mission_locale=director.mission_locale, referent=counsellor)
    ReferralFactory(young_person=mine, assignment_date=TODAY - datetime.timedelta(days=30))
    others = [YoungPersonFactory(mission_locale=director.mission_locale, referent=director) for _ in range(3)]
    scope = worklist.counsellor_scope(counsellor)
    key = f"{director.mission_locale_id}:{counsellor.pk}:{TODAY}"
    before = as_rows(worklist.kept(key, scope, TODAY))
    for person in others:
        ContactFactory(young_person=person, date=TODAY)
    with CaptureQueriesContext(connection) as captured:
        after = as_rows(worklist.kept(key, scope, TODAY))
    assert len(captured) == 2  # le journal, puis les jeunes du périmètre parmi les écrits
    assert after == before == as_rows(complete(scope, TODAY))


@pytest.mark.django_db
def test_a_write_that_bypasses_signals_is_seen(director):
    """Le journal vient des déclencheurs de la base : une écriture en masse, ou d'un autre processus, compte."""
    young = YoungPersonFactory(mission_locale=director.mission_locale, referent=director)
    ReferralFactory(young_person=young, assignment_date=TODAY - datetime.timedelta(days=30))
    contact = ContactFactory(young_person=young, date=TODAY, status=AttendanceStatus.PLANNED)
    scope = worklist.director_scope(director)
    key = f"{director.mission_locale_id}:ml:{TODAY}"
    items, _ = worklist.kept(key, scope, TODAY, with_unassigned=True)
    assert [i.young_person_id for i in items] == [young.pk]
    Contact.objects.filter(pk=contact.pk).update(status=AttendanceStatus.PRESENT)  # sans signal
    items, _ = worklist.kept(key, scope, TODAY, with_unassigned=True)
    assert items == []


@pytest.mark.django_db
def test_a_write_outside_the_journal_recomputes_everything(director):
    enrolment = EnrolmentFactory(
        young_person=YoungPersonFactory(mission_locale=director.mission_locale, referent=director),
        entry_date=TODAY - datetime.timedelta(days=200),
    )
    scope = worklist.director_scope(director)
    key = f"{director.mission_locale_id}:ml:{TODAY}"
    before = as_rows(worklist.kept(key, scope, TODAY, with_unassigned=True))
    phase = EnrolmentPhase.objects.get(enrolment=enrolment)
    phase.start_date = TODAY - datetime.timedelta(days=3)  # une phase n'est pas dans le journal
    phase.save()
    after = as_rows(worklist.kept(key, scope, TODAY, with_unassigned=True))
    assert after == as_rows(complete(scope, TODAY, with_unassigned=True))
    assert before != after


@pytest.mark.django_db
def test_a_journal_line_seen_after_a_later_one_is_applied(monkeypatch, director):
    """Deux saisies simultanées : la ligne du journal de la première (numéro plus petit) devient visible après
    celle de la seconde. La liste l'applique quand elle arrive, puis tient pour perdue une ligne qui ne vient pas."""
    first, second = (
        YoungPersonFactory(mission_locale=director.mission_locale, referent=director) for _ in range(2)
    )
    for person in (first, second):
        ReferralFactory(young_person=person, assignment_date=TODAY - datetime.timedelta(days=30))
    scope = worklist.director_scope(director)
    key = f"{director.mission_locale_id}:ml:{TODAY}"
    assert {i.young_person_id for i in worklist.kept(key, scope, TODAY, with_unassigned=True)[0]} == {
        first.pk,
        second.pk,
    }
    ContactFactory(young_person=first, date=TODAY)  # premier entretien tenu : son alerte disparaît
    ContactFactory(young_person=second, date=TODAY)
    late = WarehouseChange.objects.filter(young_person_id=first.pk).order_by("pk").last()
    assert WarehouseChange.objects.filter(young_person_id=second.pk, pk__gt=late.pk).exists()
    late.delete()  # pas encore validée quand la liste est lue
    items, _ = worklist.kept(key, scope, TODAY, with_unassigned=True)
    assert [i.young_person_id for i in items] == [first.pk]  # le second est appliqué, le premier attendu
    WarehouseChange.objects.create(pk=late.pk, young_person_id=first.pk)  # validée
    items, _ = worklist.kept(key, scope, TODAY, with_unassigned=True)
    assert items == []
    # Une ligne qui ne vient jamais (transaction annulée) n'arrête pas la lecture : attendue GAP_SECONDS.
    third = YoungPersonFactory(mission_locale=director.mission_locale, referent=director)
    ReferralFactory(young_person=third, assignment_date=TODAY - datetime.timedelta(days=30))
    WarehouseChange.objects.filter(young_person_id=third.pk).order_by("pk").first().delete()
    now = worklist._clock()
    assert [i.young_person_id for i in worklist.kept(key, scope, TODAY, with_unassigned=True)[0]] == [
        third.pk
    ]
    monkeypatch.setattr(worklist, "_clock", lambda: now + worklist.GAP_SECONDS + 1)
    ContactFactory(young_person=third, date=TODAY)
    assert worklist.kept(key, scope, TODAY, with_unassigned=True)[0] == []
    # La ligne perdue venait peut-être d'une transaction longue : la liste est recalculée dans les 30 secondes.
    kept_entry = worklist._local[f"a-faire:{worklist._epoch()}:{key}"][0]
    assert kept_entry.expires_at <= now + worklist.GAP_SECONDS + 1 + worklist.LOST_LINE_SECONDS


@pytest.mark.parametrize(
    ("mark", "applied", "waiting", "now", "expected"),
    [
        (10, {11, 12}, None, 100, (12, set(), None, False)),  # tout est lu
        (
            10,
            {12, 13},
            None,
            100,
            (10, {12, 13}, (100, 13), False),
        ),  # 11 manque : attendue à partir de maintenant
        (10, {12, 13}, (100, 13), 105, (10, {12, 13}, (100, 13), False)),  # toujours attendue
        (
            10,
            {11, 12, 14},
            (100, 12),
            105,
            (12, {14}, (105, 14), False),
        ),  # 11 venue ; 13 attendue à partir de 105
        (10, {12, 13, 15}, (100, 15), 111, (15, set(), None, True)),  # 11 et 14, manquantes à 100 : perdues
        (10, {12, 15, 17}, (100, 15), 111, (15, {17}, (111, 17), True)),  # 16 manque depuis moins longtemps
    ],
)
def test_the_journal_is_read_up_to_its_first_missing_line(mark, applied, waiting, now, expected):
    assert worklist.GAP_SECONDS == 10
    got = worklist._advance(mark, frozenset(applied), waiting, now)
    assert (got[0], set(got[1]), got[2], got[3]) == expected


@pytest.mark.django_db
def test_the_kept_list_expires(monkeypatch, director):
    young = YoungPersonFactory(mission_locale=director.mission_locale)
    ReferralFactory(young_person=young, assignment_date=TODAY - datetime.timedelta(days=30))
    scope = worklist.director_scope(director)
    now = worklist._clock()
    with CaptureQueriesContext(connection) as computed:
        worklist.kept("k", scope, TODAY, with_unassigned=True)
    with CaptureQueriesContext(connection) as kept:
        worklist.kept("k", scope, TODAY, with_unassigned=True)
    assert len(kept) == 1  # le journal, rien d'autre
    monkeypatch.setattr(worklist, "_clock", lambda: now + worklist.CACHE_SECONDS + 1)
    with CaptureQueriesContext(connection) as expired:
        worklist.kept("k", scope, TODAY, with_unassigned=True)
    assert len(expired) == len(computed)
    monkeypatch.setattr(worklist, "CACHE_SECONDS", 0)
    with CaptureQueriesContext(connection) as never:
        worklist.kept("k", scope, TODAY, with_unassigned=True)
    assert len(never) == len(computed) - 2  # sans le journal (dernière ligne ancienne, lignes récentes)


who = st.integers(min_value=0, max_value=5)
day = st.integers(min_value=-200, max_value=0)
OPERATIONS = st.one_of(
    st.tuples(
        st.just("contact"),
        who,
        day,
        st.sampled_from([AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED]),
    ),
    # Rendez-vous pris pour aujourd'hui ou plus tard : efface l'alerte d'un rendez-vous manqué.
    st.tuples(st.just("rendez_vous"), who, st.integers(min_value=0, max_value=30)),
    st.tuples(st.just("contacts_tenus_en_masse"), who),
    st.tuples(st.just("supprimer_contacts"), who),
    st.tuples(st.just("referent"), who, st.booleans()),
    st.tuples(st.just("archiver"), who),
    st.tuples(st.just("orientation"), who, day),
    st.tuples(st.just("inscription"), who, day),
    st.tuples(st.just("phase"), who, day),
)


class KeptEqualsCompleteTests(TestCase):
    """Propriété : après toute suite d'écritures, la liste gardée est exactement la liste recalculée."""

    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(OPERATIONS, min_size=1, max_size=8))
    def test_kept_equals_complete(self, operations):
        from django.core.cache import cache

        cache.clear()
        ml = MissionLocaleFactory()
        director = UserFactory(mission_locale=ml, role=Role.DIRECTOR)
        counsellor = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
        people = [YoungPersonFactory(mission_locale=ml, referent=counsellor) for _ in range(6)]
        ReferralFactory(young_person=people[0], assignment_date=TODAY - datetime.timedelta(days=40))
        scopes = {
            "ml": (worklist.director_scope(director), True),
            "moi": (worklist.counsellor_scope(counsellor), False),
        }

        def check():
            for name, (scope, with_unassigned) in scopes.items():
                for reason in (None, "premier_entretien", "rdv_manque"):
                    kept = worklist.kept(f"{ml.pk}:{name}", scope, TODAY, reason, with_unassigned)
                    assert as_rows(kept) == as_rows(complete(scope, TODAY, reason, with_unassigned))

        check()
        for operation, index, *args in operations:
            person = YoungPerson.objects.get(pk=people[index].pk)
            when = TODAY + datetime.timedelta(days=args[0]) if args and isinstance(args[0], int) else TODAY
            if operation == "contact":
                ContactFactory(young_person=person, date=when, status=args[1])
            elif operation == "rendez_vous":
                ContactFactory(
                    young_person=person, date=when, time=datetime.time(10), status=AttendanceStatus.PLANNED
                )
            elif operation == "contacts_tenus_en_masse":
                Contact.objects.filter(young_person=person).update(status=AttendanceStatus.PRESENT)
            elif operation == "supprimer_contacts":
                Contact.objects.filter(young_person=person).delete()
            elif operation == "referent":
                YoungPerson.objects.filter(pk=person.pk).update(referent=counsellor if args[0] else None)
            elif operation == "archiver":
                YoungPerson.objects.filter(pk=person.pk).update(
                    archived_at=timezone.now(), archive_reason=ArchiveReason.NO_CONTACT
                )
            elif operation == "orientation":
                if not person.referrals.active().exists():
                    ReferralFactory(young_person=person, assignment_date=when)
            elif operation == "inscription":
                if not person.enrolments.exists():
                    EnrolmentFactory(young_person=person, entry_date=when)
            elif operation == "phase":
                EnrolmentPhase.objects.filter(enrolment__young_person=person).update(start_date=when)
                worklist.forget()  # ce que fait le signal d'une phase enregistrée par le service
            check()
