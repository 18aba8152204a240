"""Lesquels de quelques jeunes ont au moins une ligne dans des relations que la plupart n'ont pas (inscriptions,
orientations, mises en relation…), en une requête.

Le fil du dossier et la liste « À faire » tenue à jour liraient sinon chacune de ces relations par l'ORM, pour
ne rien trouver le plus souvent ; compiler ces requêtes coûte plus que de les exécuter. Celle-ci est écrite
d'après les métadonnées des modèles : un ``UNION`` des clés étrangères trouvées, table par table.
"""

from django.db import connection


def having(model, pks, names):
    """{relation inverse ``name`` de ``model`` : identifiants de ``pks`` qui y ont au moins une ligne}."""
    pks = list(pks)
    found = {name: set() for name in names}
    if not pks or not names:
        return found
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(pks))
    parts = []
    for index, name in enumerate(names):
        relation = model._meta.get_field(name)
        table, column = quote(relation.related_model._meta.db_table), quote(relation.field.column)
        parts.append(f"SELECT {index}, {column} FROM {table} WHERE {column} IN ({marks})")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), pks * len(names))
        for index, pk in cursor.fetchall():
            found[names[index]].add(pk)
    return found
