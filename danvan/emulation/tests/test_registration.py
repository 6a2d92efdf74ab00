import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.emulation import services
from danvan.emulation.choices import EventKind, Kind, Status
from danvan.emulation.models import EmulationModel, Evidence, QuarterReport
from danvan.units.services import organisations_ensure_standard

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"x" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_registers_a_model_with_codes_criteria_and_an_event(emu, criteria):
    model = emu.register()
    assert model.status == Status.REGISTERED and model.version == 1
    assert model.commune_code == "90001" and model.province_code == "90"
    assert model.criteria_set == criteria["collective_model"]
    assert list(model.events.values_list("kind", flat=True)) == [EventKind.REGISTERED]
    individual = emu.register(name="Bí thư chi bộ gần dân", kind=Kind.INDIVIDUAL, owner_name="Nguyễn Văn Dân")
    assert individual.criteria_set == criteria["individual_model"]


def test_it_takes_the_owner_name_from_the_organisation(emu):
    women = organisations_ensure_standard(unit=emu.tree.commune_a)[3]
    model = emu.register(owner_name="", owner_organisation=women)
    assert model.owner_name == women.name
    other = organisations_ensure_standard(unit=emu.tree.commune_b)[3]
    with pytest.raises(ValidationError) as error:
        emu.register(name="Khác", owner_name="", owner_organisation=other)
    assert "owner_organisation" in error.value.message_dict


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"name": "  "}, "name", "không được để trống"),
        ({"description": ""}, "description", "không được để trống"),
        ({"field": "sport"}, "field", "Lĩnh vực không hợp lệ"),
        ({"kind": "group"}, "kind", "Loại mô hình không hợp lệ"),
        ({"year": 1990}, "year", "Năm đăng ký phải từ 2000"),
        (
            {"period_start": datetime.date(2026, 5, 1), "period_end": datetime.date(2026, 1, 1)},
            "period_end",
            "phải sau ngày bắt đầu",
        ),
    ],
)
def test_it_refuses_bad_input_in_vietnamese_and_saves_nothing(emu, extra, field, message):
    with pytest.raises(ValidationError) as error:
        emu.register(**extra)
    assert message in " ".join(error.value.message_dict[field])
    assert not EmulationModel.objects.exists()


def test_it_refuses_a_second_model_of_the_same_name_in_the_same_year(emu):
    emu.register()
    with pytest.raises(ValidationError, match="đã đăng ký mô hình"):
        emu.register(name="dân vận khéo trong xây dựng đường giao thông nông thôn")
    assert emu.register(year=2025).year == 2025


def test_it_lets_a_unit_register_only_in_its_own_subtree(emu):
    personas = emu.personas
    with pytest.raises(PermissionDenied):
        emu.register(actor=personas.officer_b)
    with pytest.raises(PermissionDenied):
        emu.register(actor=personas.outsider)
    with pytest.raises(ValidationError, match="không còn hiệu lực"):
        emu.register(unit=emu.tree.old_commune_1)
    assert emu.register(actor=personas.province_board).unit == emu.tree.commune_a


