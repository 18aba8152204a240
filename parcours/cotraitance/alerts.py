"""Alertes de co-traitance : premier entretien en retard, entretien mensuel manqué, orientation sans référent."""

from parcours.accompaniment.enums import SituationCategory
from parcours.accompaniment.models import Situation
from parcours.cotraitance import rules
from parcours.cotraitance.models import Referral, UnavailabilityPeriod
from parcours.prepared import PreparedQuery
from parcours.programmes.alerts import Alert
from parcours.programmes.enums import AlertReason

EXEMPTING_CATEGORIES = (SituationCategory.IMMERSION, SituationCategory.TRAINING)


def exemptions_by_young_person(young_person_ids, referral_ids, today):
    """Dispenses en cours aujourd'hui : indisponibilités saisies, stage, formation, emploi de moins de 2 mois."""
    result = {}
    for period in UnavailabilityPeriod.objects.filter(
        referral_id__in=referral_ids, start_date__lte=today, end_date__gte=today
    ).select_related("referral"):
        result.setdefault(period.referral.young_person_id, []).append(
            rules.Exemption(period.start_date, period.end_date, period.get_reason_display())
        )
    situations = Situation.objects.filter(
        young_person_id__in=young_person_ids,
        category__in=[*EXEMPTING_CATEGORIES, SituationCategory.EMPLOYMENT],
        start_date__lte=today,
    ).exclude(end_date__lt=today)
    for situation in situations:
        if situation.category == SituationCategory.EMPLOYMENT and not rules.short_job(
            situation.start_date, situation.end_date
        ):
            continue
        label = (
            situation.get_category_display()
            if situation.category != SituationCategory.EMPLOYMENT
            else ("Emploi de moins de 2 mois")
        )
        result.setdefault(situation.young_person_id, []).append(
            rules.Exemption(situation.start_date, situation.end_date, label)
        )
    return result


_ACTIVE_REFERRALS = PreparedQuery(
    lambda young_people, today: (
        Referral.objects.active()
        .filter(young_person__in=young_people, assignment_date__lte=today)
        .select_related("young_person", "mission_locale__department")
        .with_first_interview()
    ),
    ids=True,
)


def cotraitance_alerts(young_people, today, with_unassigned=False):
    """Les alertes des jeunes donnés (QuerySet, ou identifiants) orientés par France Travail."""
    referrals = _ACTIVE_REFERRALS(young_people, today)
    exemptions = exemptions_by_young_person(
        [r.young_person_id for r in referrals if r.first_interview_on], [r.pk for r in referrals], today
    )
    for referral in referrals:
        yp_id = referral.young_person_id
        if with_unassigned and referral.young_person.referent_id is None:
            yield Alert(
                yp_id,
                AlertReason.NO_REFERENT,
                f"Orienté par {referral.agency} le {referral.assignment_date:%d/%m/%Y}.",
                referral.assignment_date,
            )
        if referral.first_interview_on is None:
            department = referral.mission_locale.department.code  # jours ouvrés de la mission locale
            if rules.first_interview_late(referral.assignment_date, None, today, department):
                deadline = rules.first_interview_deadline(referral.assignment_date, department)
                yield Alert(
                    yp_id,
                    AlertReason.FIRST_INTERVIEW_LATE,
                    f"Affecté le {referral.assignment_date:%d/%m/%Y} par {referral.agency} : premier entretien attendu "
                    f"au plus tard le {deadline:%d/%m/%Y} ({rules.first_interview_delay(referral.assignment_date)} jours ouvrés).",
                    deadline,
                )
            continue
        if rules.monthly_interview_missed(
            referral.assignment_date, referral.last_interview_on, today, exemptions.get(yp_id, ())
        ):
            due = rules.monthly_interview_due(referral.assignment_date, referral.last_interview_on)
            yield Alert(
                yp_id,
                AlertReason.MONTHLY_INTERVIEW_MISSED,
                f"Dernier entretien le {referral.last_interview_on:%d/%m/%Y} : un entretien par mois est dû à France Travail.",
                due,
            )
