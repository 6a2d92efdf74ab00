import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from danvan.portal import ratelimit
from danvan.portal.ratelimit import parse_rate


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("5/h", (5, 3600)), ("1/s", (1, 1)), ("30/m", (30, 60)), (" 100 / d ", (100, 86400))],
)
def test_it_parses_a_rate(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "5", "5/w", "0/h", "-1/h", "h/5", "5/hour", "5/2h", None])
def test_it_refuses_a_malformed_rate(rate):
    with pytest.raises(ValueError):
        parse_rate(rate)


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from("smhd"))
def test_it_parses_every_well_formed_rate(count, unit):
    assert parse_rate(f"{count}/{unit}") == (count, ratelimit.PERIODS[unit])


def test_it_reports_a_bad_setting_as_a_configuration_error(settings):
    settings.PORTAL_RATE_LIMIT = "many"
    with pytest.raises(ImproperlyConfigured):
        ratelimit.is_limited("192.0.2.1")


def test_it_counts_hits_per_address_in_a_sliding_window(settings):
    settings.PORTAL_RATE_LIMIT = "3/m"
    for second in (0, 10, 20):
        assert not ratelimit.is_limited("192.0.2.1", now=1000 + second)
        ratelimit.hit("192.0.2.1", now=1000 + second)
    assert ratelimit.is_limited("192.0.2.1", now=1030)
    assert not ratelimit.is_limited("192.0.2.2", now=1030)
    assert ratelimit.seconds_until_free("192.0.2.1", now=1030) == 31
    # The first hit leaves the window a minute later; the other two are still in it.
    assert not ratelimit.is_limited("192.0.2.1", now=1061)
    ratelimit.hit("192.0.2.1", now=1061)
    assert ratelimit.is_limited("192.0.2.1", now=1062)
