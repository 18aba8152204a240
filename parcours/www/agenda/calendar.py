"""« Mon calendrier » : le lien privé (.ics) qui montre ses rendez-vous dans l'outil d'agenda qu'on utilise déjà.

La page crée le lien (montré une seule fois : la base n'en garde que l'empreinte), dit s'il en existe un et
quand il a été lu, le révoque ou le remplace. Le fichier lui-même (``feed``) se lit sans session : le jeton
seul l'ouvre ; inconnu ou révoqué, il répond 404. Le jeton voyage dans les paramètres de l'adresse
(``?jeton=``), que les journaux de Parcours n'écrivent jamais (ils n'écrivent que le chemin).
"""

import os

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from rest_framework.throttling import SimpleRateThrottle

from parcours import logs
from parcours.accounts import services
from parcours.accounts.access import can_have_calendar_feed
from parcours.agenda import feed as ics
from parcours.www.access import staff_allowed

CALENDAR_ONLY = "Le calendrier privé est celui des comptes qui ont « Mon agenda »."
TOKEN_PARAM = "jeton"


class FeedThrottle(SimpleRateThrottle):
    """Lectures d'un même calendrier (par jeton) : un outil d'agenda relit toutes les demi-heures au plus."""

    scope = "calendrier"
    rate = os.environ.get("PARCOURS_CALENDRIER_DEBIT", "60/hour")

    def __init__(self, ident):
        super().__init__()
        self.ident = ident

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


class UnknownTokenThrottle(FeedThrottle):
    """Jetons inconnus essayés depuis une même adresse : comme les appels anonymes de l'API."""

    scope = "calendrier_inconnu"
    rate = os.environ.get("PARCOURS_API_DEBIT_ANONYME", "30/minute")

    def blocked(self):
        """Trop de jetons inconnus récents depuis cette adresse (sans rien compter)."""
        self.key = self.get_cache_key(None, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def count_failure(self):
        self.throttle_success()


def _too_many(throttle):
    response = HttpResponse(
        "Trop de lectures de ce calendrier : réessayez plus tard.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(int(throttle.wait() or 1))
    return response


def feed_url(request, token):
    return f"{request.build_absolute_uri(reverse('agenda:calendar_feed'))}?{TOKEN_PARAM}={token}"


@staff_allowed(can_have_calendar_feed, CALENDAR_ONLY)
def calendar(request):
    """La page « Mon calendrier » : créer (ou remplacer) le lien, le révoquer."""
    token = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "revoquer":
            if services.revoke_calendar_token(request.user):
                logs.security_event("calendrier_revoque", ip=logs.client_ip(request))
                messages.success(request, "Le lien est révoqué : votre outil d'agenda ne reçoit plus rien.")
            return redirect("agenda:calendar")
        if action != "creer":
            raise Http404("Action inconnue.")
        replaced = services.active_calendar_token(request.user) is not None
        token = services.issue_calendar_token(request.user)
        logs.security_event("calendrier_cree", remplace=replaced, ip=logs.client_ip(request))
    url = feed_url(request, token) if token else None
    context = {
        "title": "Mon calendrier",
        "current": services.active_calendar_token(request.user),
        "url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1] if url else None,
        "days_before": ics.DAYS_BEFORE,
        "days_after": ics.DAYS_AFTER,
    }
    return render(request, "agenda/calendar.html", context)


@require_safe
def feed(request):
    """Le fichier .ics des rendez-vous du titulaire du jeton ; 404 sans jeton valide, 429 lu trop souvent."""
    token = request.GET.get(TOKEN_PARAM, "")
    # Le jeton est cherché d'abord (empreinte, index unique) : un lien valide n'est jamais freiné par les essais
    # d'autres clients derrière la même adresse (serveurs des outils d'agenda, mandataire). Seul un jeton jamais
    # délivré compte comme un essai ; un lien révoqué que relit un ancien abonnement répond 404 sans compter.
    owner = services.calendar_owner(token)
    if owner is None:
        request.denial_logged = True
        if not services.calendar_token_known(token):
            guesses = UnknownTokenThrottle(f"ip-{logs.client_ip(request)}")
            if guesses.blocked():
                return _too_many(guesses)
            guesses.count_failure()
        logs.security_event("calendrier_jeton_inconnu", status=404, ip=logs.client_ip(request))
        raise Http404("Calendrier introuvable.")
    reads = FeedThrottle(f"jeton-{services.digest(token)}")
    if not reads.allow_request(request, None):
        return _too_many(reads)
    logs.set_user(owner)  # les journaux de la requête nomment le titulaire (identifiant, mission locale)
    now = timezone.now()
    contacts = ics.appointments(owner, timezone.localdate(now))
    new_lines = ics.record_reads(owner, contacts, now)
    logs.security_event(
        "calendrier_lu", rendez_vous=len(contacts), dossiers_journalises=new_lines, ip=logs.client_ip(request)
    )

    def link(contact):
        return request.build_absolute_uri(
            reverse("young_people:detail", kwargs={"pk": contact.young_person_id})
        )

    response = HttpResponse(
        ics.calendar(contacts, sessions=ics.sessions(owner, timezone.localdate(now)), now=now, link=link),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="parcours-agenda.ics"'
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
