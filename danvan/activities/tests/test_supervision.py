import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.activities import services, supervision
from danvan.activities.choices import EventKind, RecommendationStatus
from danvan.activities.models import Recommendation, Submission, SupervisionActivity
from danvan.activities.periods import Period

from .helpers import SUPERVISION, data_set, save

pytestmark = pytest.mark.django_db

H2 = Period("half_year", 2025, 2)  # cut-off window 15/06/2025 – 14/12/2025


def record(
    personas, unit=None, organiser="fatherland_front", held_on=datetime.date(2025, 9, 10), recs=2, **extra
):
    return supervision.activity_record(
        actor=personas.officer_a if unit is None else personas.province_board,
        unit=unit or personas.tree.commune_a,
        organiser=organiser,
        kind=extra.pop("kind", "supervision"),
        title=extra.pop("title", "Giám sát việc thu chi quỹ xây dựng nông thôn mới"),
        held_on=held_on,
        findings="Sổ sách chưa công khai theo quý.",
        recommendations=[(f"Kiến nghị {i}", "Ủy ban nhân dân xã", None) for i in range(recs)],
        **extra,
    )


def test_it_records_an_activity_with_codes_and_recommendations(personas):
    activity = record(personas)
    assert (activity.province_code, activity.commune_code, activity.yyyymm) == ("90", "90001", 202509)
    assert activity.recommendations.count() == 2
    assert set(activity.recommendations.values_list("status", flat=True)) == {RecommendationStatus.OPEN}


def test_it_refuses_bad_activities_in_vietnamese(personas):
    with pytest.raises(PermissionDenied):
        supervision.activity_record(
            actor=personas.officer_b,
            unit=personas.tree.commune_a,
            organiser="fatherland_front",
            kind="supervision",
            title="x",
            held_on=datetime.date(2025, 9, 1),
        )
    with pytest.raises(ValidationError, match="tương lai"):
        record(personas, held_on=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="không được để trống"):
        record(personas, title="  ")
    with pytest.raises(ValidationError, match="không tồn tại"):
        record(personas, held_on=datetime.date(2024, 1, 5))


def test_it_follows_a_recommendation_until_settled(personas):
    recommendation = record(personas, recs=1).recommendations.get()
    with pytest.raises(ValidationError, match="không được để trống"):
        supervision.recommendation_update(
            actor=personas.officer_a, recommendation=recommendation, status="settled"
        )
    with pytest.raises(PermissionDenied):
        supervision.recommendation_update(
            actor=personas.officer_b, recommendation=recommendation, status="in_progress"
        )
    settled = supervision.recommendation_update(
        actor=personas.officer_a,
        recommendation=recommendation,
        status="settled",
        response="Đã niêm yết công khai thu chi tại nhà văn hóa ấp.",
        settled_on=datetime.date(2025, 10, 1),
    )
    assert settled.status == RecommendationStatus.SETTLED and settled.updated_by == personas.officer_a
    reopened = supervision.recommendation_update(
        actor=personas.officer_a, recommendation=settled, status="in_progress", response=""
    )
    assert reopened.settled_on is None


def test_it_counts_recorded_activities_per_organiser_within_the_cut_off(personas):
    first = record(personas)
    supervision.recommendation_update(
        actor=personas.officer_a,
        recommendation=first.recommendations.first(),
        status="settled",
        response="Xong.",
    )
    record(personas, organiser="farmers_union", kind="social_critique", recs=1)
    record(personas, held_on=datetime.date(2025, 12, 20))  # after 14/12: the next half-year under Decree 09
    record(personas, unit=personas.tree.commune_b)
    counts = supervision.recorded_counts(
        data_set=data_set(SUPERVISION), unit=personas.tree.commune_a, period=H2
    )
    assert counts == {
        "supervisions.fatherland_front": 1,
        "recommendations.fatherland_front": 2,
        "recommendations_settled.fatherland_front": 1,
        "critiques.farmers_union": 1,
        "recommendations.farmers_union": 1,
    }
    following = supervision.recorded_counts(
        data_set=data_set(SUPERVISION), unit=personas.tree.commune_a, period=H2.next()
    )
    assert following == {"supervisions.fatherland_front": 1, "recommendations.fatherland_front": 2}


def test_it_offers_and_fills_the_counts_in_the_supervision_form(personas):
    record(personas)
    client = personas.client(personas.officer_a)
    url = reverse("activities:entry", args=[SUPERVISION, personas.tree.commune_a.pk, H2.key])
    html = client.get(url).content.decode()
    assert "đã ghi nhận: 1" in html and "đã ghi nhận: 2" in html
    assert 'name="c_supervisions__fatherland_front" value="1"' in html  # offered on a new form
    assert "Lấy số từ hoạt động giám sát đã ghi nhận" in html
    client.post(
        reverse("activities:action", args=[SUPERVISION, personas.tree.commune_a.pk, H2.key, "fill"]),
        {"version": "0"},
    )
    submission = Submission.objects.get()
    assert submission.events.filter(kind=EventKind.FILLED).exists()
    assert services.cells_of(submission) == {
        "supervisions.fatherland_front": 1,
        "recommendations.fatherland_front": 2,
    }


