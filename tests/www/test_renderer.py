"""Les listes déroulantes écrites en Python (``parcours.www.renderer``) donnent le HTML du gabarit de Django."""

import datetime

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from parcours.www.forms import DateInput, DsfrFormMixin
from parcours.www.renderer import FIELD_GROUP, SELECT, FormRenderer

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
    "libelles_non_textes": (
        forms.Select(choices=[("d", datetime.date(2024, 1, 2)), ("n", 1.5), (3, 3)]),
        "n",
    ),
    "groupe_numerote": (forms.Select(choices=[(2026, [("a", "A")])]), "a"),
}


@pytest.mark.parametrize("kind", WIDGETS)
def test_select_is_written_like_django_template(kind):
    widget, value = WIDGETS[kind]
    renderer = FormRenderer()
    context = widget.get_context("champ", value, {"id": "id_champ"})
    django_html = renderer.engine.get_template(SELECT).render(context).strip()
    assert widget.render("champ", value, {"id": "id_champ"}, renderer=renderer) == django_html
    assert renderer.get_template(SELECT).render(context).strip() == django_html


def test_custom_option_template_keeps_template_rendering():
    class RichSelect(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = RichSelect(choices=[("a", "A")])
    renderer = FormRenderer()
    context = widget.get_context("champ", "a", {})
    assert widget.render("champ", "a", {}, renderer=renderer) == (
        renderer.engine.get_template(SELECT).render(context).strip()
    )


class WithHtml:
    """Un objet qui se dit sûr (``__html__``) sans être un ``SafeData`` de Django : le gabarit l'échappe."""

    def __html__(self):
        return "<b>"

    def __str__(self):
        return "<i>"


INPUTS = {
    "texte": (forms.TextInput(attrs={"class": "fr-input", "maxlength": 50}), 'Dupont & "fils" <b>'),
    "vide": (forms.TextInput(), None),
    "chaine_vide": (forms.TextInput(), ""),
    "date": (DateInput(), datetime.date(2026, 12, 6)),
    "nombre": (forms.NumberInput(attrs={"min": 0, "required": True}), 3),
    "courriel": (forms.EmailInput(), "a@b.fr"),
    "case": (forms.CheckboxInput(), True),
    "case_decochee": (forms.CheckboxInput(), False),
    "cache": (forms.HiddenInput(), "jeton"),
    "objet_avec_html": (forms.TextInput(attrs={"data-x": WithHtml()}), "a"),
    "mot_de_passe": (forms.PasswordInput(), "secret"),
}


@pytest.mark.parametrize("kind", INPUTS)
def test_input_is_written_like_django_template(kind):
    widget, value = INPUTS[kind]
    renderer = FormRenderer()
    context = widget.get_context("champ", value, {"id": "id_champ"})
    django_html = renderer.engine.get_template(widget.template_name).render(context).strip()
    assert type(renderer.get_template(widget.template_name)).__name__ == "InputTemplate"
    assert widget.render("champ", value, {"id": "id_champ"}, renderer=renderer) == django_html


class Fields(DsfrFormMixin, forms.Form):
    texte = forms.CharField(label="Nom & <co>", help_text="<b>aide</b> libre", max_length=20)
    facultatif = forms.CharField(required=False)
    choix = forms.ChoiceField(choices=[("", "Tous"), ("a", "A & b")], required=False)
    multiple = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    jour = forms.DateField(widget=DateInput(), required=False)
    nombre = forms.IntegerField(required=False, min_value=0)
    courriel = forms.EmailField(required=False, help_text=gettext_lazy("Adresse"))
    note = forms.CharField(widget=forms.Textarea, required=False)
    desactive = forms.CharField(disabled=True, required=False)
    initial_cache = forms.CharField(show_hidden_initial=True, required=False, initial="x")
    sur = forms.CharField(label=mark_safe("<em>sûr</em>"), required=False)
    classe_posee = forms.CharField(widget=forms.TextInput(attrs={"class": "perso"}), required=False)


def _forms():
    from parcours.www.programmes.forms import WorklistFilterForm
    from parcours.www.young_people.forms import SearchForm
    from parcours.www.young_people.portfolio import PortfolioFilterForm

    valid = {"texte": "Dupont", "choix": "a", "multiple": ["a", "b"], "jour": "2026-12-06", "nombre": "3"}
    invalid = {"texte": "", "nombre": "-1", "courriel": "pas une adresse", "jour": "demain"}
    return {
        "vierge": lambda: Fields(),
        "valide": lambda: Fields(valid),
        "erreurs": lambda: Fields(invalid),
        "recherche": lambda: SearchForm({"q": "mar"}),
        "portefeuille": lambda: PortfolioFilterForm({}),
        "a_faire": lambda: WorklistFilterForm(None, initial={"perimetre": "moi"}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["vierge", "valide", "erreurs", "recherche", "portefeuille", "a_faire"])
def test_field_group_is_written_like_the_dsfr_template(name):
    """Chaque champ rendu par le groupe du DSFR : le même HTML qu'avec le gabarit, chacun sur un formulaire neuf
    (le rendu pose des classes sur le champ) ; un champ en erreur est rendu par le gabarit lui-même."""
    build = _forms()[name]
    template = FormRenderer().engine.get_template(FIELD_GROUP)
    compared = 0
    for field_name in build().fields:
        written, expected = build()[field_name], build()[field_name]
        if written.template_name != FIELD_GROUP:
            continue
        assert written.as_field_group() == template.render({"field": expected}).strip(), field_name
        compared += 1
    assert compared >= 2
    assert type(FormRenderer().get_template(FIELD_GROUP)).__name__ == "FieldGroupTemplate"
