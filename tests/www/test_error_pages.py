"""Pages d'erreur (issue 11, point 4) : 400, 403, 404, 500 et CSRF sont des pages DSFR en français, DEBUG coupé."""

import html as markup

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from parcours.www import errors
from tests.factories import UserFactory, YoungPersonFactory


def assert_french_dsfr_page(response, status, title):
    assert response.status_code == status
    html = markup.unescape(response.content.decode())
    assert '<html lang="fr"' in html
    assert f"<h1>{title}</h1>" in html
    assert "fr-header" in html and "fr-footer" in html  # gabarit DSFR de Parcours
    assert "Page d'accueil" in html
    return html


def test_unknown_page_is_a_french_page_that_says_what_to_do(client, counsellor, settings):
    settings.DEBUG = False
    client.force_login(counsellor)
    html = assert_french_dsfr_page(client.get("/nulle-part/"), 404, "Page introuvable")
    assert "Vérifiez l'adresse" in html
    assert reverse("young_people:search") in html  # le personnel de la ML repart de la recherche


def test_another_mls_file_is_not_found_without_saying_it_exists(client, counsellor, other_ml):
    stranger = YoungPersonFactory(mission_locale=other_ml)
    client.force_login(counsellor)
    html = assert_french_dsfr_page(
        client.get(reverse("young_people:detail", args=[stranger.pk])), 404, "Page introuvable"
    )
    assert stranger.last_name not in html


def test_refusal_shows_the_products_own_message(client, counsellor):
    colleague = UserFactory(mission_locale=counsellor.mission_locale)
    file = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=colleague)
    client.force_login(counsellor)
    html = assert_french_dsfr_page(
        client.get(reverse("young_people:archive", args=[file.pk])), 403, "Accès refusé"
    )
    assert "Seuls le référent du jeune et la direction peuvent faire cette action." in html
    assert "direction de votre mission locale" in html


def test_expired_form_is_a_french_page_not_djangos(counsellor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(counsellor)
    response = browser.post(reverse("young_people:create"), {"last_name": "Martin"})
    html = assert_french_dsfr_page(response, 403, "Formulaire expiré")
    assert "Rien n'a été enregistré" in html
    assert "CSRF" not in html


@pytest.mark.django_db
def test_bad_request_page():
    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    response = errors.bad_request(request)
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


def test_server_error_page_needs_no_database():
    """La base peut être la cause de l'erreur : la page 500 se rend sans elle (ce test n'y a pas accès), avec la
    référence des journaux."""
    request = RequestFactory().get("/jeunes/")
    request.request_id = "a1b2c3d4e5f6"
    response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr"' in html and "<h1>Erreur inattendue</h1>" in html
    assert "a1b2c3d4e5f6" in html


@pytest.mark.django_db
def test_an_exception_in_a_view_gives_the_french_500_page(client, counsellor, monkeypatch):
    from parcours.www.young_people import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.timeline, "build", broken)
    client.raise_request_exception = False
    client.force_login(counsellor)
    file = YoungPersonFactory(mission_locale=counsellor.mission_locale, referent=counsellor)
    response = client.get(reverse("young_people:detail", args=[file.pk]))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Erreur inattendue</h1>" in html
    assert "boom" not in html and "Traceback" not in html
    assert response["X-Request-ID"] in html
