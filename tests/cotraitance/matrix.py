"""Les URL de la co-traitance sont dans l'espace de noms ``programmes`` : leurs objets sont fournis par
tests/programmes/matrix.py (une seule orientation en cours par jeune)."""

PUBLIC_URL_NAMES = []


def permission_matrix_objects(young_person):
    return {}
