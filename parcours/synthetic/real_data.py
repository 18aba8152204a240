"""Une base « contient des données réelles » dès qu'un dossier de jeune n'a pas été écrit par le générateur
(règle : ``parcours.safety``)."""

from parcours.safety import SYNTHETIC_CHANGE_REASON
from parcours.young_people.models import YoungPerson


def holds_real_data():
    """Vrai si un dossier de jeune n'a pas été créé par le générateur de données synthétiques."""
    synthetic = YoungPerson.history.model.objects.filter(
        history_type="+", history_change_reason=SYNTHETIC_CHANGE_REASON
    ).values("id")
    return YoungPerson.objects.exclude(pk__in=synthetic).exists()
