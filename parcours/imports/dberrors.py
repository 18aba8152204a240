"""Erreur de la base pendant l'écriture -> message en français, sans rien recopier de la ligne.

Le texte d'une erreur PostgreSQL peut contenir toute la ligne refusée (« Failing row contains (…) »,
« Key (…)=(…) ») : nom, date de naissance… Il n'est jamais affiché. On n'en garde que des identifiants
(nom de contrainte, de colonne), reconnus parmi ceux du modèle, et on les traduit.
"""

import re

from django.db.models import UniqueConstraint

#: Messages SQLite : seuls des identifiants suivent les deux-points (jamais de valeurs).
SQLITE_NOT_NULL = re.compile(r"^NOT NULL constraint failed: (?:\w+\.)?(\w+)$")
SQLITE_NAMED = re.compile(r"^(?:CHECK|UNIQUE) constraint failed: (?:index ')?(\w+)'?$")
SQLITE_UNIQUE_COLUMNS = re.compile(r"^UNIQUE constraint failed: ((?:\w+\.\w+)(?:, \w+\.\w+)*)$")


class WriteRefused(Exception):
    """La base a refusé l'écriture d'un lot déjà vérifié ; ``str()`` est le message à afficher."""

    def __init__(self, file_name, first_line, last_line, reason):
        lines = f"ligne {first_line}" if first_line == last_line else f"lignes {first_line} à {last_line}"
        super().__init__(
            f"la base de données a refusé l'écriture de {file_name} ({lines}) : {reason}. Si l'erreur persiste "
            "après avoir relancé l'import, transmettez ce message à l'assistance."
        )


def describe(error, model, column_by_field):
    """Cause de l'erreur ``error`` (``django.db.DatabaseError``) en français, sans donnée de la ligne."""
    constraint, column = _identifiers(error, model)
    constraints = {c.name: c for c in model._meta.constraints}
    if constraint in constraints:
        found = constraints[constraint]
        if isinstance(found, UniqueConstraint) and "source_id" in found.fields:
            return (
                "un enregistrement de même identifiant (id_source) a été créé entre la vérification et "
                "l'écriture, par un autre import ou à l'écran"
            )
        message = str(found.get_violation_error_message())
        if found.violation_error_message:
            return f"règle non respectée : {message.rstrip('.')}"
        return f"règle « {constraint} » non respectée"
    if constraint and constraint.isidentifier():
        return f"contrainte « {constraint} » non respectée"
    by_column = {f.column: f.name for f in model._meta.concrete_fields}
    if column in by_column:
        name = column_by_field.get(by_column[column])
        where = f"colonne {name}" if name else f"champ « {by_column[column]} »"
        return f"valeur manquante ({where})"
    return f"erreur {type(error).__name__} de la base de données"


def _identifiers(error, model):
    """(nom de contrainte, nom de colonne) tirés de l'erreur, ou ``None``."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # psycopg
        return diag.constraint_name, diag.column_name
    text = str(cause or error).strip()
    match = SQLITE_NOT_NULL.match(text)
    if match:
        return None, match.group(1)
    match = SQLITE_NAMED.match(text)
    if match:
        return match.group(1), None
    match = SQLITE_UNIQUE_COLUMNS.match(text)
    if match:  # SQLite nomme les colonnes d'un index unique, pas l'index : on retrouve la contrainte
        columns = {part.split(".")[1] for part in match.group(1).split(", ")}
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if fields and {model._meta.get_field(f).column for f in fields} == columns:
                return constraint.name, None
    return None, None
