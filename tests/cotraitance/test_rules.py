import datetime

import pytest

from parcours.cotraitance import rules

D = datetime.date


@pytest.mark.parametrize(
    ("assignment", "deadline"),
    [
        # Avant le 1er juillet 2007 : 10 jours ouvrés ; l'Ascension (17/05/2007) ne compte pas.
        (D(2007, 5, 10), D(2007, 5, 25)),
        (D(2007, 6, 29), D(2007, 7, 13)),
        (D(2007, 6, 30), D(2007, 7, 13)),
        # À partir du 1er juillet 2007 : 5 jours ouvrés.
        (D(2007, 7, 1), D(2007, 7, 6)),
        (D(2007, 7, 2), D(2007, 7, 9)),
        # 1er et 8 mai 2025 fériés ; Noël et Jour de l'an.
        (D(2025, 4, 30), D(2025, 5, 9)),
        (D(2025, 12, 24), D(2026, 1, 2)),
        # Le 5e jour ouvré tomberait le lundi 14/07 (fête nationale) : reporté au mardi 15/07.
        (D(2025, 7, 7), D(2025, 7, 15)),
        # Lundi de Pâques 21/04/2025 ; le Vendredi saint n'est pas férié (hors Alsace-Moselle).
        (D(2025, 4, 18), D(2025, 4, 28)),
        # Affectation un samedi, un jour férié : le décompte part du jour ouvré suivant.
        (D(2025, 5, 3), D(2025, 5, 12)),
        (D(2025, 5, 1), D(2025, 5, 9)),
    ],
)
def test_first_interview_deadline_in_working_days(assignment, deadline):
    assert rules.first_interview_deadline(assignment) == deadline


def test_rule_change_boundary():
    assert rules.first_interview_delay(D(2007, 6, 30)) == 10
    assert rules.first_interview_delay(D(2007, 7, 1)) == 5


def test_working_days():
    assert rules.is_working_day(D(2025, 5, 2))  # vendredi
    assert not rules.is_working_day(D(2025, 5, 3))  # samedi
    assert not rules.is_working_day(D(2025, 5, 1))  # fête du Travail
    assert not rules.is_working_day(D(2025, 7, 14))  # fête nationale, un lundi
    assert rules.add_working_days(D(2025, 7, 11), 1) == D(2025, 7, 15)


def test_first_interview_late_boundaries():
    assignment = D(2025, 4, 30)  # date limite le 09/05/2025
    assert not rules.first_interview_late(assignment, None, today=D(2025, 5, 9))
    assert rules.first_interview_late(assignment, None, today=D(2025, 5, 10))
    assert not rules.first_interview_late(assignment, D(2025, 5, 9), today=D(2025, 6, 1))
    assert rules.first_interview_late(assignment, D(2025, 5, 12), today=D(2025, 6, 1))


def test_monthly_interview_boundaries():
    assignment = D(2025, 1, 10)
    last = D(2025, 1, 31)
    assert rules.monthly_interview_due(assignment, last) == D(2025, 2, 28)
    assert not rules.monthly_interview_missed(assignment, last, today=D(2025, 2, 28))
    assert rules.monthly_interview_missed(assignment, last, today=D(2025, 3, 1))
    # Un entretien antérieur à l'affectation ne compte pas : le mois court depuis l'affectation.
    assert rules.monthly_interview_due(assignment, D(2024, 12, 1)) == D(2025, 2, 10)


def test_monthly_interview_exemptions():
    assignment, last = D(2025, 1, 10), D(2025, 1, 31)
    training = rules.Exemption(D(2025, 2, 15), D(2025, 4, 30), "Formation")
    assert not rules.monthly_interview_missed(assignment, last, D(2025, 4, 30), [training])
    assert rules.monthly_interview_missed(assignment, last, D(2025, 5, 1), [training])
    open_ended = rules.Exemption(D(2025, 2, 15), None, "Stage")
    assert not rules.monthly_interview_missed(assignment, last, D(2025, 9, 1), [open_ended])


@pytest.mark.parametrize(
    ("start", "end", "short"),
    [
        # Dates comprises : du 01/03 au 30/04, deux mois pleins, l'entretien mensuel reste dû (003, l. 1088).
        (D(2025, 3, 1), D(2025, 4, 30), False),
        (D(2025, 3, 1), D(2025, 4, 29), True),
        (D(2025, 3, 1), D(2025, 5, 1), False),
        (D(2024, 12, 31), D(2025, 2, 27), True),
        (D(2024, 12, 31), D(2025, 2, 28), False),
        (D(2024, 1, 1), D(2024, 2, 29), False),
        (D(2025, 3, 1), None, False),
    ],
)
def test_short_job_under_two_months(start, end, short):
    assert rules.short_job(start, end) is short


