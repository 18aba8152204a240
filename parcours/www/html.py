"""HTML écrit en Python (lignes des listes, fil du dossier, champs de formulaire) : ``format_html`` et
``format_html_join`` de Django, même texte, sans le détour de ``keep_lazy`` que Django fait pour chaque valeur
échappée (le sixième du processeur de « Mes jeunes », bench/pages.py)."""

import html

from django.utils.functional import Promise
from django.utils.safestring import SafeString


def escape(value):
    """``conditional_escape`` : un HTML déjà sûr passe tel quel, tout le reste est échappé."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def format_html(template, *args):
    """``template.format(*args)``, chaque valeur échappée ; le résultat est sûr. Sans valeur, refusé comme par
    Django 6 : un texte marqué sûr sans être échappé serait une faille."""
    if not args:
        raise TypeError("format_html() attend au moins une valeur à échapper.")
    return SafeString(template.format(*map(escape, args)))


def format_html_join(separator, template, rows):
    """``format_html(template, *row)`` pour chaque ligne de ``rows`` (un tuple de valeurs), joints par
    ``separator`` échappé."""
    return SafeString(escape(separator).join(template.format(*map(escape, row)) for row in rows))
