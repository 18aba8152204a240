from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import formats
from django.utils.choices import flatten_choices
from django.utils.text import Truncator
from dsfr.forms import DsfrBoundField
from dsfr.utils import dsfr_input_class_attr

from parcours import versioning
from parcours.errors import RuleError
from parcours.modelkit import END_BEFORE_START_MESSAGE
from parcours.validators import CONTROL_CHARACTERS, validate_no_control_characters, validate_plausible_year
from parcours.versioning import ConcurrentEditError

#: Champ caché de version absent ou altéré (page très ancienne, envoi fabriqué).
STALE_FORM = "Le formulaire est incomplet ou périmé : rechargez la page, puis saisissez à nouveau."
#: Longueur d'un texte libre sans limite propre (notes, comptes rendus) : une dizaine de pages.
FREE_TEXT_LIMIT = 20_000


def guard(field):
    """Un champ texte refuse tout caractère de contrôle (échappement, sonnerie…), comme l'API et les imports,
    et non le seul NUL que Django refuse : un seul message, le nôtre ; un texte libre a une longueur maximale.
    Une date refuse une année mal tapée."""
    if isinstance(field, forms.DateField) and validate_plausible_year not in field.validators:
        field.validators = [*field.validators, validate_plausible_year]
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None:
        field.max_length = FREE_TEXT_LIMIT
        field.validators.append(MaxLengthValidator(FREE_TEXT_LIMIT))
        field.widget.attrs.update(field.widget_attrs(field.widget))
    kept = [
        v
        for v in field.validators
        if v is not validate_no_control_characters and not isinstance(v, ProhibitNullCharactersValidator)
    ]
    field.validators = [*kept, validate_no_control_characters]


class DsfrFormMixin:
    """Rendu DSFR des formulaires (classes, libellés, messages d'erreur accessibles) ; chaque champ est gardé
    (``guard``)."""

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            guard(field)
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

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)
        guard(self)


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


class VersionedFormMixin:
    """Formulaire de modification d'un enregistrement ``Versioned`` : porte sa version en champ caché.

    La vue enregistre par ``form.save_versioned()`` : en cas de conflit (ou d'une règle du service refusée),
    rien n'est écrit et le formulaire le dit ; les saisies restent, les valeurs enregistrées entre-temps
    s'affichent, et un nouvel envoi (délibéré) part de la version à jour.
    """

    template_name = "www/versioned_form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput,
                initial=self.instance.version,
                error_messages={"required": STALE_FORM, "invalid": STALE_FORM},
            )

    def full_clean(self):
        super().full_clean()
        if self._errors and "version" in self._errors:  # un champ caché : son erreur va en tête du formulaire
            self._errors.pop("version")
            self.add_error(None, STALE_FORM)

    def save_versioned(self, write=None, *args):
        """Appelle ``write(*args)`` (par défaut ``self.save()``) si personne n'a enregistré depuis l'ouverture
        du formulaire, dans la même transaction. Vrai si c'est enregistré ; sinon le conflit, ou le refus
        (``RuleError``, ``ValidationError``) levé par ``write``, s'affiche sur le formulaire."""
        try:
            with self._editing():
                (write or self.save)(*args)
        except ConcurrentEditError as error:
            self.show_conflict(error)
        except RuleError as error:
            add_reasons(self, error)
        except ValidationError as error:
            self.add_error(None, error)
        else:
            return True
        return False

    def _editing(self):
        if self.instance.pk is None:
            return transaction.atomic()
        return versioning.editing(self.instance, self.cleaned_data["version"])

    def show_conflict(self, error):
        current = error.current
        if current is None:
            self.add_error(None, "Cet enregistrement a été supprimé par une autre personne entre-temps.")
            return
        self.add_error(None, str(error))
        self.conflict = [
            (field.label, _shown(field, current, name))
            for name, field in self.fields.items()
            if name in self.initial and field.has_changed(self._fresh(current, name), self[name].data)
        ]
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version

    def _fresh(self, current, name):
        return model_to_dict(current, fields=[name]).get(name)


def _shown(field, instance, name):
    """Valeur enregistrée de ``name``, telle qu'un utilisateur la lit (libellés, « oui »/« non », dates)."""
    value = getattr(instance, name)
    if isinstance(field, forms.ModelMultipleChoiceField):
        value = ", ".join(str(item) for item in value.all())
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in flatten_choices(field.choices)}
        items = value if isinstance(value, list | tuple) else [value]
        value = ", ".join(str(labels.get(str(item), item)) for item in items if item not in (None, ""))
    elif isinstance(value, bool):
        value = "oui" if value else "non"
    shown = formats.localize(value) if value not in (None, "") else "—"
    return Truncator(str(shown)).chars(200)


def add_reasons(form, error, field=None):
    """Affiche sur le formulaire chaque raison d'un refus de règle (``parcours.errors.RuleError``)."""
    for reason in error.reasons:
        form.add_error(field, reason)


def dated_widgets(*dates, text=None, rows=3):
    """Les ``widgets`` d'un ``ModelForm`` : un calendrier pour chaque champ de ``dates``, une zone de texte de
    ``rows`` lignes pour le champ ``text``."""
    widgets = {name: DateInput() for name in dates}
    if text:
        widgets[text] = forms.Textarea(attrs={"rows": rows})
    return widgets


def check_rule(form, rule, first, second, field=None):
    """Quand ``first`` et ``second`` sont saisis, le refus éventuel de ``rule(first, second)`` (une règle
    métier qui renvoie son message ou rien) s'affiche sur ``field`` (à défaut ``second``)."""
    a, b = form.cleaned_data.get(first), form.cleaned_data.get(second)
    if a and b:
        error = rule(a, b)
        if error:
            form.add_error(field or second, error)


def check_not_above(form, names, total, message):
    """Refuse, sur chaque champ de ``names``, un nombre saisi supérieur à celui du champ ``total`` (vide : zéro)."""
    ceiling = form.cleaned_data.get(total) or 0
    for name in names:
        if (form.cleaned_data.get(name) or 0) > ceiling:
            form.add_error(name, message)


def check_period(form, start="start_date", end="end_date", message=END_BEFORE_START_MESSAGE):
    """Refuse, sur le champ ``end``, une période dont la fin saisie précède le début saisi (``message`` : celui
    de la contrainte ``ends_after_start`` du modèle)."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, message)
