"""Durées en mois, jours ouvrés et fin d'un créneau (parcours/dates.py) : chaque borne."""

import datetime

import pytest

from parcours import dates

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2025, 1, 1), 6, D(2025, 6, 30)),
        (D(2025, 3, 1), 2, D(2025, 4, 30)),
        (D(2025, 1, 15), 1, D(2025, 2, 14)),
        (D(2025, 1, 15), 12, D(2026, 1, 14)),
        # Le quantième n'existe pas dans le mois d'arrivée : la période va jusqu'à la fin de ce mois.
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 1, 29), 1, D(2025, 2, 28)),
        (D(2025, 1, 28), 1, D(2025, 2, 27)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 5, 31), 1, D(2025, 6, 30)),
        (D(2025, 7, 31), 1, D(2025, 8, 30)),
        # Années bissextiles.
        (D(2024, 2, 29), 6, D(2024, 8, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2023, 8, 31), 6, D(2024, 2, 29)),
        # Fin d'année.
        (D(2025, 12, 1), 1, D(2025, 12, 31)),
        (D(2025, 7, 1), 6, D(2025, 12, 31)),
    ],
)
def test_period_end(start, months, end):
    assert dates.period_end(start, months) == end
    assert dates.lasts_at_least(start, end, months)
    assert not dates.lasts_at_least(start, end - datetime.timedelta(days=1), months)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2025, 1, 1), D(2025, 6, 30), 6),
        (D(2025, 1, 1), D(2025, 6, 29), 5),
        (D(2025, 3, 1), D(2025, 4, 30), 2),
        (D(2025, 3, 1), D(2025, 4, 29), 1),
        (D(2025, 1, 31), D(2025, 2, 27), 0),
        (D(2025, 1, 31), D(2025, 2, 28), 1),
        (D(2025, 1, 15), D(2025, 7, 14), 6),
        (D(2025, 1, 15), D(2025, 7, 13), 5),
        (D(2025, 1, 1), D(2025, 1, 1), 0),
        (D(2025, 1, 1), D(2025, 1, 31), 1),
        (D(2024, 1, 1), D(2024, 12, 31), 12),
        (D(2025, 6, 1), D(2025, 5, 1), 0),
    ],
)
def test_whole_months_a_period_lasts(start, end, months):
    """``months`` : le nombre de mois entiers du ``start`` au ``end`` compris (01/01–30/06 : 6)."""
    assert months == 0 or dates.lasts_at_least(start, end, months)
    assert not dates.lasts_at_least(start, end, months + 1)


def test_unknown_end_never_lasts():
    assert not dates.lasts_at_least(D(2025, 1, 1), None, 1)


def test_working_days_follow_the_department():
    good_friday, st_stephen = D(2025, 4, 18), D(2025, 12, 26)
    for metropole in (None, "59", "75", "2A"):
        assert dates.is_working_day(good_friday, metropole)
        assert dates.is_working_day(st_stephen, metropole)
    for alsace_moselle in ("57", "67", "68"):
        assert not dates.is_working_day(good_friday, alsace_moselle)
        assert not dates.is_working_day(st_stephen, alsace_moselle)
    # Abolition de l'esclavage : chaque département d'outre-mer a sa date (jours de semaine choisis).
    abolition = {
        "971": D(2025, 5, 27),
        "972": D(2025, 5, 22),
        "973": D(2025, 6, 10),
        "974": D(2024, 12, 20),
        "976": D(2026, 4, 27),
    }
    for department, day in abolition.items():
        assert day.weekday() < 5
        assert not dates.is_working_day(day, department), department
        assert dates.is_working_day(day, "59"), department
        other = next(d for d in abolition if abolition[d] != day)
        assert dates.is_working_day(day, other), (department, other)


def test_add_working_days_in_alsace():
    # Affecté le jeudi 17/04/2025 : le Vendredi saint et le lundi de Pâques ne comptent pas en Moselle.
    assert dates.add_working_days(D(2025, 4, 17), 1, "59") == D(2025, 4, 18)
    assert dates.add_working_days(D(2025, 4, 17), 1, "57") == D(2025, 4, 22)


def test_employment_operator_is_france_travail_from_2024():
    from parcours.dates import employment_operator

    assert employment_operator(datetime.date(2023, 12, 31)) == "Pôle emploi"
    assert employment_operator(datetime.date(2024, 1, 1)) == "France Travail"
    assert employment_operator(None) == "France Travail"


def test_time_after_gives_the_end_of_a_slot_even_past_midnight():
    T = datetime.time
    assert dates.time_after(T(10, 0), 45) == T(10, 45)
    assert dates.time_after(T(23, 45), 30) == T(0, 15)


def test_short_date_is_written_like_the_template_filter():
    """``short_date`` : JJ/MM/AAAA comme ``|date:"d/m/Y"``, année sur quatre chiffres, vide sans date."""
    import datetime

    from parcours.dates import short_date

    assert short_date(datetime.date(2026, 12, 7)) == "07/12/2026"
    assert short_date(datetime.date(999, 1, 2)) == "02/01/0999"
    assert short_date(None) == ""
