import pytest
from django.urls import reverse

from danvan.emulation import criteria as svc
from danvan.emulation import ratings
from danvan.emulation.choices import CriteriaSetStatus, RatingStatus, Subject
from danvan.emulation.models import AnnualRating, CriteriaSet
from danvan.emulation.tests.conftest import points
from danvan.emulation.tests.test_views_models import score_data

pytestmark = pytest.mark.django_db


def formset(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


ROWS = [
    {"kind": "group", "code": "I", "text": "Sự tham gia của Nhân dân"},
    {"kind": "criterion", "code": "1.1", "text": "Đông đảo Nhân dân tham gia", "max_points": "60"},
    {"kind": "group", "code": "II", "text": "Hiệu quả"},
    {"kind": "criterion", "code": "2.1", "text": "Kết quả cụ thể", "max_points": "40", "evidence": "Báo cáo"},
]
GRADES = [{"label": "Đạt", "min_points": "75", "qualifies": "on"}, {"label": "Chưa đạt", "min_points": "0"}]


def test_it_lets_the_board_draft_edit_and_publish_a_set_through_the_pages(emu, criteria):
    officer = emu.personas.client(emu.personas.officer_a)
    assert "Bộ tiêu chí mô hình tập thể" in officer.get(reverse("emulation:criteria")).content.decode()
    assert officer.get(reverse("emulation:criteria_create")).status_code == 403
    board = emu.personas.client(emu.personas.province_board)
    response = board.post(
        reverse("emulation:criteria_create"),
        {"unit": emu.tree.province.pk, "subject": Subject.COLLECTIVE_MODEL},
    )
    draft = CriteriaSet.objects.get(unit=emu.tree.province)
    assert response.status_code == 302 and response["Location"] == reverse(
        "emulation:criteria_edit", args=[draft.pk]
    )
    url = reverse("emulation:criteria_edit", args=[draft.pk])
    page = board.get(url).content.decode()
    assert "Có đăng ký mô hình với cấp ủy" in page
    header = {"name": "Bộ tiêu chí Tỉnh Thử 2026", "description": ""}
    bad = [*ROWS[:1], {**ROWS[1], "max_points": ""}, *ROWS[2:]]
    response = board.post(url, {**header, **formset("rows", bad), **formset("grades", GRADES)})
    assert response.status_code == 400 and "Tiêu chí phải có điểm tối đa." in response.content.decode()
    response = board.post(url, {**header, **formset("rows", ROWS[1:]), **formset("grades", GRADES)})
    assert response.status_code == 400 and "Dòng 1 phải là một nhóm tiêu chí." in response.content.decode()
    draft.refresh_from_db()
    assert draft.name != header["name"] and draft.max_total == 100
    response = board.post(url, {**header, **formset("rows", ROWS), **formset("grades", GRADES)})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == header["name"] and draft.groups.count() == 2
    assert officer.post(reverse("emulation:criteria_publish", args=[draft.pk])).status_code == 403
    board.post(reverse("emulation:criteria_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == CriteriaSetStatus.PUBLISHED
    assert emu.register().criteria_set == draft


def test_it_sends_a_frozen_set_to_a_new_version(emu, criteria):
    board_user = emu.personas.province_board
    own = svc.criteria_set_create(actor=board_user, unit=emu.tree.province, subject=Subject.COLLECTIVE_MODEL)
    svc.criteria_set_publish(actor=board_user, criteria_set=own)
    emu.self_assess(emu.register())
    board = emu.personas.client(board_user)
    response = board.get(reverse("emulation:criteria_edit", args=[own.pk]))
    assert response.status_code == 302
    assert (
        "Tạo phiên bản mới" in board.get(reverse("emulation:criteria_detail", args=[own.pk])).content.decode()
    )
    response = board.post(reverse("emulation:criteria_revise", args=[own.pk]))
    revision = CriteriaSet.objects.get(unit=emu.tree.province, version=2)
    assert response["Location"] == reverse("emulation:criteria_edit", args=[revision.pk])


def test_it_hides_a_communes_criteria_set_from_another_commune(emu, criteria):
    own = svc.criteria_set_create(
        actor=emu.commune_board, unit=emu.tree.commune_a, subject=Subject.COMMUNE_PARTY
    )
    url = reverse("emulation:criteria_detail", args=[own.pk])
    assert emu.personas.client(emu.personas.officer_b).get(url).status_code == 404
    assert emu.personas.client(emu.personas.officer_a).get(url).status_code == 200
    assert emu.personas.client(emu.personas.province_board).get(url).status_code == 200
    assert (
        emu.personas.client(emu.personas.officer_a)
        .get(reverse("emulation:criteria_edit", args=[own.pk]))
        .status_code
        == 403
    )


def test_it_runs_the_annual_rating_through_the_pages(emu, criteria):
    officer = emu.personas.client(emu.personas.officer_a)
    page = officer.get(reverse("emulation:rating_open")).content.decode()
    assert "Xã An Bình" in page and "Xã Bình Yên" not in page
    response = officer.post(
        reverse("emulation:rating_open"),
        {"unit": emu.tree.commune_a.pk, "year": 2024, "subject": Subject.COMMUNE_PARTY},
    )
    assert response.status_code == 400 and "không có hiệu lực trong năm 2024" in response.content.decode()
    response = officer.post(
        reverse("emulation:rating_open"),
        {"unit": emu.tree.commune_a.pk, "year": 2025, "subject": Subject.COMMUNE_PARTY},
    )
    rating = AnnualRating.objects.get()
    assert response.status_code == 302 and rating.name == "Đảng bộ xã An Bình"
    other = emu.personas.client(emu.personas.officer_b)
    for name in ("rating", "rating_self_assess", "rating_appraise"):
        assert other.get(reverse(f"emulation:{name}", args=[rating.pk])).status_code == 404, name
    response = officer.post(
        reverse("emulation:rating_self_assess", args=[rating.pk]),
        score_data(rating.criteria_set, prefix_version=rating.version),
    )
    assert response.status_code == 302
    assert officer.get(reverse("emulation:rating_appraise", args=[rating.pk])).status_code == 403
    assert (
        emu.personas.client(emu.commune_board)
        .get(reverse("emulation:rating_appraise", args=[rating.pk]))
        .status_code
        == 403
    )
    ratings.rating_appraise(
        actor=emu.personas.province_board, rating=rating, points=points(rating.criteria_set)
    )
    rating.refresh_from_db()
    board = emu.personas.client(emu.personas.province_board)
    url = reverse("emulation:rating", args=[rating.pk])
    assert officer.post(url, {"result": "1"}).status_code == 403
    response = board.post(url, {"version": rating.version, "result": "1", "decision_date": "2026-01-10"})
    assert response.status_code == 400 and "Hãy nhập số, ký hiệu quyết định." in response.content.decode()
    response = board.post(
        url,
        {
            "version": rating.version,
            "result": "1",
            "decision_number": "9-QĐ/TU",
            "decision_date": "2026-01-10",
        },
    )
    rating.refresh_from_db()
    assert response.status_code == 302 and rating.status == RatingStatus.RATED
    listing = officer.get(reverse("emulation:ratings"), {"nam": 2025}).content.decode()
    assert "Đảng bộ xã An Bình" in listing
    assert "Đảng bộ xã An Bình" not in other.get(reverse("emulation:ratings"), {"nam": 2025}).content.decode()


def test_it_lets_only_administrators_draft_a_new_default(emu, criteria):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.invalid", "x")
    client = emu.personas.client(root)
    page = client.get(reverse("emulation:criteria_create")).content.decode()
    assert "Bộ tiêu chí mặc định của hệ thống" in page and "Tỉnh Thử" in page and "Xã An Bình" not in page
    response = client.post(reverse("emulation:criteria_create"), {"unit": "", "subject": Subject.AGENCY})
    draft = CriteriaSet.objects.get(unit__isnull=True, subject=Subject.AGENCY, status=CriteriaSetStatus.DRAFT)
    assert response.status_code == 302 and draft.version == 2 and draft.max_total == 100
    board = emu.personas.client(emu.personas.province_board)
    assert board.get(reverse("emulation:criteria_edit", args=[draft.pk])).status_code == 403
    response = board.post(reverse("emulation:criteria_create"), {"unit": "", "subject": Subject.AGENCY})
    assert response.status_code == 400 and "Trường này là bắt buộc." in response.content.decode()
