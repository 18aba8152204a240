import datetime

import pytest

from parcours.accompaniment.enums import AttendanceStatus, SituationCategory
from parcours.accounts.enums import Role
from parcours.cotraitance.enums import Unavailability
from parcours.cotraitance.models import UnavailabilityPeriod
from parcours.programmes import services, worklist
from parcours.programmes.enums import AlertReason
from tests.factories import ContactFactory, SituationFactory, UserFactory, YoungPersonFactory
from tests.programmes.factories import ReferralFactory, programme

D = datetime.date


def reasons(user, today, director=False):
    scope = worklist.director_scope(user) if director else worklist.counsellor_scope(user)
    items, counts = worklist.build(scope, today, with_unassigned=director)
    return {(item.young_person.pk, alert.reason) for item in items for alert in item.alerts}, counts


@pytest.fixture
def young(ml, counsellor):
    return YoungPersonFactory(
        mission_locale=ml, referent=counsellor, birth_date=D(2004, 3, 1), first_reception_date=D(2025, 1, 6)
    )


def test_programme_interview_missed_then_cleared_by_a_contact(young, counsellor):
    # CEJ, phase 1 : un entretien par semaine.
    services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=D(2025, 3, 3))
    found, _ = reasons(counsellor, D(2025, 3, 10))
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) not in found
    found, counts = reasons(counsellor, D(2025, 3, 11))
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) in found
    assert counts[AlertReason.PROGRAMME_INTERVIEW_MISSED] == 1
    # Un rendez-vous manqué ne compte pas ; un entretien tenu efface l'alerte (rien n'est stocké).
    ContactFactory(young_person=young, date=D(2025, 3, 10), status=AttendanceStatus.ABSENT)
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) in reasons(counsellor, D(2025, 3, 11))[0]
    ContactFactory(young_person=young, date=D(2025, 3, 10))
    assert (young.pk, AlertReason.PROGRAMME_INTERVIEW_MISSED) not in reasons(counsellor, D(2025, 3, 11))[0]


def test_phase_review_and_programme_ending(young, counsellor):
    services.enrol(young, programme("cej"), D(2025, 3, 3), by=counsellor, today=D(2025, 3, 3))
    # Phase 1 d'un mois : revue le 03/04, alerte à partir du 27/03.
    assert (young.pk, AlertReason.PHASE_REVIEW_DUE) not in reasons(counsellor, D(2025, 3, 26))[0]
    assert (young.pk, AlertReason.PHASE_REVIEW_DUE) in reasons(counsellor, D(2025, 3, 27))[0]
    # CEJ : 12 mois, fin prévue le 02/03/2026, alerte 30 jours avant (31/01/2026).
    assert (young.pk, AlertReason.PROGRAMME_ENDING) not in reasons(counsellor, D(2026, 1, 30))[0]
    assert (young.pk, AlertReason.PROGRAMME_ENDING) in reasons(counsellor, D(2026, 1, 31))[0]


def test_first_interview_late_and_monthly_interview(ml, counsellor, young):
    ReferralFactory(young_person=young, assignment_date=D(2025, 4, 30))  # date limite : 09/05/2025
    assert (young.pk, AlertReason.FIRST_INTERVIEW_LATE) not in reasons(counsellor, D(2025, 5, 9))[0]
    assert (young.pk, AlertReason.FIRST_INTERVIEW_LATE) in reasons(counsellor, D(2025, 5, 10))[0]
    ContactFactory(young_person=young, date=D(2025, 5, 12))
    found, _ = reasons(counsellor, D(2025, 6, 12))
    assert (young.pk, AlertReason.FIRST_INTERVIEW_LATE) not in found
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) not in found
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) in reasons(counsellor, D(2025, 6, 13))[0]


def test_monthly_interview_exemptions(counsellor, young):
    referral = ReferralFactory(young_person=young, assignment_date=D(2025, 4, 30))
    ContactFactory(young_person=young, date=D(2025, 5, 12))
    SituationFactory(
        young_person=young,
        category=SituationCategory.TRAINING,
        kind="qualifiante",
        start_date=D(2025, 6, 1),
        end_date=D(2025, 6, 30),
        state="en_cours",
    )
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) not in reasons(counsellor, D(2025, 6, 30))[0]
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) in reasons(counsellor, D(2025, 7, 1))[0]
    UnavailabilityPeriod.objects.create(
        referral=referral, reason=Unavailability.OTHER, start_date=D(2025, 7, 1), end_date=D(2025, 7, 15)
    )
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) not in reasons(counsellor, D(2025, 7, 15))[0]
    # Un emploi de deux mois ou plus ne dispense pas (du 16/07 au 15/09 compris : deux mois) ;
    # un emploi de moins de deux mois, si.
    SituationFactory(
        young_person=young,
        category=SituationCategory.EMPLOYMENT,
        kind="cdd",
        start_date=D(2025, 7, 16),
        end_date=D(2025, 9, 15),
        state="en_cours",
    )
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) in reasons(counsellor, D(2025, 7, 20))[0]
    SituationFactory(
        young_person=young,
        category=SituationCategory.EMPLOYMENT,
        kind="interim",
        start_date=D(2025, 7, 16),
        end_date=D(2025, 9, 14),
        state="en_cours",
    )
    assert (young.pk, AlertReason.MONTHLY_INTERVIEW_MISSED) not in reasons(counsellor, D(2025, 7, 20))[0]


