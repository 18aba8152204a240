"""Briques communes des modèles : chaque champ ou contrainte qui revient d'une application à l'autre est écrit
une fois ici.

Ce module n'importe aucune application : les modèles visés sont nommés par leur étiquette (« app.Modèle »),
si bien que toute application peut s'en servir sans dépendre d'une autre. Les noms, libellés et conditions
produits sont ceux des migrations existantes : s'en servir ne change pas le schéma.
"""

import functools
import operator

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

from parcours.validators import ROME_CODE_MESSAGE, ROME_SQL_PATTERN, rome_validator

END_BEFORE_START_MESSAGE = "La date de fin ne peut pas précéder la date de début."


def ends_after_start(
    name, start="start_date", end="end_date", *, optional=None, message=END_BEFORE_START_MESSAGE
):
    """Contrainte « la fin ne précède pas le début » : ``end >= start``, sauf quand un champ de ``optional``
    est vide (par défaut la fin seule ; ``()`` quand les deux dates sont obligatoires). Les champs facultatifs
    sont testés dans l'ordre donné ; ``message=None`` garde le message par défaut de Django."""
    optional = (end,) if optional is None else optional
    tests = [Q(**{f"{field}__isnull": True}) for field in optional]
    tests.append(Q(**{f"{end}__gte": F(start)}))
    return models.CheckConstraint(
        name=name, condition=functools.reduce(operator.or_, tests), violation_error_message=message
    )


def implies(name, when, then, message):
    """Contrainte « si ``when``, alors ``then`` » : une ligne qui remplit ``when`` remplit aussi ``then`` (un
    accord terminé a une date de fin, un CDI n'en a pas) ; les autres lignes ne sont pas concernées."""
    return models.CheckConstraint(name=name, condition=~when | then, violation_error_message=message)


def ended_with_reason(name, end, reason, message):
    """Contrainte « une fin a sa date et son motif » : les deux champs sont remplis ensemble ou vides ensemble
    (archivage, sortie d'un dispositif, fin d'un parrainage)."""
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{end}__isnull": True, reason: ""})
        | (Q(**{f"{end}__isnull": False}) & ~Q(**{reason: ""})),
        violation_error_message=message,
    )


def bounds(low, high):
    """Validateurs de formulaire « de ``low`` à ``high`` » ; la base vérifie les mêmes bornes (``in_range``)."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def in_range(name, field, limits, message, *, optional=False):
    """Contrainte « ``field`` va de ``low`` à ``high`` » (``limits``, bornes comprises) ; ``optional`` : vide
    admis. Les formulaires vérifient les mêmes bornes (``bounds``)."""
    low, high = limits
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if optional:
        condition = Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(name=name, condition=condition, violation_error_message=message)


def user_field(verbose_name="conseiller", **options):
    """L'utilisateur que nomme l'enregistrement (conseiller, auteur de la saisie) : vidé si le compte est
    supprimé, sans accès inverse depuis l'utilisateur."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


def optional_fk(to, verbose_name, *, on_delete=models.PROTECT, related_name="+", **options):
    """Un lien facultatif (vide admis en base et dans les formulaires), protégé par défaut : la ligne visée ne
    peut être supprimée tant qu'elle est citée."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        **options,
    )


def mission_locale_field(
    verbose_name="mission locale", on_delete=models.PROTECT, related_name="+", **options
):
    """La mission locale qui porte l'enregistrement (et qui en décide la visibilité)."""
    return models.ForeignKey(
        "referential.MissionLocale",
        verbose_name=verbose_name,
        on_delete=on_delete,
        related_name=related_name,
        **options,
    )


def young_person_field(related_name, **options):
    """Le jeune dont l'enregistrement fait partie du dossier : supprimé avec lui."""
    return models.ForeignKey(
        "young_people.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name=related_name,
        **options,
    )


