"""Lignes lues -> instances du modèle : recherche des existants par identifiant source, fusion, contrôles.

Partagé par la vérification et l'écriture, pour que les deux passes décident exactement de la même façon.
"""

import functools

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from parcours.accompaniment.enums import SituationState
from parcours.accompaniment.models import Contact
from parcours.programmes.imports import columns as c
from parcours.validators import ROME_CODE
from parcours.young_people.enums import ArchiveReason
from parcours.young_people.models import YoungPerson

#: Équivalents Python des CheckConstraint (le message vient de la contrainte elle-même) :
#: nom de contrainte -> (condition respectée ?, champ auquel rattacher l'erreur).
CHECKS = {
    "yp_archive_reason_with_date": (
        lambda o: (o.archived_at is None) == (o.archive_reason == ""),
        "archive_reason",
    ),
    "yp_first_reception_after_birth": (
        lambda o: o.first_reception_date > o.birth_date,
        "first_reception_date",
    ),
    "yp_merged_is_archived_duplicate": (
        lambda o: getattr(o, "merged_into_id", None) is None or o.archive_reason == ArchiveReason.DUPLICATE,
        "archive_reason",
    ),
    "situation_end_after_start": (lambda o: o.end_date is None or o.end_date >= o.start_date, "end_date"),
    "situation_finished_has_end": (
        lambda o: o.state != SituationState.FINISHED or o.end_date is not None,
        "end_date",
    ),
    "situation_rome_format": (lambda o: o.rome_code == "" or bool(ROME_CODE.match(o.rome_code)), "rome_code"),
    "enrolment_exit_after_entry": (lambda o: o.exit_date is None or o.exit_date >= o.entry_date, "exit_date"),
    "enrolment_exit_has_outcome": (lambda o: (o.exit_date is None) == (o.exit_outcome == ""), "exit_outcome"),
    "contact_duration_range": (lambda o: o.duration is None or 5 <= o.duration <= 480, "duration"),
}


def is_young_person_file(spec):
    return spec.model is YoungPerson


def record_key(spec, parsed, lookups):
    """Clé d'unicité en base : (mission locale, id_source) pour un jeune, (jeune, id_source) sinon."""
    if is_young_person_file(spec):
        return (parsed.ml_id, parsed.source_id)
    return (lookups.young_person_pk(parsed.ml_id, parsed.young_person_source_id), parsed.source_id)


def fetch_existing(spec, parsed_rows, lookups):
    """Enregistrements déjà en base pour ce lot : une requête par lot."""
    model = spec.model
    source_ids = {p.source_id for p in parsed_rows}
    if is_young_person_file(spec):
        owners = {p.ml_id for p in parsed_rows}
        queryset = _by_source_id(model.objects.filter(mission_locale_id__in=owners, source_id__in=source_ids))
        return {(o.mission_locale_id, o.source_id): o for o in queryset}
    # Un jeune créé par cet import n'a encore rien en base : inutile de le chercher.
    owners = {record_key(spec, p, lookups)[0] for p in parsed_rows} - {None} - lookups.created_young_people
    if not owners:
        return {}
    queryset = _by_source_id(model.objects.filter(young_person_id__in=owners, source_id__in=source_ids))
    return {(o.young_person_id, o.source_id): o for o in queryset}


def _by_source_id(queryset):
    """Requête servie par l'index unique partiel (…, source_id) WHERE source_id <> '' : la condition
    répétée permet à PostgreSQL de l'utiliser ; sans tri, le tri par défaut (par date) l'en détournerait."""
    return queryset.exclude(source_id="").order_by()


def existing_contacts(pairs):
    """{(jeune, id_source du contact): pk} pour les couples demandés (une requête)."""
    pairs = {pair for pair in pairs if pair[0] is not None}
    if not pairs:
        return {}
    queryset = _by_source_id(
        Contact.objects.filter(
            young_person_id__in={yp for yp, _ in pairs}, source_id__in={sid for _, sid in pairs}
        )
    ).values_list("young_person_id", "source_id", "pk")
    return {(yp, sid): pk for yp, sid, pk in queryset if (yp, sid) in pairs}


