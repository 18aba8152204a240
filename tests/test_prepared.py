"""Requêtes préparées (``parcours.prepared``) : mêmes objets que le QuerySet de Django, sans recompiler, et un
refus net quand le SQL dépend des valeurs autrement que par ses paramètres."""

import datetime
import gc
import threading
import weakref

import pytest
from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import Q, prefetch_related_objects
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from parcours.accompaniment.models import Contact
from parcours.prepared import NotPreparable, PreparedList, PreparedQuery, mark_loaded
from parcours.young_people.models import YoungPerson
from tests.factories import ContactFactory, MissionLocaleFactory, YoungPersonFactory


def _rows(objects):
    return [(type(o), o.pk, {k: v for k, v in vars(o).items() if not k.startswith("_")}) for o in objects]


@pytest.fixture
def people(db):
    mls = [MissionLocaleFactory(), MissionLocaleFactory()]
    people = [YoungPersonFactory(mission_locale=mls[i % 2]) for i in range(6)]
    for i, person in enumerate(people):
        for day in range(i % 3):
            ContactFactory(young_person=person, date=datetime.date(2026, 1, 1 + day))
    return mls, people


def test_same_objects_as_django_for_any_values_and_list_length(people, settings):
    settings.PARCOURS_PREPARED_CHECK = False  # comparé ici à la main
    mls, people = people
    query = PreparedQuery(
        lambda pk, ml_ids, *, related: (
            YoungPerson.objects.within(ml_ids).select_related(*related).filter(pk=pk).order_by()
        )
    )
    for person in people:
        for ml_ids in ([mls[0].pk], [mls[1].pk], [m.pk for m in mls], []):
            for related in ((), ("mission_locale",)):
                expected = list(
                    YoungPerson.objects.within(ml_ids)
                    .select_related(*related)
                    .filter(pk=person.pk)
                    .order_by()
                )
                got = query(person.pk, ml_ids, related=related)
                assert _rows(got) == _rows(expected)
                assert len(got) == (person.mission_locale_id in ml_ids)
                if got and related:
                    assert got[0].mission_locale == person.mission_locale
    # Une forme par combinaison de mots-clés et de longueurs de listes, compilée une fois.
    assert len(query._plans) == 2 * 3


def test_each_call_reruns_the_sql_with_its_own_values(people, django_assert_num_queries):
    _, people = people
    query = PreparedQuery(lambda pk, day: Contact.objects.filter(young_person_id=pk, date__gte=day))
    for person in people:
        for day in (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), datetime.date(2027, 1, 1)):
            with django_assert_num_queries(1):
                got = query(person.pk, day)
            assert [c.pk for c in got] == [
                c.pk for c in Contact.objects.filter(young_person_id=person.pk, date__gte=day)
            ]


def test_a_value_that_changes_the_sql_is_refused(people):
    _, people = people
    # ``None`` donne ``IS NULL`` : ce n'est pas un paramètre.
    with pytest.raises(NotPreparable):
        PreparedQuery(lambda referent: YoungPerson.objects.filter(referent_id=referent))(None)
    # Un texte que Django transforme autrement qu'en motif LIKE (ici, en majuscules dans le paramètre) : refusé.
    with pytest.raises(NotPreparable):
        PreparedQuery(lambda text: YoungPerson.objects.filter(last_name=text.upper()))("dupont")


def test_a_text_inside_a_like_pattern_is_escaped_as_django_does(people, settings):
    settings.PARCOURS_PREPARED_CHECK = False
    _, people = people
    people[0].last_name, people[1].last_name, people[2].last_name = "A%B_C", "AxBxC", "Back\\slash"
    for person in people[:3]:
        person.save()
    query = PreparedQuery(
        lambda a, b: (
            YoungPerson.objects.filter(last_name__contains=a).exclude(last_name__startswith=b).order_by("pk")
        )
    )
    for a, b in (("%B_", "zz"), ("B", "A%"), ("k\\s", "%"), ("x", "_"), ("", "A")):
        expected = (
            YoungPerson.objects.filter(last_name__contains=a).exclude(last_name__startswith=b).order_by("pk")
        )
        assert [p.pk for p in query(a, b)] == [p.pk for p in expected], (a, b)


def test_a_date_read_from_the_clock_is_refused(people):
    # Figée dans le SQL gardé, elle serait fausse le lendemain : elle doit être une valeur.
    with pytest.raises(NotPreparable, match="date du jour"):
        PreparedQuery(lambda pk: Contact.objects.filter(young_person_id=pk, date__lte=timezone.localdate()))(
            1
        )


