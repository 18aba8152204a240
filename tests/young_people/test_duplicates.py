"""Doublons probables (issue 11, point 8) : chaque sorte de ressemblance, et le périmètre."""

import datetime

import pytest

from parcours.young_people import duplicates
from parcours.young_people.duplicates import Person
from parcours.young_people.models import YoungPerson
from tests.factories import MissionLocaleFactory, YoungPersonFactory

D = datetime.date
LEA = Person("Durand", "Léa", D(2006, 4, 12))


def test_trigrams_and_similarity_follow_pg_trgm():
    # SELECT show_trgm('Léa') (sans accents, comme le nom de recherche) : {"  l"," le","ea ","lea"}
    assert duplicates.trigrams("Léa") == {"  l", " le", "lea", "ea "}
    assert duplicates.similarity(duplicates.trigrams("durand lea"), duplicates.trigrams("DURAND Léa")) == 1
    assert duplicates.similarity(duplicates.trigrams("abc"), duplicates.trigrams("xyz")) == 0
    assert duplicates.similarity(frozenset(), duplicates.trigrams("xyz")) == 0


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (Person("DURAND", "Lea", D(2006, 4, 12)), ["même nom et prénom", "même date de naissance"]),
        (Person("Durant", "Léa", D(2006, 4, 12)), ["nom et prénom proches (69%)", "même date de naissance"]),
        (Person("Durand", "Léa", D(2006, 4, 13)), ["même nom et prénom", "date de naissance à un jour près"]),
        (Person("Durand", "Léa", D(2006, 4, 11)), ["même nom et prénom", "date de naissance à un jour près"]),
        (
            Person("Durand", "Léa", D(2006, 12, 4)),
            ["même nom et prénom", "jour et mois de naissance inversés"],
        ),
        (Person("Léa", "Durand", D(2006, 4, 12)), ["nom et prénom inversés", "même date de naissance"]),
        (
            Person("Lea", "Durant", D(2006, 4, 13)),
            ["nom et prénom inversés et proches (69%)", "date de naissance à un jour près"],
        ),
        (Person("Zzz", "Yyy", D(2001, 1, 1), nir="206047512345678"), []),
    ],
)
def test_each_kind_of_near_duplicate(other, expected):
    assert duplicates.reasons(LEA, other) == expected


@pytest.mark.parametrize(
    "other",
    [
        Person("Durand", "Léa", D(2006, 4, 14)),  # deux jours d'écart
        Person("Durand", "Léa", D(2007, 4, 12)),  # une autre année
        Person("Dupont", "Léo", D(2006, 4, 12)),  # un autre jeune né le même jour
    ],
)
def test_what_is_not_a_near_duplicate(other):
    assert duplicates.reasons(LEA, other) == []


def test_same_nir_is_a_duplicate_whatever_the_rest():
    assert duplicates.reasons(
        Person("A", "B", D(2006, 1, 1), "206047512345678"), Person("C", "D", D(2001, 5, 5), "206047512345678")
    ) == ["même NIR"]


def test_birth_date_variants():
    assert set(duplicates.birth_date_variants(D(2006, 4, 12))) == {
        D(2006, 4, 12),
        D(2006, 4, 11),
        D(2006, 4, 13),
        D(2006, 12, 4),
    }
    assert set(duplicates.birth_date_variants(D(2006, 4, 4))) == {D(2006, 4, 4), D(2006, 4, 3), D(2006, 4, 5)}
    assert D(2006, 4, 12) not in {d for d in duplicates.birth_date_variants(D(2006, 4, 25)) if d.day == 12}
    assert set(duplicates.birth_date_variants(D(2006, 12, 31))) == {
        D(2006, 12, 31),
        D(2006, 12, 30),
        D(2007, 1, 1),
    }


