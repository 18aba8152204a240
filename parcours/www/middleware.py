"""Identifiant de requête et journal de sécurité des réponses (accès refusés, exports) ; base occupée."""

import logging
import re
import uuid

from django.db import OperationalError
from django.shortcuts import render

from parcours import logs

logger = logging.getLogger(__name__)

#: Un X-Request-ID reçu (répartiteur de charge, proxy) est repris s'il est sage ; sinon on en tire un.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{8,64}")
REQUEST_ID_HEADER = "X-Request-ID"
#: Évènement du journal de sécurité pour chaque refus.
DENIALS = {403: "acces_refuse", 404: "acces_introuvable"}


def request_id_from(request):
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if REQUEST_ID_PATTERN.fullmatch(incoming) else uuid.uuid4().hex


class RequestContextMiddleware:
    """Pose request_id, user_id et ml sur tous les journaux de la requête ; renvoie ``X-Request-ID``.

    Se place après ``AuthenticationMiddleware``. Journalise aussi, sur ``parcours.securite``, chaque réponse
    403 (accès refusé par les règles d'accès, jeton CSRF manquant…), chaque 404 d'un utilisateur connecté
    (objet d'une autre mission locale, ou absent : on ne distingue pas) et chaque fichier téléchargé
    (``Content-Disposition: attachment`` : exports CSV et XLSX des tableaux de bord, bilans, jalons).
    Les chemins sont écrits sans leurs paramètres (une recherche peut citer un nom).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        token = logs.request_context.set({"request_id": request.request_id})
        try:
            logs.set_user(getattr(request, "user", None))
            response = self.get_response(request)
            self._security_events(request, response)
        finally:
            logs.request_context.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response

    def _security_events(self, request, response):
        status = response.status_code
        authenticated = getattr(getattr(request, "user", None), "is_authenticated", False)
        # 404 : objet absent ou d'une autre mission locale (indiscernables pour l'utilisateur), tracé ici
        # s'il ne l'a pas déjà été (dossier refusé).
        if status == 403 or (
            status == 404 and authenticated and not getattr(request, "denial_logged", False)
        ):
            logs.security_event(
                DENIALS[status],
                status=status,
                method=request.method,
                path=request.path,
                ip=logs.client_ip(request),
            )
        disposition = response.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            match = re.search(r'filename="[^"]*\.(\w+)"', disposition)
            logs.security_event(
                "export",
                method=request.method,
                path=request.path,
                format=match.group(1) if match else "",
                export=request.GET.get("export", ""),
                ip=logs.client_ip(request),
            )


#: Attente conseillée avant de renvoyer le formulaire (en-tête ``Retry-After``), en secondes.
BUSY_RETRY_AFTER = 5
#: Messages de SQLite quand le verrou d'écriture n'a pas été obtenu dans le délai (``timeout``).
SQLITE_BUSY = ("database is locked", "database table is locked")
#: PostgreSQL : sérialisation impossible, interblocage, verrou non obtenu (SQLSTATE).
POSTGRESQL_BUSY = {"40001", "40P01", "55P03"}


def is_database_busy(error):
    """Vrai pour une erreur passagère de concurrence, qu'un nouvel essai un peu plus tard résout."""
    if not isinstance(error, OperationalError):
        return False
    return str(error) in SQLITE_BUSY or getattr(error.__cause__, "sqlstate", None) in POSTGRESQL_BUSY


class DatabaseBusyMiddleware:
    """Base occupée trop longtemps : page 503 « réessayez » (rien n'a été enregistré), jamais une erreur 500.

    La transaction de la requête a déjà été annulée quand l'exception arrive ici. Le journal ne cite que la
    méthode et le chemin (sans paramètres), pas les données envoyées.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning(
            "Base occupée : requête refusée (503), à réessayer",
            extra={"method": request.method, "path": request.path, "error": type(exception).__name__},
        )
        response = render(request, "www/busy.html", {"title": "Réessayez dans un instant"}, status=503)
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
