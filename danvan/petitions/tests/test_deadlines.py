import datetime

from danvan.petitions.choices import DayType
from danvan.petitions.deadlines import add_days, is_working_day, working_days_between

D = datetime.date


def test_it_skips_weekends():
    assert add_days(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday → Monday


def test_it_skips_lunar_tet():
    # Tết Bính Ngọ: 16–20 February 2026 are public holidays.
    assert not is_working_day(D(2026, 2, 17))
    assert add_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_days(D(2026, 2, 10), 10) == D(2026, 3, 3)


def test_it_skips_national_day_and_reunification_day():
    assert add_days(D(2025, 8, 29), 1) == D(2025, 9, 3)
    assert add_days(D(2025, 4, 29), 1) == D(2025, 5, 5)


def test_it_counts_calendar_days_when_the_limit_says_so():
    assert add_days(D(2026, 2, 13), 30, DayType.CALENDAR) == D(2026, 3, 15)


def test_it_counts_working_days_between_two_dates():
    assert working_days_between(D(2026, 11, 6), D(2026, 11, 13)) == 5
    assert working_days_between(D(2026, 11, 13), D(2026, 11, 6)) == -5
    # 24 November is Vietnam Culture Day, a public holiday from 2026.
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 27)) == 4
