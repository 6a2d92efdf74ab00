import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.activities.models import DataValue, Submission

from .helpers import DOSSIERS, QUARTER

pytestmark = pytest.mark.django_db

IMPORT = reverse("activities:import", args=[DOSSIERS])
TEMPLATE = reverse("activities:template", args=[DOSSIERS])


def upload(client, text: str, name="so-lieu.csv", submit=False):
    data = {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}
    if submit:
        data["submit"] = "on"
    return client.post(IMPORT, data)


def test_it_imports_through_the_page_and_tells_a_second_upload_apart(personas):
    client = personas.client(personas.officer_a)
    text = "ma_don_vi,ky,chi_tieu,gia_tri\n90001,2025Q4,received,100\n90001,2025Q4,settled_on_time,90\n"
    response = upload(client, text)
    assert response.status_code == 200
    assert "Đã nhập 2 ô số liệu vào 1 báo cáo từ 2 dòng." in response.content.decode()
    again = upload(client, text, name="lan-hai.csv").content.decode()
    assert "Tệp này đã được nhập lúc" in again
    assert DataValue.objects.count() == 2


def test_it_shows_the_error_report_and_saves_nothing(personas):
    client = personas.client(personas.officer_a)
    response = upload(
        client, "ma_don_vi,ky,chi_tieu,gia_tri\n90001,2025Q4,received,100\n90002,2025Q4,received,7\n"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bạn không có quyền nhập số liệu cho Xã Bình Yên." in html and '<td class="num">3</td>' in html
    assert not Submission.objects.exists()


def test_it_refuses_wrong_files_in_vietnamese(personas):
    client = personas.client(personas.officer_a)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("anh.png", b"\x89PNG")})
    assert response.status_code == 400 and "Chỉ nhận tệp .xlsx hoặc .csv." in response.content.decode()
    response = client.post(IMPORT, {})
    assert response.status_code == 400 and "Hãy chọn tệp cần nhập." in response.content.decode()


def test_it_gives_each_officer_a_template_of_their_own_units(personas):
    response = personas.client(personas.officer_b).get(
        TEMPLATE, {"ky": QUARTER.key, "don_vi": personas.tree.commune_a.pk}
    )
    sheet = load_workbook(io.BytesIO(response.content))["Số liệu"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["90002"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    board = personas.client(personas.province_board).get(
        TEMPLATE, {"ky": QUARTER.key, "don_vi": personas.tree.province.pk, "dinh_dang": "csv"}
    )
    lines = board.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Mã đơn vị [ma_don_vi],Tên đơn vị [ten_don_vi],Kỳ báo cáo [ky]")
    assert [line.split(",")[0] for line in lines[1:]] == ["90", "90001", "90002"]


def test_it_keeps_readers_and_strangers_out_of_imports(personas):
    reader = UserFactory(username="reader.a")
    MembershipFactory(user=reader, unit=personas.tree.commune_a, role="reader")
    for user in (reader, personas.outsider):
        client = personas.client(user)
        assert client.get(IMPORT).status_code == 403
        assert client.get(TEMPLATE).status_code == 403
        assert upload(client, "ma_don_vi,ky,chi_tieu,gia_tri\n90001,2025Q4,received,1\n").status_code == 403
    assert personas.client().get(IMPORT).status_code == 302
    assert not Submission.objects.exists()
