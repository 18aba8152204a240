import datetime

from parcours.agenda import rules

T = datetime.time


def test_back_to_back_appointments_do_not_overlap():
    ten = rules.interval(T(10, 0), 30)
    assert not rules.overlaps(ten, rules.interval(T(10, 30), 30))
    assert not rules.overlaps(ten, rules.interval(T(9, 30), 30))
    assert rules.overlaps(ten, rules.interval(T(10, 29), 30))
    assert rules.overlaps(rules.interval(T(9, 0), 120), ten)


def test_free_slots_skip_busy_time_and_lunch():
    busy = [rules.interval(T(9, 0), 30), rules.interval(T(9, 45), 60)]
    slots = rules.free_slots(busy)
    assert slots[:3] == [T(10, 45), T(11, 15), T(11, 45)]
    assert T(12, 30) not in slots and T(13, 0) not in slots
    assert T(13, 30) in slots and slots[-1] == T(17, 0)


def test_free_slots_of_today_start_after_now():
    assert rules.free_slots([], after=T(16, 10)) == [T(16, 30), T(17, 0)]
    assert rules.free_slots([], after=T(17, 31)) == []


def test_week_is_monday_to_friday():
    days = rules.week_of(datetime.date(2026, 12, 3))  # un jeudi
    assert days[0] == datetime.date(2026, 11, 30) and days[-1] == datetime.date(2026, 12, 4)
