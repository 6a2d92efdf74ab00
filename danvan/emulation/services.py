"""Every write to a "Dân vận khéo" model: one atomic function per step, with its permission check.

registered → self_assessed → appraised → recognised | not_recognised; recognised → replicated.
The unit (RECORD on the model's unit) registers, edits, attaches evidence, reports each
quarter and scores itself; the board (APPROVE) appraises and decides. Each step locks
the row, checks the version the actor saw, appends an event and bumps the version.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import uploads
from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.textproc.folding import fold
from danvan.units.choices import Level
from danvan.units.models import Organisation, Unit
from danvan.units.selectors import unit_ancestor_codes

from . import issuers, scoring
from .choices import (
    DISTRICT_ABOLISHED,
    AssessmentKind,
    Award,
    EventKind,
    Field,
    IssuerKind,
    Kind,
    RecognitionLevel,
    Status,
)
from .criteria import criteria_set_for
from .models import Assessment, EmulationModel, Evidence, ModelEvent, QuarterReport, RecognitionDecision

TEXT_MAX = 20_000
EVIDENCE_PER_MODEL = 40
FIRST_YEAR = 2000
EDITABLE = (Status.REGISTERED, Status.SELF_ASSESSED)


# --- helpers ----------------------------------------------------------------------------------


def clean_text(value: str, *, field: str, required: bool = True, max_length: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Trường này không được để trống.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Dài quá %(max)s ký tự.") % {"max": max_length}})
    return value


def _lock(model: EmulationModel, expected_version: int | None) -> EmulationModel:
    locked = (
        EmulationModel.objects.select_for_update(of=("self",))
        .select_related("unit", "criteria_set")
        .get(pk=model.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Mô hình “%(name)s” vừa được người khác cập nhật; hãy tải lại trang rồi thao tác lại.")
            % {"name": locked.name},
            code="stale",
        )
    return locked


def _event(model: EmulationModel, kind: str, actor, text: str = "") -> None:
    ModelEvent.objects.create(
        model=model, kind=kind, actor=actor if actor and actor.is_authenticated else None, text=text
    )


def _save(model: EmulationModel, fields: list[str]) -> None:
    model.version += 1
    model.save(update_fields=sorted({"version", "updated_at", *fields}))


def _check_unit(unit: Unit) -> None:
    if unit.level == Level.NATION:
        raise ValidationError({"unit": _("Hãy chọn tỉnh, xã hoặc thôn có mô hình.")})
    if not unit.is_valid_on(timezone.localdate()):
        raise ValidationError({"unit": _("%(unit)s không còn hiệu lực.") % {"unit": unit.name}})


def _check_details(
    *,
    unit: Unit,
    kind: str,
    field: str,
    year: int,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    owner_organisation: Organisation | None,
) -> None:
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Loại mô hình không hợp lệ.")
    if field not in Field.values:
        errors["field"] = _("Lĩnh vực không hợp lệ.")
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year + 1:
        errors["year"] = _("Năm đăng ký phải từ %(first)s đến %(last)s.") % {
            "first": FIRST_YEAR,
            "last": this_year + 1,
        }
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if owner_organisation is not None and not (
        unit.path.startswith(owner_organisation.unit.path)
        or owner_organisation.unit.path.startswith(unit.path)
    ):
        errors["owner_organisation"] = _("Tổ chức chủ trì phải thuộc %(unit)s hoặc đơn vị cấp trên.") % {
            "unit": unit.name
        }
    if errors:
        raise ValidationError(errors)


# --- registration -----------------------------------------------------------------------------


@transaction.atomic
def model_register(
    *,
    actor,
    unit: Unit,
    name: str,
    kind: str,
    field: str,
    owner_name: str = "",
    description: str,
    year: int | None = None,
    owner_organisation: Organisation | None = None,
    owner_position: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    results: str = "",
    replicated_from: EmulationModel | None = None,
) -> EmulationModel:
    """A unit registers a model (or an exemplary individual) with its committee."""
    scoping.require(actor, Capability.RECORD, unit)
    _check_unit(unit)
    year = year or timezone.localdate().year
    _check_details(
        unit=unit,
        kind=kind,
        field=field,
        year=year,
        period_start=period_start,
        period_end=period_end,
        owner_organisation=owner_organisation,
    )
    name = clean_text(name, field="name", max_length=255)
    owner_name = (owner_name or "").strip() or (owner_organisation.name if owner_organisation else "")
    owner_name = clean_text(owner_name, field="owner_name", max_length=255)
    description = clean_text(description, field="description")
    if replicated_from is not None and not replicated_from.is_recognised:
        raise ValidationError({"replicated_from": _("Chỉ nhân rộng từ mô hình đã được công nhận.")})
    key = fold(name)
    if any(
        fold(other) == key
        for other in EmulationModel.objects.filter(unit=unit, year=year).values_list("name", flat=True)
    ):
        raise ValidationError(
            {
                "name": _("%(unit)s đã đăng ký mô hình “%(name)s” năm %(year)s.")
                % {"unit": unit.name, "name": name, "year": year}
            }
        )
    model = EmulationModel.objects.create(
        name=name,
        kind=kind,
        field=field,
        unit=unit,
        owner_organisation=owner_organisation,
        owner_name=owner_name,
        owner_position=(owner_position or "").strip()[:255],
        year=year,
        period_start=period_start,
        period_end=period_end,
        description=description,
        results=clean_text(results, field="results", required=False),
        criteria_set=criteria_set_for(subject=Kind(kind).subject, unit=unit),
        replicated_from=replicated_from,
        search_key=fold(f"{name} {owner_name}"),
        created_by=actor,
        **unit_ancestor_codes(unit=unit),
    )
    _event(model, EventKind.REGISTERED, actor, name)
    return model


@transaction.atomic
def model_update(
    *,
    actor,
    model: EmulationModel,
    name: str,
    kind: str,
    field: str,
    owner_name: str,
    description: str,
    year: int,
    owner_organisation: Organisation | None = None,
    owner_position: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    results: str = "",
    replicated_from: EmulationModel | None = None,
    unit: Unit | None = None,
    expected_version: int | None = None,
) -> EmulationModel:
    """Correct a model's details before it is appraised; its kind only before it is scored."""
    model = _lock(model, expected_version)
    scoping.require(actor, Capability.RECORD, model.unit)
    if model.status not in EDITABLE:
        raise ValidationError(
            _("Mô hình đã được thẩm định nên không sửa được thông tin."), code="not_editable"
        )
    unit = unit or model.unit
    if unit.pk != model.unit_id:
        scoping.require(actor, Capability.RECORD, unit)
        _check_unit(unit)
    _check_details(
        unit=unit,
        kind=kind,
        field=field,
        year=year,
        period_start=period_start,
        period_end=period_end,
        owner_organisation=owner_organisation,
    )
    if kind != model.kind and model.status != Status.REGISTERED:
        raise ValidationError({"kind": _("Mô hình đã tự chấm điểm nên không đổi được loại tập thể/cá nhân.")})
    if replicated_from is not None and (replicated_from.pk == model.pk or not replicated_from.is_recognised):
        raise ValidationError({"replicated_from": _("Chỉ nhân rộng từ mô hình khác đã được công nhận.")})
    model.name = clean_text(name, field="name", max_length=255)
    owner_name = (owner_name or "").strip() or (owner_organisation.name if owner_organisation else "")
    model.owner_name = clean_text(owner_name, field="owner_name", max_length=255)
    model.description = clean_text(description, field="description")
    model.results = clean_text(results, field="results", required=False)
    model.kind, model.field, model.year, model.unit = kind, field, year, unit
    model.owner_organisation, model.owner_position = owner_organisation, (owner_position or "").strip()[:255]
    model.period_start, model.period_end = period_start, period_end
    model.replicated_from = replicated_from
    model.search_key = fold(f"{model.name} {model.owner_name}")
    if model.status == Status.REGISTERED:
        model.criteria_set = criteria_set_for(subject=Kind(kind).subject, unit=unit)
    for code, value in unit_ancestor_codes(unit=unit).items():
        setattr(model, code, value)
    _save(
        model,
        [
            "name", "owner_name", "description", "results", "kind", "field", "year", "unit",
            "owner_organisation", "owner_position", "period_start", "period_end", "replicated_from",
            "search_key", "criteria_set", "province_code", "district_code", "commune_code",
        ],
    )  # fmt: skip
    _event(model, EventKind.UPDATED, actor)
    return model


