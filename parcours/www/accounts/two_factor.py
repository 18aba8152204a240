"""Double authentification (TOTP, django-otp) : activation, vérification à chaque connexion, garde des pages.

Qui doit l'avoir : ``parcours.accounts.access.must_use_two_factor`` (national, régional, administrateur).
Le personnel des ML peut l'activer ; une fois activée, elle lui est demandée à chaque connexion. La
décision est prise à la connexion et gardée dans la session (``TWO_FACTOR_SESSION_KEY``) : les autres pages
ne coûtent aucune requête de plus. Tant que le second facteur n'est pas validé, toute page renvoie vers la
vérification (ou l'activation), l'API répond 403 ; l'administration de Django aussi.
"""

import logging

import segno
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours import logs
from parcours.accounts.access import must_use_two_factor
from parcours.www.accounts.forms import CodeForm

TWO_FACTOR_SESSION_KEY = "_parcours_double_authentification"
#: Pages ouvertes avant le second facteur (noms d'URL).
OPEN_URL_NAMES = ("two_factor_verify", "two_factor_setup", "logout", "admin:logout")


@receiver(user_logged_in, dispatch_uid="parcours_two_factor_at_login")
def decide_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[TWO_FACTOR_SESSION_KEY] = must_use_two_factor(user) or user_has_device(user)


def second_factor_pending(request):
    """Le second facteur est demandé à cette session et pas encore validé : seules la vérification (ou
    l'activation) et la déconnexion s'ouvrent."""
    session = getattr(request, "session", None)
    return bool(
        session is not None and session.get(TWO_FACTOR_SESSION_KEY) and not request.user.is_verified()
    )


class TwoFactorMiddleware:
    """Après ``OTPMiddleware`` : un utilisateur à qui le second facteur est demandé n'ouvre que la vérification."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        if second_factor_pending(request):
            if self._open_paths is None:
                self._open_paths = {reverse(name) for name in OPEN_URL_NAMES}
            if request.path not in self._open_paths:
                return self._ask_for_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _ask_for_second_factor(request):
        if request.path.startswith("/api/"):
            message = (
                "Double authentification requise : validez votre code sur le site avant d'utiliser l'API."
            )
            return JsonResponse({"detail": message}, status=403)
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _accept(request, device, event):
    otp_login(request, device)
    request.session[TWO_FACTOR_SESSION_KEY] = True
    logs.security_event(event, target_user_id=request.user.pk)
    return redirect(_next_url(request))


def _check(form, device):
    """Vérifie le code saisi ; après un code faux, django-otp impose une attente qui double à chaque essai."""
    allowed, _ = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["code"]):
        return True
    message = "Code incorrect ou expiré : saisissez le code affiché en ce moment."
    if not allowed:
        message = "Trop de codes incorrects : attendez quelques secondes avant de réessayer."
    form.add_error("code", message)
    logs.security_event(
        "double_authentification_echouee", level=logging.WARNING, target_user_id=device.user_id
    )
    return False


@login_required
def verify(request):
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next_url(request)})}")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid() and _check(form, device):
        return _accept(request, device, "double_authentification")
    context = {"title": "Double authentification", "form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context)


@login_required
def setup(request):
    user = request.user
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        if not user.is_verified():
            return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': _next_url(request)})}")
        return render(
            request, "accounts/two_factor_setup.html", {"title": "Double authentification", "active": True}
        )
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Application d'authentification"}
    )
    form = CodeForm(request.POST or None)
    if form.is_valid() and _check(form, device):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return _accept(request, device, "double_authentification_activee")
    secret = device.config_url.split("secret=")[1].split("&")[0]
    context = {
        "title": "Activer la double authentification",
        "form": form,
        "next": _next_url(request),
        "required": must_use_two_factor(user),
        "qr_code": segno.make(device.config_url, error="m").svg_inline(
            scale=4, light="#fff", title="Code QR"
        ),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/two_factor_setup.html", context)
