import re

import pytest
from django.urls import reverse

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.activities import services
from danvan.activities.choices import State
from danvan.activities.models import DataValue, Submission

from .helpers import DOSSIERS, QUARTER, consistent, save

pytestmark = pytest.mark.django_db


def url(unit, period=QUARTER, code=DOSSIERS, action=None):
    args = [code, unit.pk, period.key] + ([action] if action else [])
    return reverse("activities:action" if action else "activities:entry", args=args)


def post(client, unit, action="save", **cells):
    data = {"action": action, "version": cells.pop("version", "")}
    data.update({f"c_{k}": v for k, v in cells.items()})
    return client.post(url(unit), data)


def message_next_to(html: str, field: str) -> str:
    """The messages rendered in the same table cell as the input ``field``."""
    cell = re.search(rf'name="c_{field}".*?</td>', html, re.S)
    return cell.group(0) if cell else ""


def test_it_shows_an_empty_form_to_the_officer(personas):
    response = personas.client(personas.officer_a).get(url(personas.tree.commune_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tổng số hồ sơ tiếp nhận" in html and "Chưa nhập" in html and "Gửi báo cáo" in html
    assert "15/09/2025" in html and "14/12/2025" in html  # the Decree 09 window of 2025Q4


def test_it_saves_a_draft_and_shows_the_rule_message_by_the_field(personas):
    client = personas.client(personas.officer_a)
    response = post(client, personas.tree.commune_a, received="100", settled_on_time="120")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    beside = message_next_to(html, "settled_on_time")
    assert "không được lớn hơn tổng số hồ sơ tiếp nhận" in beside and "(120 &gt; 100)" in beside
    assert 'aria-invalid="true"' in beside
    assert Submission.objects.get().state == State.DRAFT


def test_it_keeps_a_broken_submission_as_a_draft_then_submits_the_fix(personas):
    client = personas.client(personas.officer_a)
    unit = personas.tree.commune_a
    response = post(
        client,
        unit,
        action="submit",
        received="100",
        settled_on_time="120",
        settled_late="0",
        in_progress="0",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo chưa được gửi" in html
    assert "không được lớn hơn" in message_next_to(html, "settled_on_time")
    submission = Submission.objects.get()
    assert submission.state == State.DRAFT
    assert DataValue.objects.get(data_element__code="settled_on_time").value == 120  # kept as a draft
    response = post(
        client,
        unit,
        action="submit",
        version=submission.version,
        received="25.723",
        settled_on_time="25.381",
        settled_late="16",
        in_progress="326",
        returned="0",
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED
    assert DataValue.objects.get(data_element__code="received").value == 25723


def test_it_rejects_bad_input_in_vietnamese_and_saves_nothing(personas):
    client = personas.client(personas.officer_a)
    response = post(client, personas.tree.commune_a, received="một trăm", settled_on_time="-4")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“một trăm” không phải là số." in message_next_to(html, "received")
    assert "Không được là số âm." in message_next_to(html, "settled_on_time")
    assert "Chưa lưu" in html
    assert not Submission.objects.exists() and not DataValue.objects.exists()


def test_it_checks_on_demand_without_saving(personas):
    client = personas.client(personas.officer_a)
    response = post(client, personas.tree.commune_a, action="check", received="10", settled_on_time="11")
    html = response.content.decode()
    assert "Kết quả kiểm tra" in html and "(11 &gt; 10)" in html
    assert "Chưa nhập: chỉ tiêu này bắt buộc." in message_next_to(html, "in_progress")
    assert not Submission.objects.exists()


def test_it_hides_commune_a_from_the_officer_of_commune_b(personas):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    client = personas.client(personas.officer_b)
    assert client.get(url(personas.tree.commune_a)).status_code == 404
    assert post(client, personas.tree.commune_a, received="1").status_code == 404
    for action in ("approve", "return", "validate", "fill"):
        assert client.post(url(personas.tree.commune_a, action=action)).status_code == 404
    assert DataValue.objects.get(data_element__code="received").value == 100
    grid = client.get(reverse("activities:data_set", args=[DOSSIERS])).content.decode()
    assert "Xã Bình Yên" in grid and "Xã An Bình" not in grid


def test_it_refuses_strangers_and_lets_readers_only_read(personas):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    assert personas.client().get(url(personas.tree.commune_a)).status_code == 302
    assert personas.client(personas.outsider).get(url(personas.tree.commune_a)).status_code == 403
    reader = UserFactory(username="reader.a")
    MembershipFactory(user=reader, unit=personas.tree.commune_a, role="reader")
    client = personas.client(reader)
    html = client.get(url(personas.tree.commune_a)).content.decode()
    assert "Gửi báo cáo" not in html and 'name="c_received"' not in html and "100" in html
    assert post(client, personas.tree.commune_a, received="1").status_code == 403


def test_it_lets_the_board_approve_and_return_from_the_page(personas):
    unit = personas.tree.commune_a
    outcome = save(personas.officer_a, unit, **consistent())
    services.submission_submit(actor=personas.officer_a, submission=outcome.submission)
    officer = personas.client(personas.officer_a)
    assert "Duyệt báo cáo" not in officer.get(url(unit)).content.decode()
    assert officer.post(url(unit, action="approve")).status_code == 403
    board = personas.client(personas.province_board)
    html = board.get(url(unit)).content.decode()
    assert "Duyệt báo cáo" in html and "Trả lại để sửa" in html
    board.post(url(unit, action="approve"), {"note": "Số liệu khớp."})
    assert Submission.objects.get().state == State.APPROVED
    html = officer.get(url(unit)).content.decode()
    assert 'name="c_received"' not in html and "đã khóa" in html
    response = board.post(url(unit, action="return"), {"reason": ""}, follow=True)
    assert "Hãy nêu lý do trả lại" in response.content.decode()
    board.post(url(unit, action="return"), {"reason": "Thiếu hồ sơ trực tuyến."})
    submission = Submission.objects.get()
    assert submission.state == State.RETURNED
    html = officer.get(url(unit)).content.decode()
    assert "Thiếu hồ sơ trực tuyến." in html and 'name="c_received"' in html


def test_it_lists_data_sets_and_work_on_the_landing_page(personas):
    save(personas.officer_a, personas.tree.commune_a, received=5, settled_on_time=9)
    html = personas.client(personas.officer_a).get(reverse("activities:index")).content.decode()
    assert "Hồ sơ thủ tục hành chính" in html and "Giám sát và phản biện xã hội" in html
    assert "Xã An Bình" in html and "2 lỗi" in html
    assert personas.client(personas.outsider).get(reverse("activities:index")).status_code == 403


def test_it_shows_the_grid_of_units_and_periods(personas):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    html = (
        personas.client(personas.province_board)
        .get(reverse("activities:data_set", args=[DOSSIERS]) + "?den=2025Q4")
        .content.decode()
    )
    assert "Quý IV/2025" in html and "Quý I/2025" in html
    assert "Xã An Bình" in html and "Xã Bình Yên" in html and "Bản nháp" in html
    assert "Huyện Cầu Ngang" in html  # the dissolved district reported before the reform


def test_it_answers_404_for_unknown_data_sets_and_periods(personas):
    client = personas.client(personas.officer_a)
    unit = personas.tree.commune_a
    assert client.get(reverse("activities:entry", args=["khong-co", unit.pk, "2025Q4"])).status_code == 404
    assert client.get(reverse("activities:entry", args=[DOSSIERS, unit.pk, "202510"])).status_code == 404