# --- evidence and quarterly reports ------------------------------------------------------------


@transaction.atomic
def model_add_evidence(
    *, actor, model: EmulationModel, upload, caption: str = "", is_public: bool = False
) -> Evidence:
    """Attach a file; its type is read from its bytes, its size bounded by ``UPLOAD_MAX_BYTES``."""
    model = _lock(model, None)
    scoping.require(actor, Capability.RECORD, model.unit)
    if model.status == Status.NOT_RECOGNISED:
        raise ValidationError(_("Mô hình không được công nhận; không thêm minh chứng."), code="closed")
    if upload is None:
        raise ValidationError({"upload": _("Hãy chọn tệp minh chứng.")}, code="empty")
    try:
        content_type = uploads.check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.message_dict.get("attachment", error.messages)}) from error
    if is_public and not content_type.startswith("image/"):
        raise ValidationError(
            {"is_public": _("Chỉ ảnh mới được hiện trên trang giới thiệu.")}, code="not_image"
        )
    if model.evidence.count() >= EVIDENCE_PER_MODEL:
        raise ValidationError(
            _("Mỗi mô hình có tối đa %(max)s tệp minh chứng.") % {"max": EVIDENCE_PER_MODEL}, code="too_many"
        )
    original = (upload.name or "").rsplit("/", 1)[-1][:255] or uploads.storage_name("", content_type)
    evidence = Evidence(
        model=model,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        caption=(caption or "").strip()[:255],
        is_public=is_public,
        uploaded_by=actor,
    )
    evidence.file.save(uploads.storage_name(original, content_type), upload, save=False)
    storage, stored = evidence.file.storage, evidence.file.name
    try:
        evidence.save()
    except Exception:
        storage.delete(stored)
        raise
    _event(model, EventKind.EVIDENCE_ADDED, actor, evidence.caption or original)
    return evidence


