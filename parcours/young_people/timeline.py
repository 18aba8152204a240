"""Fil chronologique du dossier : contacts, propositions, situations, référents, et ce qu'ajoutent les autres apps.

Chaque app peut fournir un module ``timeline.py`` avec une fonction ``entries(young_person, viewer=None)``
qui renvoie des ``TimelineEntry`` ; ils sont découverts au démarrage comme les modules ``admin.py``.
``viewer`` est l'utilisateur qui lit le fil : ce qu'il ne peut pas voir (``parcours.accounts.access``) n'y
figure pas ; sans lui, le fil ne montre que ce que tout le personnel voit.
"""

import dataclasses
import datetime
import functools

from django.utils.module_loading import autodiscover_modules

_PROVIDERS = []

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


def register(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


@functools.cache
def _discover():
    autodiscover_modules("timeline")


def build(young_person, viewer=None):
    _discover()
    entries = [entry for provider in _PROVIDERS for entry in provider(young_person, viewer)]
    return sorted(entries, key=lambda e: e.date, reverse=True)


@register
def entries(young_person, viewer=None):
    for assignment in young_person.referent_assignments.select_related("referent"):
        yield TimelineEntry(
            date=assignment.start.date(),
            kind="referent",
            title=f"Référent : {assignment.referent}",
            detail=assignment.reason,
            icon="fr-icon-user-line",
        )
