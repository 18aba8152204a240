from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

from parcours.validators import CONTROL_CHARACTERS, validate_no_control_characters


class DsfrFormMixin:
    """Rendu DSFR des formulaires (classes, libellés, messages d'erreur accessibles)."""

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"


class SearchTextField(forms.CharField):
    """Texte libre d'une recherche ou d'un filtre : sans espaces autour, 100 caractères au plus, sans
    caractère de contrôle (un NUL faisait planter PostgreSQL : page 500), message en français."""

    default_validators = [validate_no_control_characters]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        # Le contrôle de Django sur le seul NUL ferait un second message : le nôtre le couvre.
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class TextSearchForm(forms.Form):
    """Le champ ``q`` des listes dont le formulaire est écrit dans la page (offres, partenaires)."""

    q = SearchTextField(label="Rechercher")

    def text(self):
        """Le texte cherché, vide s'il est refusé (la page affiche alors ``errors``)."""
        return self.cleaned_data["q"] if self.is_valid() else ""

    def shown(self):
        """Le texte à remettre dans le champ : le texte cherché, ou le texte refusé sans ses caractères de contrôle."""
        return CONTROL_CHARACTERS.sub("", self.data.get("q", "")).strip() if self.errors else self.text()

    def error_text(self):
        return " ".join(self.errors.get("q", []))
