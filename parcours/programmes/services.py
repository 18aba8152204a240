"""Écritures sur les dispositifs : entrée (avec vérification d'éligibilité), changement de phase, sortie."""

from django.db import IntegrityError, transaction

from parcours.accompaniment.models import Situation
from parcours.errors import RuleError
from parcours.programmes import rules
from parcours.programmes.models import Enrolment, EnrolmentPhase
from parcours.young_people.models import YoungPerson


class ProgrammeRuleError(RuleError):
    """Refus d'une règle des dispositifs (entrée, phase, sortie)."""


class ExitOutcomeWarning(ProgrammeRuleError):
    """Le motif de sortie n'est justifié par aucune situation du jeune : à confirmer explicitement."""


def open_enrolments_on(young_person, date):
    """Inscriptions qui recouvrent la date (ouvertes, ou sorties à cette date ou après)."""
    enrolments = (
        Enrolment.objects.filter(young_person=young_person)
        .overlapping(date)
        .select_related("programme__modality_of")
    )
    return [(e.programme.code, e.programme.label, e.exclusive, e.programme.modality_code) for e in enrolments]


#: ``fonction(jeune, date) -> bool`` : le jeune est-il suivi en co-traitance à cette date ? Remplie par
#: l'app cotraitance dans son ``AppConfig.ready`` : programmes, plus bas, ne l'importe pas.
COTRAITANCE_CHECKS = []


def in_cotraitance_on(young_person, date):
    return any(check(young_person, date) for check in COTRAITANCE_CHECKS)


def entry_errors(young_person, programme, entry_date, today, cohort=None, objectives=()):
    errors = programme.eligibility_errors(
        young_person,
        entry_date,
        today,
        open_enrolments=open_enrolments_on(young_person, entry_date),
        in_cotraitance=in_cotraitance_on(young_person, entry_date),
    )
    if young_person.is_archived:
        errors.append("Le dossier est archivé : rouvrez-le avant toute entrée en dispositif.")
    if programme.runs_in_cohorts and cohort is None:
        errors.append(f"{programme.label} fonctionne par cohortes : choisissez la cohorte du jeune.")
    if cohort is not None:
        if cohort.programme_id != programme.pk or cohort.mission_locale_id != young_person.mission_locale_id:
            errors.append("Cette cohorte n'appartient pas à ce dispositif dans la mission locale du jeune.")
        elif entry_date < cohort.start_date:
            errors.append(
                f"La cohorte démarre le {cohort.start_date:%d/%m/%Y} : l'entrée ne peut la précéder."
            )
    first_phase = programme.phases.order_by("order").first()
    if first_phase is None:
        errors.append(f"{programme.label} n'a aucune phase définie.")
    else:
        errors += _objective_errors(first_phase, objectives)
    return errors, first_phase


def _objective_errors(phase, objectives):
    catalogue = set(phase.programme.objectives) | set(phase.objectives)
    unknown = [o for o in objectives if o not in catalogue]
    return [f"Objectif inconnu pour ce dispositif : {', '.join(unknown)}."] if unknown else []


@transaction.atomic
def enrol(young_person, programme, entry_date, *, by, today, cohort=None, objectives=()):
    """Fait entrer le jeune dans le dispositif, ou lève ``ProgrammeRuleError`` avec les raisons du refus."""
    YoungPerson.objects.select_for_update().filter(
        pk=young_person.pk
    ).exists()  # sérialise les entrées du jeune
    errors, first_phase = entry_errors(young_person, programme, entry_date, today, cohort, objectives)
    if errors:
        raise ProgrammeRuleError(errors)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                young_person=young_person,
                programme=programme,
                entry_date=entry_date,
                cohort=cohort,
                counsellor=by,
            )
    except IntegrityError as error:
        raise ProgrammeRuleError(["Le jeune est déjà dans un dispositif exclusif."]) from error
    EnrolmentPhase.objects.create(
        enrolment=enrolment,
        phase=first_phase,
        start_date=entry_date,
        objectives=list(objectives) or list(first_phase.objectives),
    )
    return enrolment


def current_phase(enrolment):
    return enrolment.phases.filter(end_date__isnull=True).select_related("phase").first()


