"""Règles de l'accompagnement (domain.md §4), indépendantes de la base."""

import datetime

from parcours.accompaniment.enums import KINDS_BY_CATEGORY, SituationCategory, SituationKind
from parcours.dates import lasts_at_least

DURABLE_MIN_MONTHS = 6
#: Un rendez-vous (contact planifié, séance) se prévoit au plus deux ans à l'avance : au-delà, c'est une faute de
#: frappe (« 2205 » pour « 2025 ») qui ne se retrouverait jamais dans l'agenda.
HORIZON = datetime.timedelta(days=2 * 366)
HORIZON_TEXT = "au plus deux ans à l'avance"


def beyond_horizon(date, today):
    return date > today + HORIZON


FIXED_TERM_KINDS = (SituationKind.CDD, SituationKind.TEMPING, SituationKind.SUBSIDISED)


def is_durable_employment(kind, start_date, end_date):
    """Emploi durable (règle) : CDI, ou CDD, intérim, contrat aidé d'au moins 6 mois (001), dates comprises."""
    if kind == SituationKind.CDI:
        return True
    return kind in FIXED_TERM_KINDS and lasts_at_least(start_date, end_date, DURABLE_MIN_MONTHS)


def is_positive_outcome(category, kind, start_date, end_date):
    """Sortie positive (règle) : emploi, alternance, formation d'au moins 6 mois, retour en scolarité."""
    if category in (SituationCategory.EMPLOYMENT, SituationCategory.ALTERNANCE, SituationCategory.SCHOOL):
        return True
    return category == SituationCategory.TRAINING and lasts_at_least(start_date, end_date, DURABLE_MIN_MONTHS)


def kind_error(category, kind):
    allowed = KINDS_BY_CATEGORY.get(category, ())
    if kind and kind not in allowed:
        if not allowed:
            return f"La catégorie « {SituationCategory(category).label} » n'a pas de type."
        labels = ", ".join(SituationKind(k).label for k in allowed)
        return f"Pour la catégorie « {SituationCategory(category).label} », le type est l'un de : {labels}."
    if not kind and allowed:
        return f"Précisez le type de « {SituationCategory(category).label} »."
    return None


# Situations incompatibles (issue 11, point 7) ------------------------------------------------------------
#
# Un jeune n'a, à une date, qu'un seul « statut principal » : en emploi, en alternance, scolarisé, demandeur
# d'emploi, inactif ou volontaire (service civique). Deux statuts principaux différents ne se superposent pas ;
# deux fois le même non plus, sauf l'emploi (deux emplois à temps partiel se cumulent).
# Les étapes de parcours (formation, immersion PMSMP) se superposent à un statut principal : une PMSMP ou une
# formation se fait en restant demandeur d'emploi (ou salarié), mais pas en étant « inactif », qui dit
# justement qu'il n'y a aucune activité. Deux étapes de même catégorie ne se superposent pas non plus.
#
# | nouvelle \ en cours | emploi | alternance | scolarité | DE  | inactif | volontariat | formation | immersion |
# |---------------------|--------|------------|-----------|-----|---------|-------------|-----------|-----------|
# | emploi              |   ok   |     X      |     X     |  X  |    X    |      X      |    ok     |    ok     |
# | alternance          |   X    |     X      |     X     |  X  |    X    |      X      |    ok     |    ok     |
# | scolarité           |   X    |     X      |     X     |  X  |    X    |      X      |    ok     |    ok     |
# | demandeur d'emploi  |   X    |     X      |     X     |  X  |    X    |      X      |    ok     |    ok     |
# | inactif             |   X    |     X      |     X     |  X  |    X    |      X      |    X      |    X      |
# | volontariat         |   X    |     X      |     X     |  X  |    X    |      X      |    ok     |    ok     |
# | formation           |   ok   |     ok     |     ok    | ok  |    X    |      ok     |    X      |    ok     |
# | immersion (PMSMP)   |   ok   |     ok     |     ok    | ok  |    X    |      ok     |    ok     |    X      |
#
# La table est symétrique : ``incompatible(a, b) == incompatible(b, a)``.

MAIN_STATUSES = frozenset(
    {
        SituationCategory.EMPLOYMENT,
        SituationCategory.ALTERNANCE,
        SituationCategory.SCHOOL,
        SituationCategory.JOB_SEEKER,
        SituationCategory.INACTIVE,
        SituationCategory.VOLUNTEERING,
    }
)
#: Les statuts principaux qu'on peut tenir plusieurs fois à la fois.
CUMULABLE = frozenset({SituationCategory.EMPLOYMENT})


def incompatible(category, other):
    """Deux situations de ces catégories peuvent-elles être en cours le même jour ? (table ci-dessus)"""
    if SituationCategory.INACTIVE in (category, other):
        return True
    if category == other:
        return category not in CUMULABLE
    return category in MAIN_STATUSES and other in MAIN_STATUSES


def closing_date(open_start, new_start):
    """Date de fin d'une situation close par une nouvelle qui commence le ``new_start`` : la veille, pour que
    les deux ne se chevauchent pas ; le jour même si la situation close a commencé ce jour-là (une fin avant
    le début est impossible)."""
    return max(open_start, new_start - datetime.timedelta(days=1))
