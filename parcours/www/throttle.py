"""Limiter ce qu'un visiteur peut faire en une heure (formulaires publics) : un compteur par adresse IP, dans
le cache commun aux processus (``PARCOURS_CACHE``). L'adresse n'y est gardée que sous forme d'empreinte."""

import time

from django.core.cache import cache

from parcours import logs


def allow(request, scope, limit, period=3600):
    """Vrai si le visiteur de ``request`` a fait moins de ``limit`` actions ``scope`` dans la fenêtre de
    ``period`` secondes en cours ; compte celle-ci."""
    client = logs.pseudonymous_username(logs.client_ip(request) or "inconnu")
    key = f"limite:{scope}:{client}:{int(time.time() // period)}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # entrée expirée entre add et incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit
