"""Chemins des pages à identifiants entiers sans le coût de ``reverse`` (environ 40 µs par appel, des dizaines par page
de liste) : le chemin de chaque nom d'URL est calculé une fois par processus, puis les identifiants y sont placés."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

#: Entiers qu'aucune partie fixe d'un chemin ne contient ; remplacés par les identifiants.
_SENTINEL = 987_654_320


@functools.cache
def _pattern(name, arity):
    """Le chemin de ``name`` en gabarit de ``str.format`` : ``/jeunes/{0}/contacts/{1}/``."""
    url = reverse(name, args=[_SENTINEL + index for index in range(arity)])
    url = url.replace("{", "{{").replace("}", "}}")
    for index in range(arity):
        url = url.replace(str(_SENTINEL + index), f"{{{index}}}")
    return url


def path(name, *ids):
    """``reverse(name, args=ids)`` pour des identifiants entiers."""
    return _pattern(name, len(ids)).format(*(int(value) for value in ids))


@receiver(setting_changed)
def _forget_patterns(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _pattern.cache_clear()
