"""Cadre commun des imports de fichiers CSV : lire, vérifier, rendre compte, écrire tout ou rien.

Module de base (pas une app) : toute app qui importe des fichiers s'en sert, il n'importe aucune app.

- ``csvinput`` : lecture (UTF-8, « ; », cellules illisibles refusées avec leur ligne et leur colonne) ;
- ``report`` : ``LineError`` (une erreur : ligne, colonne, message) et ``ImportReport`` (les erreurs,
  le rapport CSV) ;
- ``batches`` : lots de lignes (``batched``) et barre de progression absente (``no_progress``) ;
- ``atomic`` : écriture tout ou rien (``write_all_or_nothing``) ;
- ``dberrors`` : refus de la base pendant l'écriture, en français, sans recopier la ligne.

Un nouvel import : lire avec ``csvinput`` (chaque cellule illisible devient une ``LineError``), tout
vérifier en ajoutant les erreurs au rapport (``ImportReport.add_error``), puis, s'il n'y en a aucune,
``write_all_or_nothing(écrire, rapport)`` ; la commande prend ``add_report_argument`` et
``Command.progress_bar`` (``parcours.commands``).

Utilisé par l'import des dossiers (``parcours.programmes.imports``) et celui des orientations Pôle
emploi (``parcours.cotraitance.importer``).
"""
