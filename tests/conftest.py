import os
import shutil

import pytest

from parcours.accounts.access import must_use_two_factor
from parcours.accounts.enums import Role
from tests.factories import MissionLocaleFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Le cache local (débits de l'API, listes gardées) ne passe pas d'un test à l'autre."""
    from django.core.cache import cache

    cache.clear()


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


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """Les tests transactionnels (navigateur) vident la base : on recharge les référentiels."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from parcours.referential.loaders import load_all

        load_all()


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
