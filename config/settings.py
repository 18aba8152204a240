"""Réglages de Parcours, lus dans l'environnement avec des valeurs par défaut sûres.

Sans ``DATABASE_URL``, Parcours utilise une base SQLite embarquée (``var/parcours.sqlite3``) :
c'est le mode de ``make demo``. En production et en CI, ``DATABASE_URL`` désigne PostgreSQL.
"""

import datetime
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Suite de tests en parallèle (pytest-xdist) : chaque processus a son var/ (verrous, cache, entrepôt, rappels).
_TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
_DEFAULT_VAR_DIR = BASE_DIR / "var" / f"tests-{_TEST_WORKER}" if _TEST_WORKER else BASE_DIR / "var"
VAR_DIR = Path(os.environ.get("PARCOURS_VAR_DIR", _DEFAULT_VAR_DIR))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
# La démo et les tests utilisent des clés locales qui ne protègent rien de réel ; en production, les deux
# viennent de l'environnement : `manage.py check --deploy` refuse les clés locales (parcours/accounts/checks.py).
LOCAL_ONLY_KEYS = ("parcours-local-only-secret-key-change-me-in-production", "cle-de-pseudonymisation-locale")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or LOCAL_ONLY_KEYS[0]
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# Clé du hachage des identifiants dans l'entrepôt pseudonymisé (jamais stockée dans l'entrepôt).
PSEUDONYMISATION_KEY = os.environ.get("PARCOURS_PSEUDONYMISATION_KEY") or LOCAL_ONLY_KEYS[1]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "widget_tweaks",
    "dsfr",
    "django_htmx",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    # Domaine
    "parcours.referential",
    "parcours.accounts",
    "parcours.young_people",
    "parcours.accompaniment",
    "parcours.programmes",
    "parcours.agenda",
    "parcours.documents",
    "parcours.cotraitance",
    "parcours.employers",
    "parcours.warehouse",
    "parcours.api",
    "parcours.jobs",
    "parcours.reminders",
    "parcours.synthetic",
    # Couche web
    "parcours.www",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy sur chaque réponse (issue 13) : voir CONTENT_SECURITY_POLICY plus bas.
    "csp.middleware.CSPMiddleware",
    # Fichiers statiques servis par l'application (noms hachés, compressés) : voir « Service » plus bas.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Comptes (issue 13) : réponse « compte verrouillé » après trop d'échecs de connexion ; en dernier.
    "axes.middleware.AxesMiddleware",
]
# --- Journaux : identifiant de requête, utilisateur et ML sur chaque journal (issue 12, journaux) ---
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "parcours.www.middleware.RequestContextMiddleware",
)
# --- fin du bloc journaux (middleware) ---
# --- Comptes (issue 13) : pages des connectés jamais en cache, double authentification, session prolongée
# par l'activité ---
_after_request_context = MIDDLEWARE.index("parcours.www.middleware.RequestContextMiddleware") + 1
MIDDLEWARE[_after_request_context:_after_request_context] = [
    "parcours.www.protection.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "parcours.www.accounts.two_factor.TwoFactorMiddleware",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "parcours.www.protection.IdleSessionMiddleware",
)
# Base occupée (SQLite verrouillée, interblocage PostgreSQL) : 503 « réessayez » plutôt qu'une erreur 500 (issue 13).
MIDDLEWARE.append("parcours.www.middleware.DatabaseBusyMiddleware")

# Requêtes préparées (parcours/prepared.py) : en développement et dans les tests, chaque appel vérifie aussi que
# son SQL est celui que Django compilerait.
PARCOURS_PREPARED_CHECK = os.environ.get("PARCOURS_PREPARED_CHECK", "1" if DEBUG else "0") == "1"

