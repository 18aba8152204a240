"""/sante/ : vérification pour le répartiteur de charge, sans connexion (200 si tout va bien, 503 sinon)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from parcours.jobs import health


@never_cache
@require_safe
def health_check(request):
    ok, checks = health.report()
    return JsonResponse(
        {"statut": "ok" if ok else "erreur", "verifications": checks}, status=200 if ok else 503
    )
