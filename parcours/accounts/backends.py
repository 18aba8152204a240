"""Connexion par mot de passe avec le verrou de django-axes."""

from axes.backends import AxesStandaloneBackend


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
