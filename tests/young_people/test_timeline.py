"""Le fil du dossier : les relations le plus souvent vides sont demandées en une requête, et le fil reste celui que
les fournisseurs donnent en lisant chaque relation eux-mêmes."""

import datetime

from django.db.models import Count

from parcours.synthetic import runner
from parcours.young_people import timeline
from parcours.young_people.models import YoungPerson


class _Null:
    def write(self, message):
        pass


def _read_by_each_provider(young_person):
    """Le fil sans la requête d'existence : chaque fournisseur lit ses relations lui-même."""
    entries = [entry for provider in timeline._PROVIDERS for entry in provider(young_person, None)]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


def test_the_timeline_is_the_same_with_and_without_empty_relations_read_first(db, django_assert_num_queries):
    runner.generate(
        400, 3, show_progress=False, stdout=_Null(), today=datetime.date(2026, 1, 15), with_apps=True
    )
    timeline._discover()
    assert set(timeline._OFTEN_EMPTY) == {"enrolments", "referrals", "offer_referrals", "sponsorships"}
    counts = {f"n_{name}": Count(name, distinct=True) for name in timeline._OFTEN_EMPTY}
    shapes = {}
    for young_person in YoungPerson.objects.annotate(**counts).order_by("pk"):
        shape = tuple(bool(getattr(young_person, f"n_{name}")) for name in timeline._OFTEN_EMPTY)
        shapes.setdefault(shape, young_person.pk)
    # Les jeunes générés couvrent sans rien, un peu et beaucoup de ces relations.
    assert len(shapes) >= 4 and (False,) * 4 in shapes and any(sum(shape) >= 2 for shape in shapes), shapes
    for shape, pk in shapes.items():
        expected = _read_by_each_provider(YoungPerson.objects.get(pk=pk))
        young_person = YoungPerson.objects.get(pk=pk)
        assert timeline.build(young_person) == expected, shape
        # Une relation vide est marquée lue : ni le fil ni l'en-tête du dossier ne la relisent.
        for name, present in zip(timeline._OFTEN_EMPTY, shape, strict=True):
            if not present:
                with django_assert_num_queries(0):
                    assert list(getattr(young_person, name).all()) == []


def test_presence_names_exactly_the_people_with_a_row(db):
    from parcours.young_people import presence

    runner.generate(
        200, 4, show_progress=False, stdout=_Null(), today=datetime.date(2026, 1, 15), with_apps=True
    )
    pks = list(YoungPerson.objects.order_by("pk").values_list("pk", flat=True)[:150])
    names = ["enrolments", "referrals", "offer_referrals", "contacts"]
    found = presence.having(YoungPerson, pks, names)
    for name in names:
        expected = {pk for pk in pks if getattr(YoungPerson.objects.get(pk=pk), name).exists()}
        assert found[name] == expected, name
    assert all(found[name] for name in names)  # chaque relation a des jeunes ici, et pas tous
    assert any(set(pks) - found[name] for name in names)
    assert presence.having(YoungPerson, [], names) == {name: set() for name in names}


def test_relations_read_for_the_timeline_are_those_django_prefetches(db):
    """Les relations que les fournisseurs lisent par requête préparée (``timeline.relations``) : mêmes lignes,
    dans le même ordre, que ``prefetch_related_objects``."""
    import importlib

    from django.db.models import prefetch_related_objects

    runner.generate(
        300, 5, show_progress=False, stdout=_Null(), today=datetime.date(2026, 1, 15), with_apps=True
    )
    timeline._discover()
    queries = {}
    for app in ("young_people", "accompaniment", "employers", "programmes"):
        module = importlib.import_module(f"parcours.{app}.timeline")
        queries.update(module._RELATIONS)
    assert set(queries) >= {"contacts", "proposals", "situations", "referent_assignments", "enrolments"}
    seen = dict.fromkeys(queries, 0)
    for young_person in YoungPerson.objects.order_by("pk")[:120]:
        loaded = YoungPerson.objects.get(pk=young_person.pk)
        timeline.load(loaded, queries)
        prefetch_related_objects([young_person], *queries)
        for name in queries:
            expected = [row.pk for row in getattr(young_person, name).all()]
            assert [row.pk for row in getattr(loaded, name).all()] == expected, name
            seen[name] += bool(expected)
    assert all(seen.values()), seen  # chaque relation a des lignes chez certains jeunes
