"""Briques communes de l'administration Django : une brique qui revient d'une application à l'autre est écrite
une fois ici. Ce module n'importe aucune application."""

from django.contrib import admin


def inline(model, base=admin.TabularInline, **attributes):
    """Classe d'édition en ligne de ``model`` (tableau par défaut, ``admin.StackedInline`` en fiches), sans
    formulaire vide proposé d'office (``extra = 0``) ; ``attributes`` : les autres réglages de l'inline."""
    return type(f"{model.__name__}Inline", (base,), {"model": model, "extra": 0, **attributes})