def test_it_warns_when_a_typed_figure_is_below_what_was_recorded(personas):
    record(personas)
    outcome = save(
        personas.officer_a,
        personas.tree.commune_a,
        period=H2,
        code=SUPERVISION,
        supervisions__fatherland_front=0,
        recommendations__fatherland_front=2,
    )
    warnings = [v for v in outcome.violations if not v.blocking]
    assert [(v.cell, v.message) for v in warnings] == [
        ("supervisions.fatherland_front", "Thấp hơn số đã ghi nhận trong hệ thống (1).")
    ]
    outcome = save(
        personas.officer_a,
        personas.tree.commune_a,
        period=H2,
        code=SUPERVISION,
        supervisions__fatherland_front=1,
        recommendations_settled__fatherland_front=3,
    )
    blocking = outcome.blocking
    assert [v.cell for v in blocking] == ["recommendations_settled.fatherland_front"]
    assert blocking[0].message.startswith("Mặt trận Tổ quốc: Số kiến nghị đã được giải quyết")


def test_it_keeps_activities_inside_the_subtree(personas):
    activity = record(personas)
    recommendation = activity.recommendations.first()
    other = personas.client(personas.officer_b)
    assert "Giám sát việc thu chi" not in other.get(reverse("activities:supervision_list")).content.decode()
    assert other.get(reverse("activities:supervision_detail", args=[activity.pk])).status_code == 404
    response = other.post(
        reverse("activities:recommendation_update", args=[recommendation.pk]),
        {f"r{recommendation.pk}-status": "settled", f"r{recommendation.pk}-response": "x"},
    )
    assert response.status_code == 404
    response = other.post(
        reverse("activities:recommendation_add", args=[activity.pk]), {"text": "x", "addressee": "y"}
    )
    assert response.status_code == 404
    assert (
        Recommendation.objects.filter(status="settled").count() == 0 and activity.recommendations.count() == 2
    )
    board = personas.client(personas.province_board)
    assert "Giám sát việc thu chi" in board.get(reverse("activities:supervision_list")).content.decode()
    assert personas.client(personas.outsider).get(reverse("activities:supervision_list")).status_code == 403


def test_it_records_and_settles_through_the_pages(personas):
    client = personas.client(personas.officer_a)
    response = client.post(
        reverse("activities:supervision_create"),
        {
            "unit": personas.tree.commune_a.pk,
            "organiser": "inspection_board",
            "kind": "supervision",
            "title": "Giám sát thi công đường liên ấp",
            "held_on": "2025-11-03",
            "recommendations": "Bổ sung biển báo\nCông khai dự toán",
            "addressee": "",
        },
    )
    assert response.status_code == 400
    assert "Hãy ghi cơ quan, tổ chức nhận kiến nghị." in response.content.decode()
    assert not SupervisionActivity.objects.exists()
    response = client.post(
        reverse("activities:supervision_create"),
        {
            "unit": personas.tree.commune_a.pk,
            "organiser": "inspection_board",
            "kind": "supervision",
            "title": "Giám sát thi công đường liên ấp",
            "held_on": "2025-11-03",
            "recommendations": "Bổ sung biển báo\nCông khai dự toán",
            "addressee": "Ban quản lý dự án xã",
            "due_date": "2025-12-01",
        },
    )
    activity = SupervisionActivity.objects.get()
    assert response["Location"] == reverse("activities:supervision_detail", args=[activity.pk])
    recommendation = activity.recommendations.first()
    prefix = f"r{recommendation.pk}"
    response = client.post(
        reverse("activities:recommendation_update", args=[recommendation.pk]),
        {f"{prefix}-status": "settled", f"{prefix}-response": ""},
    )
    assert response.status_code == 400 and "không được để trống" in response.content.decode()
    client.post(
        reverse("activities:recommendation_update", args=[recommendation.pk]),
        {
            f"{prefix}-status": "settled",
            f"{prefix}-response": "Đã lắp 4 biển báo.",
            f"{prefix}-settled_on": "2025-11-20",
        },
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "settled" and recommendation.settled_on == datetime.date(2025, 11, 20)
    html = client.get(reverse("activities:supervision_list")).content.decode()
    assert "1/2" in html and "Ban Thanh tra nhân dân" in html
    counters = client.get(reverse("activities:index")).content.decode()
    assert "quá hạn" in counters  # the second recommendation is past its due date
