"""Données de référence livrées avec le code : un seul format, des CSV UTF-8 séparés par des points-virgules.

Référentiels (``referential/data``), dispositifs (``programmes/data``), signataires des accords nationaux
(``employers/data``) : une ligne d'en-tête, une ligne par élément. Une cellule vide est une valeur absente ;
une liste tient dans une cellule, ses éléments séparés par ``|`` ; un booléen s'écrit « oui » ou « non » ; un texte de plusieurs lignes est entre
guillemets. Lu par les migrations de données (avec les modèles historiques) et par les tests.
"""

import csv
import datetime

DELIMITER = ";"
LIST_SEPARATOR = "|"
BOOLEANS = {"oui": True, "non": False}


def rows(path):
    """Les lignes du fichier, en dictionnaires {colonne: texte}."""
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter=DELIMITER)


def text_list(value):
    """« a|b » -> ["a", "b"] ; vide -> []."""
    return value.split(LIST_SEPARATOR) if value else []


def optional_date(value):
    """Date ISO (2010-06-01), ``None`` si vide."""
    return datetime.date.fromisoformat(value) if value else None


def optional_int(value):
    return int(value) if value else None


def flag(value):
    """« oui » -> ``True``, « non » -> ``False``."""
    if value not in BOOLEANS:
        raise ValueError(f"Valeur booléenne inattendue : {value!r} (« oui » ou « non »).")
    return BOOLEANS[value]