@transaction.atomic
def change_phase(enrolment, phase, start_date, *, today, objectives=(), review=""):
    """Clôt la phase en cours (avec son bilan) et ouvre la suivante, ou renouvelle une phase renouvelable."""
    current = current_phase(enrolment)
    errors = []
    if not enrolment.is_open:
        errors.append("Le jeune est sorti du dispositif : on ne change plus de phase.")
    if phase.programme_id != enrolment.programme_id:
        errors.append("Cette phase n'appartient pas au dispositif.")
    if start_date > today:
        errors.append("Le début de phase ne peut pas être postérieur à aujourd'hui.")
    if start_date > enrolment.planned_end_date:
        errors.append(_max_duration_reason(enrolment, "aucune phase ne commence après"))
    if current is not None:
        if start_date < current.start_date:
            errors.append(
                f"La nouvelle phase ne peut commencer avant la phase en cours ({current.start_date:%d/%m/%Y})."
            )
        if phase.order < current.phase.order or (phase.pk == current.phase_id and not phase.repeatable):
            errors.append(
                "Les phases se suivent dans l'ordre ; seule une phase renouvelable peut être reconduite."
            )
    errors += _objective_errors(phase, objectives)
    if errors:
        raise ProgrammeRuleError(errors)
    if current is not None:
        current.end_date = start_date
        current.review = review
        current.save(update_fields=["end_date", "review"])
    return EnrolmentPhase.objects.create(
        enrolment=enrolment,
        phase=phase,
        start_date=start_date,
        objectives=list(objectives) or list(phase.objectives),
    )


def _max_duration_reason(enrolment, what):
    programme = enrolment.programme
    return (
        f"{programme.label} dure au plus {programme.max_duration_months} mois : {what} le "
        f"{enrolment.planned_end_date:%d/%m/%Y}."
    )


def exit_outcome_warning(enrolment, exit_date, outcome):
    """Avertissement si aucune situation enregistrée du jeune ne justifie le motif (``rules.exit_outcome_warning``)."""
    start, latest = rules.exit_situation_window(exit_date)
    situations = Situation.objects.filter(
        young_person_id=enrolment.young_person_id, start_date__lte=latest
    ).exclude(end_date__lt=start)
    return rules.exit_outcome_warning(outcome, situations, exit_date)


@transaction.atomic
def exit_programme(enrolment, exit_date, outcome, *, today, notes="", confirmed=False):
    """Sortie du dispositif avec un motif ; clôt la phase en cours à la date de sortie.

    Un motif positif (emploi, emploi durable, alternance, formation, scolarité…) doit être justifié par une
    situation du jeune ; sinon ``ExitOutcomeWarning`` est levée, sauf si le conseiller a confirmé
    (``confirmed=True``) : la confirmation est enregistrée avec la sortie.
    """
    errors = []
    if not enrolment.is_open:
        errors.append("Le jeune est déjà sorti de ce dispositif.")
    if exit_date > today:
        errors.append("La date de sortie ne peut pas être postérieure à aujourd'hui.")
    if exit_date < enrolment.entry_date:
        errors.append(f"La sortie ne peut précéder l'entrée ({enrolment.entry_date:%d/%m/%Y}).")
    if exit_date > enrolment.planned_end_date:
        errors.append(_max_duration_reason(enrolment, "la sortie est au plus tard"))
    current = current_phase(enrolment)
    if current is not None and exit_date < current.start_date:
        errors.append(
            f"La sortie ne peut précéder le début de la phase en cours ({current.start_date:%d/%m/%Y})."
        )
    if not outcome:
        errors.append("Indiquez le motif de sortie.")
    for modality in (
        Enrolment.objects.open()
        .filter(young_person_id=enrolment.young_person_id, programme__modality_of_id=enrolment.programme_id)
        .select_related("programme")
    ):
        errors.append(
            f"Inscription en {modality.programme.label} (modalité de {enrolment.programme.label}) encore "
            "ouverte : enregistrez d'abord sa sortie."
        )
    if errors:
        raise ProgrammeRuleError(errors)
    warning = exit_outcome_warning(enrolment, exit_date, outcome)
    if warning and not confirmed:
        raise ExitOutcomeWarning([warning])
    if current is not None:
        current.end_date = exit_date
        current.save(update_fields=["end_date"])
    enrolment.exit_date = exit_date
    enrolment.exit_outcome = outcome
    enrolment.exit_notes = notes
    enrolment.exit_outcome_confirmed = bool(warning)
    enrolment.save(update_fields=["exit_date", "exit_outcome", "exit_notes", "exit_outcome_confirmed"])
    return enrolment


def next_phases(enrolment):
    """Phases proposables ensuite : la suivante dans l'ordre, et la phase en cours si elle est renouvelable."""
    current = current_phase(enrolment)
    phases = list(enrolment.programme.phases.order_by("order"))
    if current is None:
        return phases[:1]
    result = [p for p in phases if p.order > current.phase.order][:1]
    if current.phase.repeatable:
        result.insert(0, current.phase)
    return result