def test_dates_the_database_turns_into_text_are_found(people, monkeypatch):
    """SQLite (la démonstration) reçoit les dates en texte : les témoins y sont reconnus sous cette forme, et une
    date du jour lue dans la requête reste refusée."""
    monkeypatch.setattr(
        connection.ops, "adapt_datefield_value", lambda value: None if value is None else value.isoformat()
    )
    _, people = people
    query = PreparedQuery(lambda pk, day: Contact.objects.filter(young_person_id=pk, date__gte=day))
    for person in people:
        for day in (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)):
            expected = Contact.objects.filter(young_person_id=person.pk, date__gte=day)
            assert [c.pk for c in query(person.pk, day)] == [c.pk for c in expected]
    assert query._plans  # préparée, pas refusée
    with pytest.raises(NotPreparable, match="date du jour"):
        PreparedQuery(lambda pk: Contact.objects.filter(young_person_id=pk, date__lte=timezone.localdate()))(
            people[0].pk
        )


def test_count_and_slices_are_those_of_the_queryset(people, settings):
    settings.PARCOURS_PREPARED_CHECK = False
    mls, people = people

    def contacts(ml_ids, since):
        return Contact.objects.within(ml_ids).filter(date__gte=since).order_by("date", "pk")

    query = PreparedQuery(contacts)
    for ml_ids in ([mls[0].pk], [m.pk for m in mls], []):
        for since in (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2), datetime.date(2030, 1, 1)):
            expected = Paginator(contacts(ml_ids, since), 2)
            got = Paginator(PreparedList(query, ml_ids, since), 2)
            assert got.count == expected.count
            for number in expected.page_range:
                assert [c.pk for c in got.page(number)] == [c.pk for c in expected.page(number)]
    assert Paginator(PreparedList(query, [m.pk for m in mls], datetime.date(2026, 1, 1)), 2).count == 6


def test_beyond_the_kept_shapes_the_queryset_runs_as_is(people, settings, monkeypatch):
    settings.PARCOURS_PREPARED_CHECK = False
    mls, people = people
    monkeypatch.setattr(PreparedQuery, "MAX_PLANS", 2)
    query = PreparedQuery(lambda ml_ids: YoungPerson.objects.within(ml_ids).order_by("pk"))
    for ml_ids in ([mls[0].pk], [m.pk for m in mls], [mls[1].pk, mls[0].pk, mls[1].pk]):
        expected = [p.pk for p in YoungPerson.objects.within(ml_ids).order_by("pk")]
        assert [p.pk for p in query(ml_ids)] == expected
        assert query.count(ml_ids) == len(expected)
    assert len(query._plans) == 2


def test_rows_of_values_list_are_those_of_the_queryset(people, settings, django_assert_num_queries):
    """``values_list`` (tuples, valeurs seules, annotation nommée avant un champ), ``values`` : l'itérateur du
    QuerySet lit le SQL préparé et convertit comme Django."""
    settings.PARCOURS_PREPARED_CHECK = False
    mls, people = people
    builds = {
        "tuples": lambda pks: YoungPerson.objects.filter(pk__in=pks).values_list("pk", "last_name"),
        "flat": lambda pks: YoungPerson.objects.filter(pk__in=pks).values_list("pk", flat=True),
        "annotation first": lambda pks: (
            YoungPerson.objects.filter(pk__in=pks)
            .with_last_contact()
            .values_list("last_contact_on", "pk", "mission_locale_id")
        ),
        "dicts": lambda pks: YoungPerson.objects.filter(pk__in=pks).values("pk", "birth_date"),
    }
    for name, build in builds.items():
        query = PreparedQuery(build)
        for pks in ([people[0].pk], [p.pk for p in people[:3]], [p.pk for p in people[3:]]):
            expected = sorted(build(pks), key=str)
            with django_assert_num_queries(1):
                got = query(pks)
            assert sorted(got, key=str) == expected, name
    dated = PreparedQuery(builds["annotation first"])([p.pk for p in people])
    assert {pk: last for last, pk, _ in dated} == {
        p.pk: (datetime.date(2026, 1, i % 3) if i % 3 else None) for i, p in enumerate(people)
    }


def test_a_queryset_or_a_long_list_among_the_values_runs_as_is(people, settings, monkeypatch):
    """Une source d'alertes reçoit toute une mission locale en QuerySet, ou quelques jeunes par identifiants."""
    mls, people = people
    monkeypatch.setattr(PreparedQuery, "LONGEST_LIST", 2)
    query = PreparedQuery(lambda young_people: Contact.objects.filter(young_person__in=young_people))
    whole = YoungPerson.objects.within([mls[0].pk])
    for young_people in (whole, [p.pk for p in people[:4]], [people[1].pk, people[2].pk]):
        expected = sorted(Contact.objects.filter(young_person__in=young_people).values_list("pk", flat=True))
        assert sorted(c.pk for c in query(young_people)) == expected
    assert [key[2] for key in query._plans] == [(2,)]  # seule la liste courte est préparée