def source_id_field(verbose_name=None):
    """Identifiant de la ligne dans le système d'origine d'un import (vide pour une saisie) : un import rejoué
    retrouve ses lignes au lieu de les doubler (``unique_source_id``)."""
    return models.CharField(verbose_name, max_length=64, blank=True, default="", editable=False)


def unique_source_id(name, scope="young_person"):
    """Un identifiant d'origine non vide n'apparaît qu'une fois par ``scope`` (le jeune, la mission locale)."""
    return unique(name, [scope, "source_id"], condition=~Q(source_id=""))


def unique(name, fields, *, condition=None, message=None):
    """Contrainte d'unicité : une seule ligne par valeur des ``fields`` pris ensemble, parmi les lignes qui
    remplissent ``condition`` s'il y en a une (« un seul parrainage en cours par jeune ») ; ``message`` est
    montré à l'utilisateur (sans message, celui de Django)."""
    return models.UniqueConstraint(
        fields=fields, condition=condition, name=name, violation_error_message=message
    )


def created_at_field(verbose_name="créé le"):
    """L'instant où l'enregistrement est créé : posé par le serveur, jamais modifié par un formulaire."""
    return models.DateTimeField(verbose_name, default=timezone.now, editable=False)


def choice_labels(choices, values):
    """Les libellés des valeurs ``values`` (une liste de valeurs de l'énumération ``choices``, gardée en JSON :
    thèmes abordés, freins à lever), dans leur ordre ; une valeur que l'énumération ne connaît plus est omise."""
    labels = _labels(choices)
    return [labels[value] for value in values if value in labels]


@functools.cache
def _labels(choices):
    """Libellé de chaque valeur de l'énumération, construit une fois (``choices.values`` refait sa liste à chaque
    lecture : un fil de dossier lit les thèmes de chaque contact)."""
    return {member.value: member.label for member in choices}


def install_choice_labels(model):
    """Remplace les ``get_FOO_display`` que Django a posés sur ``model`` par une lecture dans un dictionnaire fait
    une fois par champ. Celui de Django refait ce dictionnaire à chaque appel (3 à 4 µs) et un dossier l'appelle
    près de deux cents fois (libellés du fil). Même résultat, valeur inconnue comprise (rendue telle quelle)."""
    for field in model._meta.get_fields():
        name = f"get_{getattr(field, 'name', '')}_display"
        method = model.__dict__.get(name)
        # Seulement ce que Django a posé (pas une méthode écrite à la main) et des choix fixes (pas un appelable).
        if getattr(method, "func", None) is models.Model._get_FIELD_display and isinstance(
            field.choices, list
        ):
            setattr(model, name, _choice_display(field))


def _choice_display(field):
    labels = dict(make_hashable(field.flatchoices))

    def get_display(instance):
        value = getattr(instance, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # valeur non hachable (liste, dictionnaire) : comme Django
            label = labels.get(make_hashable(value), value)
        return force_str(label, strings_only=True)

    get_display.__name__ = f"get_{field.name}_display"
    return get_display


def optional_choice(verbose_name, choices, max_length, **options):
    """Un choix facultatif parmi ``choices`` (une énumération ``TextChoices``) : vide tant qu'il n'est pas connu."""
    return models.CharField(
        verbose_name, max_length=max_length, choices=choices.choices, blank=True, default="", **options
    )


def rome_code_field(verbose_name="code ROME", *, blank=False, **options):
    """Un code ROME (métier), vérifié par le formulaire (``rome_validator``) et par la base (``rome_format``)."""
    if blank:
        options.update(blank=True, default="")
    return models.CharField(verbose_name, max_length=5, validators=[rome_validator], **options)


def rome_format(name, *, blank=False):
    """Contrainte de format du champ ``rome_code`` ; ``blank`` : le code peut rester vide."""
    condition = Q(rome_code__regex=ROME_SQL_PATTERN)
    if blank:
        condition = Q(rome_code="") | condition
    return models.CheckConstraint(name=name, condition=condition, violation_error_message=ROME_CODE_MESSAGE)
