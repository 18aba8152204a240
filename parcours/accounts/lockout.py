"""Comptes verrouillés après trop d'échecs de connexion (django-axes, base de données).

Un identifiant est verrouillé quand ses échecs des ``AXES_COOLOFF_TIME`` dernières minutes atteignent
``AXES_FAILURE_LIMIT`` ; le déverrouiller efface ses échecs (ceux de son adresse IP sous cet identifiant
aussi : l'adresse n'est plus comptée contre lui).
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from parcours.accounts.access import accounts_unlockable_by


def locked_accounts(user):
    """Les comptes verrouillés en ce moment que ``user`` peut déverrouiller (``access.accounts_unlockable_by``)."""
    return accounts_unlockable_by(user).filter(username__in=locked_usernames())


def locked_usernames(usernames=None):
    """Identifiants verrouillés en ce moment (parmi ``usernames`` si donné)."""
    attempts = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    if usernames is not None:
        attempts = attempts.filter(username__in=list(usernames))
    return set(
        attempts.values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
    )


def unlock(username=None, ip_address=None):
    """Efface les échecs d'un identifiant ou d'une adresse IP ; renvoie le nombre d'enregistrements effacés."""
    if not username and not ip_address:
        raise ValueError("Un identifiant ou une adresse IP est nécessaire.")  # sinon tout serait effacé
    return reset(username=username, ip=ip_address)
