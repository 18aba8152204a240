"""Lecture des programmes et de la co-traitance pour l'entrepôt, en lecture seule.

L'entrepôt remplit ses tables de mise en scène ``programmes`` (code, entrée, sortie, motif) et
``cotraitance`` (entrée, indemnisation), et ses ``enveloppes`` (objectif annuel par mission locale).
"""

from parcours.cotraitance.enums import ReferralStatus
from parcours.cotraitance.models import Envelope, Referral
from parcours.programmes.enums import ExitOutcome
from parcours.programmes.models import Enrolment

#: Motif de sortie d'un programme -> (catégorie de l'entrepôt, emploi durable). Les catégories autres
#: que « autre » sont exactement les sorties positives de domain.md §4 (programmes.enums.POSITIVE_OUTCOMES) :
#: « formation » est la formation de 6 mois et plus (« formation_courte » n'est pas positive), et le retour
#: en scolarité (retour en formation initiale, 001) compte avec les formations.
EXIT_OUTCOMES = {
    ExitOutcome.DURABLE_EMPLOYMENT: ("emploi", True),
    ExitOutcome.EMPLOYMENT: ("emploi", False),
    ExitOutcome.BUSINESS_CREATION: ("emploi", False),
    ExitOutcome.ALTERNANCE: ("alternance", False),
    ExitOutcome.TRAINING: ("formation", False),
    ExitOutcome.SCHOOL: ("formation", False),
}
OTHER_OUTCOME = ("autre", False)
ENROLMENT_FIELDS = ("young_person_id", "programme__code", "entry_date", "exit_date", "exit_outcome")
REFERRAL_FIELDS = ("young_person_id", "assignment_date", "receives_benefits")
ENVELOPE_FIELDS = ("mission_locale_id", "year", "target")
CHUNK_SIZE = 20000


def exit_outcome(code):
    if not code:
        return None, None
    return EXIT_OUTCOMES.get(code, OTHER_OUTCOME)


def _for_young_people(qs, young_person_ids):
    return qs if young_person_ids is None else qs.filter(young_person_id__in=young_person_ids)


def programme_rows(young_person_ids=None):
    """(young_person_id, programme, entry_date, exit_date, exit_outcome, exit_durable)."""
    qs = _for_young_people(Enrolment.objects.all(), young_person_ids)
    for yp_id, code, entry, exit_date, outcome in qs.values_list(*ENROLMENT_FIELDS).iterator(CHUNK_SIZE):
        category, durable = exit_outcome(outcome if exit_date else "")
        yield yp_id, code.upper(), entry, exit_date, category, durable


def cotraitance_rows(young_person_ids=None):
    """(young_person_id, entry_date, benefit_receiving) : orientations acceptées."""
    qs = Referral.objects.filter(young_person__isnull=False).exclude(status=ReferralStatus.REFUSED)
    yield from _for_young_people(qs, young_person_ids).values_list(*REFERRAL_FIELDS).iterator(CHUNK_SIZE)


def envelope_rows():
    """(mission_locale_id, year, target)."""
    return list(Envelope.objects.values_list(*ENVELOPE_FIELDS))
