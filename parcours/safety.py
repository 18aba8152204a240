"""Garde-fous des commandes dangereuses : ce qui compte comme « données réelles », une seule fois.

Une base « contient des données réelles » dès qu'elle a un dossier de jeune qui n'a pas été écrit par le
générateur de données synthétiques (``generer_donnees``, ``charger_demo``). Le générateur marque chaque
dossier qu'il crée dans l'historique du dossier : sa ligne de création porte le motif
``SYNTHETIC_CHANGE_REASON``. Aucun autre chemin d'écriture (saisie, import, orientation Pôle emploi) ne
porte ce motif ; un historique purgé fait paraître réel un dossier synthétique, jamais l'inverse.

Un entrepôt « contient une extraction de la base opérationnelle » quand la dernière ligne de sa table
``extractions`` a la source ``operationnel`` (``entrepot_extraire``) ; la nation synthétique écrit
``synthetique …``.
"""

from django.core.management.base import CommandError

SYNTHETIC_CHANGE_REASON = "Données synthétiques"
REAL_DATA_FLAG = "--confirmer-donnees-reelles"
REAL_DATA_HELP = (
    "Lancer quand même sur une base qui contient des données réelles (dossiers qui ne viennent pas du "
    "générateur) ou sur un entrepôt construit depuis la base opérationnelle. Sans cette option, la commande "
    "refuse."
)


def holds_real_data():
    """Vrai si un dossier de jeune n'a pas été créé par le générateur de données synthétiques."""
    from parcours.young_people.models import YoungPerson

    synthetic = YoungPerson.history.model.objects.filter(
        history_type="+", history_change_reason=SYNTHETIC_CHANGE_REASON
    ).values("id")
    return YoungPerson.objects.exclude(pk__in=synthetic).exists()


def warehouse_holds_operational_extraction():
    """Vrai si l'entrepôt (``settings.WAREHOUSE_DIR``) a été alimenté par la base opérationnelle."""
    from parcours.warehouse import store

    if not store.exists():
        return False
    with store.connect() as con:
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "extractions" not in tables:
            return False
        last = store.last_extraction(con)
    return last is not None and last["source"] == "operationnel"


def add_real_data_flag(parser):
    parser.add_argument(
        REAL_DATA_FLAG, action="store_true", dest="confirmer_donnees_reelles", help=REAL_DATA_HELP
    )


def refuse_real_data(command_name, what):
    """L'erreur de refus, en français, qui dit quoi faire."""
    return CommandError(
        f"{command_name} refuse de s'exécuter : {what} Si c'est bien voulu, relancez avec {REAL_DATA_FLAG}."
    )
