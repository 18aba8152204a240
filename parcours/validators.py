"""Contrôles de texte communs à toutes les entrées (formulaires, recherches, API, fichiers importés).

Un caractère de contrôle (NUL, échappements…) n'a rien à faire dans un nom, une recherche ou une cellule :
PostgreSQL refuse le caractère NUL dans un texte (l'erreur devenait une page 500 ou une trace), et un
classeur XLSX ne peut contenir aucun d'eux. Tabulation et fins de ligne restent admises (comptes rendus).
"""

import re

from django.core.exceptions import ValidationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_character_error(text):
    """Message en français si ``text`` contient un caractère de contrôle, ``None`` sinon."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return f"caractère de contrôle interdit (code {ord(found.group()):#04x}) en position {found.start() + 1}."


def validate_no_control_characters(value):
    error = control_character_error(value)
    if error:
        raise ValidationError(f"Texte refusé : {error}", code="control_character")
