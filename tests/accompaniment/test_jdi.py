import datetime

import pytest

from parcours.accompaniment import jdi
from parcours.warehouse import periods

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 6, 30), True),
        (D(2026, 10, 31), True),
        (D(2026, 11, 1), False),
        (D(2026, 11, 30), False),
    ],
)
def test_last_seen_on_30_june(day, expected):
    assert jdi.is_jdi(D(2026, 6, 30), day) is expected


def test_exit_date_and_boundaries():
    assert jdi.exit_date(D(2026, 6, 30)) == D(2026, 11, 1)
    assert jdi.exit_date(D(2026, 6, 1)) == D(2026, 11, 1)
    assert jdi.exit_date(D(2026, 9, 15)) == D(2027, 2, 1)
    assert jdi.counted_since(D(2026, 2, 28)) == D(2025, 10, 1)
    assert not jdi.is_jdi(None, D(2026, 1, 1))


def test_same_definition_as_the_dashboard():
    """Le masque JDI d'une période est celui des mois que la règle compte à sa date de fin."""
    for month in range(1, 13):
        period = periods.Period(D(2026, month, 1), periods.month_end(2026, month))
        counted = periods.Period(jdi.counted_since(period.end), period.end).months
        assert period.jdi_mask() == periods.months_mask(counted, period.window_year)
