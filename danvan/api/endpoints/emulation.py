""" "Dân vận khéo" models through the API, read only: the list with the UI's filters, and the detail.

Reads go through ``emulation.selectors`` (``model_list``, ``model_detail``, which scope
with ``models_visible_to``), so a token sees exactly the models its user sees on
screen; a model outside the caller's scope answers 404. Individual appraisals stay
hidden from the unit while the model is undecided, as on the model's page. Evidence
is described (name, type, size), never linked: files are downloaded in the web
interface.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.emulation import selectors
from danvan.emulation.choices import AssessmentKind, Award, RecognitionLevel
from danvan.emulation.choices import Field as ModelField
from danvan.emulation.choices import Kind as ModelKind
from danvan.emulation.choices import Status as ModelStatus
from danvan.emulation.models import EmulationModel, RecognitionDecision

from .. import serializers as out
from ..schemas import BIGINT, Code, OrganisationRef, Text, UnitRef
from .common import OBJECT_ERRORS, READ_ERRORS, PageParams, page_schema, paginate, unit_from

router = Router(tags=["Mô hình “Dân vận khéo”"])

# Inline enumerations: the app's Kind and Status would replace the petitions' schemas of the same name.
KindCode = Literal.__getitem__(tuple(ModelKind.values))
FieldCode = Literal.__getitem__(tuple(ModelField.values))
StatusCode = Literal.__getitem__(tuple(ModelStatus.values))
StatusFilter = Literal.__getitem__(("open", "recognised", *ModelStatus.values))
LevelCode = Literal.__getitem__(tuple(RecognitionLevel.values))
AwardCode = Literal.__getitem__(tuple(v for v in Award.values if v))
Sort = Literal.__getitem__(tuple(selectors.SORTS))
Year = Annotated[int, Field(ge=2000, le=2100)]
ModelId = Annotated[int, Path(ge=1, le=BIGINT, description="Mã số (id) của mô hình.")]


class EmulationFilters(Schema):
    unit: Code | None = Field(
        None, description="Mã đơn vị: mô hình của đơn vị, các đơn vị trực thuộc và đơn vị trước sắp xếp."
    )
    field: FieldCode | None = Field(None, description="Lĩnh vực.")
    status: StatusFilter | None = Field(
        None,
        description="open = chưa có quyết định; recognised = được công nhận (kể cả đã nhân rộng); "
        "hoặc một trạng thái.",
    )
    kind: KindCode | None = Field(None, description="collective = tập thể, individual = cá nhân.")
    recognition_level: LevelCode | None = Field(None, description="Cấp công nhận.")
    year: Year | None = Field(None, description="Năm đăng ký.")
    decided_year: Year | None = Field(None, description="Năm có quyết định công nhận.")
    q: Text(100) | None = Field(None, description="Tìm trong tên mô hình và chủ thể (có dấu hay không dấu).")
    sort: Sort = "-year"


class EmulationModelOut(Schema):
    id: int
    name: str
    kind: KindCode
    kind_label: str
    field: FieldCode
    field_label: str
    status: StatusCode
    status_label: str
    unit: UnitRef
    owner_name: str = Field(description="Tập thể hoặc cá nhân xây dựng mô hình.")
    year: int = Field(description="Năm đăng ký.")
    self_score: float | None = Field(description="Điểm tự chấm.")
    appraisal_score: float | None = Field(description="Điểm thẩm định (bình quân các phiếu).")
    grade: str = Field(description="Xếp loại theo điểm thẩm định.")
    recognition_level: LevelCode | None
    recognition_level_label: str | None
    decision_number: str | None = Field(description="Số quyết định công nhận (hoặc không công nhận).")
    decision_date: datetime.date | None
    award: AwardCode | None = Field(description="Hình thức khen thưởng kèm quyết định.")
    award_label: str | None
    is_outstanding: bool = Field(description="Điển hình tiêu biểu.")
    version: int


class DecisionOut(Schema):
    id: int
    number: str
    date: datetime.date
    level: LevelCode
    level_label: str
    issuing_unit: UnitRef
    issuer_name: str = Field(description="Cơ quan ban hành.")
    awarding_body: str = Field(description="Cơ quan khen thưởng.")
    award: AwardCode | None
    award_label: str | None
    signer_title: str
    signer_name: str


class CriteriaSetRef(Schema):
    id: int
    name: str
    version: int
    max_total: float = Field(description="Tổng điểm tối đa của bộ tiêu chí.")


class AssessmentOut(Schema):
    kind: Literal.__getitem__(tuple(AssessmentKind.values))
    kind_label: str
    assessor_name: str
    organisation: str = Field(description="Thay mặt (Ban Dân vận, Ủy ban MTTQ…).")
    total: float
    grade: str
    submitted_at: datetime.datetime


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int = Field(description="Dung lượng (byte).")
    caption: str
    is_image: bool
    is_public: bool = Field(description="Hiện trên trang giới thiệu công khai khi mô hình được công nhận.")
    uploaded_at: datetime.datetime


class QuarterReportOut(Schema):
    year: int
    quarter: int
    text: str
    submitted_at: datetime.datetime


class ModelRef(Schema):
    id: int
    name: str
    unit: UnitRef


class EmulationModelDetail(EmulationModelOut):
    owner_position: str
    owner_organisation: OrganisationRef | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    description: str = Field(description="Nội dung, cách làm.")
    results: str = Field(description="Kết quả đạt được.")
    criteria_set: CriteriaSetRef | None
    awarding_body: str
    decision_note: str = Field(description="Ý kiến của Thường trực, Ban Thường vụ.")
    decision: DecisionOut | None = Field(description="Quyết định công nhận, khi đã ghi nhận văn bản.")
    replicated_from: ModelRef | None = Field(description="Mô hình gốc, khi mô hình này nhân rộng từ đó.")
    replicated_at: datetime.date | None
    replication_note: str
    assessments: list[AssessmentOut] = Field(
        description="Phiếu tự chấm; phiếu thẩm định chỉ hiện với người thẩm định, phê duyệt, "
        "hoặc khi đã có quyết định."
    )
    evidence: list[EvidenceOut] = Field(description="Minh chứng (chỉ thông tin tệp; tải tệp trên giao diện).")
    reports: list[QuarterReportOut] = Field(description="Báo cáo kết quả từng quý.")


# --- records → dictionaries --------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _label(choices, value: str) -> str | None:
    return str(choices(value).label) if value else None


def model_out(model: EmulationModel) -> dict:
    return {
        "id": model.pk,
        "name": model.name,
        "kind": model.kind,
        "kind_label": str(model.get_kind_display()),
        "field": model.field,
        "field_label": str(model.get_field_display()),
        "status": model.status,
        "status_label": str(model.get_status_display()),
        "unit": out.unit_ref(model.unit),
        "owner_name": model.owner_name,
        "year": model.year,
        "self_score": _number(model.self_score),
        "appraisal_score": _number(model.appraisal_score),
        "grade": model.grade,
        "recognition_level": model.recognition_level or None,
        "recognition_level_label": _label(RecognitionLevel, model.recognition_level),
        "decision_number": model.decision_number or None,
        "decision_date": model.decision_date,
        "award": model.award or None,
        "award_label": _label(Award, model.award),
        "is_outstanding": model.is_outstanding,
        "version": model.version,
    }


def decision_out(decision: RecognitionDecision | None) -> dict | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "number": decision.number,
        "date": decision.date,
        "level": decision.level,
        "level_label": str(decision.get_level_display()),
        "issuing_unit": out.unit_ref(decision.unit),
        "issuer_name": decision.issuer_name,
        "awarding_body": decision.awarding_body,
        "award": decision.award or None,
        "award_label": _label(Award, decision.award),
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
    }


def model_detail(model: EmulationModel, user) -> dict:
    # As on the model's page: while it is undecided, the unit sees its own score sheet only.
    show_appraisals = scoping.can(user, Capability.APPROVE, model.unit) or not model.is_open
    assessments = [
        a
        for a in selectors.model_assessments(model=model)
        if show_appraisals or a.kind == AssessmentKind.SELF
    ]
    criteria_set = model.criteria_set
    source = model.replicated_from
    return {
        **model_out(model),
        "owner_position": model.owner_position,
        "owner_organisation": out.organisation_ref(model.owner_organisation),
        "period_start": model.period_start,
        "period_end": model.period_end,
        "description": model.description,
        "results": model.results,
        "criteria_set": None
        if criteria_set is None
        else {
            "id": criteria_set.pk,
            "name": criteria_set.name,
            "version": criteria_set.version,
            "max_total": float(criteria_set.max_total),
        },
        "awarding_body": model.awarding_body,
        "decision_note": model.decision_note,
        "decision": decision_out(
            RecognitionDecision.objects.select_related("unit").get(pk=model.decision_id)
            if model.decision_id
            else None
        ),
        "replicated_from": None
        if source is None
        else {"id": source.pk, "name": source.name, "unit": out.unit_ref(source.unit)},
        "replicated_at": model.replicated_at,
        "replication_note": model.replication_note,
        "assessments": [
            {
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "assessor_name": a.assessor_name,
                "organisation": a.organisation,
                "total": float(a.total),
                "grade": a.grade,
                "submitted_at": a.submitted_at,
            }
            for a in assessments
        ],
        "evidence": [
            {
                "id": e.pk,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "caption": e.caption,
                "is_image": e.is_image,
                "is_public": e.is_public,
                "uploaded_at": e.uploaded_at,
            }
            for e in model.evidence.all()
        ],
        "reports": [
            {"year": r.year, "quarter": r.quarter, "text": r.text, "submitted_at": r.submitted_at}
            for r in model.reports.all()
        ],
    }


# --- endpoints ---------------------------------------------------------------------------------


@router.get(
    "/emulation/models",
    response={200: page_schema(EmulationModelOut), **READ_ERRORS},
    summary="Danh sách mô hình “Dân vận khéo”",
)
def emulation_model_list(request, filters: Query[EmulationFilters], page: Query[PageParams]):
    """Mô hình tập thể và điển hình cá nhân trong phạm vi của người gọi, với các bộ lọc của danh sách."""
    model_filters = selectors.ModelFilters(
        status=filters.status or "",
        field=filters.field or "",
        kind=filters.kind or "",
        level=filters.recognition_level or "",
        year=filters.year,
        decided_year=filters.decided_year,
        unit=unit_from(code=filters.unit, field="unit", required=False),
        query=filters.q or "",
        sort=filters.sort,
    )
    return paginate(selectors.model_list(user=request.auth, filters=model_filters), page, model_out)


@router.get(
    "/emulation/models/{model_id}",
    response={200: EmulationModelDetail, **OBJECT_ERRORS},
    summary="Chi tiết mô hình “Dân vận khéo”",
)
def emulation_model_get(request, model_id: ModelId):
    """Thông tin, điểm tự chấm và thẩm định, quyết định công nhận, khen thưởng, minh chứng, báo cáo quý."""
    try:
        model = selectors.model_detail(user=request.auth, pk=model_id)
    except EmulationModel.DoesNotExist:
        raise Http404 from None
    return model_detail(model, request.auth)
