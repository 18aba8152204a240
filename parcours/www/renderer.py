"""Moteur de rendu des formulaires : celui du DSFR, avec les listes déroulantes écrites en Python.

Le gabarit de Django pour ``<select>`` inclut deux gabarits par option (l'option et ses attributs) : une liste de
dix options coûte une cinquantaine de nœuds de gabarit, soit l'essentiel du rendu d'un formulaire de filtres
(« Mes jeunes », « À faire »). ``SelectTemplate`` écrit le même HTML, au caractère près
(``tests/www/test_renderer.py`` compare les deux), sans passer par le moteur de gabarits. Une option dont le gabarit
n'est pas celui de Django (widget personnalisé), ou dont le libellé n'est pas un texte (nombre, date : le gabarit
les met en forme selon la langue), garde le rendu par gabarit. De même pour ``<input>``
(``InputTemplate``), deux gabarits inclus l'un dans l'autre pour chaque champ de saisie, et pour le groupe du
DSFR qui entoure la plupart des champs (``FieldGroupTemplate`` : libellé, aide, champ), sauf en erreur.
"""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from dsfr.forms import DsfrDjangoTemplates
from dsfr.templatetags.dsfr_tags import dsfr_mark_optionnal_fields
from dsfr.utils import dsfr_input_class_attr

from parcours.www.html import escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"
#: Source des gabarits de Django qui ne font qu'inclure ``input.html`` (text, date, checkbox, email, number…).
INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}'
FIELD_GROUP = "dsfr/form_field_snippets/input_snippet.html"


def attributes(attrs):
    """Les attributs HTML comme ``attrs.html`` : ``False`` omis, ``True`` sans valeur, le reste échappé."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value):
    """``{{ value|stringformat:'s' }}`` : le texte de la valeur, échappé sauf s'il est déjà sûr (``SafeData``)."""
    return value if isinstance(value, SafeData) else escape(str(value))


def _is_text(value):
    """Un libellé que le gabarit afficherait tel quel (texte, texte traduit) ; un nombre ou une date y serait
    mis en forme selon la langue (``localize``) : ceux-là gardent le rendu par gabarit."""
    return isinstance(value, str | Promise)


class SelectTemplate:
    """Même interface que le gabarit compilé (``render(context, request)``) pour ``select.html``."""

    def __init__(self, fallback):
        self.fallback = fallback

    def render(self, context=None, request=None):
        widget = context["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if (group_name and not _is_text(group_name)) or any(
                option["template_name"] != OPTION or not _is_text(option["label"]) for option in options
            ):
                return self.fallback.render(context, request)
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{_text(option["value"])}"{attributes(option["attrs"])}>'
                f"{escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>\n")
        return "".join(parts)


class InputTemplate:
    """``input.html`` (et les gabarits qui ne font que l'inclure) : ``<input>`` avec son type, son nom, sa valeur."""

    def render(self, context=None, request=None):
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
        return (
            f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
            f"{value}{attributes(widget['attrs'])}>"
        )


class FieldGroupTemplate:
    """``input_snippet.html`` du DSFR : le groupe (classe, désactivé), le libellé et sa marque, l'aide, le champ.
    Un champ en erreur garde le gabarit (messages, ``aria-describedby``) ; le rendu est épuré (``strip``) par
    Django dans les deux cas."""

    def __init__(self, fallback):
        self.fallback = fallback

    def render(self, context=None, request=None):
        field = context["field"]
        if field.errors:
            return self.fallback.render(context, request)
        # Dans l'ordre du gabarit : la classe du groupe est lue avant que ``dsfr_input_class_attr`` la pose.
        group = getattr(field.field.widget, "group_class", "") or "fr-input-group"
        disabled = " fr-input-group--disabled" if field.field.disabled else ""
        for_label = conditional_escape(field.id_for_label)
        label = conditional_escape(field.label) + conditional_escape(dsfr_mark_optionnal_fields(field))
        hint = (
            f'\n      <span class="fr-hint-text" id="{for_label}_helptext">{field.help_text}</span>\n    '
            if field.help_text
            else ""
        )
        widget = conditional_escape(dsfr_input_class_attr(field))
        return (
            f'<div class="{conditional_escape(group)}{disabled}">\n'
            f'  <label for="{for_label}" class="fr-label">\n    \n    {label}\n    {hint}\n    \n  </label>\n'
            f"  {widget}\n  \n</div>"
        )


class FormRenderer(DsfrDjangoTemplates):
    """``FORM_RENDERER`` : les gabarits du DSFR, sauf ``select.html``, ``input.html`` et le groupe de champ du DSFR
    écrits en Python. Le choix est fait une fois par gabarit (chaque champ rendu le redemande) ; en développement,
    à chaque fois."""

    def __init__(self):
        super().__init__()
        self._chosen = {}

    def get_template(self, template_name):
        chosen = self._chosen.get(template_name)
        if chosen is None:
            chosen = self._choose(template_name, super().get_template(template_name))
            if not settings.DEBUG:
                self._chosen[template_name] = chosen
        return chosen

    @staticmethod
    def _choose(template_name, template):
        if template_name == SELECT:
            return SelectTemplate(template)
        if template_name == FIELD_GROUP:
            return FieldGroupTemplate(template)
        if template_name == INPUT or template.template.source.strip() == INCLUDES_INPUT:
            return InputTemplate()
        return template
