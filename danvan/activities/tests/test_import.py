import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from danvan.activities import exports, imports, services
from danvan.activities.choices import EventKind, State
from danvan.activities.models import DataValue, ImportBatch, Submission, SubmissionEvent
from danvan.units.tests.factories import UnitFactory

from .helpers import QUARTER, SUPERVISION, consistent, data_set, save

pytestmark = pytest.mark.django_db


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def run(actor, content, name="so-lieu.xlsx", code="ho-so-thu-tuc-hanh-chinh", submit=False):
    return imports.import_file(
        actor=actor, data_set=data_set(code), file_name=name, content=content, submit=submit
    )


def template(personas, root=None):
    tree = personas.tree
    content = exports.template_xlsx(
        data_set=data_set(), units=[tree.commune_a, tree.commune_b], period=QUARTER
    )
    return load_workbook(io.BytesIO(content))


def test_it_round_trips_the_template_for_a_province(personas):
    workbook = template(personas)
    sheet = workbook["Số liệu"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == [
        "Mã đơn vị [ma_don_vi]",
        "Tên đơn vị [ten_don_vi]",
        "Kỳ báo cáo [ky]",
        "Tổng số hồ sơ tiếp nhận [received]",
    ]
    assert [sheet.cell(row=r, column=1).value for r in (2, 3)] == ["90001", "90002"]
    assert "Hướng dẫn" in workbook.sheetnames
    for row, values in ((2, [100, 80, 5, 10, 5]), (3, [50, 40, 0, 10, 0])):
        for offset, value in enumerate(values):
            sheet.cell(row=row, column=4 + offset, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(personas.province_board, buffer.getvalue(), submit=True)
    assert result.ok, result.errors
    assert (result.rows, result.values_written, result.submissions, result.submitted) == (2, 10, 2, 2)
    assert set(Submission.objects.values_list("state", flat=True)) == {State.SUBMITTED}
    assert DataValue.objects.get(unit=personas.tree.commune_b, data_element__code="received").value == 50
    kinds = list(
        SubmissionEvent.objects.filter(submission__unit=personas.tree.commune_a).values_list(
            "kind", flat=True
        )
    )
    assert kinds == [EventKind.CREATED, EventKind.IMPORTED, EventKind.SUBMITTED]
    # The template downloaded again carries the saved figures.
    again = template(personas)["Số liệu"]
    assert [again.cell(row=2, column=c).value for c in range(4, 9)] == [100, 80, 5, 10, 5]


def test_it_changes_nothing_when_one_row_is_broken_and_reports_that_row(personas):
    save(personas.province_board, personas.tree.commune_a, **consistent())
    before = list(DataValue.objects.order_by("pk").values_list("pk", "value"))
    content = xlsx(
        [
            [
                "Mã đơn vị [ma_don_vi]",
                "Kỳ báo cáo [ky]",
                "Tổng số hồ sơ tiếp nhận [received]",
                "Đã giải quyết đúng hạn, trước hạn [settled_on_time]",
            ],
            ["90001", "2025Q4", 300, 200],
            ["90002", "2025Q4", "ba trăm", 10],
            ["90", "Quý IV/2025", 30, 20],
        ]
    )
    result = run(personas.province_board, content)
    assert not result.ok
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "Tổng số hồ sơ tiếp nhận [received]", "“ba trăm” không phải là số."),
    ]
    assert list(DataValue.objects.order_by("pk").values_list("pk", "value")) == before
    assert Submission.objects.count() == 1 and not ImportBatch.objects.exists()


