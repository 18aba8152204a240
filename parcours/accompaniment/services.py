"""Écritures des situations du jeune : une nouvelle situation en cours clôt celles qui lui sont incompatibles
(``rules.incompatible``), après confirmation de l'utilisateur."""

import dataclasses
import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from parcours.accompaniment import rules
from parcours.accompaniment.enums import SituationCategory, SituationState
from parcours.accompaniment.models import Situation
from parcours.errors import RuleError


@dataclasses.dataclass(frozen=True)
class Closing:
    """Une situation en cours que la nouvelle clôt, et la date de fin qu'elle recevra."""

    situation: Situation
    end_date: datetime.date

    @property
    def label(self):
        return f"« {situation_label(self.situation)} » au {self.end_date:%d/%m/%Y}"

    @property
    def key(self):
        return f"{self.situation.pk}:{self.end_date.isoformat()}"


def situation_label(situation):
    return situation.get_kind_display() or SituationCategory(situation.category).label


class IncompatibleSituations(RuleError):
    """Refus d'une nouvelle situation tant que la clôture des situations incompatibles n'est pas confirmée."""

    def __init__(self, closings):
        self.closings = closings
        labels = " ; ".join(closing.label for closing in closings)
        super().__init__(
            f"Cette situation est incompatible avec une situation en cours : confirmez la clôture de {labels}."
        )


def closings_for(young_person, category, start_date, state, exclude_pk=None):
    """Les situations du jeune en cours le ``start_date`` que la nouvelle situation (``category``, ``state``)
    clôt : incompatibles avec elle, commencées au plus tard ce jour-là. Une situation saisie déjà terminée ne
    clôt rien (elle raconte le passé)."""
    if state == SituationState.FINISHED or not category or not start_date:
        return []
    open_then = (
        Situation.objects.filter(young_person=young_person, start_date__lte=start_date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
        .exclude(state=SituationState.FINISHED)
        .exclude(pk=exclude_pk)
        .order_by("start_date", "pk")
    )
    return [
        Closing(situation, rules.closing_date(situation.start_date, start_date))
        for situation in open_then
        if rules.incompatible(category, situation.category)
    ]


def plan_key(closings):
    """Ce que l'utilisateur a vu et confirmé : les situations closes et leurs dates de fin."""
    return ",".join(closing.key for closing in closings)


@transaction.atomic
def record_situation(situation, recorded_by, confirmed_plan=None):
    """Enregistre la nouvelle ``situation`` du jeune et clôt les situations incompatibles en cours.

    ``confirmed_plan`` est le ``plan_key`` des clôtures que l'utilisateur a confirmées : si les clôtures à faire
    ne sont pas exactement celles-là (rien confirmé, ou une autre situation est apparue entre-temps), lève
    ``IncompatibleSituations`` sans rien écrire. Renvoie (situation, clôtures faites).
    """
    closings = closings_for(situation.young_person, situation.category, situation.start_date, situation.state)
    if closings and plan_key(closings) != confirmed_plan:
        raise IncompatibleSituations(closings)
    if situation.counsellor_id is None:
        situation.counsellor = recorded_by
    situation.save()
    _close(closings)
    return situation, closings


def close_incompatible(situation, today=None):
    """Clôt sans rien demander les situations que ``situation``, déjà enregistrée, rend incompatibles : pour une
    écriture qui vaut décision (un recrutement, une immersion saisis depuis la relation entreprise). Renvoie les
    clôtures faites ; à appeler dans la transaction qui a créé ``situation``."""
    closings = closings_for(
        situation.young_person,
        situation.category,
        situation.start_date,
        situation.state,
        exclude_pk=situation.pk,
    )
    _close(closings, today)
    return closings


def _close(closings, today=None):
    today = today or timezone.localdate()
    for closing in closings:
        old = closing.situation
        state = SituationState.FINISHED if closing.end_date < today else old.state
        updated = Situation.objects.filter(pk=old.pk, version=old.version).update(
            end_date=closing.end_date, state=state, version=F("version") + 1
        )
        if not updated:
            raise IncompatibleSituations(closings)  # modifiée entre-temps : on redemande, rien n'est écrit
