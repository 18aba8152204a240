"""Les adresses d'une app écrites en tableau : une page par ligne, son chemin puis sa vue.

::

    urlpatterns = routes(
        \"\"\"
        a-faire/                 worklist
        jeune/<id:pk>/           young_person_programmes  young_person
        \"\"\",
        views=views,
    )

Chaque ligne donne le chemin (``path`` de Django, convertisseurs compris ; ``-`` pour le chemin vide), le nom
de la vue dans le module de vues et, s'il diffère du nom de la vue, le nom de l'URL. Une vue d'un autre module
s'écrit ``module.vue`` avec ``module`` passé en argument nommé. Une vue introuvable arrête le démarrage.
Un identifiant s'écrit ``<id:…>`` (``IdConverter``).
"""

from django.core.exceptions import ImproperlyConfigured
from django.urls import path, register_converter

EMPTY_PATH = "-"


class IdConverter:
    """Un identifiant dans le chemin : 18 chiffres au plus, il tient dans un bigint. Au-delà, la page n'existe
    pas (404) ; avec ``<int:…>``, SQLite levait OverflowError (500) sur /jeunes/99999999999999999999/."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")


def routes(table, views=None, **modules):
    """Les ``path`` de ``table`` (une page par ligne) ; ``views`` est le module des vues sans préfixe,
    ``modules`` ceux des vues écrites ``module.vue``."""
    patterns = []
    for line in table.strip().splitlines():
        route, view_name, *url_name = line.split()
        if len(url_name) > 1:
            raise ImproperlyConfigured(f"Ligne d'adresse illisible : {line.strip()!r}")
        module_name, _, function_name = view_name.rpartition(".")
        module = modules.get(module_name) if module_name else views
        view = getattr(module, function_name, None)
        if view is None:
            raise ImproperlyConfigured(f"Vue introuvable : {view_name}")
        route = "" if route == EMPTY_PATH else route
        patterns.append(path(route, view, name=url_name[0] if url_name else function_name))
    return patterns