def test_leaving_jdi_after_90_days(counsellor, young):
    ContactFactory(young_person=young, date=D(2025, 1, 10))
    assert (young.pk, AlertReason.LEAVING_JDI) not in reasons(counsellor, D(2025, 4, 9))[0]  # 89 jours
    assert (young.pk, AlertReason.LEAVING_JDI) in reasons(counsellor, D(2025, 4, 10))[0]  # 90 jours
    assert (young.pk, AlertReason.LEAVING_JDI) in reasons(counsellor, D(2025, 5, 31))[0]  # dernier jour JDI
    assert (young.pk, AlertReason.LEAVING_JDI) not in reasons(counsellor, D(2025, 6, 1))[0]  # déjà sorti


def test_jdi_exit_announced_as_the_dashboard_counts(counsellor, young):
    """Vu le 30/06 : compté parmi les JDI au 31/10 (tableau de bord), plus au 30/11 ; sort le 01/11."""
    ContactFactory(young_person=young, date=D(2026, 6, 30))
    items, _ = worklist.build(worklist.counsellor_scope(counsellor), D(2026, 10, 1))
    (alert,) = [a for item in items for a in item.alerts if a.reason == AlertReason.LEAVING_JDI]
    assert "sort du compte JDI le 01/11/2026" in alert.detail
    assert (young.pk, AlertReason.LEAVING_JDI) in reasons(counsellor, D(2026, 10, 31))[0]
    assert (young.pk, AlertReason.LEAVING_JDI) not in reasons(counsellor, D(2026, 11, 1))[0]


def test_scopes_counsellor_director_other_ml(ml, other_ml, counsellor, director, young):
    colleague = UserFactory(mission_locale=ml, role=Role.COUNSELLOR)
    theirs = YoungPersonFactory(mission_locale=ml, referent=colleague)
    unassigned = YoungPersonFactory(mission_locale=ml)
    foreign = YoungPersonFactory(mission_locale=other_ml)
    for person in (young, theirs, unassigned, foreign):
        ReferralFactory(young_person=person, assignment_date=D(2025, 4, 30))
    today = D(2025, 5, 12)
    mine = {pk for pk, _ in reasons(counsellor, today)[0]}
    assert mine == {young.pk}
    whole, _ = reasons(director, today, director=True)
    assert {pk for pk, _ in whole} == {young.pk, theirs.pk, unassigned.pk}
    assert (unassigned.pk, AlertReason.NO_REFERENT) in whole
    assert (young.pk, AlertReason.NO_REFERENT) not in whole


def test_first_interview_deadline_uses_the_ml_calendar(counsellor, young):
    """Une mission locale de Moselle : le Vendredi saint n'est pas ouvré (Alsace-Moselle)."""
    from parcours.referential.models import Department

    ml = young.mission_locale
    ml.department = Department.objects.get(code="57")
    ml.save()
    ReferralFactory(
        young_person=young, assignment_date=D(2025, 4, 17)
    )  # date limite : 28/04 (25/04 dans le Nord)
    assert (young.pk, AlertReason.FIRST_INTERVIEW_LATE) not in reasons(counsellor, D(2025, 4, 28))[0]
    assert (young.pk, AlertReason.FIRST_INTERVIEW_LATE) in reasons(counsellor, D(2025, 4, 29))[0]


def test_ani_action_plan_twice_monthly_after_three_weekly_months(counsellor, young):
    """ANI 2011, plan d'action : une fois par semaine les 3 premiers mois, puis au moins deux fois par mois (001)."""
    from parcours.programmes import alerts
    from parcours.programmes.models import Enrolment, EnrolmentPhase

    ani = programme("ani-2011")
    enrolment = Enrolment.objects.create(
        young_person=young, programme=ani, entry_date=D(2011, 5, 2), counsellor=counsellor
    )
    EnrolmentPhase.objects.create(
        enrolment=enrolment, phase=ani.phases.get(order=2), start_date=D(2011, 6, 1)
    )
    ContactFactory(young_person=young, date=D(2011, 8, 29))  # dernier entretien hebdomadaire
    scope = worklist.counsellor_scope(counsellor)
    # L'échéance hebdomadaire (05/09) dépasse les 3 premiers mois (01/09) : 15 jours, soit le 13/09.
    assert not [
        a for a in alerts.programme_alerts(scope, D(2011, 9, 13)) if a.reason == "entretien_dispositif"
    ]
    (missed,) = [
        a for a in alerts.programme_alerts(scope, D(2011, 9, 14)) if a.reason == "entretien_dispositif"
    ]
    assert missed.due == D(2011, 9, 13)
    assert missed.detail == (
        "Accompagnement renforcé ANI 2011, Plan d'action et accompagnement intensif : "
        "au moins deux entretiens par mois (dernier le 29/08/2011)."
    )
