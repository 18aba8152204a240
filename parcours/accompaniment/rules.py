"""Règles de l'accompagnement (domain.md §4), indépendantes de la base."""

from parcours.accompaniment.enums import KINDS_BY_CATEGORY, SituationCategory, SituationKind
from parcours.dates import lasts_at_least

DURABLE_MIN_MONTHS = 6
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
