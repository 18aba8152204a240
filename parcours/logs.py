"""Journaux de Parcours : contexte de la requête, formats JSON et texte, évènements de sécurité.

Chaque enregistrement porte l'identifiant de la requête (``request_id``), l'identifiant de l'utilisateur
(``user_id``) et le code de sa mission locale (``ml``), jamais de donnée personnelle : pas de nom, pas de
courriel, pas de texte saisi. Le contexte est posé par ``parcours.www.middleware.RequestContextMiddleware``
(une ``ContextVar``, donc propre à chaque requête, même en parallèle) et recopié sur chaque
enregistrement par ``RequestContextFilter``, branché sur le gestionnaire de ``settings.LOGGING``.

Les évènements de sécurité (connexions, accès refusés, imports, exports) passent par ``security_event``,
sur le journal ``parcours.securite``.
"""

import contextvars
import datetime
import hashlib
import hmac
import json
import logging

SECURITY_LOGGER = "parcours.securite"
security_logger = logging.getLogger(SECURITY_LOGGER)

#: Contexte de la requête en cours : {"request_id", "user_id", "ml_id", "ml"} ; ``None`` hors requête.
request_context = contextvars.ContextVar("parcours_request_context", default=None)

CONTEXT_FIELDS = ("request_id", "user_id", "ml")
#: Attributs d'un ``LogRecord`` standard : le reste vient de ``extra=`` et part dans la ligne JSON.
STANDARD_ATTRIBUTES = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}
#: Attributs ajoutés par Django qu'on n'écrit jamais : la requête (son URL complète peut citer un nom
#: cherché) et l'heure du serveur de développement.
IGNORED_ATTRIBUTES = {"request", "server_time"}
SCALARS = (str, int, float, bool, type(None))


def set_user(user):
    """Met l'utilisateur de la requête en cours dans le contexte (après une connexion, par exemple)."""
    context = request_context.get()
    if context is None:
        return
    authenticated = getattr(user, "is_authenticated", False)
    context["user_id"] = user.pk if authenticated else None
    context["ml_id"] = getattr(user, "mission_locale_id", None) if authenticated else None
    context["ml"] = None
    context["user"] = user if authenticated else None


def _ml_code(context):
    """Code de la mission locale de l'utilisateur, lu une fois par requête et seulement si on journalise."""
    if context.get("ml") is None and context.get("ml_id"):
        try:
            context["ml"] = context["user"].mission_locale.code
        except Exception:  # base indisponible, transaction cassée : le journal ne doit jamais échouer
            context["ml"] = str(context["ml_id"])
    return context.get("ml")


class RequestContextFilter(logging.Filter):
    """Recopie request_id, user_id et ml du contexte sur l'enregistrement (``None`` hors requête)."""

    def filter(self, record):
        context = request_context.get()
        for field in CONTEXT_FIELDS:
            if not hasattr(record, field):
                if context is None:
                    value = None
                elif field == "ml":
                    value = _ml_code(context)
                else:
                    value = context.get(field)
                setattr(record, field, value)
        return True


def _extras(record):
    values = {}
    for key, value in record.__dict__.items():
        if key in STANDARD_ATTRIBUTES or key in IGNORED_ATTRIBUTES or key in CONTEXT_FIELDS:
            continue
        if key.startswith("_"):
            continue
        if isinstance(value, SCALARS) or (
            isinstance(value, list | tuple) and all(isinstance(v, SCALARS) for v in value)
        ):
            values[key] = value
    return values


class JsonFormatter(logging.Formatter):
    """Une ligne JSON par enregistrement : horodatage UTC, niveau, journal, message, contexte, extras."""

    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            line[field] = getattr(record, field, None)
        line.update(_extras(record))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Format lisible du développement : ``heure niveau journal [requête utilisateur ml] message clé=valeur``."""

    def format(self, record):
        context = " ".join(
            f"{field}={getattr(record, field)}"
            for field in CONTEXT_FIELDS
            if getattr(record, field, None) is not None
        )
        extras = " ".join(f"{key}={value}" for key, value in _extras(record).items())
        when = datetime.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        text = f"{when} {record.levelname:<7} {record.name}"
        if context:
            text += f" [{context}]"
        text += f" {record.getMessage()}"
        if extras:
            text += f" ({extras})"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def security_event(event, level=logging.INFO, **fields):
    """Évènement de sécurité : ``event`` est un code court (``connexion_echouee``…), ``fields`` des valeurs
    simples sans donnée personnelle (identifiants, compteurs, chemins sans paramètres)."""
    safe = {f"{key}_" if key in STANDARD_ATTRIBUTES else key: value for key, value in fields.items()}
    security_logger.log(level, event, extra={"event": event, **safe})


def pseudonymous_username(username):
    """Empreinte d'un identifiant de connexion inconnu : permet de compter les essais sans l'écrire."""
    from django.conf import settings

    digest = hmac.new(settings.SECRET_KEY.encode(), str(username).encode(), hashlib.sha256).hexdigest()
    return digest[:16]


def client_ip(request):
    """L'adresse du client : celle de la connexion, ou, si elle vient d'un mandataire de confiance
    (``PARCOURS_MANDATAIRES`` : le répartiteur de charge, le serveur web frontal), la dernière adresse
    d'``X-Forwarded-For`` qui n'est pas un mandataire de confiance (un client ne peut pas s'en inventer une
    autre : ce qu'il écrit lui-même est plus à gauche). Sert aux limites de débit et aux journaux."""
    if request is None:
        return None
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXIES
    if remote in trusted:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed(hops):
            if hop and hop not in trusted:
                return hop[:45]
    return remote
