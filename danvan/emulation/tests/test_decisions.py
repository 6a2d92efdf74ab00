import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.emulation import services
from danvan.emulation.choices import EventKind, Field, Kind, Status
from danvan.emulation.models import EmulationModel, RecognitionDecision
from danvan.emulation.tests.conftest import DECIDED

pytestmark = pytest.mark.django_db


def test_it_records_the_boards_decision_in_one_step(emu):
    model = emu.appraised()
    decision = emu.recognise(model, is_outstanding=True)
    model.refresh_from_db()
    assert model.status == Status.RECOGNISED and model.recognition_level == "province"
    assert (model.decision, model.decision_number, model.decision_date) == (decision, "125-QĐ/TU", DECIDED)
    assert (
        model.award == "bang_khen"
        and model.is_outstanding
        and model.decided_by == emu.personas.province_board
    )
    assert decision.unit == emu.tree.province and decision.issuer_name == "TỈNH ỦY THỬ"
    assert (
        decision.awarding_body == "Ban Thường vụ Tỉnh ủy Thử"
        and model.awarding_body == decision.awarding_body
    )
    assert decision.signer_on_behalf == "T/M BAN THƯỜNG VỤ" and decision.place == "Thử"
    assert "Điều lệ Đảng" in decision.basis
    assert model.events.filter(kind=EventKind.RECOGNISED).exists()


def test_it_adds_models_to_an_existing_decision_with_the_same_number(emu):
    first = emu.appraised()
    second = emu.appraised(name="Camera an ninh do dân góp", field=Field.DEFENCE_SECURITY)
    decision = emu.recognise(first)
    assert emu.recognise(second) == decision and decision.models.count() == 2
    third = emu.appraised(name="Tổ hòa giải giỏi")
    with pytest.raises(ValidationError) as error:
        emu.recognise(third, decision_date=datetime.date(2026, 3, 16))
    assert "đã dùng cho quyết định cấp tỉnh ngày 15/03/2026" in " ".join(error.value.messages)
    third.refresh_from_db()
    assert third.status == Status.APPRAISED and third.decision is None


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"level": ""}, "level", "Hãy chọn cấp công nhận"),
        ({"decision_number": ""}, "decision_number", "Hãy nhập số"),
        ({"decision_number": "QĐ/TU"}, "decision_number", "phải có số"),
        ({"decision_date": None}, "decision_date", "Hãy nhập ngày"),
        ({"decision_date": datetime.date(2099, 1, 1)}, "decision_date", "không được sau hôm nay"),
        ({"level": "district"}, "level", "Cấp huyện đã kết thúc hoạt động từ 01/7/2025"),
        ({"award": "huan_chuong"}, "award", "không hợp lệ"),
    ],
)
def test_it_refuses_an_incomplete_decision_and_saves_nothing(emu, extra, field, message):
    model = emu.appraised()
    with pytest.raises(ValidationError) as error:
        emu.recognise(model, **extra)
    assert message in " ".join(error.value.message_dict[field])
    model.refresh_from_db()
    assert model.status == Status.APPRAISED and not RecognitionDecision.objects.exists()


def test_it_recognises_a_historic_model_at_the_district_level_before_the_reform(emu, criteria):
    old = emu.tree.old_commune_1
    model = EmulationModel.objects.create(
        name="Khóm văn hóa, không rác thải",
        kind=Kind.COLLECTIVE,
        field=Field.CULTURE_SOCIETY,
        unit=old,
        owner_name="Khóm Minh Thuận A",
        year=2024,
        description="Vận động phân loại rác tại nguồn.",
        criteria_set=criteria["collective_model"],
    )
    emu.self_assess(model)
    emu.appraise(model)  # the new province's board reaches the units it succeeded
    decision = emu.recognise(
        model, level="district", decision_number="310-QĐ/HU", decision_date=datetime.date(2024, 12, 20)
    )
    assert decision.unit == emu.tree.old_district and decision.issuer_name == "HUYỆN ỦY CẦU NGANG"
    assert (
        decision.issuer_parent == "ĐẢNG BỘ TỈNH CŨ"
        and decision.awarding_body == "Ban Thường vụ Huyện ủy Cầu Ngang"
    )


def test_it_lets_a_commune_board_recognise_at_commune_level_only(emu):
    model = emu.appraised()
    with pytest.raises(PermissionDenied, match="cấp tỉnh"):
        emu.recognise(model, actor=emu.commune_board)
    decision = emu.recognise(
        model, actor=emu.commune_board, level="commune", decision_number="45-QĐ/ĐU", award="giay_khen"
    )
    assert decision.unit == emu.tree.commune_a and decision.issuer_name == "ĐẢNG ỦY XÃ AN BÌNH"
    assert decision.issuer_parent == "ĐẢNG BỘ TỈNH THỬ"


def test_it_refuses_officers_and_other_communes(emu):
    model = emu.appraised()
    for actor in (emu.personas.officer_a, emu.personas.officer_b, emu.personas.outsider):
        with pytest.raises(PermissionDenied):
            emu.recognise(model, actor=actor)
    assert not RecognitionDecision.objects.exists()


