"""Règles des dispositifs (domain.md §5), indépendantes de la base : les dates sont passées en paramètre."""

import dataclasses
import datetime

from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.accompaniment.rules import is_durable_employment, is_positive_outcome
from parcours.dates import add_months, employment_operator, period_end
from parcours.programmes.enums import ContactFrequency, ExitOutcome
from parcours.young_people.enums import INFRA_V_LEVELS, CertificationLevel, EducationLevel
from parcours.young_people.rules import age_on

#: Du niveau le plus bas au plus haut (ancienne nomenclature).
EDUCATION_ORDER = [
    EducationLevel.VI,
    EducationLevel.VBIS,
    EducationLevel.V,
    EducationLevel.IV,
    EducationLevel.III,
    EducationLevel.II,
    EducationLevel.I,
]
#: Niveaux de certification validée, du plus bas au plus haut.
CERTIFICATION_ORDER = [
    CertificationLevel.NONE,
    CertificationLevel.V,
    CertificationLevel.IV,
    CertificationLevel.III,
    CertificationLevel.II,
    CertificationLevel.I,
]
#: Intervalle maximal entre deux entretiens tenus, en jours (règle) ; « mensuelle » se compte en mois civil.
INTERVAL_DAYS = {ContactFrequency.WEEKLY: 7, ContactFrequency.TWICE_MONTHLY: 15}
#: Préavis des alertes (règle) : revue de phase une semaine avant son terme, fin de dispositif un mois avant.
REVIEW_NOTICE_DAYS = 7
ENDING_NOTICE_DAYS = 30


def planned_end_date(entry_date, max_duration_months):
    """Dernier jour dans le dispositif : entrée le 15/01, 12 mois → 14/01 de l'année suivante (parcours.dates)."""
    return period_end(entry_date, max_duration_months)


def level_at_most(level, maximum):
    return EDUCATION_ORDER.index(level) <= EDUCATION_ORDER.index(maximum)


def certification_level(young_person):
    """Niveau de certification validé du jeune, ou ``None`` s'il n'est pas connu.

    Non renseigné, il se déduit du niveau de formation quand celui-ci l'impose : un jeune sorti en cours de
    1er cycle ou de CAP/BEP (VI, V bis) n'a aucune certification de niveau V.
    """
    level = getattr(young_person, "certification_level", "")
    if level:
        return level
    if young_person.education_level in INFRA_V_LEVELS:
        return CertificationLevel.NONE
    return None


