import math
import os
import shutil

import factory.random
import pytest

from parcours.accounts.access import must_use_two_factor
from parcours.accounts.enums import Role
from tests.factories import MissionLocaleFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module", autouse=True)
def _reproducible_module_data(request):
    """Noms, dates et textes tirés par les fabriques (Faker, factory_boy) : les mêmes à chaque passage, quel que soit
    l'ordre des fichiers entre processus. Un test qui échoue sur une donnée tirée échoue donc toujours."""
    factory.random.reseed_random(request.module.__name__)


@pytest.fixture(autouse=True)
def _reproducible_test_data(request):
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _prepared_queries_checked(settings):
    """Chaque requête préparée est comparée à celle que Django compilerait (``parcours.prepared``)."""
    settings.PARCOURS_PREPARED_CHECK = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Le cache local (débits de l'API, listes gardées) ne passe pas d'un test à l'autre."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _process_caches_do_not_expire_during_a_test(monkeypatch):
    """Configuration DSFR et missions locales absorbées, gardées dans chaque processus, expirent à l'horloge
    monotone, que time-machine n'arrête pas : une expiration tombée entre la page d'échauffement et la page
    mesurée d'un test de coût ajoutait ses requêtes à la mesure (une fois sur des centaines de tests, au hasard
    de la durée du processus). Pendant les tests, elles ne sont effacées que par une modification, comme en
    production dans le processus qui l'écrit."""
    from parcours.referential import models as referential
    from parcours.www import context_processors

    monkeypatch.setattr(context_processors, "SITE_CONFIG_SECONDS", math.inf)
    monkeypatch.setattr(referential, "ABSORBED_CACHE_SECONDS", math.inf)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login`` ouvre une session complète : pour les rôles à double authentification, le
    second facteur y est validé avec un vrai appareil confirmé. Les tests de la double authentification
    se connectent par le formulaire (tests/accounts/test_two_factor.py)."""
    from django.test import Client

    from tests.accounts.two_factor import confirmed_device

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if must_use_two_factor(user):
            from django_otp import DEVICE_ID_SESSION_KEY

            session = self.session
            session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_directory(settings, tmp_path_factory):
    """Les documents déposés pendant un test vont dans un répertoire temporaire, jamais dans var/."""
    settings.DOCUMENTS_DIR = tmp_path_factory.mktemp("documents")


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    """Les tests ne lancent pas ``collectstatic`` : noms de fichiers statiques non hachés (sauf tests du service)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


#: Par processus de test : la base telle que les migrations l'ont remplie (référentiels, signataires des
#: accords, dispositifs, types de contenu), lue avant le premier test transactionnel, et ce qu'il faut pour y
#: toucher hors d'un test.
_migrated = {}


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """Les tests transactionnels (navigateur) vident la base : on recharge les référentiels."""
    if _is_transactional(request.node):
        if "data" not in _migrated:
            from django.db import connection

            request.getfixturevalue("django_db_setup")
            _migrated["blocker"] = request.getfixturevalue("django_db_blocker")
            with _migrated["blocker"].unblock():
                _migrated["data"] = connection.creation.serialize_db_to_string()
        request.getfixturevalue("transactional_db")
        from parcours.referential.loaders import load_all

        load_all()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Après un test transactionnel, la base est vide. En série, pytest-django passe ces tests après les autres ;
    en parallèle (pytest-xdist), un processus reçoit des fichiers entiers et un test ordinaire peut suivre : on
    remet alors la base dans l'état des migrations, clés comprises."""
    result = yield
    if "data" in _migrated and _is_transactional(item) and nextitem and not _is_transactional(nextitem):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.db import connection

        with _migrated["blocker"].unblock():
            # Types de contenu et permissions recréés par le vidage : remplacés par ceux d'origine ; les
            # séquences restent au-delà des clés rendues.
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
            )
            connection.creation.deserialize_db_from_string(_migrated["data"])
        ContentType.objects.clear_cache()
    return result


@pytest.fixture
def ml(db):
    return MissionLocaleFactory(name="Mission locale A")


@pytest.fixture
def other_ml(db):
    return MissionLocaleFactory(name="Mission locale B")


@pytest.fixture
def counsellor(ml):
    return UserFactory(mission_locale=ml, role=Role.COUNSELLOR, username="conseiller.a")


@pytest.fixture
def director(ml):
    return UserFactory(mission_locale=ml, role=Role.DIRECTOR, username="directeur.a")


@pytest.fixture
def browser_executable():
    """Chromium de Debian : obligatoire en CI, test ignoré avec un message clair ailleurs."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return CHROMIUM
    message = f"Chromium introuvable ({CHROMIUM}) : installez-le avec « apt-get install -y chromium »."
    if os.environ.get("CI") or os.environ.get("PARCOURS_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def _release_live_server_connections(django_db_setup, django_db_blocker):
    """Les fils du serveur de test gardent leur connexion tant que Chromium garde la sienne ouverte
    (keep-alive) : on les ferme avant la suppression de la base de test PostgreSQL."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def browser(browser_executable, _release_live_server_connections):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_executable,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()