def test_it_records_a_refusal_with_its_reason(emu):
    model = emu.appraised()
    with pytest.raises(ValidationError, match="lý do không công nhận"):
        services.model_decide(actor=emu.personas.province_board, model=model, recognised=False)
    services.model_decide(
        actor=emu.personas.province_board,
        model=model,
        recognised=False,
        note="Mô hình mới triển khai 3 tháng, chưa chứng minh được hiệu quả.",
    )
    model.refresh_from_db()
    assert model.status == Status.NOT_RECOGNISED and "3 tháng" in model.decision_note
    with pytest.raises(ValidationError, match="đã có quyết định"):
        emu.recognise(model)


def test_it_asks_for_a_reason_to_recognise_below_the_threshold(emu):
    model = emu.register()
    emu.self_assess(model)
    emu.appraise(model, value=lambda c: c.max_points * Decimal("0.6"))
    with pytest.raises(ValidationError, match="chưa đạt mức công nhận"):
        emu.recognise(model)
    emu.recognise(model, note="Mô hình có sức lan tỏa lớn trên địa bàn, Ban Thường vụ thống nhất công nhận.")
    model.refresh_from_db()
    assert model.status == Status.RECOGNISED


def test_it_decides_several_models_in_one_decision_of_one_issuer(emu):
    a = emu.appraised()
    b = emu.appraised(actor=emu.personas.officer_b, unit=emu.tree.commune_b, name="Bữa cơm nghĩa tình")
    board = emu.personas.province_board
    with pytest.raises(ValidationError, match="cùng một cấp ủy"):
        services.models_decide(
            actor=board, models=[a, b], recognised=True, level="commune", decision_number="1-QĐ/ĐU",
            decision_date=DECIDED,
        )  # fmt: skip
    decision = services.models_decide(
        actor=board,
        models=[a, b],
        recognised=True,
        level="province",
        decision_number="200-QĐ/TU",
        decision_date=DECIDED,
        award="giay_khen",
        outstanding=[b.pk],
    )
    assert set(decision.models.values_list("pk", "is_outstanding")) == {(a.pk, False), (b.pk, True)}
    with pytest.raises(ValidationError, match="ít nhất một mô hình"):
        services.models_decide(actor=board, models=[], recognised=True)


def test_it_marks_the_source_replicated_when_its_replication_is_recognised(emu):
    source = emu.recognised()
    copy = emu.register(
        actor=emu.personas.officer_b,
        unit=emu.tree.commune_b,
        name="Đường giao thông do dân làm",
        replicated_from=source,
    )
    emu.self_assess(copy, actor=emu.personas.officer_b)
    emu.appraise(copy)
    emu.recognise(copy, decision_number="300-QĐ/TU")
    source.refresh_from_db()
    assert source.status == Status.REPLICATED and source.replicated_at == DECIDED
    assert "Xã Bình Yên" in source.replication_note
    with pytest.raises(ValidationError, match="đã được công nhận"):
        emu.register(name="Sao chép", replicated_from=emu.register(name="Chưa công nhận"))


def test_it_lets_the_board_record_a_replication_by_hand(emu):
    model = emu.recognised()
    with pytest.raises(PermissionDenied):
        services.model_mark_replicated(actor=emu.personas.officer_a, model=model, note="x")
    with pytest.raises(ValidationError, match="không được để trống"):
        services.model_mark_replicated(actor=emu.personas.province_board, model=model, note=" ")
    with pytest.raises(ValidationError, match="từ ngày công nhận"):
        services.model_mark_replicated(
            actor=emu.personas.province_board, model=model, note="x", day=datetime.date(2020, 1, 1)
        )
    model = services.model_mark_replicated(
        actor=emu.personas.province_board, model=model, note="Nhân rộng ra 5 xã của tỉnh."
    )
    assert model.status == Status.REPLICATED and model.is_recognised
    with pytest.raises(ValidationError, match="Chỉ nhân rộng"):
        services.model_mark_replicated(
            actor=emu.personas.province_board, model=emu.appraised(name="Khác"), note="x"
        )


def test_it_corrects_the_decision_document_for_the_board_only(emu):
    model = emu.recognised()
    decision = model.decision
    fields = {
        "issuer_kind": "state",
        "issuer_parent": "",
        "issuer_name": "ỦY BAN NHÂN DÂN TỈNH THỬ",
        "place": "Thử",
        "basis": "Căn cứ Luật Thi đua, khen thưởng;",
        "signer_on_behalf": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Tỉnh",
        "awarding_body": "Chủ tịch Ủy ban nhân dân tỉnh Thử",
    }
    with pytest.raises(PermissionDenied):
        services.decision_update_document(actor=emu.commune_board, decision=decision, **fields)
    services.decision_update_document(actor=emu.personas.province_board, decision=decision, **fields)
    model.refresh_from_db()
    assert model.awarding_body == "Chủ tịch Ủy ban nhân dân tỉnh Thử"
    with pytest.raises(ValidationError, match="không được để trống"):
        services.decision_update_document(
            actor=emu.personas.province_board, decision=decision, **{**fields, "issuer_name": ""}
        )


def test_it_recognises_a_hamlets_model_at_its_communes_level(emu):
    from danvan.units.services import hamlets_create

    (hamlet,) = hamlets_create(commune=emu.tree.commune_a, text="Ấp Mỹ Cẩm A", default_kind="ấp")
    model = emu.appraised(unit=hamlet)
    assert model.commune_code == "90001"
    decision = emu.recognise(
        model, actor=emu.commune_board, level="commune", decision_number="46-QĐ/ĐU", award="giay_khen"
    )
    assert decision.unit == emu.tree.commune_a and decision.place == "An Bình"
