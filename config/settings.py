"""Réglages de Parcours, lus dans l'environnement avec des valeurs par défaut sûres.

Sans ``DATABASE_URL``, Parcours utilise une base SQLite embarquée (``var/parcours.sqlite3``) :
c'est le mode de ``make demo``. En production et en CI, ``DATABASE_URL`` désigne PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PARCOURS_VAR_DIR", BASE_DIR / "var"))
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
    "parcours.cotraitance",
    "parcours.employers",
    "parcours.warehouse",
    "parcours.api",
    "parcours.jobs",
    # Couche web
    "parcours.www",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
]
# --- Journaux : identifiant de requête, utilisateur et ML sur chaque journal (issue 12, journaux) ---
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "parcours.www.middleware.RequestContextMiddleware",
)
# --- fin du bloc journaux (middleware) ---
# Base occupée (SQLite verrouillée, interblocage PostgreSQL) : 503 « réessayez » plutôt qu'une erreur 500 (issue 13).
MIDDLEWARE.append("parcours.www.middleware.DatabaseBusyMiddleware")

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
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

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
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = not DEBUG and os.environ.get("DJANGO_SECURE_COOKIES", "0") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
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

# Entrepôt : fichiers DuckDB et Parquet (hors base opérationnelle).
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
}
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
    },
}
# --- fin du bloc journaux ---
