"""Comptes : page « compte verrouillé » et déverrouillage par la direction de la mission locale."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from parcours import logs
from parcours.accounts import lockout
from parcours.accounts.access import accounts_unlockable_by, can_unlock_accounts


def locked_out(request, original_response=None, credentials=None):
    """Réponse de django-axes (``AXES_LOCKOUT_CALLABLE``) : 429, sans rappeler l'identifiant saisi."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request, "registration/locked.html", {"title": "Compte verrouillé", "minutes": minutes}, status=429
    )


@login_required
def locked_accounts(request):
    if not can_unlock_accounts(request.user):
        raise PermissionDenied(
            "Le déverrouillage des comptes est réservé à la direction de la mission locale."
        )
    locked = accounts_unlockable_by(request.user).filter(username__in=lockout.locked_usernames())
    if request.method == "POST":
        account = get_object_or_404(locked, pk=request.POST.get("user") or 0)
        lockout.unlock(username=account.username)
        logs.security_event("compte_deverrouille", target_user_id=account.pk)
        messages.success(request, f"Le compte de {account} est déverrouillé.")
        return redirect("accounts:locked")
    return render(
        request,
        "accounts/locked.html",
        {"title": "Comptes verrouillés", "accounts": locked.order_by("last_name", "first_name")},
    )
