"""Connexions réussies, échouées et verrouillées sur le journal de sécurité (``parcours.securite``).

Un échec journalise l'identifiant du compte s'il existe, sinon l'empreinte de l'identifiant saisi
(jamais l'identifiant en clair ni le mot de passe), et l'adresse IP.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from parcours import logs


@receiver(user_login_failed, dispatch_uid="parcours_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    fields = _account_fields(credentials.get("username", ""))
    logs.security_event("connexion_echouee", level=logging.WARNING, ip=logs.client_ip(request), **fields)


@receiver(user_locked_out, dispatch_uid="parcours_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    """Trop d'échecs (django-axes) : l'identifiant ou l'adresse IP est verrouillé (à chaque essai refusé)."""
    fields = _account_fields(username or "")
    logs.security_event("compte_verrouille", level=logging.WARNING, ip=ip_address, **fields)


def _account_fields(username):
    user_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    return {"target_user_id": user_id} if user_id else {"username_hash": logs.pseudonymous_username(username)}


@receiver(user_logged_in, dispatch_uid="parcours_logged_in")
def logged_in(sender, request, user, **kwargs):
    logs.set_user(user)
    logs.security_event("connexion", ip=logs.client_ip(request), target_user_id=user.pk)


@receiver(user_logged_out, dispatch_uid="parcours_logged_out")
def logged_out(sender, request, user, **kwargs):
    logs.security_event("deconnexion", ip=logs.client_ip(request), target_user_id=getattr(user, "pk", None))
