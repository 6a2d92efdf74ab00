import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from danvan.emulation.choices import Status
from danvan.emulation.models import Assessment, EmulationModel, Evidence, RecognitionDecision
from danvan.emulation.scoring import criteria_of

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def score_data(criteria_set, value=lambda c: c.max_points, prefix_version=None):
    data = {f"points_{c.pk}": str(value(c)) for c in criteria_of(criteria_set)}
    if prefix_version is not None:
        data["version"] = prefix_version
    return data


MEMBER_PAGES = [
    ("emulation:index", False),
    ("emulation:register", False),
    ("emulation:detail", True),
    ("emulation:edit", True),
    ("emulation:self_assess", True),
    ("emulation:appraise", True),
    ("emulation:decide", True),
    ("emulation:certificate", True),
    ("emulation:decide_batch", False),
    ("emulation:decisions", False),
    ("emulation:statistics", False),
    ("emulation:statistics_xlsx", False),
    ("emulation:criteria", False),
    ("emulation:criteria_create", False),
    ("emulation:ratings", False),
    ("emulation:rating_open", False),
]


def test_it_sends_anonymous_visitors_to_login_and_refuses_outsiders(emu):
    model = emu.register()
    for name, takes_pk in MEMBER_PAGES:
        url = reverse(name, args=[model.pk] if takes_pk else [])
        response = emu.personas.client().get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], name
        assert emu.personas.client(emu.personas.outsider).get(url).status_code == 403, name


def test_it_hides_commune_as_model_from_commune_bs_officer(emu):
    model = emu.recognised()
    evidence = Evidence.objects.create(
        model=model,
        file=SimpleUploadedFile("a.png", PNG),
        original_name="a.png",
        content_type="image/png",
        size=72,
    )
    b = emu.personas.client(emu.personas.officer_b)
    for name in ("detail", "edit", "self_assess", "appraise", "decide", "certificate"):
        assert b.get(reverse(f"emulation:{name}", args=[model.pk])).status_code == 404, name
    for name in ("evidence_add", "report_add", "replicate"):
        assert b.post(reverse(f"emulation:{name}", args=[model.pk]), {"text": "x"}).status_code == 404, name
    assert b.get(reverse("emulation:evidence", args=[evidence.pk])).status_code == 404
    assert b.post(reverse("emulation:evidence_remove", args=[evidence.pk])).status_code == 404
    for name in ("decision", "decision_docx", "decision_certificates"):
        assert b.get(reverse(f"emulation:{name}", args=[model.decision_id])).status_code == 404, name
    assert model.name not in b.get(reverse("emulation:index")).content.decode()
    assert model.name not in b.get(reverse("emulation:decisions")).content.decode()
    a = emu.personas.client(emu.personas.officer_a)
    assert model.name in a.get(reverse("emulation:index")).content.decode()
    assert a.get(reverse("emulation:evidence", args=[evidence.pk])).status_code == 200
    assert a.get(reverse("emulation:decision", args=[model.decision_id])).status_code == 200
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_it_lets_the_officer_register_and_score_through_the_pages(emu, criteria):
    client = emu.personas.client(emu.personas.officer_a)
    page = client.get(reverse("emulation:register")).content.decode()
    assert "Xã An Bình" in page and "Xã Bình Yên" not in page
    data = {
        "unit": emu.tree.commune_a.pk,
        "name": "",
        "kind": "collective",
        "field": "economy",
        "owner_name": "Chi đoàn ấp Mỹ Cẩm A",
        "year": 2026,
        "description": "Thanh niên tình nguyện thắp sáng đường quê.",
    }
    response = client.post(reverse("emulation:register"), data)
    assert response.status_code == 400 and "Trường này là bắt buộc." in response.content.decode()
    response = client.post(
        reverse("emulation:register"), {**data, "name": "Thắp sáng đường quê", "unit": emu.tree.commune_b.pk}
    )
    assert response.status_code == 400 and not EmulationModel.objects.exists()
    response = client.post(reverse("emulation:register"), {**data, "name": "Thắp sáng đường quê"})
    model = EmulationModel.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "emulation:detail", args=[model.pk]
    )

    url = reverse("emulation:self_assess", args=[model.pk])
    page = client.get(url).content.decode()
    assert "Có đăng ký mô hình với cấp ủy" in page and "Lưu phiếu tự chấm" in page
    partial = score_data(criteria["collective_model"], prefix_version=model.version)
    partial.pop(next(iter(partial)))
    response = client.post(url, partial)
    assert response.status_code == 400 and "Chưa chấm tiêu chí: 1.1" in response.content.decode()
    too_much = {**score_data(criteria["collective_model"], prefix_version=model.version)}
    too_much[next(iter(too_much))] = "6"
    response = client.post(url, too_much)
    assert response.status_code == 400 and "Không quá 5" in response.content.decode()
    assert not Assessment.objects.exists()
    response = client.post(url, score_data(criteria["collective_model"], prefix_version=model.version))
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == Status.SELF_ASSESSED and model.self_score == 100
    assert client.get(reverse("emulation:appraise", args=[model.pk])).status_code == 403
    assert client.get(reverse("emulation:decide", args=[model.pk])).status_code == 403