@pytest.mark.django_db
def test_candidates_are_found_in_the_given_scope_only():
    ml, other_ml = MissionLocaleFactory(), MissionLocaleFactory()
    swapped = YoungPersonFactory(
        mission_locale=ml, last_name="Léa", first_name="Durand", birth_date=D(2006, 4, 12)
    )
    day_off = YoungPersonFactory(
        mission_locale=ml, last_name="Durand", first_name="Lea", birth_date=D(2006, 4, 13)
    )
    YoungPersonFactory(mission_locale=ml, last_name="Martin", first_name="Paul", birth_date=D(2006, 4, 12))
    YoungPersonFactory(
        mission_locale=other_ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12)
    )
    found = duplicates.candidates(YoungPerson.objects.filter(mission_locale=ml), LEA)
    assert [m.young_person for m in found] == [swapped, day_off]  # même date d'abord
    assert (
        duplicates.candidates(YoungPerson.objects.filter(mission_locale=ml), LEA, exclude_pk=swapped.pk)[
            0
        ].young_person
        == day_off
    )


@pytest.mark.django_db
def test_probable_pairs_skip_dismissed_merged_and_archived_pairs():
    ml = MissionLocaleFactory()
    make = YoungPersonFactory
    a = make(mission_locale=ml, last_name="Durand", first_name="Léa", birth_date=D(2006, 4, 12))
    b = make(mission_locale=ml, last_name="Durant", first_name="Léa", birth_date=D(2006, 12, 4))
    c = make(mission_locale=ml, last_name="Martin", first_name="Paul", birth_date=D(2006, 4, 12))
    d = make(mission_locale=ml, last_name="Martin", first_name="Paul", birth_date=D(2005, 1, 1))
    archived = {"archived_at": datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC), "archive_reason": "autre"}
    e = make(mission_locale=ml, last_name="Petit", first_name="Jo", birth_date=D(2004, 2, 2), **archived)
    make(mission_locale=ml, last_name="Petit", first_name="Jo", birth_date=D(2004, 2, 2), **archived)
    f = make(mission_locale=ml, last_name="Petit", first_name="Jo", birth_date=D(2004, 2, 3))
    young_people = YoungPerson.objects.filter(mission_locale=ml)
    pairs = duplicates.probable_pairs(young_people)
    assert [(first, second) for first, second, _ in pairs] == [(a.pk, b.pk), (e.pk, f.pk), (e.pk + 1, f.pk)]
    assert pairs[0][2] == ["nom et prénom proches (69%)", "jour et mois de naissance inversés"]
    assert duplicates.probable_pairs(young_people, {(a.pk, b.pk)})[0][:2] == (e.pk, f.pk)
    assert c.pk not in {pk for pair in pairs for pk in pair[:2]} and d.pk


@pytest.mark.django_db
def test_probable_pairs_is_the_rule_applied_to_every_pair():
    """La liste, qui ne compare que des dates voisines, trouve exactement les paires que ``reasons`` retient
    quand on compare tout à tout."""
    import itertools
    import random

    rng = random.Random(7)
    ml = MissionLocaleFactory()
    base = [("Durand", "Léa"), ("Durant", "Lea"), ("Léa", "Durand"), ("Martin", "Paul"), ("Martins", "Paul")]
    days = [D(2006, 4, 12), D(2006, 4, 13), D(2006, 4, 11), D(2006, 12, 4), D(2006, 5, 5), D(2006, 4, 14)]
    for _ in range(40):
        last, first = rng.choice(base)
        YoungPersonFactory(mission_locale=ml, last_name=last, first_name=first, birth_date=rng.choice(days))
    young_people = YoungPerson.objects.filter(mission_locale=ml).order_by("pk")
    expected = [
        (a.pk, b.pk, why)
        for a, b in itertools.combinations(young_people, 2)
        if (why := duplicates.reasons(Person.of(a), Person.of(b)))
    ]
    assert len(expected) > 50
    assert duplicates.probable_pairs(young_people) == expected
