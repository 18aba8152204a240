"""Doublons probables (issue 11, point 8) : deux dossiers qui désignent sans doute le même jeune.

Règle : deux dossiers sont des doublons probables si leurs dates de naissance sont « voisines » — identiques, à
un jour près, ou le jour et le mois inversés (12/04 saisi 04/12) — et leurs noms proches : la similarité par
trigrammes de « nom prénom » (celle de PostgreSQL ``pg_trgm`` : mots encadrés d'espaces, découpés en groupes de
trois lettres, intersection sur union) atteint ``NAME_SIMILARITY``. Elle ne dépend pas de l'ordre des mots : un
nom et un prénom inversés se ressemblent autant que dans le bon ordre (la raison affichée le dit). Le même NIR suffit aussi (un même numéro de sécurité sociale).

La recherche est bloquée par date de naissance : on ne lit que les dossiers nés à l'une des dates voisines (par
l'index ``(mission_locale, birth_date)``), puis on calcule la similarité en Python. Le calcul est le même sur
PostgreSQL et SQLite (``make demo``) et reste rapide sur 100 000 jeunes (``bench/duplicates.py``).
"""

import dataclasses
import datetime
import functools
import re

from django.db.models import Q

from parcours.young_people.text import normalize

#: Similarité des noms (0 à 1) à partir de laquelle deux dossiers nés à des dates voisines sont des doublons
#: probables : 0,5 retient « Léa Durand » / « Lea Durant » (0,69) et écarte « Léa Durand » / « Léo Dupont ».
NAME_SIMILARITY = 0.5
ONE_DAY = datetime.timedelta(days=1)
_WORD = re.compile(r"[a-z0-9]+")


def trigrams(text):
    """Les trigrammes d'un texte, comme ``pg_trgm`` : chaque mot précédé de deux espaces et suivi d'un."""
    return normalized_trigrams(normalize(text))