ROOT_URLCONF = "config.urls"
_FILE_LOADERS = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATE_LOADERS = _FILE_LOADERS if DEBUG else [("django.template.loaders.cached.Loader", _FILE_LOADERS)]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "parcours" / "www" / "templates"],
        "OPTIONS": {
            # Service : gabarits compilés une fois par processus hors DEBUG (chargeur en cache) ; relus à
            # chaque page en DEBUG pour la démonstration.
            "loaders": TEMPLATE_LOADERS,
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Service : configuration DSFR gardée en mémoire (au lieu de dsfr.context_processors.site_config).
                "parcours.www.context_processors.site_config",
                "parcours.www.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "parcours.www.renderer.FormRenderer"
DSFR_MARK_OPTIONAL_FIELDS = True
WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'parcours.sqlite3'}",
        # Service : connexions gardées DJANGO_CONN_MAX_AGE secondes (0 : une connexion par requête, qui coûte
        # 15 à 19 ms de CPU PostgreSQL) ; vérifiées avant réutilisation (CONN_HEALTH_CHECKS).
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# Service : paramètres liés par le serveur PostgreSQL, et une requête SQL exécutée plus de
# DJANGO_PG_PREPARE_THRESHOLD fois sur une même connexion préparée (analysée et planifiée une fois) : un tiers de
# CPU PostgreSQL en moins par page (bench/pages.py). « aucun » : ni l'un ni l'autre, derrière PgBouncer en mode
# transaction.
_pg_prepare_threshold = os.environ.get("DJANGO_PG_PREPARE_THRESHOLD", "2")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _pg_prepare_threshold != "aucun":
    # Ajoutées aux options lues dans DATABASE_URL (?sslmode=…, ?options=…), sans les remplacer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=int(_pg_prepare_threshold)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# --- Comptes (issue 13) : force brute (django-axes ; docs/exploitation.md) ---
