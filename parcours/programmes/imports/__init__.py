"""Reprise des dossiers d'une mission locale depuis son ancien système (fichiers CSV).

Format : ``columns`` (et docs/import-dossiers.md) ; lecture : ``reader`` et ``cells`` ; vérification :
``validation`` et ``records`` ; écriture : ``writer`` ; enchaînement tout-ou-rien : ``service``.
"""