def build(spec, parsed, existing, lookups):
    """Instance à jour et noms d'attributs modifiés (``None`` pour une création)."""
    model = spec.model
    if existing is None:
        values = dict(parsed.values)
        if is_young_person_file(spec):
            values["mission_locale_id"] = parsed.ml_id
        else:
            values["young_person_id"] = lookups.young_person_pk(parsed.ml_id, parsed.young_person_source_id)
        instance = _new(model, values)
        if is_young_person_file(spec):
            instance.search_name = YoungPerson.build_search_name(instance.last_name, instance.first_name)
        return instance, None
    changed = set()
    for attname, value in parsed.values.items():
        if getattr(existing, attname) != value:
            setattr(existing, attname, value)
            changed.add(attname)
    return existing, changed


@functools.cache
def _blank(model):
    """Valeurs par défaut de tous les champs, dans l'ordre des colonnes (défauts calculés à part).

    ``field.get_default()`` donne la valeur qu'aurait le champ si la colonne manquait : ``""`` pour un
    texte sans défaut déclaré, ``None`` pour une date ou une clé étrangère. Attention : sans défaut
    déclaré, ``field.default`` vaut ``NOT_PROVIDED``, une classe, donc « callable » : seul
    ``has_default()`` dit s'il y a un défaut à calculer à chaque ligne.
    """
    fields = model._meta.concrete_fields
    computed = {i for i, f in enumerate(fields) if f.has_default() and callable(f.default)}
    template = [None if i in computed else f.get_default() for i, f in enumerate(fields)]
    factories = [(i, fields[i].default) for i in sorted(computed)]
    return template, factories, {f.attname: i for i, f in enumerate(fields)}


def _new(model, values):
    """``model(**values)`` par le chemin rapide de Django (arguments positionnels) : des centaines de
    milliers de lignes passent ici deux fois."""
    template, factories, index = _blank(model)
    row = template.copy()
    for i, factory in factories:
        row[i] = factory()
    for attname, value in values.items():
        row[index[attname]] = value
    return model(*row)


def model_errors(spec, instance, parsed, column_by_field):
    """Contrôles du modèle sans requête : champs, ``clean()`` (dont l'éligibilité), contraintes.

    Renvoie une liste de (colonne, message). ``clean()`` et les contraintes ne sont vérifiés que si
    chaque champ est valide, pour ne pas répéter la même erreur sous deux formes.
    """
    # Dates, codes, oui/non et comptes sont déjà contrôlés à la lecture (cells, lookups) : il reste à
    # passer les validateurs des champs texte (longueur, courriel, NIR, code postal, code ROME…).
    text_fields = _text_fields(spec)
    names = field_names(spec.model)
    exclude = _all_fields(spec.model) - (text_fields & {names[attname] for attname in parsed.values})
    errors = []
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        errors.extend(_flatten(exc, column_by_field))
    if errors or not parsed.valid:
        return errors
    try:
        instance.clean()
    except ValidationError as exc:
        errors.extend(_flatten(exc, column_by_field))
    if errors:
        return errors
    for constraint in spec.model._meta.constraints:
        check = CHECKS.get(constraint.name)
        if check and not check[0](instance):
            errors.append((column_by_field.get(check[1], ""), str(constraint.get_violation_error_message())))
    return errors


@functools.cache
def _text_fields(spec):
    return frozenset(column.field for column in spec.columns if column.kind == c.TEXT)


@functools.cache
def _all_fields(model):
    return frozenset(f.name for f in model._meta.fields)


@functools.cache
def field_names(model):
    """Nom d'attribut (``referent_id``) -> nom de champ (``referent``)."""
    return {f.attname: f.name for f in model._meta.concrete_fields}


def _flatten(exc, column_by_field):
    if not hasattr(exc, "error_dict"):
        return [("", message) for message in exc.messages]
    return [
        ("" if name == NON_FIELD_ERRORS else column_by_field.get(name, name), message)
        for name, errors in exc.error_dict.items()
        for message in ValidationError(errors).messages
    ]


def field_columns(spec):
    """Nom de champ du modèle -> nom de colonne du fichier."""
    return {column.field: column.name for column in spec.columns}