def test_lists_of_ids_are_padded_to_a_few_shapes(people, django_assert_num_queries):
    """``ids=True`` : une liste de 1 à 9 identifiants sert l'une de cinq formes (1, 2, 4, 8, 16), avec les mêmes
    lignes que Django (mode vérification actif : le SQL est aussi comparé)."""
    _, people = people
    pks = [p.pk for p in people]
    query = PreparedQuery(
        lambda young_people, day: Contact.objects.filter(young_person__in=young_people, date__gte=day),
        ids=True,
    )
    candidates = [*pks, *range(max(pks) + 1, max(pks) + 4)]  # six jeunes, puis trois identifiants absents
    for count in range(1, 10):
        chosen = candidates[:count]
        expected = sorted(
            Contact.objects.filter(young_person__in=chosen, date__gte=datetime.date(2026, 1, 2)).values_list(
                "pk", flat=True
            )
        )
        with django_assert_num_queries(1):
            got = query(chosen, datetime.date(2026, 1, 2))
        assert sorted(c.pk for c in got) == expected
    assert sorted(key[2][0] for key in query._plans) == [1, 2, 4, 8, 16]


def test_many_texts_each_find_their_own_place(people, settings):
    """Douze textes : les témoins « 1 » et « 11 » ne se confondent pas."""
    _, people = people
    people[0].last_name = "Abcdefghijkl"
    people[0].save()
    query = PreparedQuery(
        lambda *parts: YoungPerson.objects.filter(*[Q(last_name__contains=part) for part in parts])
    )
    assert [p.pk for p in query("A", *"bcdefghijkl")] == [people[0].pk]
    assert query(*"bcdefghijklm") == []


def test_the_check_mode_catches_a_shape_that_is_not_declared(people, settings):
    mls, people = people
    settings.PARCOURS_PREPARED_CHECK = True
    state = {"sort": "last_name"}
    # La forme dépend ici d'autre chose que des valeurs et des mots-clés : le mode vérification le voit.
    query = PreparedQuery(lambda pk: YoungPerson.objects.filter(pk__gte=pk).order_by(state["sort"]))
    assert len(query(people[0].pk)) == len(people)
    state["sort"] = "first_name"
    with pytest.raises(AssertionError, match="Requête préparée différente"):
        query(people[0].pk)


def test_mark_loaded_behaves_like_prefetch(people, django_assert_num_queries):
    _, people = people
    person = people[2]
    reference = YoungPerson.objects.get(pk=person.pk)
    prefetch_related_objects([reference], "contacts")
    loaded = YoungPerson.objects.get(pk=person.pk)
    mark_loaded(loaded, "contacts", list(Contact.objects.filter(young_person_id=person.pk)))
    with django_assert_num_queries(0):
        contacts = list(loaded.contacts.all())
        assert [c.pk for c in contacts] == [c.pk for c in reference.contacts.all()] != []
        assert all(c.young_person is loaded for c in contacts)
    # Filtrer la relation lue relit la base, avec la bonne condition (comme après prefetch_related).
    assert [c.pk for c in loaded.contacts.filter(date__gte=datetime.date(2026, 1, 2))] == [
        c.pk for c in reference.contacts.filter(date__gte=datetime.date(2026, 1, 2))
    ]


def test_column_converters_are_computed_once_per_connection(people, monkeypatch):
    """Les convertisseurs des colonnes (ici ``themes``, JSON, et les dates sous SQLite) sont ceux que Django
    calcule, gardés par la forme : les objets sont les mêmes, sans les recalculer à chaque exécution."""
    _, people = people
    for person in people:
        ContactFactory(young_person=person, themes=["emploi", "sante"])
    calls = []
    original = SQLCompiler.get_converters

    def counted(self, expressions):
        calls.append(len(expressions))
        return original(self, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", counted)
    query = PreparedQuery(lambda pk: Contact.objects.filter(young_person_id=pk).order_by("date", "pk"))
    for person in people:
        got = query(person.pk)
        assert ["emploi", "sante"] in [contact.themes for contact in got]
        prepared_calls = len(calls)
        assert _rows(got) == _rows(Contact.objects.filter(young_person_id=person.pk).order_by("date", "pk"))
        assert len(calls) == prepared_calls + 1  # le QuerySet de Django, lui, les recalcule
    # Une fois pour la forme, à la première exécution (puis chaque QuerySet de Django comparé).
    assert len(calls) == 1 + len(people)


def test_converters_kept_for_a_thread_do_not_keep_its_connection_alive(db):
    """Sous ``runserver`` (la démonstration), chaque requête a son fil et sa connexion : les convertisseurs gardés
    pour elle (liés à la connexion sous SQLite) partent avec elle."""
    query = PreparedQuery(lambda pk: Contact.objects.filter(young_person_id=pk))
    query(1)
    seen = []

    def read():
        query(2)
        seen.append(weakref.ref(connections["default"]))
        connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    gc.collect()
    assert len(seen) == 1
    assert seen[0]() is None
