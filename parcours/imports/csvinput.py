"""Lecture des fichiers CSV importés, commune à tous les imports (dossiers, orientations Pôle emploi).

Une cellule trop longue ou qui contient un caractère de contrôle est une erreur de la ligne et de la
colonne, en français ; elle n'est jamais recopiée dans le message. La limite du module ``csv`` (131 072
caractères, message anglais « field larger than field limit », sans colonne) est relevée pour que ce
contrôle-ci, qui connaît la ligne et la colonne, s'applique.
"""

import csv

from parcours.validators import CONTROL_CHARACTERS, control_character_error

#: Séparateur des fichiers importés (celui d'un tableur français).
DELIMITER = ";"
#: La plus longue cellule admise (un compte rendu de plusieurs pages tient dans 100 000 caractères).
MAX_CELL = 100_000
#: Limite du lecteur ``csv`` : au-delà de toute cellule admise ; un fichier déposé fait 50 Mo au plus.
READ_LIMIT = 1 << 30

csv.field_size_limit(max(csv.field_size_limit(), READ_LIMIT))


def _count(value):
    return f"{value:,}".replace(",", "\u202f")


def cell_error(text):
    """Message en français pour une cellule illisible (trop longue, caractère de contrôle), ``None`` sinon."""
    if len(text) > MAX_CELL:
        return f"valeur de {_count(len(text))} caractères : {_count(MAX_CELL)} au plus."
    return control_character_error(text)


def row_errors(cells):
    """[(indice de la cellule, message)] des cellules illisibles d'une ligne (un seul passage si tout va bien)."""
    if max(map(len, cells), default=0) <= MAX_CELL and not CONTROL_CHARACTERS.search("".join(cells)):
        return []
    return [(index, error) for index, cell in enumerate(cells) if (error := cell_error(cell))]


def sentence(message):
    """Le message en début de phrase (majuscule initiale) : « Ligne illisible… »."""
    return message[0].upper() + message[1:]


UNREADABLE_MESSAGE = "ligne illisible : vérifiez les guillemets et les « ; »."
ENCODING_MESSAGE = (
    "le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 (délimité par des "
    "points-virgules) »."
)


def undecodable_cell(lines, delimiter):
    """(ligne, nom de colonne) du premier octet qui n'est pas de l'UTF-8 ; ``lines`` : lignes en octets,
    l'en-tête d'abord. La colonne compte les séparateurs qui précèdent l'octet (sans tenir compte des
    guillemets : c'est une indication pour trouver la cellule) ; vide si l'en-tête lui-même est fautif."""
    names = []
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            field = raw[: error.start].count(delimiter.encode())
            return number, names[field] if field < len(names) else ""
        if number == 1:
            names = [name.strip().lower() for name in text.lstrip("\ufeff").split(delimiter)]
    return 1, ""