def test_it_lets_the_board_appraise_and_decide_through_the_pages(emu):
    model = emu.register()
    emu.self_assess(model)
    model.refresh_from_db()
    board = emu.personas.client(emu.personas.province_board)
    response = board.post(
        reverse("emulation:appraise", args=[model.pk]),
        {
            **score_data(model.criteria_set, lambda c: c.max_points - 1, model.version),
            "organisation": "Ban Dân vận",
        },
    )
    assert response.status_code == 302
    model.refresh_from_db()
    url = reverse("emulation:decide", args=[model.pk])
    page = board.get(url).content.decode()
    assert "88" in page and "đủ điều kiện công nhận" in page
    base = {
        "version": model.version,
        "result": "1",
        "level": "province",
        "decision_date": "2026-03-15",
        "award": "bang_khen",
    }
    response = board.post(url, base)
    assert response.status_code == 400 and "Hãy nhập số, ký hiệu quyết định." in response.content.decode()
    assert not RecognitionDecision.objects.exists()
    response = board.post(url, {**base, "decision_number": "125-QĐ/TU", "signer_name": "Nguyễn Văn Tỉnh"})
    decision = RecognitionDecision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "emulation:decision", args=[decision.pk]
    )
    assert decision.signer_name == "Nguyễn Văn Tỉnh"
    response = board.get(reverse("emulation:decision_docx", args=[decision.pk]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="quyet-dinh-125-Q--TU.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert "QUYẾT ĐỊNH" in [p.text for p in document.paragraphs]
    assert document.tables[-1].rows[1].cells[1].text == model.name
    certificate = board.get(reverse("emulation:certificate", args=[model.pk]))
    assert "BẰNG KHEN" in [p.text for p in Document(io.BytesIO(certificate.content)).paragraphs]


def test_it_shows_appraisers_scores_to_the_unit_only_after_the_decision(emu):
    model = emu.register()
    emu.self_assess(model)
    emu.appraise(model, actor=emu.appraiser)
    officer = emu.personas.client(emu.personas.officer_a)
    url = reverse("emulation:detail", args=[model.pk])
    assert "Trần Thị Mặt Trận" not in officer.get(url).content.decode()
    assert "Trần Thị Mặt Trận" in emu.personas.client(emu.personas.province_board).get(url).content.decode()
    emu.recognise(model)
    assert "Trần Thị Mặt Trận" in officer.get(url).content.decode()


def test_it_shows_disagreements_to_the_board(emu):
    model = emu.register()
    emu.self_assess(model)
    emu.appraise(model, value=lambda c: c.max_points)
    emu.appraise(
        model, actor=emu.appraiser, value=lambda c: c.max_points * 0 if c.code == "3.1" else c.max_points
    )
    page = emu.personas.client(emu.personas.province_board).get(reverse("emulation:decide", args=[model.pk]))
    content = page.content.decode()
    assert "Người thẩm định chấm chênh lệch ở 1 tiêu chí" in content and 'class="disagree"' in content


def test_it_uploads_evidence_and_reports_quarters_through_the_page(emu):
    model = emu.register()
    client = emu.personas.client(emu.personas.officer_a)
    url = reverse("emulation:evidence_add", args=[model.pk])
    response = client.post(
        url, {"upload": SimpleUploadedFile("virus.exe", b"MZ" + b"\0" * 80), "caption": "x"}
    )
    assert response.status_code == 400 and "Chỉ nhận tệp PDF" in response.content.decode()
    response = client.post(
        url, {"upload": SimpleUploadedFile("ảnh.png", PNG), "caption": "Khánh thành", "is_public": "on"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    served = client.get(reverse("emulation:evidence", args=[evidence.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    response = client.post(
        reverse("emulation:report_add", args=[model.pk]), {"year": 2026, "quarter": 9, "text": "x"}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("emulation:report_add", args=[model.pk]), {"year": 2026, "quarter": 1, "text": "Xong 1 km."}
    )
    assert response.status_code == 302 and model.reports.get().text == "Xong 1 km."
    response = client.post(reverse("emulation:evidence_remove", args=[evidence.pk]))
    assert response.status_code == 302 and not Evidence.objects.exists()


def test_it_decides_several_models_from_the_batch_page(emu):
    a = emu.appraised()
    b = emu.appraised(name="Camera an ninh")
    assert (
        emu.personas.client(emu.personas.officer_a).get(reverse("emulation:decide_batch")).status_code == 403
    )
    board = emu.personas.client(emu.personas.province_board)
    page = board.get(reverse("emulation:decide_batch")).content.decode()
    assert a.name in page and b.name in page
    data = {
        "models": [a.pk, b.pk],
        "outstanding": [b.pk],
        "result": "1",
        "level": "province",
        "decision_number": "7-QĐ/TU",
        "decision_date": "2026-03-01",
        "award": "giay_khen",
    }
    response = board.post(reverse("emulation:decide_batch"), {**data, "models": []})
    assert response.status_code == 400 and "Hãy chọn ít nhất một mô hình." in response.content.decode()
    response = board.post(reverse("emulation:decide_batch"), data)
    decision = RecognitionDecision.objects.get()
    assert response.status_code == 302 and decision.models.count() == 2
    assert list(decision.models.filter(is_outstanding=True)) == [b]


def test_it_shows_statistics_with_the_change_and_exports_them(emu):
    emu.recognised()
    client = emu.personas.client(emu.personas.province_board)
    page = client.get(
        reverse("emulation:statistics"), {"tu_nam": 2026, "den_nam": 2026, "so_voi": 2025}
    ).content.decode()
    assert (
        "Năm 2026, có 1 mô hình, điển hình “Dân vận khéo” được công nhận (1 mô hình lĩnh vực kinh tế)" in page
    )
    assert "tăng 1 mô hình so với năm 2025" in page
    response = client.get(reverse("emulation:statistics"), {"tu_nam": 2026, "den_nam": 2020})
    assert response.status_code == 400 and "Năm kết thúc phải sau năm bắt đầu." in response.content.decode()
    response = client.get(reverse("emulation:statistics"), {"don_vi": "99999"})
    assert response.status_code == 400 and "Không tìm thấy đơn vị có mã “99999”." in response.content.decode()
    empty = emu.personas.client(emu.personas.officer_b).get(reverse("emulation:statistics"), {"tu_nam": 2026})
    assert "chưa có mô hình" in empty.content.decode()
    xlsx = client.get(reverse("emulation:statistics_xlsx"), {"tu_nam": 2026, "den_nam": 2026})
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet") and xlsx.content[:2] == b"PK"
