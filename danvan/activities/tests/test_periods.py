import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.activities.periods import (
    HALF_YEAR,
    MONTH,
    NINE_MONTHS,
    QUARTER,
    YEAR,
    Period,
    PeriodError,
    add_months,
    months_between,
    periods_between,
    recent,
)

TYPES = [MONTH, QUARTER, HALF_YEAR, YEAR]
days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31))


def test_it_names_periods_the_way_reports_do():
    assert Period(MONTH, 2025, 7).label == "Tháng 7/2025"
    assert Period(QUARTER, 2025, 3).label == "Quý III/2025"
    assert Period(HALF_YEAR, 2025, 1).label == "6 tháng đầu năm 2025"
    assert Period(HALF_YEAR, 2025, 2).label == "6 tháng cuối năm 2025"
    assert Period(NINE_MONTHS, 2025).label == "9 tháng đầu năm 2025"
    assert Period(YEAR, 2025).label == "Năm 2025"
    assert [Period(t, 2025, 1).key for t in TYPES] == ["202501", "2025Q1", "2025S1", "2025"]


def test_it_gives_calendar_dates_and_month_keys():
    quarter = Period(QUARTER, 2024, 1)
    assert (quarter.start, quarter.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert quarter.months == [202401, 202402, 202403]
    assert Period(MONTH, 2024, 2).end == datetime.date(2024, 2, 29)
    assert (Period(HALF_YEAR, 2025, 2).yyyymm_start, Period(HALF_YEAR, 2025, 2).yyyymm_end) == (
        202507,
        202512,
    )
    assert Period(NINE_MONTHS, 2025).months[-1] == 202509


def test_it_applies_the_decree_09_cut_offs():
    assert Period(MONTH, 2025, 1).dates(cutoff=True) == (
        datetime.date(2024, 12, 15),
        datetime.date(2025, 1, 14),
    )
    assert Period(QUARTER, 2025, 2).dates(cutoff=True) == (
        datetime.date(2025, 3, 15),
        datetime.date(2025, 6, 14),
    )
    assert Period(HALF_YEAR, 2025, 1).dates(cutoff=True) == (
        datetime.date(2024, 12, 15),
        datetime.date(2025, 6, 14),
    )
    assert Period(YEAR, 2025).dates(cutoff=True) == (datetime.date(2024, 12, 15), datetime.date(2025, 12, 14))
    assert Period(NINE_MONTHS, 2025).dates(cutoff=True) == (
        datetime.date(2024, 12, 15),
        datetime.date(2025, 9, 14),
    )
    assert Period.of_cutoff(YEAR, datetime.date(2025, 12, 20)) == Period(YEAR, 2026)
    assert Period.of_cutoff(MONTH, datetime.date(2025, 3, 14)) == Period(MONTH, 2025, 3)
    assert Period.of_cutoff(MONTH, datetime.date(2025, 3, 15)) == Period(MONTH, 2025, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("202507", Period(MONTH, 2025, 7)),
        ("2025-07", Period(MONTH, 2025, 7)),
        ("Tháng 7/2025", Period(MONTH, 2025, 7)),
        ("07/2025", Period(MONTH, 2025, 7)),
        ("2025Q3", Period(QUARTER, 2025, 3)),
        ("q3/2025", Period(QUARTER, 2025, 3)),
        ("Quý III/2025", Period(QUARTER, 2025, 3)),
        ("quy iv nam 2024", Period(QUARTER, 2024, 4)),
        ("2025S2", Period(HALF_YEAR, 2025, 2)),
        ("6 tháng đầu năm 2025", Period(HALF_YEAR, 2025, 1)),
        ("2025", Period(YEAR, 2025)),
        (2025, Period(YEAR, 2025)),
        (202507.0, Period(MONTH, 2025, 7)),
        ("Năm 2025", Period(YEAR, 2025)),
        ("2025N9", Period(NINE_MONTHS, 2025)),
    ],
)
def test_it_reads_periods_as_people_write_them(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["", "2025Q5", "202513", "Quý V/2025", "hôm qua", None, "2025S3"])
def test_it_refuses_what_is_not_a_period_in_vietnamese(text):
    with pytest.raises(PeriodError, match="kỳ báo cáo"):
        Period.parse(text)


def test_it_refuses_a_period_of_another_type():
    with pytest.raises(PeriodError, match="không phải kỳ quý"):
        Period.parse("202507", QUARTER)


def test_it_steps_across_years_and_lists_recent_periods():
    assert Period(QUARTER, 2025, 4).next() == Period(QUARTER, 2026, 1)
    assert Period(MONTH, 2025, 1).previous() == Period(MONTH, 2024, 12)
    assert Period(HALF_YEAR, 2025, 1).shift(-3) == Period(HALF_YEAR, 2023, 2)
    today = datetime.date(2025, 11, 22)
    assert [p.key for p in recent(QUARTER, today=today, count=3)] == ["2025Q4", "2025Q3", "2025Q2"]
    assert [p.key for p in recent(YEAR, today=today, count=2, include_current=False)] == ["2024", "2023"]
    keys = [p.key for p in periods_between(QUARTER, datetime.date(2024, 11, 1), datetime.date(2025, 4, 1))]
    assert keys == ["2024Q4", "2025Q1", "2025Q2"]
    assert Period(QUARTER, 2025, 4).is_future(datetime.date(2025, 9, 30))
    assert not Period(QUARTER, 2025, 4).is_future(datetime.date(2025, 10, 1))


def test_it_adds_months_and_lists_them():
    assert add_months(202511, 3) == 202602
    assert add_months(202601, -1) == 202512
    assert months_between(202511, 202602) == [202511, 202512, 202601, 202602]


@given(day=days, period_type=st.sampled_from(TYPES))
def test_it_puts_every_day_in_exactly_one_calendar_period(day, period_type):
    period = Period.of(period_type, day)
    assert period.contains(day)
    assert not period.next().contains(day) and not period.previous().contains(day)
    assert Period.parse(period.key, period_type) == period


@given(day=days, period_type=st.sampled_from(TYPES))
def test_it_puts_every_day_in_exactly_one_cut_off_window(day, period_type):
    period = Period.of_cutoff(period_type, day)
    assert period.contains(day, cutoff=True)
    assert not period.next().contains(day, cutoff=True)
    assert not period.previous().contains(day, cutoff=True)


@given(day=days, period_type=st.sampled_from(TYPES), steps=st.integers(-50, 50))
def test_it_tiles_time_without_gaps(day, period_type, steps):
    period = Period.of(period_type, day).shift(steps)
    following = period.next()
    assert following.start == period.end + datetime.timedelta(days=1)
    assert following.cutoff_start == period.cutoff_end + datetime.timedelta(days=1)
    assert period.shift(-steps).shift(steps) == period
