"""Les listes déroulantes écrites en Python (``parcours.www.renderer``) donnent le HTML du gabarit de Django."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from parcours.www.renderer import SELECT, FormRenderer, SelectTemplate

WIDGETS = {
    "simple": (forms.Select(choices=[("", "Tous"), ("a", "Alpha"), ("b", "Bêta & co <b>")]), "b"),
    "entiers": (forms.Select(choices=[(1, "Un"), (2, "Deux")]), 2),
    "groupes": (
        forms.Select(choices=[("Métiers", [("m1", "Boulanger"), ("m2", "Cuisinier")]), ("x", "Autre")]),
        "m2",
    ),
    "multiple": (forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")]), ["a", "c"]),
    "oui_non": (forms.NullBooleanSelect(), True),
    "attributs": (
        forms.Select(
            choices=[("a", gettext_lazy("Paresseux")), ("<b>", mark_safe("<em>sûr</em>"))],
            attrs={
                "class": "fr-select",
                "required": True,
                "disabled": False,
                "data-x": 'a"b',
                "aria-describedby": 3,
            },
        ),
        "<b>",
    ),
    "vide": (forms.Select(choices=[]), None),
}


@pytest.mark.parametrize("kind", WIDGETS)
def test_select_is_written_like_django_template(kind):
    widget, value = WIDGETS[kind]
    renderer = FormRenderer()
    context = widget.get_context("champ", value, {"id": "id_champ"})
    django_html = renderer.engine.get_template(SELECT).render(context).strip()
    assert widget.render("champ", value, {"id": "id_champ"}, renderer=renderer) == django_html
    assert SelectTemplate(None).render(context).strip() == django_html


def test_custom_option_template_keeps_template_rendering():
    class RichSelect(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = RichSelect(choices=[("a", "A")])
    renderer = FormRenderer()
    context = widget.get_context("champ", "a", {})
    assert widget.render("champ", "a", {}, renderer=renderer) == (
        renderer.engine.get_template(SELECT).render(context).strip()
    )