# Après PARCOURS_CONNEXION_ESSAIS échecs pour un même identifiant ou depuis une même adresse IP, la connexion
# (site, administration) est refusée PARCOURS_CONNEXION_VERROU_MINUTES minutes, même avec le bon mot de
# passe ; la direction de la ML déverrouille un compte (/comptes/verrouilles/), un administrateur aussi
# (`manage.py deverrouiller_compte`). L'adresse est celle du journal de sécurité (parcours.logs.client_ip).
AUTHENTICATION_BACKENDS = [
    "parcours.accounts.backends.LockoutBackend",
    # ModelBackend de Django, l'utilisateur de la session chargé avec sa mission locale (une requête de moins).
    "parcours.accounts.backends.UserWithMissionLocaleBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PARCOURS_CONNEXION_ESSAIS", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("PARCOURS_CONNEXION_VERROU_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "parcours.www.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "parcours.logs.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # les connexions réussies sont déjà sur parcours.securite
AXES_VERBOSE = False
# Double authentification (django-otp, TOTP) : obligatoire pour les rôles de parcours.accounts.access.must_use_two_factor.
OTP_TOTP_ISSUER = "Parcours"
# --- fin du bloc force brute ---
AUTH_PASSWORD_VALIDATORS = [
    # Ni l'identifiant, ni le prénom, ni le nom, ni le courriel de la personne (issue 13).
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Courriels (réinitialisation du mot de passe) : affichés sur la console sans réglage ; en production,
# DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend et le serveur SMTP (docs/exploitation.md).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1"
# Un serveur SMTP qui ne répond plus ne bloque pas le travailleur : abandon après EMAIL_TIMEOUT secondes, bien
# avant la fin du bail d'un rappel (REMINDERS_LEASE_SECONDS), qu'un autre travailleur reprendrait sinon.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "15"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Parcours <ne-pas-repondre@parcours.invalid>"
)
PASSWORD_RESET_TIMEOUT = 3600  # lien de réinitialisation valable une heure

# Exploitant de l'instance, cité par les pages du pied de page (mentions légales, données personnelles).
_TO_FILL = "à renseigner par l'exploitant"
PARCOURS_OPERATOR = {
    "publisher": os.environ.get("PARCOURS_EDITEUR", _TO_FILL),
    "host": os.environ.get("PARCOURS_HEBERGEUR", _TO_FILL),
    "dpo": os.environ.get("PARCOURS_CONTACT_DPO", _TO_FILL),
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]  # l'interface est en français, quelle que soit la langue du navigateur
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Service : fichiers statiques (whitenoise) ---
# Hors DEBUG, ``collectstatic`` (``make serve``) écrit dans STATIC_ROOT des copies aux noms hachés et
# compressées (gzip, brotli) ; whitenoise les sert avec un cache d'un an. En DEBUG (``make demo``), les
# fichiers sont servis depuis les applications, sans collectstatic.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_ROOT.mkdir(
    parents=True, exist_ok=True
)  # vide avant collectstatic : whitenoise n'a alors rien à servir
STATICFILES_DIRS = [BASE_DIR / "parcours" / "www" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# --- fin Service : fichiers statiques ---

SESSION_COOKIE_HTTPONLY = True
# Postes d'accueil partagés (issue 13) : session close après 30 minutes sans activité et à la fermeture du
# navigateur ; prolongée au plus une fois par minute (parcours/www/protection.py).
SESSION_COOKIE_AGE = int(os.environ.get("PARCOURS_SESSION_MINUTES", "30")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_REFRESH_SECONDS = 60
CSRF_COOKIE_HTTPONLY = False
# Jeton manquant ou périmé : page DSFR en français qui dit quoi faire (parcours/www/errors.py).
CSRF_FAILURE_VIEW = "parcours.www.errors.csrf_failure"
# --- En-têtes de sécurité (issue 13 ; docs/exploitation.md) ---
# DJANGO_HTTPS=1 quand Parcours est servi en HTTPS (derrière un mandataire TLS qui pose X-Forwarded-Proto) :
# HSTS, redirection vers HTTPS et cookies « Secure ». DJANGO_SECURE_COOKIES=1 seul garde l'ancien réglage.
HTTPS = not DEBUG and os.environ.get("DJANGO_HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = HTTPS or (not DEBUG and os.environ.get("DJANGO_SECURE_COOKIES", "0") == "1")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "0") == "1"
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]  # la sonde de santé interroge l'application en HTTP, en direct
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
X_FRAME_OPTIONS = "DENY"
# Aucun script ni style en ligne : les comportements sont dans parcours/www/static/parcours/parcours.js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# --- fin des en-têtes de sécurité ---

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Pas d'authentification HTTP Basic (issue 13) : elle permettait d'essayer des mots de passe sans
        # limite ; l'API suit la session du site (et son verrouillage).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("PARCOURS_API_DEBIT_ANONYME", "30/minute"),
        "user": os.environ.get("PARCOURS_API_DEBIT_UTILISATEUR", "300/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Parcours",
    "DESCRIPTION": "API du système d'information des missions locales. Chaque point d'accès est "
    "limité au rôle et à la mission locale de l'utilisateur.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# Cache (débits de l'API, listes « À faire » gardées) : ``memoire`` (défaut), propre à chaque processus ;
# ``fichiers`` : un répertoire (PARCOURS_VAR_DIR/cache) partagé par les processus de la machine, ce que
# ``make serve`` et gunicorn (config/gunicorn.conf.py) choisissent.
CACHE_KIND = os.environ.get("PARCOURS_CACHE", "memoire")
if CACHE_KIND not in ("memoire", "fichiers"):
    raise ImproperlyConfigured(f"PARCOURS_CACHE={CACHE_KIND!r} : « memoire » ou « fichiers ».")
CACHES = {
    "default": (
        {
            "BACKEND": "config.cache.FileCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        if CACHE_KIND == "fichiers"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Les clés sont préfixées par la base servie : deux installations (ou la démonstration et un banc) qui partagent
# un répertoire de cache ne se rendent jamais l'utilisateur ou la liste « À faire » de l'autre base.
_database = DATABASES["default"]
CACHES["default"]["KEY_PREFIX"] = hashlib.sha256(
    f"{_database['ENGINE']}|{_database.get('HOST', '')}|{_database.get('PORT', '')}|{_database['NAME']}".encode()
).hexdigest()[:10]

# Sessions : en base ; avec le cache commun, lues dans le cache et écrites dans les deux (une requête SQL de
# moins par page). Jamais avec le cache propre à chaque processus : une déconnexion faite dans un processus
# laisserait la session vivante dans le cache d'un autre.
if CACHE_KIND == "fichiers":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# L'utilisateur de la session (avec sa ML et sa région) gardé dans le cache commun, pour la même raison et aux
# mêmes conditions : effacé dès qu'un compte, une ML ou une région est enregistré (parcours.accounts.backends),
# relu en base au plus tard après PARCOURS_USER_CACHE_SECONDS secondes. 0 : lu en base à chaque page.
USER_CACHE_SECONDS = (
    int(os.environ.get("PARCOURS_USER_CACHE_SECONDS", "30")) if CACHE_KIND == "fichiers" else 0
)

# Entrepôt : fichiers DuckDB et Parquet (hors base opérationnelle).
# Mandataires de confiance devant gunicorn (répartiteur, serveur web frontal), séparés par des virgules : derrière
# eux, l'adresse du client est lue dans X-Forwarded-For (limites de débit, journaux). Vide : l'adresse de connexion.
TRUSTED_PROXIES = frozenset(
    ip.strip() for ip in os.environ.get("PARCOURS_MANDATAIRES", "").split(",") if ip.strip()
)

# Page publique des offres : demandes « être rappelé(e) » admises par adresse IP et par heure (abus, robots).
PUBLIC_REQUESTS_PER_HOUR = int(os.environ.get("PARCOURS_DEMANDES_PAR_HEURE", "5"))

# Documents des dossiers (CV, diplômes, attestations) : hors de la racine web, lus seulement par la vue du
# dossier (droits vérifiés, lecture journalisée). À sauvegarder avec la base (docs/exploitation.md).
DOCUMENTS_DIR = Path(os.environ.get("PARCOURS_DOCUMENTS_DIR", VAR_DIR / "documents"))
DOCUMENTS_MAX_MB = int(os.environ.get("PARCOURS_DOCUMENTS_MAX_MO", "10"))

WAREHOUSE_DIR = Path(os.environ.get("PARCOURS_WAREHOUSE_DIR", VAR_DIR / "entrepot"))
# Mémoire que DuckDB peut prendre avant d'écrire sur disque ; vide : 80 % de la mémoire vive. À l'échelle
# nationale, 4 Go suffisent sans perte de temps (docs/entrepot.md, mesures).
WAREHOUSE_MEMORY_LIMIT = os.environ.get("PARCOURS_WAREHOUSE_MEMORY_LIMIT", "4GB")

# --- Travaux de fond (issue 12, parcours/jobs) -----------------------------------------------------------
# Tâches de Django (rétroportage django-tasks) dans une file en base (django-tasks-db) ; un seul travailleur,
# `manage.py lancer_travailleur`, qui exécute aussi le planning déclaré dans parcours/jobs/schedule.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Horaires (format cron, heure de TIME_ZONE) des travaux de nuit.
JOBS_SCHEDULE = {
    "extraction_nocturne": os.environ.get("PARCOURS_CRON_EXTRACTION", "0 2 * * *"),
    "verification_nocturne": os.environ.get("PARCOURS_CRON_VERIFICATION", "30 3 * * *"),
    "purge_imports": os.environ.get("PARCOURS_CRON_PURGE", "15 4 * * *"),
    "purge_jetons": os.environ.get("PARCOURS_CRON_PURGE_JETONS", "45 4 * * *"),
    "purge_demandes_rappel": os.environ.get("PARCOURS_CRON_PURGE_DEMANDES", "50 4 * * *"),
    "envoi_rappels": os.environ.get("PARCOURS_CRON_RAPPELS", "* * * * *"),
    "oubli_rappels": os.environ.get("PARCOURS_CRON_OUBLI_RAPPELS", "55 4 * * *"),
    "documents_orphelins": os.environ.get("PARCOURS_CRON_DOCUMENTS_ORPHELINS", "5 5 * * *"),
}
# Rappels de rendez-vous (issue 10, parcours/reminders) : courriels par EMAIL_BACKEND ci-dessus, SMS par
# PARCOURS_SMS_BACKEND (fichier PARCOURS_VAR_DIR/rappels/sms.txt par défaut ; en production
# parcours.reminders.sms.HttpBackend et PARCOURS_SMS_URL, PARCOURS_SMS_TOKEN, PARCOURS_SMS_EXPEDITEUR).
REMINDERS_SMS_BACKEND = os.environ.get("PARCOURS_SMS_BACKEND", "parcours.reminders.sms.FileBackend")
REMINDERS_SMS_FILE = VAR_DIR / "rappels" / "sms.txt"
REMINDERS_SMS_URL = os.environ.get("PARCOURS_SMS_URL", "")
REMINDERS_SMS_TOKEN = os.environ.get("PARCOURS_SMS_TOKEN", "")
REMINDERS_SMS_SENDER = os.environ.get("PARCOURS_SMS_EXPEDITEUR", "MissionLoc")
# Jeton attendu sur l'adresse de retour d'état du prestataire SMS (/rappels/sms/etat/) ; vide : adresse fermée.
REMINDERS_SMS_CALLBACK_TOKEN = os.environ.get("PARCOURS_SMS_JETON_RETOUR", "")
# Un lot de rappels pris par un travailleur lui reste réservé tant de secondes (repris ensuite s'il est mort) ;
# une erreur du prestataire fait réessayer après REMINDERS_RETRY_SECONDS.
REMINDERS_LEASE_SECONDS = int(os.environ.get("PARCOURS_RAPPELS_BAIL", "300"))
REMINDERS_RETRY_SECONDS = int(os.environ.get("PARCOURS_RAPPELS_REESSAI", "300"))
# SQLite (démo) : journal WAL, pour que les pages se lisent pendant qu'un import du travailleur écrit ;
# transactions IMMEDIATE (l'écrivain prend le verrou d'écriture dès BEGIN, au lieu d'échouer aussitôt en voulant
# passer de lecteur à écrivain) et attente du verrou jusqu'à PARCOURS_SQLITE_ATTENTE secondes. Si la base reste
# occupée au-delà, parcours.www.middleware.DatabaseBusyMiddleware répond 503 « réessayez » (issue 13).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL;",
        transaction_mode="IMMEDIATE",
        timeout=float(os.environ.get("PARCOURS_SQLITE_ATTENTE", "20")),
    )
JOBS_HEARTBEAT_SECONDS = int(os.environ.get("PARCOURS_TRAVAILLEUR_BATTEMENT", "15"))
JOBS_MAX_ATTEMPTS = int(os.environ.get("PARCOURS_TRAVAILLEUR_ESSAIS", "3"))
JOBS_IMPORT_RETENTION_DAYS = int(os.environ.get("PARCOURS_IMPORTS_CONSERVATION_JOURS", "30"))
# /sante/ : travailleur muet depuis plus de N secondes, ou dernière extraction plus vieille que N heures -> 503.
HEALTH_WORKER_MAX_SECONDS = int(os.environ.get("PARCOURS_SANTE_TRAVAILLEUR_SECONDES", "120"))
HEALTH_EXTRACTION_MAX_HOURS = int(os.environ.get("PARCOURS_SANTE_EXTRACTION_HEURES", "36"))
# --- fin des travaux de fond ---------------------------------------------------------------------------------

# --- Journaux (issue 12, journaux ; docs/exploitation.md) ---
# Une ligne JSON par évènement en production, un texte lisible en développement (DEBUG) ; choix forcé
# par PARCOURS_LOG_FORMAT=json|texte. Chaque ligne porte request_id, user_id et ml (parcours/logs.py),
# jamais de donnée personnelle. parcours.securite : connexions, accès refusés, imports, exports.
LOG_FORMAT = os.environ.get("PARCOURS_LOG_FORMAT", "texte" if DEBUG else "json")
if LOG_FORMAT not in ("json", "texte"):
    raise ValueError("PARCOURS_LOG_FORMAT vaut « json » ou « texte ».")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "parcours.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "parcours.logs.JsonFormatter"},
        "texte": {"()": "parcours.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Remplace la configuration par défaut de Django (sinon ses journaux sortent deux fois en DEBUG).
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        "parcours": {"level": os.environ.get("PARCOURS_LOG_LEVEL", "INFO")},
        "parcours.securite": {"level": "INFO"},
        # django-axes écrit l'identifiant saisi ; le verrouillage passe par parcours.securite (sans lui).
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
# --- fin du bloc journaux ---