def test_it_reports_every_kind_of_row_error_in_vietnamese(personas):
    content = csv_bytes(
        [
            ["ma_don_vi", "ky", "chi_tieu", "phan_to", "gia_tri"],
            ["99999", "2025Q4", "received", "", "5"],
            ["90002", "2025Q4", "received", "", "5"],
            ["90001", "2025-10", "received", "", "5"],
            ["90001", "2025Q4", "khong_co", "", "5"],
            ["90001", "2099Q1", "received", "", "5"],
            ["90001", "2025Q4", "received", "", "-5"],
            ["90001", "2025Q4", "received", "", "5"],
            ["90001", "2025Q4", "received", "", "6"],
            ["90", "2025Q4", "received", "", "6"],
        ],
        delimiter=";",
    )
    result = run(personas.officer_a, content, name="loi.csv")
    reasons = {e.row: e.reason for e in result.errors}
    assert not result.ok
    assert reasons[2] == "Không có đơn vị mã “99999”."
    assert reasons[3] == "Bạn không có quyền nhập số liệu cho Xã Bình Yên."
    assert "không phải kỳ quý" in reasons[4]
    assert reasons[5] == "Bộ số liệu không có chỉ tiêu mã “khong_co”."
    assert reasons[6].startswith("Chưa đến Quý I/2099")
    assert reasons[7] == "Không được là số âm."
    assert reasons[9] == "Ô số liệu này đã có ở dòng 8 của tệp."
    assert reasons[10] == "Bạn không có quyền nhập số liệu cho Tỉnh Thử."
    assert not Submission.objects.exists()


def test_it_does_not_count_the_same_file_twice(personas):
    content = csv_bytes(
        [
            ["ma_don_vi", "ky", "chi_tieu", "gia_tri"],
            ["90001", "2025Q4", "received", "100"],
            ["90001", "2025Q4", "settled_on_time", "90"],
        ]
    )
    first = run(personas.officer_a, content, name="a.csv")
    second = run(personas.officer_a, content, name="a-copy.csv")
    assert first.ok and second.ok and second.duplicate_of == first.batch
    assert DataValue.objects.count() == 2 and ImportBatch.objects.count() == 1
    # A different file with the same figures upserts: still one value per cell.
    third = run(personas.officer_a, content + b"\n", name="b.csv")
    assert third.ok and third.duplicate_of is None
    assert DataValue.objects.count() == 2
    assert DataValue.objects.get(data_element__code="received").value == 100
    assert Submission.objects.get().events.filter(kind=EventKind.IMPORTED).count() == 2


def test_it_refuses_to_overwrite_an_approved_form(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, **consistent())
    submission = services.submission_submit(
        actor=personas.officer_a, submission=outcome.submission
    ).submission
    services.submission_approve(actor=personas.province_board, submission=submission)
    content = csv_bytes([["ma_don_vi", "ky", "chi_tieu", "gia_tri"], ["90001", "2025Q4", "received", "1"]])
    result = run(personas.province_board, content, name="x.csv")
    assert not result.ok and "Đã duyệt" in result.errors[0].reason
    assert DataValue.objects.get(data_element__code="received").value == 100


def test_it_reads_the_long_layout_with_breakdowns_and_keeps_rule_breakers_as_drafts(personas):
    content = csv_bytes(
        [
            ["ma_don_vi", "ky", "chi_tieu", "phan_to", "gia_tri"],
            ["90001", "2025S2", "recommendations", "fatherland_front", "4"],
            ["90001", "2025S2", "recommendations_settled", "fatherland_front", "6"],
            ["90002", "2025S2", "supervisions", "farmers_union", "2"],
            ["90002", "2025S2", "supervisions", "", "2"],
        ]
    )
    result = run(personas.province_board, content, name="gs.csv", code=SUPERVISION)
    assert not result.ok and "phan_to" in result.errors[0].reason
    result = run(
        personas.province_board,
        csv_bytes(list(csv.reader(io.StringIO(content.decode())))[:4]),
        name="gs2.csv",
        code=SUPERVISION,
        submit=True,
    )
    assert result.ok and result.submitted == 1
    assert [s.unit for s in result.held_back] == [personas.tree.commune_a]
    held = Submission.objects.get(unit=personas.tree.commune_a)
    assert held.state == State.DRAFT and held.blocking_count == 1


