"""Écritures des comptes : le lien du calendrier privé (.ics) d'un conseiller, créé, retrouvé, révoqué.

Le jeton est tiré au hasard (256 bits) et montré une seule fois ; la base n'en garde que l'empreinte SHA-256,
comme un mot de passe : une copie de la base ne donne accès à aucun calendrier. Un jeton de cette entropie
n'a pas besoin d'un hachage lent (on ne le devine pas) ; l'empreinte se retrouve par un index unique.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from parcours.accounts.access import can_have_calendar_feed
from parcours.accounts.models import CalendarToken, User
from parcours.errors import RuleError

#: Octets tirés pour un jeton (43 caractères une fois encodé pour une URL).
TOKEN_BYTES = 32
#: Au-delà, ce qui est reçu n'est pas un jeton : on ne le hache même pas.
MAX_TOKEN_LENGTH = 100


class CalendarFeedError(RuleError):
    """Lien de calendrier refusé : rien n'est enregistré."""


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_token(user, now=None):
    """Crée le lien du calendrier de ``user`` (et révoque le précédent) ; renvoie le jeton en clair, à montrer
    une fois."""
    if not can_have_calendar_feed(user):
        raise CalendarFeedError("Le calendrier privé est celui des comptes qui ont « Mon agenda ».")
    now = now or timezone.now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        # Deux créations simultanées : la seconde attend la première, puis la révoque.
        User.objects.select_for_update().filter(pk=user.pk).first()
        CalendarToken.objects.active().filter(user=user).update(revoked_at=now)
        CalendarToken.objects.create(user=user, digest=digest(token), created_at=now)
    return token


def revoke_calendar_token(user, now=None):
    """Révoque le lien du calendrier de ``user`` : son outil d'agenda reçoit désormais une 404. Renvoie le
    nombre de liens révoqués (0 s'il n'y en avait pas)."""
    return CalendarToken.objects.active().filter(user=user).update(revoked_at=now or timezone.now())


def active_calendar_token(user):
    """Le lien actif de ``user`` (sans le jeton, que la base n'a pas), ``None`` s'il n'en a pas."""
    return CalendarToken.objects.active().filter(user=user).first()


def calendar_token_known(token):
    """Vrai si ``token`` a été délivré un jour (même révoqué) : un ancien abonnement qui relit, pas un essai."""
    return (
        bool(token)
        and len(token) <= MAX_TOKEN_LENGTH
        and CalendarToken.objects.filter(digest=digest(token)).exists()
    )


def calendar_owner(token, now=None):
    """Le compte dont ``token`` ouvre le calendrier, ``None`` si le jeton est inconnu, révoqué, ou si le compte
    n'a plus droit au calendrier (désactivé, autre rôle). Note la date de lecture."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    found = CalendarToken.objects.active().filter(digest=digest(token)).select_related("user").first()
    if found is None or not can_have_calendar_feed(found.user):
        return None
    CalendarToken.objects.filter(pk=found.pk).update(last_used_at=now or timezone.now())
    return found.user
