import datetime

import pytest

from parcours.young_people.rules import age_on, eligibility_error, last_eligible_day
from parcours.young_people.text import normalize


@pytest.mark.parametrize(
    ("birth", "reception", "eligible"),
    [
        (datetime.date(2008, 5, 10), datetime.date(2024, 5, 10), True),  # 16 ans le jour même
        (datetime.date(2008, 5, 10), datetime.date(2024, 5, 9), False),  # veille des 16 ans
        (datetime.date(1998, 5, 10), datetime.date(2024, 5, 9), True),  # veille des 26 ans
        (datetime.date(1998, 5, 10), datetime.date(2024, 5, 10), False),  # 26 ans
        (datetime.date(2004, 2, 29), datetime.date(2020, 2, 28), False),  # né un 29 février : 15 ans le 28/02
        (datetime.date(2004, 2, 29), datetime.date(2020, 2, 29), True),
    ],
)
def test_eligibility_boundaries(birth, reception, eligible):
    assert (eligibility_error(birth, reception) is None) is eligible


def test_eligibility_message_is_french_and_gives_age():
    message = eligibility_error(datetime.date(1990, 1, 1), datetime.date(2024, 6, 1))
    assert "34 ans" in message and "16 à 25 ans" in message


def test_age_and_last_eligible_day():
    assert age_on(datetime.date(2000, 6, 15), datetime.date(2026, 6, 14)) == 25
    assert last_eligible_day(datetime.date(2000, 6, 15)) == datetime.date(2026, 6, 14)
    assert last_eligible_day(datetime.date(2000, 2, 29)) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Élodie", "elodie"), ("  N'GUESSAN-Ça ", "n guessan ca"), ("Lefèvre  Zoë", "lefevre zoe")],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected
