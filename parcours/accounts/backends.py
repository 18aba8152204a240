"""Connexion par mot de passe : le verrou de django-axes, puis le ``ModelBackend`` de Django."""

import functools
import hashlib

from axes.backends import AxesStandaloneBackend
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class LockoutBackend(AxesStandaloneBackend):
    """Refuse la connexion d'un identifiant ou d'une adresse verrouillés (``AXES_*`` dans les réglages).

    Sans requête (``authenticate()`` appelé hors HTTP : shell, ``Client.login`` des tests), il n'y a ni
    adresse ni essai à compter : la vérification est laissée à ``ModelBackend`` au lieu de lever une erreur.
    Toute vue qui authentifie doit donc passer sa requête (celles de Django le font).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UserWithMissionLocaleBackend(ModelBackend):
    """Le ``ModelBackend`` de Django, qui charge l'utilisateur de la session avec sa mission locale et sa région :
    chaque page les affiche et les règles d'accès les lisent, une requête SQL de moins par page.

    Avec le cache commun aux processus (``USER_CACHE_SECONDS``), l'utilisateur y est gardé : la lecture de
    l'utilisateur était le dixième du processeur d'une page sous charge (bench/load.py). Un compte, une mission
    locale ou une région enregistrés l'effacent (``forget_users``) : un rôle retiré, un compte désactivé ou un mot
    de passe changé comptent dès la page suivante.
    """

    def get_user(self, user_id):
        seconds, key = settings.USER_CACHE_SECONDS, _key(user_id)
        user = cache.get(key) if seconds else None
        if user is None:
            model = get_user_model()
            try:  # ``get`` comme le ModelBackend : ``first()`` ajouterait un tri à compiler à chaque page
                user = model._default_manager.select_related("mission_locale", "region").get(pk=user_id)
            except model.DoesNotExist:
                return None
            if seconds:
                cache.set(key, user, seconds)
        return user if self.user_can_authenticate(user) else None


def _key(user_id):
    return f"utilisateur:{_schema()}:{user_id}"


@functools.cache
def _schema():
    """Les colonnes gardées : après une mise à jour qui les change, les utilisateurs gardés par l'ancienne version
    ne sont plus relus."""
    models = (
        get_user_model(),
        apps.get_model("referential", "MissionLocale"),
        apps.get_model("referential", "Region"),
    )
    columns = ",".join(field.attname for model in models for field in model._meta.concrete_fields)
    return hashlib.sha256(columns.encode()).hexdigest()[:12]


def forget_users(sender, instance, **kwargs):
    """Les comptes touchés par l'enregistrement de ``instance`` (le compte lui-même, ou ceux de sa mission locale
    ou de sa région) sont relus en base, dans tous les processus qui partagent le cache."""
    if not settings.USER_CACHE_SECONDS:
        return
    model = get_user_model()
    if isinstance(instance, model):
        keys = [_key(instance.pk)]
    else:
        field = "mission_locale" if instance._meta.model_name == "missionlocale" else "region"
        keys = [
            _key(pk)
            for pk in model._default_manager.filter(**{field: instance.pk}).values_list("pk", flat=True)
        ]
    # Après la validation : une page lue entre l'enregistrement et la validation garderait l'ancien compte.
    transaction.on_commit(lambda: cache.delete_many(keys))


def connect_signals():
    for model in (settings.AUTH_USER_MODEL, "referential.MissionLocale", "referential.Region"):
        post_save.connect(forget_users, sender=model, dispatch_uid=f"forget-users-save-{model}")
        post_delete.connect(forget_users, sender=model, dispatch_uid=f"forget-users-delete-{model}")
