"""Garde-fous des commandes dangereuses : ce qui compte comme « données réelles », une seule fois.

Une base « contient des données réelles » dès qu'elle a un dossier de jeune qui n'a pas été écrit par le
générateur de données synthétiques (``generer_donnees``, ``charger_demo``). Le générateur marque chaque
dossier qu'il crée dans l'historique du dossier : sa ligne de création porte le motif
``SYNTHETIC_CHANGE_REASON``. Aucun autre chemin d'écriture (saisie, import, orientation Pôle emploi) ne
porte ce motif ; un historique purgé fait paraître réel un dossier synthétique, jamais l'inverse.

Un entrepôt « contient une extraction de la base opérationnelle » quand la dernière ligne de sa table
``extractions`` a la source ``operationnel`` (``entrepot_extraire``) ; la nation synthétique écrit
``synthetique …``.

Module de base, sans app : chaque vérification est chez ce qu'elle lit — ``parcours.synthetic.real_data``
pour les dossiers, ``entrepot_generer_nation`` pour l'entrepôt.
"""

from django.core.management.base import CommandError

SYNTHETIC_CHANGE_REASON = "Données synthétiques"
REAL_DATA_FLAG = "--confirmer-donnees-reelles"
REAL_DATA_HELP = (
    "Lancer quand même sur une base qui contient des données réelles (dossiers qui ne viennent pas du "
    "générateur) ou sur un entrepôt construit depuis la base opérationnelle. Sans cette option, la commande "
    "refuse."
)


def add_real_data_flag(parser):
    parser.add_argument(
        REAL_DATA_FLAG, action="store_true", dest="confirmer_donnees_reelles", help=REAL_DATA_HELP
    )


def refuse_real_data(command_name, what):
    """L'erreur de refus, en français, qui dit quoi faire."""
    return CommandError(
        f"{command_name} refuse de s'exécuter : {what} Si c'est bien voulu, relancez avec {REAL_DATA_FLAG}."
    )
