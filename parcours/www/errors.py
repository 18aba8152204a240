"""Pages d'erreur : 400, 403, 404, 500 et échec CSRF, pages DSFR en français qui disent quoi faire.

Elles servent aussi quand DEBUG est coupé (``handler400``… dans ``config/urls.py``, ``CSRF_FAILURE_VIEW``). Un refus
levé par le produit (``PermissionDenied("Les dossiers sont créés par…")``) montre son message ; un 404 ne dit
jamais si l'objet existe ailleurs (autre mission locale). La page 500 se rend sans processeur de contexte ni
base de données (celle-ci peut être la cause) ; elle donne la référence de la requête, celle des journaux.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

PAGES = {
    400: (
        "Requête incorrecte",
        "La page n'a pas pu comprendre ce qui a été envoyé.",
        "Revenez à la page précédente, rechargez-la, puis recommencez.",
    ),
    403: (
        "Accès refusé",
        "Votre compte ne permet pas d'ouvrir cette page ou de faire cette action.",
        "Si votre travail le demande, adressez-vous à la direction de votre mission locale, qui gère les rôles.",
    ),
    404: (
        "Page introuvable",
        "Cette page n'existe pas, n'existe plus, ou n'est pas ouverte à votre compte.",
        "Vérifiez l'adresse, ou repartez de l'accueil ou de la recherche d'un jeune.",
    ),
    500: (
        "Erreur inattendue",
        "Le service a rencontré une erreur : ce que vous veniez d'envoyer n'a pas été enregistré.",
        "Réessayez dans un instant. Si l'erreur revient, signalez-la à l'assistance avec la référence ci-dessous.",
    ),
    "csrf": (
        "Formulaire expiré",
        "Le formulaire n'a pas pu être envoyé : la page était ouverte depuis longtemps, la session a changé, "
        "ou le navigateur bloque les cookies de Parcours. Rien n'a été enregistré.",
        "Revenez à la page précédente, rechargez-la et renvoyez le formulaire. Si cela se reproduit, autorisez "
        "les cookies de ce site.",
    ),
}
TEMPLATE = "errors/page.html"


def _context(request, key, detail=""):
    title, message, advice = PAGES[key]
    return {
        "title": title,
        "message": message,
        "detail": detail,
        "advice": advice,
        "code": key if isinstance(key, int) else 403,
        "reference": getattr(request, "request_id", ""),
    }


def _page(request, key, detail=""):
    context = _context(request, key, detail)
    return render(request, TEMPLATE, context, status=context["code"])


def bad_request(request, exception=None):
    return _page(request, 400)


def permission_denied(request, exception=None):
    return _page(request, 403, str(exception or ""))


def page_not_found(request, exception=None):
    return _page(request, 404)


def csrf_failure(request, reason=""):
    return _page(request, "csrf")


def server_error(request):
    context = _context(request, 500)
    context["request"] = request  # nonce CSP ; pas de processeur de contexte (ni session, ni base)
    return HttpResponse(loader.render_to_string(TEMPLATE, context), status=500)
