"""Connexion par mot de passe : le verrou de django-axes, puis le ``ModelBackend`` de Django."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
    chaque page les affiche et les règles d'accès les lisent, une requête SQL de moins par page."""

    def get_user(self, user_id):
        model = get_user_model()
        try:  # ``get`` comme le ModelBackend : ``first()`` ajouterait un tri à compiler à chaque page
            user = model._default_manager.select_related("mission_locale", "region").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
