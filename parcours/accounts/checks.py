"""Vérifications de déploiement (``manage.py check --deploy``) propres à Parcours."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def keys_come_from_the_environment(app_configs, **kwargs):
    """Avec la clé publique du dépôt, les identifiants pseudonymisés de l'entrepôt se retrouveraient en
    essayant chaque identifiant de dossier : en production, les clés viennent de l'environnement."""
    errors = []
    if settings.SECRET_KEY in settings.LOCAL_ONLY_KEYS:
        errors.append(
            Error(
                "DJANGO_SECRET_KEY n'est pas définie : la clé locale du dépôt est publique.",
                id="parcours.E001",
            )
        )
    if settings.PSEUDONYMISATION_KEY in settings.LOCAL_ONLY_KEYS:
        errors.append(
            Error(
                "PARCOURS_PSEUDONYMISATION_KEY n'est pas définie : l'entrepôt serait ré-identifiable.",
                id="parcours.E002",
            )
        )
    return errors