@transaction.atomic
def model_remove_evidence(*, actor, evidence: Evidence) -> None:
    model = _lock(evidence.model, None)
    scoping.require(actor, Capability.RECORD, model.unit)
    if not model.is_open:
        raise ValidationError(_("Mô hình đã có quyết định; không gỡ được minh chứng."), code="decided")
    storage, stored, name = evidence.file.storage, evidence.file.name, evidence.original_name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    _event(model, EventKind.EVIDENCE_REMOVED, actor, name)


@transaction.atomic
def model_report_quarter(
    *, actor, model: EmulationModel, year: int, quarter: int, text: str
) -> QuarterReport:
    """The unit's report on its model for one quarter; sending it again replaces it."""
    model = _lock(model, None)
    scoping.require(actor, Capability.RECORD, model.unit)
    if model.status == Status.NOT_RECOGNISED:
        raise ValidationError(_("Mô hình không được công nhận; không cần báo cáo tiếp."), code="closed")
    today = timezone.localdate()
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4.")})
    if not model.year - 1 <= year <= today.year or (
        year == today.year and quarter > (today.month - 1) // 3 + 1
    ):
        raise ValidationError({"quarter": _("Không báo cáo cho quý chưa đến hoặc trước năm đăng ký.")})
    text = clean_text(text, field="text", max_length=10_000)
    report, _created = QuarterReport.objects.update_or_create(
        model=model, year=year, quarter=quarter, defaults={"text": text, "submitted_by": actor}
    )
    _event(model, EventKind.REPORTED, actor, _("Quý %(q)s/%(y)s") % {"q": quarter, "y": year})
    return report


# --- scoring ----------------------------------------------------------------------------------


