"""Filtres de libellés en français : pluriel (0 et 1 au singulier) et nom de l'opérateur public de l'emploi."""

from django import template
from django.utils import timezone

from parcours.dates import employment_operator

register = template.Library()


@register.filter
def pluriel(value, forms="s"):
    """Comme ``pluralize``, mais à la française : « 0 jeune », « 1 réunion », « 2 réunions ».

    ``{{ n|pluriel }}`` ajoute « s » à partir de 2 ; ``{{ n|pluriel:'travail,travaux' }}`` choisit entre deux
    formes. ``value`` est un nombre ou une collection (sa longueur compte).
    """
    singular, _, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    try:
        count = abs(float(value))
    except (TypeError, ValueError):
        try:
            count = len(value)
        except TypeError:
            return singular
    return plural if count >= 2 else singular


@register.filter
def operateur(date):
    """« Pôle emploi » pour une donnée datée d'avant 2024, « France Travail » sinon (sans date : aujourd'hui)."""
    if hasattr(date, "tzinfo") and getattr(date, "hour", None) is not None and timezone.is_aware(date):
        date = timezone.localtime(date)
    return employment_operator(date)
