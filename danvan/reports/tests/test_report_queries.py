"""A commune's annual report reads each source once, however many predecessors and indicators it has."""

import datetime
from decimal import Decimal

import pytest

from danvan.activities.tests.helpers import consistent, save
from danvan.meetings.tests.factories import held
from danvan.petitions.tests.factories import receive
from danvan.reports.builder import report_build

pytestmark = pytest.mark.django_db
D = datetime.date

# The successions into the commune, its predecessors' units (asking whether anything passed into
# them), the recognised models, the pre-aggregated cells of every measure, the communes holding
# meetings with the communes counted, the periodic figures, the grassroots-democracy records (one
# UNION ALL over its six sources), the hot spots by rule and status: each read once for all the shares.
QUERIES = 8
# With periodic figures of one data set: the data set, its elements, its validation rules.
PERIODIC_QUERIES = 3


def test_it_builds_a_communes_annual_report_in_a_fixed_number_of_queries(personas, django_assert_num_queries):
    t = personas.tree
    before, after = (datetime.datetime(2025, month, 10, 9, tzinfo=datetime.UTC) for month in (3, 9))
    for unit, day in ((t.old_commune_1, before), (t.old_commune_2, before), (t.commune_a, after)):
        receive(personas, actor=personas.province_board, unit=unit, received_at=day)
    held(personas, day=D(2025, 9, 10))
    held(personas, day=D(2025, 10, 4), code="doi-thoai-bi-thu")
    with django_assert_num_queries(QUERIES):
        report = report_build(unit=t.commune_a, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert report.value("petitions_received") == Decimal("2.5") and report.value("meetings_held") == 2
    assert "Thị trấn Cầu Ngang" in report.notes[0]


def test_it_reads_periodic_figures_in_a_fixed_number_of_queries(personas, django_assert_num_queries):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    with django_assert_num_queries(QUERIES + PERIODIC_QUERIES):
        report = report_build(unit=personas.tree.commune_a, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert report.value("activities.ho-so-thu-tuc-hanh-chinh.received") == 100


def test_it_reads_every_data_sets_schema_in_the_same_few_queries(personas, django_assert_num_queries):
    from danvan.activities import services
    from danvan.activities.periods import Period
    from danvan.activities.tests.helpers import SUPERVISION, data_set
    from danvan.activities.values import Figure

    commune = personas.tree.commune_a
    save(personas.officer_a, commune, **consistent())
    supervision = data_set(SUPERVISION)
    element = next(e for e in supervision.element_list if e.breakdown_id)
    option = element.breakdown_options[0]
    services.submission_save(
        actor=personas.officer_a,
        data_set=supervision,
        unit=commune,
        period=Period("half_year", 2025, 2),
        cells={f"{element.code}.{option.code}": Figure(number=Decimal(2))},
    )
    # Two data sets, one broken down by option: still one read each for the sets, their elements,
    # the options of every breakdown and the rules, not two per set and one per element.
    with django_assert_num_queries(QUERIES + PERIODIC_QUERIES + 1):
        report = report_build(unit=commune, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert report.value(f"activities.{SUPERVISION}.{element.code}") == 2


def test_it_keeps_the_data_sets_schema_for_a_minute(personas, django_assert_num_queries):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    arguments = {"unit": personas.tree.commune_a, "start": D(2025, 1, 1), "end": D(2025, 12, 31)}
    first = report_build(**arguments)
    with django_assert_num_queries(QUERIES):
        again = report_build(**arguments)
    assert again.value("activities.ho-so-thu-tuc-hanh-chinh.received") == 100
    assert [f.rule for f in again.findings] == [f.rule for f in first.findings]
