"""Règles des relations entreprises (domain.md §7), indépendantes de la base."""

import re

from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from parcours.accompaniment.enums import SituationCategory, SituationKind, SituationState
from parcours.employers.enums import CLOSED_REFERRAL_STATUSES, ContractType, ReferralStatus

#: La Poste : ses établissements sont trop nombreux pour la clé de Luhn ; l'INSEE applique une règle propre
#: (somme des chiffres du SIRET multiple de 5), sauf au siège. ``python-stdnum`` l'applique ; ces deux
#: valeurs ne servent qu'à dire laquelle des clés est fausse.
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"

#: Type de situation créé par un recrutement selon le contrat.
SITUATION_FOR_CONTRACT = {
    ContractType.CDI: (SituationCategory.EMPLOYMENT, SituationKind.CDI),
    ContractType.CDD: (SituationCategory.EMPLOYMENT, SituationKind.CDD),
    ContractType.TEMPING: (SituationCategory.EMPLOYMENT, SituationKind.TEMPING),
    ContractType.SUBSIDISED: (SituationCategory.EMPLOYMENT, SituationKind.SUBSIDISED),
    ContractType.APPRENTICESHIP: (SituationCategory.ALTERNANCE, SituationKind.APPRENTICESHIP),
    ContractType.PROFESSIONALISATION: (SituationCategory.ALTERNANCE, SituationKind.PROFESSIONALISATION),
}

#: Heures par semaine d'une offre : au plus la durée maximale du travail (Code du travail, art. L3121-20).
WEEKLY_HOURS = (1, 48)
#: Durée d'un contrat à durée déterminée, en mois : trois ans au plus (apprentissage, CDD les plus longs).
DURATION_MONTHS = (1, 36)

#: Contrats à durée déterminée : la date de fin est connue à la signature.
FIXED_TERM_CONTRACTS = (
    ContractType.CDD,
    ContractType.TEMPING,
    ContractType.SUBSIDISED,
    ContractType.APPRENTICESHIP,
    ContractType.PROFESSIONALISATION,
)


def offer_duration_error(contract_type, duration_months):
    """La durée d'une offre suit son contrat : aucune pour un CDI, une durée pour un contrat à durée déterminée."""
    if contract_type == ContractType.CDI and duration_months:
        return "Un CDI n'a pas de durée : laissez ce champ vide."
    if contract_type in FIXED_TERM_CONTRACTS and not duration_months:
        return "Précisez la durée d'un contrat à durée déterminée."
    return None


#: Ordre des étapes d'une mise en relation : on ne revient pas en arrière.
REFERRAL_STEPS = [
    ReferralStatus.PROPOSED,
    ReferralStatus.SENT,
    ReferralStatus.INTERVIEW,
]

SPONSOR_MIN_HOURS, SPONSOR_MAX_HOURS = 1, 2  # 1 à 2 heures par mois (004, Dexia)
PMSMP_MAX_DAYS = 30  # une PMSMP dure au plus un mois (renouvelable une fois)


def normalize_siret(value):
    return re.sub(r"[\s.]", "", value or "")


def siret_error(value):
    """Message d'erreur en français, ou ``None`` si le SIRET est bien formé : 14 chiffres, clé du SIREN (9 premiers
    chiffres) et clé du SIRET justes (``stdnum.fr.siret``, règle propre à La Poste comprise)."""
    siret = normalize_siret(value)
    try:
        stdnum_siret.validate(siret)
    except InvalidChecksum:
        if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
            return "Ce SIRET de La Poste est invalide : la somme de ses chiffres doit être un multiple de 5."
        if not stdnum_siren.is_valid(siret[:9]):
            return "Ce SIRET est invalide : la clé de son SIREN (ses 9 premiers chiffres) ne correspond pas."
        return "Ce SIRET est invalide : sa clé de contrôle (formule de Luhn) ne correspond pas. Vérifiez la saisie."
    except StdnumError:
        return "Un SIRET compte 14 chiffres (9 du SIREN et 5 du numéro d'établissement)."
    return None


def situation_state(start_date, end_date, today):
    """État de la situation qu'ouvre un recrutement ou une immersion, vu le ``today``."""
    if start_date > today:
        return SituationState.PLANNED
    if end_date and end_date < today:
        return SituationState.FINISHED
    return SituationState.IN_PROGRESS


def contract_dates_error(contract_type, start_date, end_date):
    if end_date and end_date < start_date:
        return "La date de fin ne peut pas précéder la date de début."
    if contract_type == ContractType.CDI and end_date:
        return "Un CDI n'a pas de date de fin prévue ; laissez-la vide."
    if contract_type in FIXED_TERM_CONTRACTS and not end_date:
        return "Un contrat à durée déterminée a une date de fin prévue."
    return None


def immersion_dates_error(start_date, end_date):
    if end_date < start_date:
        return "La date de fin ne peut pas précéder la date de début."
    if (end_date - start_date).days + 1 > PMSMP_MAX_DAYS:
        return f"Une immersion (PMSMP) dure au plus {PMSMP_MAX_DAYS} jours calendaires."
    return None


def referral_transition_error(current, new):
    """Une mise en relation close ne se rouvre pas ; une étape franchie ne se défait pas."""
    if current == new:
        return None
    if current in CLOSED_REFERRAL_STATUSES:
        return "Cette mise en relation est close : son résultat ne peut plus changer."
    if new in REFERRAL_STEPS and REFERRAL_STEPS.index(new) < REFERRAL_STEPS.index(current):
        return "Une étape déjà franchie ne peut pas être annulée."
    return None


def rate(part, whole):
    """Taux en pourcentage à une décimale, ``None`` si le dénominateur est nul."""
    return round(100 * part / whole, 1) if whole else None