def eligibility_errors(
    programme, *, young_person, entry_date, today, open_enrolments=(), in_cotraitance=False
):
    """Raisons du refus d'entrée, en français ; liste vide si le jeune est éligible.

    ``programme`` porte les critères (données) ; ``open_enrolments`` liste les inscriptions ouvertes à la
    date d'entrée sous forme de ``(code, libellé, exclusif[, code du dispositif dont c'est une modalité])`` ; ``in_cotraitance`` dit si le jeune est suivi
    en co-traitance avec Pôle emploi à cette date.
    """
    errors = []
    label = programme.label
    if entry_date > today:
        errors.append("La date d'entrée ne peut pas être postérieure à aujourd'hui.")
    if entry_date < young_person.first_reception_date:
        errors.append(
            f"La date d'entrée précède le premier accueil du jeune ({young_person.first_reception_date:%d/%m/%Y})."
        )
    if programme.available_from and entry_date < programme.available_from:
        errors.append(f"Le dispositif {label} n'ouvre que le {programme.available_from:%d/%m/%Y}.")
    if programme.available_until and entry_date > programme.available_until:
        errors.append(
            f"Le dispositif {label} est fermé aux entrées depuis le {programme.available_until:%d/%m/%Y}."
        )
    age = age_on(young_person.birth_date, entry_date)
    if programme.min_age_at_entry is not None and age < programme.min_age_at_entry:
        errors.append(
            f"Le jeune a {age} ans à l'entrée : {label} commence à {programme.min_age_at_entry} ans."
        )
    if programme.max_age_at_entry is not None and age > programme.max_age_at_entry:
        errors.append(
            f"Le jeune a {age} ans à l'entrée : {label} s'adresse aux jeunes de {programme.max_age_at_entry} ans "
            "révolus au plus."
        )
    if programme.max_age_at_first_reception is not None:
        age_first = age_on(young_person.birth_date, young_person.first_reception_date)
        if age_first > programme.max_age_at_first_reception:
            errors.append(
                f"Le jeune avait {age_first} ans au premier accueil : {label} exige moins de "
                f"{programme.max_age_at_first_reception + 1} ans à cette date."
            )
    if programme.max_education_level and not level_at_most(
        young_person.education_level, programme.max_education_level
    ):
        errors.append(
            f"Niveau de formation {young_person.education_level} : {label} est réservé aux niveaux "
            f"{programme.max_education_level} et infra."
        )
    if programme.certification_below:
        errors += _certification_errors(programme, young_person)
    if programme.first_reception_from and young_person.first_reception_date < programme.first_reception_from:
        errors.append(
            f"{label} est réservé aux jeunes accueillis pour la première fois à partir du "
            f"{programme.first_reception_from:%d/%m/%Y}."
        )
    if (
        programme.first_reception_until
        and young_person.first_reception_date > programme.first_reception_until
    ):
        errors.append(
            f"{label} est réservé aux jeunes accueillis pour la première fois au plus tard le "
            f"{programme.first_reception_until:%d/%m/%Y}."
        )
    incompatible = set(programme.incompatible_codes)
    parent = getattr(programme, "modality_code", "")
    exclusive_like = programme.exclusive or bool(parent)  # une modalité exclut comme son dispositif
    for code, other_label, exclusive, *other_parent in open_enrolments:
        other_parent = other_parent[0] if other_parent else ""
        if code == programme.code:
            errors.append(f"Le jeune est déjà inscrit en {label}.")
        elif (parent and code == parent) or (other_parent and other_parent == programme.code):
            continue  # la modalité (Garantie jeunes) s'ouvre dans son dispositif (PACEA) sans le clore
        elif exclusive_like and (exclusive or other_parent):
            errors.append(
                f"Le jeune est déjà dans un dispositif exclusif : {other_label}. Faites-l'en sortir d'abord."
            )
        elif code in incompatible:
            errors.append(f"{label} ne se cumule pas avec {other_label}.")
    if programme.excludes_cotraitance and in_cotraitance:
        errors.append(
            f"Le jeune est suivi en co-traitance avec {employment_operator(entry_date)} : {label} ne le concerne pas."
        )
    return errors


def _certification_errors(programme, young_person):
    """ANI 2011 (001) : « niveau de certification validé inférieur à V »."""
    below = programme.certification_below
    level = certification_level(young_person)
    condition = f"{programme.label} est réservé aux jeunes dont le niveau de certification validé est inférieur à {below}"
    if level is None:
        return [
            f"Niveau de certification validé non renseigné : {condition} (sans CAP, BEP ni diplôme plus élevé) ; "
            "renseignez-le dans le dossier."
        ]
    if CERTIFICATION_ORDER.index(level) >= CERTIFICATION_ORDER.index(below):
        return [f"Certification validée de niveau {level} : {condition}."]
    return []


def frequency_on(phase, phase_start, on):
    """Fréquence en vigueur le jour ``on`` : la fréquence initiale pendant les premiers mois de la phase."""
    if (
        phase.initial_frequency
        and phase.initial_months
        and on < add_months(phase_start, phase.initial_months)
    ):
        return phase.initial_frequency
    return phase.contact_frequency


def _due(frequency, reference):
    if frequency == ContactFrequency.NONE or not frequency:
        return None
    if frequency == ContactFrequency.MONTHLY:
        return add_months(reference, 1)
    return reference + datetime.timedelta(days=INTERVAL_DAYS[frequency])


def contact_frequency_due(phase, phase_start, last_contact):
    """(fréquence qui s'applique, date limite du prochain entretien) ; date ``None`` sans fréquence imposée.

    Le dernier entretien tenu de la phase (ou son début) + l'intervalle de la fréquence en vigueur. Si
    l'échéance de la fréquence initiale tombe après les premiers mois (ANI : la semaine qui suit le dernier
    entretien déborde des 3 premiers mois), c'est la fréquence suivante qui s'applique (« au moins deux fois
    par mois », 001).
    """
    reference = max(filter(None, [phase_start, last_contact]))
    frequency = frequency_on(phase, phase_start, reference)
    due = _due(frequency, reference)
    if due is not None and phase.initial_frequency and frequency == phase.initial_frequency:
        initial_end = add_months(phase_start, phase.initial_months)
        if due >= initial_end:
            frequency = phase.contact_frequency
            due = _due(frequency, reference)
    return frequency, due


