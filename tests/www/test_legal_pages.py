"""Pied de page (issue 11, point 12) : liens obligatoires et paramètres d'affichage, sur chaque page."""

import html as markup

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("accessibility", "Déclaration d'accessibilité"),
        ("legal_notice", "Mentions légales"),
        ("privacy", "Données personnelles"),
    ],
)
def test_mandatory_pages_are_open_without_login(client, db, name, title):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in markup.unescape(response.content.decode())


def test_every_page_footer_has_the_mandatory_links_and_display_settings(client, counsellor):
    client.force_login(counsellor)
    for url in (reverse("home"), reverse("young_people:portfolio"), reverse("login")):
        html = markup.unescape(client.get(url).content.decode())
        footer = html[html.index('<footer class="fr-footer"') :]
        assert "Accessibilité : non conforme" in footer
        for name in ("accessibility", "legal_notice", "privacy"):
            assert f'href="{reverse(name)}"' in footer
        assert 'aria-controls="fr-theme-modal"' in footer
        assert 'id="fr-theme-modal"' in html  # la fenêtre des paramètres d'affichage


def test_operator_settings_fill_the_legal_notice(client, db, settings):
    settings.PARCOURS_OPERATOR = {
        "publisher": "Mission locale de Nulle-Part",
        "host": "Hébergeur X",
        "dpo": "dpo@exemple.fr",
    }
    assert "Mission locale de Nulle-Part" in client.get(reverse("legal_notice")).content.decode()
    assert "dpo@exemple.fr" in client.get(reverse("privacy")).content.decode()
