"""``{% une_fois %}`` : les parties de page identiques partout sont rendues une fois par processus."""

from django.template import engines
from django.test import override_settings

from parcours.www.templatetags import parcours_links

TEMPLATE = '{% load parcours_links %}[{% une_fois "essai" %}{{ valeur }}{% fin_une_fois %}]'


def render(value):
    return engines["django"].from_string(TEMPLATE).render({"valeur": value})


def test_rendered_once_then_reused():
    parcours_links._ONCE.pop("essai", None)
    assert render("premier") == "[premier]"
    assert render("second") == "[premier]"


def test_a_changed_setting_renders_again():
    parcours_links._ONCE.pop("essai", None)
    assert render("premier") == "[premier]"
    with override_settings(STATIC_URL="/autre/"):
        assert render("second") == "[second]"


@override_settings(DEBUG=True)
def test_development_renders_every_time():
    assert render("premier") == "[premier]"
    assert render("second") == "[second]"
