import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from danvan.activities import catalogue, supervision
from danvan.activities.choices import State
from danvan.activities.models import Submission
from danvan.activities.periods import Period
from danvan.conftest import DOCS_IMG, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def name(user, first: str, last: str) -> None:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])


def fill(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def test_it_keeps_a_draft_when_settled_exceeds_received_and_submits_the_fix(page, personas):
    catalogue.install()  # transactional tests start from an emptied database
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    name(personas.officer_a, "Nguyễn Thị", "Lan")
    name(personas.province_board, "Trần Văn", "Minh")
    period = Period.of("quarter", timezone.localdate()).previous()
    browser_login(page, "xa.a")
    page.goto(f"{page.base_url}/so-lieu/")
    page.screenshot(path=str(DOCS_IMG / "periodic-index.png"), full_page=True)
    page.get_by_role("link", name="Hồ sơ thủ tục hành chính").first.click()
    page.get_by_role("link", name=f"Nhập Xã An Bình {period.label}").click()

    fill(
        page,
        {
            "Tổng số hồ sơ tiếp nhận": "100",
            "Đã giải quyết đúng hạn, trước hạn": "120",
            "Đã giải quyết quá hạn": "0",
            "Đang giải quyết": "0",
            "Trả lại, từ chối giải quyết": "0",
        },
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Báo cáo chưa được gửi").wait_for()
    beside = page.locator("tr", has=page.get_by_label("Đã giải quyết đúng hạn, trước hạn", exact=True))
    text = beside.inner_text()
    assert "không được lớn hơn tổng số hồ sơ tiếp nhận (120 > 100)." in text
    assert "cộng đang giải quyết không được lớn hơn tổng số hồ sơ tiếp nhận (120 > 100)." in text
    assert (
        page.get_by_label("Đã giải quyết đúng hạn, trước hạn", exact=True).get_attribute("aria-invalid")
        == "true"
    )
    assert page.locator("#state").inner_text() == "Bản nháp"
    assert Submission.objects.get().state == State.DRAFT
    page.screenshot(path=str(DOCS_IMG / "periodic-entry-rule.png"), full_page=True)

    fill(
        page,
        {
            "Đã giải quyết đúng hạn, trước hạn": "88",
            "Đang giải quyết": "10",
            "Trả lại, từ chối giải quyết": "2",
        },
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text(f"Đã gửi báo cáo {period.label} lên cấp trên.").wait_for()
    assert page.locator("#state").inner_text() == "Đã gửi, chờ duyệt"
    assert Submission.objects.get().state == State.SUBMITTED

    page.context.clear_cookies()
    browser_login(page, "tinh.board")
    page.goto(f"{page.base_url}/so-lieu/")
    page.get_by_role("link", name=f"Hồ sơ thủ tục hành chính · Xã An Bình · {period.label}").click()
    page.get_by_label("Ý kiến khi duyệt").fill(
        "Số liệu khớp, đề nghị tiếp tục rút ngắn thời gian giải quyết."
    )
    page.get_by_role("button", name="Duyệt báo cáo").click()
    page.get_by_text("Đã duyệt báo cáo; số liệu đã được khóa.").wait_for()
    page.screenshot(path=str(DOCS_IMG / "periodic-entry-approved.png"), full_page=True)
    assert Submission.objects.get().state == State.APPROVED

    page.locator(".breadcrumb").get_by_role("link", name="Hồ sơ thủ tục hành chính").click()
    page.get_by_role("link", name="Tình hình gửi báo cáo").first.click()
    page.get_by_label("Kỳ báo cáo").select_option(period.key)
    page.get_by_role("button", name="Xem").click()
    page.get_by_text("1/3").wait_for()
    page.screenshot(path=str(DOCS_IMG / "periodic-completeness.png"), full_page=True)


def test_it_reports_the_broken_row_of_an_import_and_follows_supervisions(page, personas):
    catalogue.install()
    name(personas.officer_a, "Nguyễn Thị", "Lan")
    name(personas.province_board, "Trần Văn", "Minh")
    period = Period.of("quarter", timezone.localdate()).previous()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Mã đơn vị [ma_don_vi]",
            "Kỳ báo cáo [ky]",
            "Tổng số hồ sơ tiếp nhận [received]",
            "Đã giải quyết đúng hạn, trước hạn [settled_on_time]",
        ]
    )
    sheet.append(["90001", period.key, 120, 100])
    sheet.append(["90002", period.key, "một trăm", 50])
    sheet.append(["90003", period.key, 10, 5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    browser_login(page, "tinh.board")
    page.goto(f"{page.base_url}/so-lieu/bo/ho-so-thu-tuc-hanh-chinh/nhap-tep/")
    page.get_by_label("Tệp số liệu (.xlsx hoặc .csv)").set_input_files(
        files=[
            {"name": "ho-so-quy.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}
        ]
    )
    page.get_by_role("button", name="Nhập số liệu").click()
    page.get_by_text("Có 2 lỗi; không có số liệu nào được ghi.").wait_for()
    errors = page.locator("#import-errors").inner_text()
    assert "“một trăm” không phải là số." in errors and "Không có đơn vị mã “90003”." in errors
    assert not Submission.objects.exists()
    page.screenshot(path=str(DOCS_IMG / "periodic-import-errors.png"), full_page=True)

    activity = supervision.activity_record(
        actor=personas.officer_a,
        unit=personas.tree.commune_a,
        organiser="investment_board",
        kind="supervision",
        title="Giám sát thi công tuyến đường liên ấp",
        subject="Ban quản lý dự án xã",
        held_on=timezone.localdate() - datetime.timedelta(days=20),
        findings="Một đoạn 200 m chưa đủ độ dày lớp đá dăm theo thiết kế.",
        recommendations=[
            ("Thi công bổ sung lớp đá dăm đoạn 200 m", "Ban quản lý dự án xã", None),
            ("Công khai dự toán tại nhà văn hóa ấp", "Ủy ban nhân dân xã", None),
        ],
    )
    page.goto(f"{page.base_url}/so-lieu/giam-sat/{activity.pk}/")
    page.get_by_text("Cập nhật kết quả giải quyết").first.click()
    form = page.locator("form").filter(has=page.get_by_role("button", name="Cập nhật")).first
    form.get_by_label("Tình trạng").select_option("settled")
    form.get_by_label("Kết quả giải quyết").fill("Đã thi công bổ sung, nghiệm thu ngày 10.")
    form.get_by_role("button", name="Cập nhật").click()
    page.get_by_text("Đã cập nhật kết quả giải quyết kiến nghị.").wait_for()
    assert activity.recommendations.filter(status="settled").count() == 1
    page.screenshot(path=str(DOCS_IMG / "periodic-supervision.png"), full_page=True)

    # The half-year supervision form offers what was recorded, organiser by organiser.
    half = Period.of_cutoff("half_year", activity.held_on)
    page.goto(f"{page.base_url}/so-lieu/bo/giam-sat-phan-bien/{personas.tree.commune_a.pk}/{half.key}/")
    cell = page.get_by_label(
        "Số kiến nghị sau giám sát, phản biện – Ban Giám sát đầu tư của cộng đồng", exact=True
    )
    assert cell.input_value() == "2"
    page.screenshot(path=str(DOCS_IMG / "periodic-supervision-form.png"), full_page=True)
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text(f"Đã gửi báo cáo {half.label} lên cấp trên.").wait_for()
    assert Submission.objects.get(data_set__code="giam-sat-phan-bien").state == State.SUBMITTED