def test_it_recovers_codes_excel_turned_into_numbers(personas):
    leading = UnitFactory(code="09", name="Tỉnh Mã Không", level="province", parent=personas.tree.nation)
    content = xlsx([["ma_don_vi", "ky", "received"], [9, 2025, 1]])
    result = run(personas.province_board, content, code="dan-chu-co-so")
    assert not result.ok  # "received" is not an element of this data set
    content = xlsx(
        [["ma_don_vi", "ky", "agencies_total", "agencies_held"], [90001.0, 2025, 12, 10], [9, 2025, 1, 1]]
    )
    result = run(personas.province_board, content, code="dan-chu-co-so")
    assert [e.reason for e in result.errors] == [f"Bạn không có quyền nhập số liệu cho {leading.name}."]


def test_it_imports_with_a_constant_number_of_queries(personas):
    communes = [personas.tree.commune_a, personas.tree.commune_b]
    communes += [UnitFactory(code=f"9{n:04d}", parent=personas.tree.province) for n in range(100, 140)]

    def queries(units, period) -> int:
        rows = [["ma_don_vi", "ky", "received", "settled_on_time", "settled_late", "in_progress"]]
        rows += [[u.code, period, 10, 5, 1, 1] for u in units]
        with CaptureQueriesContext(connection) as captured:
            assert run(personas.province_board, csv_bytes(rows), name=f"{len(units)}.csv", submit=True).ok
        return len(captured.captured_queries)

    warm_up = csv_bytes([["ma_don_vi", "ky", "agencies_total"], ["90001", "2025", "3"]])
    assert run(personas.province_board, warm_up, name="w.csv", code="dan-chu-co-so").ok
    small, large = queries(communes[:3], "2025Q3"), queries(communes, "2025Q4")
    # Only the bulk statements split into batches (SQLite binds at most 999 parameters each).
    assert large <= small + 6 and large < len(communes)
    assert Submission.objects.filter(state=State.SUBMITTED).count() == len(communes) + 3


def test_it_explains_unreadable_files(personas):
    result = run(personas.officer_a, b"PK\x03\x04 not really a workbook", name="hong.xlsx")
    assert not result.ok and "Không mở được tệp Excel" in result.errors[0].reason
    result = run(personas.officer_a, csv_bytes([["ten", "so"], ["a", "1"]]), name="lung-tung.csv")
    reasons = " ".join(e.reason for e in result.errors)
    assert "Không nhận ra cột “so”" in reasons and "Thiếu cột “Mã đơn vị”" in reasons
    assert not Submission.objects.exists()


def test_it_treats_a_simultaneous_second_upload_of_the_same_file_as_a_duplicate(personas, monkeypatch):
    import hashlib

    from django.utils import timezone

    content = csv_bytes([["ma_don_vi", "ky", "chi_tieu", "gia_tri"], ["90001", "2025Q4", "received", "3"]])
    read_table = imports.read_table

    def other_upload_commits_first(*args, **kwargs):
        # The other request passed the duplicate check at the same moment and committed first.
        ImportBatch.objects.create(
            data_set=data_set(),
            file_name="other.csv",
            sha256=hashlib.sha256(content).hexdigest(),
            file_format="csv",
            at=timezone.now(),
        )
        return read_table(*args, **kwargs)

    monkeypatch.setattr(imports, "read_table", other_upload_commits_first)
    result = run(personas.officer_a, content, name="same.csv")
    assert result.ok and result.duplicate_of.file_name == "other.csv"
    assert not DataValue.objects.exists()


def test_it_refuses_a_damaged_workbook_in_vietnamese(personas):
    result = run(personas.province_board, b"PK\x03\x04" + b"\x00" * 200, name="hong.xlsx")
    assert not result.ok and "tệp hỏng" in result.errors[0].reason
    assert not ImportBatch.objects.exists()


def test_it_reads_whole_numbers_and_blank_cells_as_the_user_typed_them(personas):
    from danvan.activities.imports import read_table

    _format, table = read_table("a.xlsx", xlsx([["ma_don_vi", "ky"], [90001, None], ["90002", 2.5]]))
    assert table == [(1, ["ma_don_vi", "ky"]), (2, [90001, None]), (3, ["90002", 2.5])]
