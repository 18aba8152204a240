"""Comptes : « Mon compte », page « compte verrouillé » et déverrouillage par la direction de la mission locale."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django_otp import user_has_device

from parcours import logs
from parcours.accounts import lockout
from parcours.accounts.access import can_unlock_accounts, must_use_two_factor
from parcours.www.numbers import whole_number


@login_required
def my_account(request):
    """Qui je suis pour Parcours (rôle, rattachement) et la sécurité du compte : mot de passe, second facteur."""
    user = request.user
    context = {
        "title": "Mon compte",
        "two_factor_active": user_has_device(user, confirmed=True),
        "two_factor_required": must_use_two_factor(user),
        "can_unlock_accounts": can_unlock_accounts(user),
    }
    return render(request, "accounts/account.html", context)


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
    locked = lockout.locked_accounts(request.user)
    if request.method == "POST":
        account = get_object_or_404(locked, pk=whole_number(request.POST.get("user")) or 0)
        lockout.unlock(username=account.username)
        logs.security_event("compte_deverrouille", target_user_id=account.pk)
        messages.success(request, f"Le compte de {account} est déverrouillé.")
        return redirect("accounts:locked")
    return render(
        request,
        "accounts/locked.html",
        {"title": "Comptes verrouillés", "accounts": locked.order_by("last_name", "first_name")},
    )
