import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.activities import selectors, services
from danvan.activities.choices import State
from danvan.activities.models import Submission

from .helpers import DOSSIERS, QUARTER, consistent, data_set, save

pytestmark = pytest.mark.django_db


def submit(personas, unit, actor=None, **cells):
    outcome = save(actor or personas.officer_a, unit, **(cells or consistent()))
    return services.submission_submit(
        actor=actor or personas.officer_a, submission=outcome.submission
    ).submission


def test_it_says_which_units_have_submitted_and_which_have_not(personas):
    tree = personas.tree
    submit(personas, tree.commune_a)
    save(personas.officer_b, tree.commune_b, received=3)
    result = selectors.completeness(data_set=data_set(), period=QUARTER, root=tree.province)
    assert [r.unit for r in result.rows] == [tree.province, tree.commune_a, tree.commune_b]
    assert (result.expected, result.reported, result.approved) == (3, 1, 0)
    assert [r.unit for r in result.missing] == [tree.province, tree.commune_b]
    assert round(result.rate) == 33
    assert result.due == datetime.date(2026, 1, 10)


def test_it_counts_units_of_the_old_tree_for_periods_before_the_reform(personas):
    tree = personas.tree
    old = QUARTER.shift(-4)  # 2024Q4
    save(personas.officer_a, tree.old_commune_1, period=old, **consistent())
    result = selectors.completeness(data_set=data_set(), period=old, root=tree.old_province)
    assert [r.unit for r in result.rows] == [
        tree.old_province,
        tree.old_district,
        tree.old_commune_1,
        tree.old_commune_2,
    ]
    assert result.count(State.DRAFT) == 1


def test_it_tells_on_time_from_late(personas):
    submission = submit(personas, personas.tree.commune_a)
    late = timezone.make_aware(datetime.datetime(2026, 2, 1, 9))
    Submission.objects.filter(pk=submission.pk).update(submitted_at=late)
    result = selectors.completeness(data_set=data_set(), period=QUARTER, root=personas.tree.province)
    assert (result.reported, result.on_time) == (1, 0)


def test_it_shows_completeness_and_totals_to_the_board(personas):
    tree = personas.tree
    submit(personas, tree.commune_a)
    submit(personas, tree.commune_b, actor=personas.officer_b, **consistent(received=50, settled_on_time=30))
    url = reverse("activities:completeness", args=[DOSSIERS])
    html = personas.client(personas.province_board).get(url, {"ky": QUARTER.key, "don_vi": tree.province.pk})
    html = html.content.decode()
    assert "2/3" in html and "Tỉnh Thử" in html and "Chưa nhập" in html
    assert '<td class="num">150</td>' in html  # received, summed over the submitted forms
    missing = (
        personas.client(personas.province_board)
        .get(url, {"ky": QUARTER.key, "don_vi": tree.province.pk, "chua_gui": "1"})
        .content.decode()
    )
    assert "Xã An Bình" not in missing and "Tỉnh Thử" in missing


def test_it_limits_completeness_to_the_users_subtree(personas):
    tree = personas.tree
    submit(personas, tree.commune_a)
    url = reverse("activities:completeness", args=[DOSSIERS])
    html = personas.client(personas.officer_b).get(url, {"ky": QUARTER.key, "don_vi": tree.province.pk})
    html = html.content.decode()
    assert "Xã Bình Yên" in html and "Xã An Bình" not in html and "0/1" in html
    assert personas.client(personas.outsider).get(url).status_code == 403


def test_it_runs_the_rules_over_a_period_on_demand(personas):
    tree = personas.tree
    save(personas.officer_a, tree.commune_a, received=10, settled_on_time=20)
    save(personas.officer_b, tree.commune_b, **consistent())
    results = services.validation_run(
        actor=personas.province_board, data_set=data_set(), period=QUARTER, root=tree.province
    )
    assert [s.unit for s, _violations in results] == [tree.commune_a]
    url = reverse("activities:validation", args=[DOSSIERS])
    html = personas.client(personas.province_board).get(url, {"ky": QUARTER.key, "don_vi": tree.province.pk})
    assert "(20 &gt; 10)" in html.content.decode()
    html = personas.client(personas.officer_b).get(url, {"ky": QUARTER.key}).content.decode()
    assert "Mọi báo cáo của kỳ này đều khớp" in html and "(20 &gt; 10)" not in html