def normalized_trigrams(search_name):
    """Les trigrammes d'un nom déjà normalisé (``YoungPerson.search_name``)."""
    grams = set()
    for word in _WORD.findall(search_name):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a, b):
    """Similarité de deux ensembles de trigrammes (``similarity()`` de ``pg_trgm``)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def swapped_birth_date(birth_date):
    """La date au jour et au mois inversés (12/04 → 04/12), ou ``None`` si l'inversion n'en fait pas une autre
    date valide."""
    if birth_date.day == birth_date.month or birth_date.day > 12:
        return None
    return birth_date.replace(month=birth_date.day, day=birth_date.month)


def birth_date_variants(birth_date):
    """Les dates de naissance voisines de ``birth_date`` : {date: raison} (la date elle-même : « »)."""
    variants = {
        birth_date - ONE_DAY: "date de naissance à un jour près",
        birth_date + ONE_DAY: "date de naissance à un jour près",
    }
    if swapped := swapped_birth_date(birth_date):
        variants[swapped] = "jour et mois de naissance inversés"
    variants[birth_date] = ""
    return variants


@dataclasses.dataclass(frozen=True)
class Person:
    """Ce que la règle compare d'un dossier (ou d'une saisie) : nom, prénom, date de naissance, NIR."""

    last_name: str
    first_name: str
    birth_date: datetime.date
    nir: str = ""

    @functools.cached_property
    def name(self):
        """Trigrammes de « nom prénom » (l'ordre des mots n'y compte pas, comme dans ``pg_trgm``)."""
        return trigrams(f"{self.last_name} {self.first_name}")

    @functools.cached_property
    def parts(self):
        return trigrams(self.last_name), trigrams(self.first_name)

    @classmethod
    def of(cls, young_person):
        return cls(young_person.last_name, young_person.first_name, young_person.birth_date, young_person.nir)


def reasons(person, other):
    """Pourquoi ``other`` est un doublon probable de ``person`` (liste de raisons en français), ou [] sinon."""
    if person.nir and person.nir == other.nir:
        return ["même NIR"]
    date_reason = birth_date_variants(person.birth_date).get(other.birth_date)
    if date_reason is None:
        return []
    score = similarity(person.name, other.name)
    if score < NAME_SIMILARITY:
        return []
    (last, first), (other_last, other_first) = person.parts, other.parts
    swapped = similarity(last, other_first) + similarity(first, other_last) > similarity(
        last, other_last
    ) + similarity(first, other_first)
    if swapped:
        found = [
            "nom et prénom inversés" if score == 1 else f"nom et prénom inversés et proches ({score:.0%})"
        ]
    else:
        found = ["même nom et prénom" if score == 1 else f"nom et prénom proches ({score:.0%})"]
    found.append(date_reason or "même date de naissance")
    return found


@dataclasses.dataclass
class Match:
    young_person: object
    reasons: list


def candidates(young_people, person, exclude_pk=None):
    """Les doublons probables de ``person`` parmi ``young_people`` (le périmètre de l'utilisateur, déjà
    restreint par l'appelant), les plus sûrs d'abord : une requête bloquée par les dates voisines (et le NIR)."""
    condition = Q(birth_date__in=list(birth_date_variants(person.birth_date)))
    if person.nir:
        condition |= Q(nir=person.nir)
    found = []
    for young_person in young_people.not_merged().filter(condition).exclude(pk=exclude_pk):
        why = reasons(person, Person.of(young_person))
        if why:
            found.append(Match(young_person, why))
    found.sort(key=lambda match: (match.reasons[-1] != "même date de naissance", match.young_person.pk))
    return found


def probable_pairs(young_people, dismissed=frozenset()):
    """Les paires de doublons probables parmi ``young_people`` (une mission locale) : [(pk, pk, raisons)] où le
    premier dossier est le plus ancien ; ``dismissed`` : les paires (pk, pk) déclarées « pas un doublon ». Deux
    dossiers archivés ne font pas une paire (rien à corriger) ; un dossier ouvert et un archivé, si (le jeune
    revenu dont on a recréé le dossier).

    Les dossiers sont rangés par date de naissance ; chaque paire de dates voisines (le même jour, le
    lendemain, jour et mois inversés) n'est parcourue qu'une fois, et la similarité des noms, calculée sur des
    trigrammes préparés, écarte presque toutes les paires avant d'en chercher les raisons."""
    people, names, by_birth, by_nir, archived = {}, {}, {}, {}, set()
    for (
        pk,
        last_name,
        first_name,
        search_name,
        birth_date,
        nir,
        archived_at,
    ) in young_people.not_merged().values_list(
        "pk", "last_name", "first_name", "search_name", "birth_date", "nir", "archived_at"
    ):
        people[pk] = Person(last_name, first_name, birth_date, nir)
        name = normalized_trigrams(search_name)
        names[pk] = (name, len(name))
        by_birth.setdefault(birth_date, []).append(pk)
        if nir:
            by_nir.setdefault(nir, []).append(pk)
        if archived_at is not None:
            archived.add(pk)

    def close_names(group, others, same_day):
        """Les paires (de ``group`` × ``others``) dont les noms atteignent ``NAME_SIMILARITY``."""
        found = []
        for i, pk in enumerate(group):
            a, size_a = names[pk]
            for other in others[i + 1 :] if same_day else others:
                b, size_b = names[other]
                common = len(a & b)
                if common and common >= NAME_SIMILARITY * (size_a + size_b - common):
                    found.append((pk, other))
        return found

    candidates_pairs = set()
    for day, pks in by_birth.items():
        candidates_pairs.update(close_names(pks, pks, same_day=True))
        swapped = swapped_birth_date(day)
        for neighbour in (day + ONE_DAY, swapped if swapped and swapped > day else None):
            if neighbour in by_birth:
                candidates_pairs.update(close_names(pks, by_birth[neighbour], same_day=False))
    for pks in by_nir.values():
        candidates_pairs.update((pk, other) for i, pk in enumerate(pks) for other in pks[i + 1 :])
    pairs = []
    for pk, other in {(min(pair), max(pair)) for pair in candidates_pairs}:
        if (pk, other) in dismissed or {pk, other} <= archived:
            continue
        why = reasons(people[pk], people[other])
        if why:
            pairs.append((pk, other, why))
    return sorted(pairs)


#: Les raisons qui désignent à coup sûr le même jeune (et non un doublon seulement probable).
CERTAIN = (["même NIR"], ["même nom et prénom", "même date de naissance"])


def is_certain(found_reasons):
    return list(found_reasons) in CERTAIN
