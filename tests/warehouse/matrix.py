"""Objets du tableau de bord pour la matrice des permissions.

Les URL du tableau de bord prennent un code de région (``region_code``) ou de mission locale
(``ml_code``) ; l'entrepôt est construit (extraction complète) pour que les pages répondent.
"""

PUBLIC_URL_NAMES = []


def permission_matrix_objects(young_person):
    from parcours.warehouse import extract

    extract.run(complete=True, write_parquet=False)
    ml = young_person.mission_locale
    return {"ml_code": ml.code, "region_code": ml.department.region.code}