def test_it_edits_before_appraisal_and_refuses_after(emu):
    model = emu.register()
    fields = {
        "name": "Đường sạch, ấp đẹp",
        "kind": Kind.COLLECTIVE,
        "field": "culture_society",
        "owner_name": model.owner_name,
        "description": model.description,
        "year": 2026,
    }
    services.model_update(actor=emu.personas.officer_a, model=model, expected_version=1, **fields)
    model.refresh_from_db()
    assert model.name == "Đường sạch, ấp đẹp" and model.field == "culture_society" and model.version == 2
    with pytest.raises(ValidationError, match="vừa được người khác cập nhật"):
        services.model_update(actor=emu.personas.officer_a, model=model, expected_version=1, **fields)
    with pytest.raises(PermissionDenied):
        services.model_update(actor=emu.personas.officer_b, model=model, **fields)
    emu.self_assess(model)
    with pytest.raises(ValidationError, match="không đổi được loại"):
        services.model_update(
            actor=emu.personas.officer_a, model=model, **{**fields, "kind": Kind.INDIVIDUAL}
        )
    emu.appraise(model)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.model_update(actor=emu.personas.officer_a, model=model, **fields)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_it_keeps_evidence_with_the_type_read_from_its_bytes(emu):
    model = emu.register()
    photo = services.model_add_evidence(
        actor=emu.personas.officer_a,
        model=model,
        upload=SimpleUploadedFile("ảnh đường.PDF", PNG),
        caption="Ngày khánh thành",
        is_public=True,
    )
    assert photo.content_type == "image/png" and photo.file.name.endswith(".png") and photo.is_public
    plan = services.model_add_evidence(
        actor=emu.personas.officer_a, model=model, upload=SimpleUploadedFile("kế hoạch.docx", docx_bytes())
    )
    assert plan.content_type.endswith("wordprocessingml.document") and plan.original_name == "kế hoạch.docx"
    assert model.events.filter(kind=EventKind.EVIDENCE_ADDED).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "public", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\0" * 64, False, "Chỉ nhận tệp PDF"),
        ("trống.pdf", b"", False, "rỗng"),
        ("biên bản.pdf", PDF, True, "Chỉ ảnh mới được hiện"),
        ("giả.docx", b"PK\x03\x04" + b"\0" * 64, False, "Chỉ nhận tệp PDF"),
    ],
)
def test_it_refuses_files_it_cannot_accept(emu, name, content, public, message):
    model = emu.register()
    with pytest.raises(ValidationError) as error:
        services.model_add_evidence(
            actor=emu.personas.officer_a,
            model=model,
            upload=SimpleUploadedFile(name, content),
            is_public=public,
        )
    assert message in " ".join(error.value.messages)
    assert not Evidence.objects.exists()


def test_it_refuses_a_file_over_the_upload_limit(emu, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    model = emu.register()
    with pytest.raises(ValidationError, match="quá lớn"):
        services.model_add_evidence(
            actor=emu.personas.officer_a, model=model, upload=SimpleUploadedFile("lớn.pdf", PDF + b"x" * 2000)
        )
    assert not Evidence.objects.exists()


def test_it_removes_evidence_only_while_the_model_is_open(emu, tmp_path):
    model = emu.register()
    evidence = services.model_add_evidence(
        actor=emu.personas.officer_a, model=model, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    path = tmp_path / evidence.file.name
    assert path.exists()
    with pytest.raises(PermissionDenied):
        services.model_remove_evidence(actor=emu.personas.officer_b, evidence=evidence)
    services.model_remove_evidence(actor=emu.personas.officer_a, evidence=evidence)
    assert not Evidence.objects.exists()
    kept = services.model_add_evidence(
        actor=emu.personas.officer_a, model=model, upload=SimpleUploadedFile("b.pdf", PDF)
    )
    emu.self_assess(model)
    emu.appraise(model)
    emu.recognise(model)
    with pytest.raises(ValidationError, match="đã có quyết định"):
        services.model_remove_evidence(actor=emu.personas.officer_a, evidence=kept)


def test_it_takes_one_report_per_quarter_and_refuses_future_quarters(emu):
    model = emu.register(year=2025)
    officer = emu.personas.officer_a
    services.model_report_quarter(actor=officer, model=model, year=2025, quarter=4, text="Làm 1,2 km đường.")
    services.model_report_quarter(actor=officer, model=model, year=2025, quarter=4, text="Làm 1,5 km đường.")
    assert list(QuarterReport.objects.values_list("text", flat=True)) == ["Làm 1,5 km đường."]
    with pytest.raises(ValidationError, match="quý chưa đến"):
        services.model_report_quarter(actor=officer, model=model, year=2030, quarter=1, text="x")
    with pytest.raises(ValidationError, match="không được để trống"):
        services.model_report_quarter(actor=officer, model=model, year=2026, quarter=1, text=" ")
    with pytest.raises(PermissionDenied):
        services.model_report_quarter(
            actor=emu.personas.officer_b, model=model, year=2026, quarter=1, text="x"
        )
    assert QuarterReport.objects.count() == 1