def position(entries, today, target=100, paid_target=33, benefit_entries=0, civis=0):
    return rules.envelope_position(
        year=2025,
        target=target,
        paid_target=paid_target,
        entries=entries,
        above_target_civis=civis,
        benefit_entries=benefit_entries,
        today=today,
    )


def test_pro_rata_target():
    assert rules.pro_rata_target(365, 2025, D(2025, 1, 1)) == 1
    assert rules.pro_rata_target(365, 2025, D(2025, 12, 31)) == 365
    assert rules.pro_rata_target(365, 2025, D(2026, 3, 1)) == 365
    assert rules.pro_rata_target(365, 2025, D(2024, 12, 31)) == 0


@pytest.mark.parametrize(
    ("target", "today", "exactly_130"),
    [
        (100, D(2025, 12, 31), 130),  # prorata = objectif entier
        (3650, D(2025, 4, 10), 1300),  # 100 jours sur 365 : prorata 1 000
        (20, D(2025, 12, 31), 26),
    ],
)
def test_warning_exactly_at_130_percent(target, today, exactly_130):
    assert not position(exactly_130, today, target=target).warning
    assert position(exactly_130 + 1, today, target=target).warning


def test_warning_at_130_percent_of_pro_rata():
    mid_year = D(2025, 7, 2)  # 183 jours sur 365 : prorata 50,14 pour 100
    pro_rata = 100 * 183 / 365
    limit = int(1.3 * pro_rata)  # 65
    assert not position(limit, mid_year).warning
    assert position(limit + 1, mid_year).warning


def test_percentages():
    mid_year = position(65, D(2025, 7, 2))
    assert (mid_year.ratio_percent, mid_year.pro_rata_percent) == (65, 130)
    assert position(0, D(2025, 1, 1), target=0).ratio_percent is None


def test_tolerance_band():
    end = D(2025, 12, 31)
    assert position(80, end).within_tolerance
    assert not position(79, end).within_tolerance
    assert position(120, end).within_tolerance
    assert not position(120, end).above_tolerance
    assert position(121, end).above_tolerance
    # Objectif de 35 : exactement 28 (−20 %) et 42 (+20 %) restent dans la tolérance.
    assert [position(n, end, target=35).within_tolerance for n in (27, 28, 42, 43)] == [
        False,
        True,
        True,
        False,
    ]


def test_payment_up_to_target():
    assert position(50, D(2025, 12, 31), benefit_entries=20).payment == 20 * 500
    assert position(50, D(2025, 12, 31), benefit_entries=33).payment == 33 * 500
    capped = position(50, D(2025, 12, 31), benefit_entries=34)
    assert capped.paid_entries == 33
    assert capped.payment == 16_500


@pytest.mark.parametrize(
    ("department", "deadline"),
    [
        # Affecté le jeudi 17/04/2025 : 5 jours ouvrés. Lundi de Pâques férié partout ;
        # Vendredi saint férié en Alsace-Moselle (57, 67, 68) et en Guadeloupe, pas ailleurs.
        ("59", D(2025, 4, 25)),
        ("57", D(2025, 4, 28)),
        ("67", D(2025, 4, 28)),
        ("68", D(2025, 4, 28)),
        ("971", D(2025, 4, 28)),
        ("974", D(2025, 4, 25)),
    ],
)
def test_first_interview_deadline_follows_the_department(department, deadline):
    assert rules.first_interview_deadline(D(2025, 4, 17), department) == deadline
    assert not rules.first_interview_late(D(2025, 4, 17), None, deadline, department)
    assert rules.first_interview_late(D(2025, 4, 17), None, deadline + datetime.timedelta(days=1), department)


def test_saint_stephen_in_alsace_moselle():
    # Affecté le mardi 23/12/2025 : Noël partout, 26/12 en Alsace-Moselle seulement.
    assert rules.first_interview_deadline(D(2025, 12, 23), "59") == D(2025, 12, 31)
    assert rules.first_interview_deadline(D(2025, 12, 23), "67") == D(2026, 1, 2)
