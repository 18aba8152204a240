"""Protection des postes partagés (issue 13) : session close après une inactivité, pages non gardées en cache.

La session dure ``SESSION_COOKIE_AGE`` secondes (30 minutes) depuis sa dernière sauvegarde et son cookie
meurt avec le navigateur (``SESSION_EXPIRE_AT_BROWSER_CLOSE``). Plutôt que de l'écrire en base à chaque
requête (``SESSION_SAVE_EVERY_REQUEST``), ``IdleSessionMiddleware`` la prolonge au plus une fois par
``SESSION_REFRESH_SECONDS`` : une page par minute ou moins ne coûte aucune écriture de plus.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers

LAST_REFRESH_KEY = "_parcours_activite"


@receiver(user_logged_in, dispatch_uid="parcours_session_refreshed_at_login")
def refreshed_at_login(sender, request, user, **kwargs):
    """La connexion enregistre la session : la première page qui suit n'a pas à la réécrire."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_REFRESH_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Après ``SessionMiddleware`` : marque la session d'un utilisateur connecté à sauvegarder (donc à
    prolonger) si sa dernière prolongation date de plus de ``SESSION_REFRESH_SECONDS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(LAST_REFRESH_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[LAST_REFRESH_KEY] = now
        return response


class NoStoreMiddleware:
    """Toute réponse à un utilisateur connecté peut citer une donnée personnelle : ni le navigateur ni un
    mandataire ne la gardent (``Cache-Control: no-store, private``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
