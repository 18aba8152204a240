"""Fil chronologique du dossier : contacts, propositions, situations, référents, et ce qu'ajoutent les autres apps.

Chaque app peut fournir un module ``timeline.py`` avec une fonction ``entries(young_person, viewer=None)``
qui renvoie des ``TimelineEntry`` ; ils sont découverts au démarrage comme les modules ``admin.py``.
Un fournisseur qui lit une relation que la plupart des jeunes n'ont pas (inscriptions, orientations…) la nomme
(``register(often_empty=...)``) et la lit par ``.all()`` : ``build`` demande d'abord, en une seule requête, lesquelles
sont vides, et le fournisseur les trouve lues sans requête de plus.
``viewer`` est l'utilisateur qui lit le fil : ce qu'il ne peut pas voir (``parcours.accounts.access``) n'y
figure pas ; sans lui, le fil ne montre que ce que tout le personnel voit.
"""

import dataclasses
import datetime
import functools

from django.utils.module_loading import autodiscover_modules

from parcours.prepared import PreparedQuery, mark_loaded
from parcours.young_people import presence
from parcours.young_people.models import YoungPerson

_PROVIDERS = []
_OFTEN_EMPTY = []

#: Libellés des familles d'évènements (filtres du fil) ; à défaut, le code mis en forme.
KIND_LABELS = {
    "contact": "Contacts",
    "proposition": "Propositions",
    "situation": "Situations",
    "referent": "Référents",
    "dispositif": "Dispositifs",
    "cotraitance": "Cotraitance",
    "mise_en_relation": "Mises en relation",
    "parrainage": "Parrainage",
}


def kind_label(kind):
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str  # contact, proposition, situation, referent…
    title: str
    detail: str = ""
    status: str = ""
    icon: str = "fr-icon-calendar-line"
    url: str = ""  # page où l'on modifie l'évènement, s'il y en a une


def register(provider=None, *, often_empty=()):
    """Inscrit un fournisseur du fil ; ``often_empty`` : les relations inverses du jeune (``related_name``) qu'il
    lit par ``.all()`` et qui sont vides pour la plupart des jeunes."""
    if provider is None:
        return functools.partial(register, often_empty=often_empty)
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
        _OFTEN_EMPTY.extend(name for name in often_empty if name not in _OFTEN_EMPTY)
    return provider


@functools.cache
def _discover():
    autodiscover_modules("timeline")


def build(young_person, viewer=None):
    _discover()
    _load_empty_relations(young_person)
    entries = [entry for provider in _PROVIDERS for entry in provider(young_person, viewer)]
    return sorted(entries, key=lambda e: e.date, reverse=True)


def _load_empty_relations(young_person):
    """Marque lues (vides) les relations ``often_empty`` que le jeune n'a pas (une requête pour toutes)."""
    cache = young_person.__dict__.setdefault("_prefetched_objects_cache", {})
    names = [name for name in _OFTEN_EMPTY if name not in cache]
    for name, present in presence.having(type(young_person), [young_person.pk], names).items():
        if not present:
            mark_loaded(young_person, name, [])


def relations(**related):
    """Pour ``load`` : {``nom`` : requête préparée des lignes de la relation inverse ``nom`` du jeune, lues avec
    ``related[nom]`` (``select_related``)}, la même que ``prefetch_related_objects`` lancerait."""
    queries = {}
    for name, joined in related.items():
        field = YoungPerson._meta.get_field(name).field
        queries[name] = PreparedQuery(
            functools.partial(_relation_rows, field.model, field.attname, tuple(joined))
        )
    return queries


def _relation_rows(model, attname, joined, pk):
    return model._default_manager.select_related(*joined).filter(**{attname: pk})


def load(young_person, queries):
    """Lit les relations inverses de ``queries`` (``relations``) que ``young_person`` n'a pas déjà lues, comme
    ``prefetch_related_objects`` mais sans recompiler leur SQL."""
    cache = young_person.__dict__.get("_prefetched_objects_cache", {})
    for name, query in queries.items():
        if name not in cache:
            mark_loaded(young_person, name, query(young_person.pk))


_RELATIONS = relations(referent_assignments=("referent",))


@register
def entries(young_person, viewer=None):
    load(young_person, _RELATIONS)
    for assignment in young_person.referent_assignments.all():
        yield TimelineEntry(
            date=assignment.start.date(),
            kind="referent",
            title=f"Référent : {assignment.referent}",
            detail=assignment.reason,
            icon="fr-icon-user-line",
        )
