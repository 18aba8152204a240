"""Contrôles communs à toutes les entrées (formulaires, recherches, API, fichiers importés) : caractères de
contrôle, code ROME, code postal, téléphone. Aucune application n'est importée ici : tout modèle peut s'en servir.

Un caractère de contrôle (NUL, échappements…) n'a rien à faire dans un nom, une recherche ou une cellule :
PostgreSQL refuse le caractère NUL dans un texte (l'erreur devenait une page 500 ou une trace), et un
classeur XLSX ne peut contenir aucun d'eux. Tabulation et fins de ligne restent admises (comptes rendus).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

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


def is_readable(text):
    """Au moins une lettre ou un chiffre (l'école « 42 » est un partenaire)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def validate_readable(value):
    """Un nom compte au moins une lettre ou un chiffre : fait de caractères invisibles (espace de largeur nulle
    « \\u200b », marque de sens d'écriture) ou de ponctuation seule, il s'afficherait vide et ne se retrouverait
    par aucune recherche."""
    if value and not is_readable(value):
        raise ValidationError("Saisissez au moins une lettre ou un chiffre.", code="unreadable")


#: Années d'une date saisie : au-delà, c'est une faute de frappe (« 0205 », « 2205 ») qui serait enregistrée puis
#: introuvable, ou fatale aux calculs (le lendemain du 31/12/9999 n'existe pas).
DATE_YEARS = (1900, 2100)


def validate_plausible_year(value):
    if value is not None and not DATE_YEARS[0] <= value.year <= DATE_YEARS[1]:
        raise ValidationError(
            "Saisissez une date entre {} et {} : l'année semble mal tapée.".format(*DATE_YEARS),
            code="implausible_year",
        )


#: Code ROME (répertoire des métiers) : une lettre de A à N et quatre chiffres. ``ROME_CODE`` contrôle en Python
#: (formulaires, imports, validateur des champs) ; ``ROME_SQL_PATTERN`` est la même règle dans les contraintes
#: de la base. Chiffres ``[0-9]`` et non ``\d`` : en Python, ``\d`` admet aussi « ２ » (pleine largeur), que la
#: base refuse ; le formulaire laissait passer une valeur qui finissait en erreur 500.
ROME_SQL_PATTERN = r"^[A-N][0-9]{4}$"
ROME_CODE = re.compile(ROME_SQL_PATTERN)
ROME_CODE_MESSAGE = "Un code ROME est une lettre de A à N suivie de 4 chiffres (ex. : K2204)."
#: Début d'un code ROME tapé dans une recherche (« k22 », « K2204 ») : métiers d'un domaine ou un métier.
ROME_PREFIX = re.compile(r"^[A-Na-n][0-9]{2,4}$")
rome_validator = RegexValidator(ROME_CODE.pattern, ROME_CODE_MESSAGE)

#: Codes postaux et téléphones en chiffres ASCII, pour la même raison : « ５９０００ » ne se retrouve pas en
#: cherchant « 59000 ».
postcode_validator = RegexValidator(r"^[0-9]{5}$", "Le code postal compte 5 chiffres.")
phone_validator = RegexValidator(
    r"^\+?[0-9](?:[ .-]*[0-9]){9,14}$", "Numéro de téléphone invalide (10 chiffres)."
)
