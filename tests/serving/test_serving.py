"""Service en production : fichiers statiques par whitenoise, gabarits en cache, refus rapide sous surcharge."""

import concurrent.futures
import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import engines
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(debug):
    """Lit les réglages dans un processus neuf, comme gunicorn au démarrage."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    if debug is not None:
        env["DJANGO_DEBUG"] = debug
    code = (
        "import config.settings as s;"
        "first = s.TEMPLATES[0]['OPTIONS']['loaders'][0];"
        "print(s.DEBUG, first if isinstance(first, str) else first[0], s.STORAGES['staticfiles']['BACKEND'])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_debug_is_off_unless_asked_and_production_uses_cached_templates_and_hashed_static_files():
    assert settings_in_subprocess(None) == [
        "False",
        "django.template.loaders.cached.Loader",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
    debug, loader, storage = settings_in_subprocess("1")
    assert debug == "True"
    assert loader == "django.template.loaders.filesystem.Loader"  # gabarits relus à chaque page en démo
    assert storage == "django.contrib.staticfiles.storage.StaticFilesStorage"


def cache_and_sessions_in_subprocess(extra_env, gunicorn_config=False):
    """Cache et moteur de sessions lus dans un processus neuf ; ``gunicorn_config`` : après le fichier de
    réglages de gunicorn, comme ``make serve``."""
    env = {k: v for k, v in os.environ.items() if k != "PARCOURS_CACHE"} | extra_env
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = ("import runpy; runpy.run_path('config/gunicorn.conf.py');" if gunicorn_config else "") + (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.USER_CACHE_SECONDS)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_gunicorn_shares_the_cache_between_processes_and_reads_sessions_from_it():
    assert cache_and_sessions_in_subprocess({}) == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",  # jamais un cache propre au processus pour les sessions
        "0",  # ni pour l'utilisateur de la session
    ]
    assert cache_and_sessions_in_subprocess({}, gunicorn_config=True) == [
        "config.cache.FileCache",
        "django.contrib.sessions.backends.cached_db",
        "30",
    ]
    env = dict(os.environ) | {"PARCOURS_CACHE": "redis"}
    out = subprocess.run(
        [sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode != 0 and "« memoire » ou « fichiers »" in out.stderr


def test_templates_are_compiled_once_when_debug_is_off():
    loader = engines["django"].engine.template_loaders[0]
    assert type(loader).__module__ == "django.template.loaders.cached"
    first = loader.get_template("base.html")
    assert loader.get_template("base.html") is first


@pytest.mark.django_db
def test_with_debug_off_the_page_css_has_a_hashed_name_and_is_served_by_whitenoise(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False  # seuls les fichiers de collectstatic sont servis
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # nouveau client : whitenoise lit STATIC_ROOT à son démarrage
    page = client.get("/connexion/")
    assert page.status_code == 200
    css = re.findall(r'href="(/static/parcours/parcours\.[0-9a-f]{12}\.css)"', page.content.decode())
    assert len(css) == 1, "la feuille de style de Parcours porte un nom haché"
    served = client.get(css[0], HTTP_ACCEPT_ENCODING="gzip")
    assert served.status_code == 200
    assert served["Cache-Control"] == "max-age=315360000, public, immutable"
    assert served["Content-Encoding"] == "gzip"
    served.close()
    original = client.get("/static/parcours/parcours.css")  # nom d'origine : servi aussi
    assert original.status_code == 200
    original.close()
    assert client.get("/static/parcours/absent.css").status_code == 404


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def slow_app_server(**environ):
    """gunicorn (config/gunicorn.conf.py) servant ``tests.serving.slow_app`` avec les variables ``environ`` (``None`` :
    ôtée de l'environnement) ; rend son port quand son processus sert une requête."""
    port = free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1", **environ}
    env = {name: value for name, value in env.items() if value is not None}  # None : variable ôtée
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [gunicorn, "-c", "config/gunicorn.conf.py", "tests.serving.slow_app:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Prêt quand son processus sert une requête : le maître écoute avant que le processus ait démarré, et
        # une requête arrivée pendant ce démarrage (long sur une machine chargée) attend et serait refusée.
        deadline = time.monotonic() + 20
        while True:
            try:
                if get(port)[0] == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            assert time.monotonic() < deadline, "gunicorn n'a pas démarré"
            time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:  # une requête encore en cours : gunicorn l'attendrait 30 s
            server.kill()
            server.wait()


def get(port, path="/"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.monotonic()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Retry-After"), body, time.monotonic() - started


def test_gunicorn_answers_503_with_retry_after_to_requests_that_waited_too_long_in_the_queue():
    with slow_app_server(
        GUNICORN_THREADS="1", PARCOURS_QUEUE_TIMEOUT_MS="100", PARCOURS_RETRY_AFTER="3"
    ) as port:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            results = list(pool.map(get, [port] * 4))
    statuses = sorted(status for status, *_ in results)
    assert statuses[0] == 200  # la première est servie
    refused = [r for r in results if r[0] == 503]
    assert len(refused) >= 2, results  # un seul fil de 300 ms : les suivantes ont attendu plus de 100 ms
    for _, retry_after, body, seconds in refused:
        assert retry_after == "3"
        assert "saturé" in body.decode()
        assert seconds < 5  # refusée sans attendre le délai du client (10 s), même sur une machine chargée


@pytest.mark.parametrize(
    ("setting", "threshold", "frozen"),
    [({"PARCOURS_GC_THRESHOLD": None}, 10_000, True), ({"PARCOURS_GC_THRESHOLD": "0"}, 700, False)],
)
def test_gunicorn_workers_inherit_a_garbage_collector_tuned_for_short_pauses(setting, threshold, frozen):
    """Ce que le maître a chargé est gelé (hors des passages du ramasse-miettes), et le seuil de la première
    génération relevé : les processus en héritent. ``PARCOURS_GC_THRESHOLD=0`` garde le réglage de Python."""
    with slow_app_server(**setting) as port:
        status, _, body, _ = get(port, "/ramasse-miettes")
    assert status == 200
    worker_threshold, worker_frozen = map(int, body.decode().split())
    assert (worker_threshold, worker_frozen > 0) == (threshold, frozen)


@pytest.mark.django_db
def test_pages_do_not_query_the_dsfr_configuration_each_time(client, counsellor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from dsfr.models import DsfrConfig

    client.force_login(counsellor)
    client.get("/")  # première page : configuration lue une fois
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "dsfr_dsfrconfig" in q["sql"]]
    assert "data-fr-mourning" not in client.get("/").content.decode()
    DsfrConfig.objects.create(language="fr", mourning=True)  # efface la copie en mémoire
    assert "data-fr-mourning" in client.get("/").content.decode()


def test_time_spent_in_the_kernel_queue_counts_as_waiting():
    """Un processus gunicorn qui a assez de connexions laisse les suivantes dans la file du noyau : leur attente
    là-bas se lit à l'acceptation (``TCP_INFO``) et compte pour le refus rapide."""
    from config.gunicorn_worker import waited_in_kernel

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        with socket.create_connection(listener.getsockname()) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.25)
            accepted, _ = listener.accept()
            with accepted:
                assert 0.2 <= waited_in_kernel(accepted) < 5
    assert waited_in_kernel(object()) == 0.0  # pas une socket TCP : aucune attente connue


def database_options_in_subprocess(database_url, extra_env=None):
    env = dict(os.environ) | {"DATABASE_URL": database_url} | (extra_env or {})
    code = (
        "from config import settings as s; print(sorted(s.DATABASES['default'].get('OPTIONS', {}).items()))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_postgresql_prepares_statements_and_keeps_the_options_of_the_url():
    url = "postgres://u@db:5432/parcours?sslmode=verify-full&connect_timeout=5"
    assert database_options_in_subprocess(url) == (
        "[('connect_timeout', 5), ('prepare_threshold', 2), ('server_side_binding', True), "
        "('sslmode', 'verify-full')]"
    )
    assert database_options_in_subprocess(url, {"DJANGO_PG_PREPARE_THRESHOLD": "aucun"}) == (
        "[('connect_timeout', 5), ('sslmode', 'verify-full')]"
    )
    assert database_options_in_subprocess("sqlite:///var/x.sqlite3").find("prepare_threshold") == -1


def cache_prefix_in_subprocess(database_url):
    env = dict(os.environ) | {"DATABASE_URL": database_url, "PARCOURS_CACHE": "fichiers"}
    code = "from config import settings as s; print(s.CACHES['default']['KEY_PREFIX'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_two_databases_sharing_a_cache_directory_never_read_each_other_s_keys():
    """La démonstration (SQLite) et un banc (PostgreSQL) lancés depuis le même dossier partagent var/cache : le
    compte n° 1 de l'une ne doit jamais être rendu à l'autre."""
    demo = cache_prefix_in_subprocess("sqlite:///var/parcours.sqlite3")
    bench = cache_prefix_in_subprocess("postgres://postgres@127.0.0.1:5432/parcours_load")
    other = cache_prefix_in_subprocess("postgres://postgres@127.0.0.1:5432/parcours")
    assert len({demo, bench, other}) == 3
    assert cache_prefix_in_subprocess("postgres://postgres@127.0.0.1:5432/parcours_load") == bench