@transaction.atomic
def model_self_assess(
    *,
    actor,
    model: EmulationModel,
    points: Mapping[int, object],
    notes: Mapping[int, str] | None = None,
    comment: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """The unit scores its own model on every criterion; it may rescore until an appraiser has scored it."""
    model = _lock(model, expected_version)
    scoping.require(actor, Capability.RECORD, model.unit)
    if model.status not in EDITABLE or model.assessments.filter(kind=AssessmentKind.APPRAISAL).exists():
        raise ValidationError(_("Mô hình đã được thẩm định; không tự chấm lại được."), code="appraised")
    if not model.assessments.exists():
        model.criteria_set = criteria_set_for(subject=model.subject, unit=model.unit)
    if model.criteria_set is None:
        raise ValidationError(_("Chưa có bộ tiêu chí nào được áp dụng cho loại mô hình này."), code="no_set")
    checked = scoring.check_scores(model.criteria_set, points, notes)
    assessment = scoring.save_assessment(
        target_field="model",
        target=model,
        kind=AssessmentKind.SELF,
        criteria_set=model.criteria_set,
        actor=actor,
        checked=checked,
        comment=comment,
    )
    model.self_score, model.grade, model.status = assessment.total, assessment.grade, Status.SELF_ASSESSED
    _save(model, ["self_score", "grade", "status", "criteria_set"])
    _event(model, EventKind.SELF_ASSESSED, actor, _("Tổng điểm %(total)s") % {"total": assessment.total})
    return assessment


def _refresh_appraisal(model: EmulationModel) -> None:
    totals = list(model.assessments.filter(kind=AssessmentKind.APPRAISAL).values_list("total", flat=True))
    model.appraisal_score = scoring.mean(totals)
    band = scoring.grade_for(scoring.grades_of(model.criteria_set), model.appraisal_score)
    model.grade = band.label if band else ""


@transaction.atomic
def model_appraise(
    *,
    actor,
    model: EmulationModel,
    points: Mapping[int, object],
    notes: Mapping[int, str] | None = None,
    comment: str = "",
    organisation: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """One appraiser scores every criterion; scoring again replaces their own sheet, never another's."""
    model = _lock(model, expected_version)
    scoping.require(actor, Capability.APPROVE, model.unit)
    if model.status not in (Status.SELF_ASSESSED, Status.APPRAISED):
        raise ValidationError(
            _("Chỉ thẩm định mô hình đã tự chấm điểm và chưa có quyết định."), code="not_self_assessed"
        )
    checked = scoring.check_scores(model.criteria_set, points, notes)
    assessment = scoring.save_assessment(
        target_field="model",
        target=model,
        kind=AssessmentKind.APPRAISAL,
        criteria_set=model.criteria_set,
        actor=actor,
        checked=checked,
        comment=comment,
        organisation=organisation,
    )
    _refresh_appraisal(model)
    model.status = Status.APPRAISED
    _save(model, ["appraisal_score", "grade", "status"])
    _event(
        model,
        EventKind.APPRAISED,
        actor,
        _("%(who)s: %(total)s điểm") % {"who": assessment.assessor_name, "total": assessment.total},
    )
    return assessment


# --- the board's decision -----------------------------------------------------------------------


def _decision_for(
    *,
    actor,
    unit: Unit,
    level: str,
    number: str,
    date: datetime.date,
    award: str,
    awarding_body: str,
    document: Mapping[str, str],
) -> RecognitionDecision:
    """The decision with this number at ``unit``: the existing one when it matches, else a new one."""
    existing = RecognitionDecision.objects.select_for_update().filter(unit=unit, number=number).first()
    if existing is not None:
        if existing.level != level or existing.date != date:
            raise ValidationError(
                {
                    "decision_number": _(
                        "Số %(number)s đã dùng cho quyết định %(level)s ngày %(date)s của %(unit)s."
                    )
                    % {
                        "number": number,
                        "level": existing.get_level_display().lower(),
                        "date": f"{existing.date:%d/%m/%Y}",
                        "unit": unit.name,
                    }
                }
            )
        return existing
    issuer_kind = document.get("issuer_kind") or IssuerKind.PARTY
    if issuer_kind not in IssuerKind.values:
        raise ValidationError({"issuer_kind": _("Thể thức văn bản không hợp lệ.")})
    defaults = issuers.document_defaults(unit, issuer_kind)

    def pick(key: str, default: str, limit: int) -> str:
        return (document.get(key) or default).strip()[:limit]

    try:
        with transaction.atomic():
            return RecognitionDecision.objects.create(
                unit=unit,
                level=level,
                number=number,
                date=date,
                issuer_kind=issuer_kind,
                issuer_parent=pick("issuer_parent", defaults.issuer_parent, 200),
                issuer_name=pick("issuer_name", defaults.issuer_name, 200),
                awarding_body=awarding_body or defaults.awarding_body,
                award=award,
                place=pick("place", defaults.place, 100),
                basis=pick("basis", issuers.default_basis(unit, issuer_kind), 5000),
                signer_on_behalf=pick("signer_on_behalf", defaults.signer_on_behalf, 100),
                signer_title=pick("signer_title", defaults.signer_title, 100),
                signer_name=pick("signer_name", "", 120),
                created_by=actor,
            )
    except IntegrityError as error:  # two boards typed the same new number at once
        raise ValidationError(
            {
                "decision_number": _("Quyết định số %(number)s vừa được người khác ghi; hãy thử lại.")
                % {"number": number}
            }
        ) from error


def _check_recognition(level: str, number: str, date: datetime.date | None, award: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if level not in RecognitionLevel.values:
        errors["level"] = _("Hãy chọn cấp công nhận.")
    if not number:
        errors["decision_number"] = _("Hãy nhập số, ký hiệu quyết định.")
    elif len(number) > 50 or not any(ch.isdigit() for ch in number):
        errors["decision_number"] = _("Số, ký hiệu quyết định phải có số, ví dụ 125-QĐ/HU.")
    if date is None:
        errors["decision_date"] = _("Hãy nhập ngày ký quyết định.")
    elif date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    elif level == RecognitionLevel.DISTRICT and date >= DISTRICT_ABOLISHED:
        errors["level"] = _("Cấp huyện đã kết thúc hoạt động từ 01/7/2025; hãy chọn cấp xã hoặc cấp tỉnh.")
    if award not in Award.values:
        errors["award"] = _("Hình thức khen thưởng không hợp lệ.")
    return errors


@transaction.atomic
def models_decide(
    *,
    actor,
    models: Sequence[EmulationModel],
    recognised: bool,
    level: str = "",
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    award: str = "",
    awarding_body: str = "",
    outstanding: Sequence[int] = (),
    note: str = "",
    document: Mapping[str, str] | None = None,
    expected_versions: Mapping[int, int] | None = None,
) -> RecognitionDecision | None:
    """The board's decision on appraised models, in one step: recognise (level, number, date, award) or not.

    Recognised models of one call share one decision document; a decision number that
    already exists at the issuing unit adds the models to that decision.
    """
    if not models:
        raise ValidationError(_("Hãy chọn ít nhất một mô hình."), code="empty")
    expected_versions = expected_versions or {}
    locked = [_lock(m, expected_versions.get(m.pk)) for m in sorted(models, key=lambda m: m.pk)]
    for model in locked:
        scoping.require(actor, Capability.APPROVE, model.unit)
        if model.status != Status.APPRAISED:
            raise ValidationError(
                _("Mô hình “%(name)s” chưa được thẩm định hoặc đã có quyết định.") % {"name": model.name},
                code="not_appraised",
            )
    note = (note or "").strip()[:5000]
    number = (decision_number or "").strip()
    if not recognised:
        if not note:
            raise ValidationError({"note": _("Hãy ghi lý do không công nhận.")})
        if decision_date and decision_date > timezone.localdate():
            raise ValidationError({"decision_date": _("Ngày quyết định không được sau hôm nay.")})
        for model in locked:
            model.status, model.decision_note, model.decided_by = Status.NOT_RECOGNISED, note, actor
            model.decision_number, model.decision_date = number[:50], decision_date
            _save(model, ["status", "decision_note", "decided_by", "decision_number", "decision_date"])
            _event(model, EventKind.NOT_RECOGNISED, actor, note)
        return None

    errors = _check_recognition(level, number, decision_date, award)
    if errors:
        raise ValidationError(errors)
    units = set()
    for model in locked:
        issuer = issuers.issuing_unit(model.unit, level, decision_date)
        if issuer is None:
            raise ValidationError(
                {
                    "level": _("Không công nhận được “%(name)s” ở %(level)s.")
                    % {"name": model.name, "level": RecognitionLevel(level).label.lower()}
                }
            )
        if not scoping.can(actor, Capability.APPROVE, issuer):
            raise PermissionDenied(
                _("Bạn không có quyền công nhận mô hình %(level)s của %(unit)s.")
                % {"level": RecognitionLevel(level).label.lower(), "unit": issuer.name}
            )
        if model.appraisal_score is not None and not note:
            band = scoring.grade_for(scoring.grades_of(model.criteria_set), model.appraisal_score)
            if not (band and band.qualifies):
                raise ValidationError(
                    {
                        "note": _(
                            "Điểm thẩm định bình quân của “%(name)s” (%(score)s) chưa đạt mức công nhận; "
                            "hãy ghi ý kiến kết luận nếu vẫn công nhận."
                        )
                        % {"name": model.name, "score": model.appraisal_score}
                    }
                )
        units.add(issuer)
    if len(units) > 1:
        raise ValidationError(
            {"level": _("Các mô hình của một quyết định phải do cùng một cấp ủy công nhận.")},
            code="many_issuers",
        )
    issuer = units.pop()
    decision = _decision_for(
        actor=actor,
        unit=issuer,
        level=level,
        number=number,
        date=decision_date,
        award=award,
        awarding_body=(awarding_body or "").strip()[:200],
        document=document or {},
    )
    for model in locked:
        model.status = Status.RECOGNISED
        model.recognition_level, model.decision = level, decision
        model.decision_number, model.decision_date = decision.number, decision.date
        model.award, model.awarding_body = decision.award, decision.awarding_body
        model.is_outstanding, model.decision_note, model.decided_by = (
            model.pk in set(outstanding),
            note,
            actor,
        )
        _save(
            model,
            [
                "status", "recognition_level", "decision", "decision_number", "decision_date", "award",
                "awarding_body", "is_outstanding", "decision_note", "decided_by",
            ],
        )  # fmt: skip
        _event(
            model,
            EventKind.RECOGNISED,
            actor,
            _("%(level)s, quyết định số %(number)s ngày %(date)s")
            % {
                "level": RecognitionLevel(level).label,
                "number": decision.number,
                "date": f"{decision.date:%d/%m/%Y}",
            },
        )
        source = model.replicated_from
        if source is not None and source.status == Status.RECOGNISED:
            _replicate(
                source,
                actor,
                _("Được nhân rộng tại %(unit)s: “%(name)s”.") % {"unit": model.unit.name, "name": model.name},
                decision.date,
            )
    return decision


def model_decide(
    *, actor, model: EmulationModel, expected_version: int | None = None, **decision
) -> RecognitionDecision | None:
    """``models_decide`` for one model, as the model's page records it."""
    outstanding = [model.pk] if decision.pop("is_outstanding", False) else []
    return models_decide(
        actor=actor,
        models=[model],
        outstanding=outstanding,
        expected_versions={model.pk: expected_version} if expected_version is not None else None,
        **decision,
    )


def _replicate(model: EmulationModel, actor, note: str, day: datetime.date) -> None:
    model = _lock(model, None)
    model.status, model.replicated_at = Status.REPLICATED, day
    model.replication_note = "\n".join(filter(None, [model.replication_note, note]))
    _save(model, ["status", "replicated_at", "replication_note"])
    _event(model, EventKind.REPLICATED, actor, note)


@transaction.atomic
def model_mark_replicated(
    *,
    actor,
    model: EmulationModel,
    note: str,
    day: datetime.date | None = None,
    expected_version: int | None = None,
) -> EmulationModel:
    """The board records that a recognised model has been replicated elsewhere."""
    model = _lock(model, expected_version)
    scoping.require(actor, Capability.APPROVE, model.unit)
    if model.status not in Status.recognised_values():
        raise ValidationError(_("Chỉ nhân rộng mô hình đã được công nhận."), code="not_recognised")
    note = clean_text(note, field="note", max_length=2000)
    day = day or timezone.localdate()
    if day > timezone.localdate() or (model.decision_date and day < model.decision_date):
        raise ValidationError({"day": _("Ngày nhân rộng phải từ ngày công nhận đến hôm nay.")})
    _replicate(model, actor, note, day)
    return EmulationModel.objects.get(pk=model.pk)


@transaction.atomic
def decision_update_document(
    *,
    actor,
    decision: RecognitionDecision,
    issuer_kind: str,
    issuer_parent: str,
    issuer_name: str,
    place: str,
    basis: str,
    signer_on_behalf: str,
    signer_title: str,
    signer_name: str,
    awarding_body: str,
) -> RecognitionDecision:
    """Correct how the decision document reads (header, preamble, signer) before printing it."""
    decision = RecognitionDecision.objects.select_for_update().get(pk=decision.pk)
    scoping.require(actor, Capability.APPROVE, decision.unit)
    if issuer_kind not in IssuerKind.values:
        raise ValidationError({"issuer_kind": _("Thể thức văn bản không hợp lệ.")})
    decision.issuer_kind = issuer_kind
    decision.issuer_parent = (issuer_parent or "").strip()[:200]
    decision.issuer_name = clean_text(issuer_name, field="issuer_name", max_length=200)
    decision.place = clean_text(place, field="place", max_length=100)
    decision.basis = clean_text(basis, field="basis", required=False, max_length=5000)
    decision.signer_on_behalf = (signer_on_behalf or "").strip()[:100]
    decision.signer_title = (signer_title or "").strip()[:100]
    decision.signer_name = (signer_name or "").strip()[:120]
    decision.awarding_body = clean_text(awarding_body, field="awarding_body", max_length=200)
    decision.save()
    decision.models.update(awarding_body=decision.awarding_body)
    return decision