def next_contact_due(phase, phase_start, last_contact):
    """Date limite du prochain entretien (``contact_frequency_due``) ; ``None`` sans fréquence imposée."""
    return contact_frequency_due(phase, phase_start, last_contact)[1]


def contact_missed(phase, phase_start, last_contact, today):
    """L'entretien exigé n'a pas été tenu : la date limite est dépassée (le jour même, il est encore temps)."""
    due = next_contact_due(phase, phase_start, last_contact)
    return due is not None and today > due


def phase_review_date(phase, phase_start):
    if not phase.planned_duration_months:
        return None
    return add_months(phase_start, phase.planned_duration_months)


def phase_review_due(phase, phase_start, today):
    review = phase_review_date(phase, phase_start)
    return review is not None and today >= review - datetime.timedelta(days=REVIEW_NOTICE_DAYS)


def programme_ending(entry_date, max_duration_months, today):
    """Le dispositif arrive à sa durée maximale dans moins d'un mois, ou l'a dépassée sans sortie."""
    end = planned_end_date(entry_date, max_duration_months)
    return today >= end - datetime.timedelta(days=ENDING_NOTICE_DAYS)


# Motif de sortie et situations du jeune ----------------------------------------------------------------

#: Une situation justifie la sortie si elle est en cours à la date de sortie ou commence au plus tard
#: un mois après (règle) : on sort souvent d'un dispositif parce qu'un contrat va commencer.
EXIT_SITUATION_MONTHS = 1


@dataclasses.dataclass(frozen=True)
class SituationFacts:
    category: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date | None


def _employment(kinds=None):
    return lambda s: s.category == SituationCategory.EMPLOYMENT and (kinds is None or s.kind in kinds)


#: Motif de sortie -> (situation attendue, en toutes lettres ; situation qui le justifie).
EXIT_OUTCOME_SITUATIONS = {
    ExitOutcome.DURABLE_EMPLOYMENT: (
        "d'emploi durable (CDI, ou CDD, intérim, contrat aidé d'au moins 6 mois)",
        lambda s: (
            s.category == SituationCategory.EMPLOYMENT
            and is_durable_employment(s.kind, s.start_date, s.end_date)
        ),
    ),
    ExitOutcome.EMPLOYMENT: ("d'emploi", _employment()),
    ExitOutcome.BUSINESS_CREATION: (
        "de création ou reprise d'entreprise",
        _employment({SituationKind.BUSINESS_CREATION}),
    ),
    ExitOutcome.ALTERNANCE: (
        "de contrat en alternance",
        lambda s: s.category == SituationCategory.ALTERNANCE,
    ),
    ExitOutcome.TRAINING: (
        "de formation d'au moins 6 mois",
        lambda s: (
            s.category == SituationCategory.TRAINING
            and is_positive_outcome(s.category, s.kind, s.start_date, s.end_date)
        ),
    ),
    ExitOutcome.SHORT_TRAINING: ("de formation", lambda s: s.category == SituationCategory.TRAINING),
    ExitOutcome.SCHOOL: ("de scolarité", lambda s: s.category == SituationCategory.SCHOOL),
}


def exit_situation_window(exit_date):
    """(date de sortie, dernier début admis) : une situation justifie la sortie si elle recouvre cet intervalle."""
    return exit_date, add_months(exit_date, EXIT_SITUATION_MONTHS)


def exit_outcome_warning(outcome, situations, exit_date):
    """Avertissement si aucune situation du jeune ne justifie le motif de sortie, sinon ``None``.

    ``situations`` : des ``SituationFacts`` (ou des ``Situation``). Une situation compte si elle est en cours
    à la sortie ou commence au plus tard un mois après (``EXIT_SITUATION_MONTHS``). Les motifs sans
    situation attendue (abandon, déménagement, fin de droits…) ne sont pas vérifiés.
    """
    if outcome not in EXIT_OUTCOME_SITUATIONS:
        return None
    what, justifies = EXIT_OUTCOME_SITUATIONS[outcome]
    start, latest = exit_situation_window(exit_date)
    for situation in situations:
        in_window = situation.start_date <= latest and (
            situation.end_date is None or situation.end_date >= start
        )
        if in_window and justifies(situation):
            return None
    return (
        f"Aucune situation {what} n'est enregistrée pour ce jeune, en cours à la sortie ({exit_date:%d/%m/%Y}) "
        f"ou commençant au plus tard le {latest:%d/%m/%Y}. Enregistrez la situation, choisissez un autre "
        "motif, ou confirmez ce motif."
    )
