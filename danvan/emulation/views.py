"""Thin views over the models' lifecycle: list, register, score, appraise, decide, evidence, exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import Level
from danvan.units.models import Organisation, Unit
from danvan.units.selectors import valid_on_q

from . import exports, selectors, services
from .choices import AssessmentKind, EventKind, IssuerKind, Status
from .criteria import criteria_set_for
from .forms import (
    BatchDecisionForm,
    DecisionDocumentEditForm,
    DecisionForm,
    EmulationModelForm,
    EvidenceForm,
    ModelFilterForm,
    QuarterReportForm,
    ReplicateForm,
    ScoreForm,
    StatsForm,
)
from .models import EmulationModel, Evidence, RecognitionDecision
from .scoring import score_matrix
from .statistics import recognition_stats

PAGE_SIZE = 25


# --- shared helpers ---------------------------------------------------------------------------


def errors_to_form(form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields, or above the form when it has no such field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def has_capability(user, capability: str) -> bool:
    return not scoping.scope_for(user, capability).is_empty


def _visible(request, pk: int) -> EmulationModel:
    try:
        return selectors.model_detail(user=request.user, pk=pk)
    except EmulationModel.DoesNotExist as error:
        raise Http404(_("Không tìm thấy mô hình.")) from error


def _record_units(user):
    scope = scoping.scope_for(user, Capability.RECORD)
    return (
        Unit.objects.filter(scope.q("path"))
        .filter(valid_on_q(timezone.localdate()))
        .exclude(level__in=[Level.NATION, Level.DISTRICT])
        .select_related("parent")
        .order_by("path")
    )


def _organisations(user):
    scope = scoping.scope_for(user, Capability.RECORD)
    return Organisation.objects.filter(scope.q("unit__path"), is_active=True).select_related("unit")


# --- list and to-do ---------------------------------------------------------------------------


def _filters(request) -> tuple[ModelFilterForm, selectors.ModelFilters]:
    form = ModelFilterForm(request.GET or None)
    filters = selectors.ModelFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ModelFilters(
            status=data["status"],
            field=data["field"],
            kind=data["kind"],
            level=data["level"],
            year=data["nam"],
            decided_year=data["nam_cong_nhan"],
            unit=data["don_vi"],
            query=data["q"],
            sort=data["sort"] or "-year",
        )
    return form, filters


@member_required
def index(request):
    form, filters = _filters(request)
    models = selectors.model_list(user=request.user, filters=filters)
    page = Paginator(models, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "emulation/index.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "counters": selectors.model_counters(user=request.user),
            "todo": selectors.model_todo(user=request.user),
            "can_record": has_capability(request.user, Capability.RECORD),
            "can_approve": has_capability(request.user, Capability.APPROVE),
        },
    )


# --- registration and editing -----------------------------------------------------------------


def _model_form(request, *, data=None, **kwargs) -> EmulationModelForm:
    return EmulationModelForm(
        data,
        units=_record_units(request.user),
        organisations=_organisations(request.user),
        sources=selectors.replication_sources(user=request.user),
        **kwargs,
    )


@member_required
def register(request):
    if not has_capability(request.user, Capability.RECORD):
        raise PermissionDenied(_("Bạn không có quyền đăng ký mô hình."))
    form = _model_form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            model = services.model_register(actor=request.user, **data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Đã đăng ký mô hình “%(name)s”. Bước tiếp theo: tự chấm điểm.") % {"name": model.name},
            )
            return redirect("emulation:detail", pk=model.pk)
    status = 400 if form.errors else 200
    return render(request, "emulation/model_form.html", {"form": form, "model": None}, status=status)


@member_required
def edit(request, pk: int):
    model = _visible(request, pk)
    scoping.require(request.user, Capability.RECORD, model.unit)
    initial = {
        name: getattr(model, name)
        for name in (
            "unit", "name", "kind", "field", "owner_organisation", "owner_name", "owner_position", "year",
            "period_start", "period_end", "description", "results", "replicated_from", "version",
        )
    }  # fmt: skip
    form = _model_form(request, data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.model_update(actor=request.user, model=model, expected_version=version, **data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã cập nhật thông tin mô hình."))
            return redirect("emulation:detail", pk=model.pk)
    status = 400 if form.errors else 200
    return render(request, "emulation/model_form.html", {"form": form, "model": model}, status=status)


# --- the model's page ---------------------------------------------------------------------------


def _events(model: EmulationModel, show_appraisals: bool) -> list:
    """The model's history; while it is open, the unit does not see who appraised it with what score."""
    events = list(model.events.select_related("actor"))
    if not show_appraisals:
        for event in events:
            if event.kind == EventKind.APPRAISED:
                event.actor, event.text = None, ""
    return events


def _detail_context(request, model: EmulationModel, **extra) -> dict:
    user = request.user
    may_record = scoping.can(user, Capability.RECORD, model.unit)
    may_approve = scoping.can(user, Capability.APPROVE, model.unit)
    assessments = selectors.model_assessments(model=model)
    has_appraisal = any(a.kind == AssessmentKind.APPRAISAL for a in assessments)
    show_appraisals = may_approve or not model.is_open
    shown = assessments if show_appraisals else [a for a in assessments if a.kind == AssessmentKind.SELF]
    context = {
        "model": model,
        "matrix": score_matrix(shown, model.criteria_set),
        "show_appraisals": show_appraisals,
        "my_appraisal": next(
            (a for a in assessments if a.kind == AssessmentKind.APPRAISAL and a.assessor_id == user.pk), None
        ),
        "evidence": list(model.evidence.select_related("uploaded_by")),
        "reports": list(model.reports.select_related("submitted_by")),
        "events": _events(model, show_appraisals),
        "replications": list(model.replications.select_related("unit")),
        "may_edit": may_record and model.status in services.EDITABLE,
        "may_self_assess": may_record and model.status in services.EDITABLE and not has_appraisal,
        "may_appraise": may_approve and model.status in (Status.SELF_ASSESSED, Status.APPRAISED),
        "may_decide": may_approve and model.status == Status.APPRAISED,
        "may_replicate": may_approve and model.status in Status.recognised_values(),
        "may_add_evidence": may_record and model.status != Status.NOT_RECOGNISED,
        "may_remove_evidence": may_record and model.is_open,
        "evidence_form": EvidenceForm(),
        "report_form": QuarterReportForm(),
        "replicate_form": ReplicateForm(initial={"version": model.version}),
    }
    context.update(extra)
    return context


@member_required
def detail(request, pk: int):
    model = _visible(request, pk)
    return render(request, "emulation/detail.html", _detail_context(request, model))


@member_required
@require_POST
def evidence_add(request, pk: int):
    model = _visible(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.model_add_evidence(actor=request.user, model=model, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã thêm minh chứng."))
            return redirect("emulation:detail", pk=pk)
    return render(
        request, "emulation/detail.html", _detail_context(request, model, evidence_form=form), status=400
    )


@member_required
def evidence_download(request, pk: int):
    evidence = Evidence.objects.select_related("model").filter(pk=pk).first()
    if (
        evidence is None
        or not selectors.models_visible_to(user=request.user).filter(pk=evidence.model_id).exists()
    ):
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=not evidence.is_image,  # photos open in the browser; documents download
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@member_required
@require_POST
def evidence_remove(request, pk: int):
    evidence = Evidence.objects.select_related("model").filter(pk=pk).first()
    if (
        evidence is None
        or not selectors.models_visible_to(user=request.user).filter(pk=evidence.model_id).exists()
    ):
        raise Http404(_("Không tìm thấy tệp."))
    try:
        services.model_remove_evidence(actor=request.user, evidence=evidence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gỡ minh chứng “%(name)s”.") % {"name": evidence.original_name})
    return redirect("emulation:detail", pk=evidence.model_id)


@member_required
@require_POST
def report_add(request, pk: int):
    model = _visible(request, pk)
    form = QuarterReportForm(request.POST)
    if form.is_valid():
        try:
            services.model_report_quarter(actor=request.user, model=model, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã gửi báo cáo quý."))
            return redirect("emulation:detail", pk=pk)
    return render(
        request, "emulation/detail.html", _detail_context(request, model, report_form=form), status=400
    )


# --- scoring --------------------------------------------------------------------------------


def score_page(
    request, *, target, criteria_set, appraisal: bool, existing, save, back_url: str, heading: str
):
    """The score sheet of a model or a rating: GET shows it, POST saves it through ``save``."""
    initial_scores = {s.criterion_id: s for s in existing.scores.all()} if existing else {}
    initial = {"version": target.version}
    if existing:
        initial.update(comment=existing.comment, organisation=existing.organisation)
    form = ScoreForm(
        request.POST or None,
        criteria_set=criteria_set,
        appraisal=appraisal,
        initial=initial,
        initial_scores=initial_scores,
    )
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            return None
    grades = list(criteria_set.grades.order_by("-min_points"))
    context = {
        "target": target,
        "form": form,
        "criteria_set": criteria_set,
        "appraisal": appraisal,
        "back_url": back_url,
        "heading": heading,
        "max_total": criteria_set.max_total,
        "grades": grades,
        "grades_json": [[g.label, float(g.min_points)] for g in grades],
    }
    return render(request, "emulation/score.html", context, status=400 if form.errors else 200)


@member_required
def self_assess(request, pk: int):
    model = _visible(request, pk)
    scoping.require(request.user, Capability.RECORD, model.unit)
    if (
        model.status not in services.EDITABLE
        or model.assessments.filter(kind=AssessmentKind.APPRAISAL).exists()
    ):
        messages.error(request, _("Mô hình đã được thẩm định; không tự chấm lại được."))
        return redirect("emulation:detail", pk=pk)
    criteria_set = model.criteria_set
    if not model.assessments.exists():
        criteria_set = criteria_set_for(subject=model.subject, unit=model.unit)
    if criteria_set is None:
        messages.error(request, _("Chưa có bộ tiêu chí nào được áp dụng cho loại mô hình này."))
        return redirect("emulation:detail", pk=pk)

    def save(form):
        services.model_self_assess(
            actor=request.user,
            model=model,
            points=form.points(),
            notes=form.notes(),
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )

    response = score_page(
        request,
        target=model,
        criteria_set=criteria_set,
        appraisal=False,
        existing=model.assessments.filter(kind=AssessmentKind.SELF).first(),
        save=save,
        back_url=model.get_absolute_url(),
        heading=_("Tự chấm điểm: %(name)s") % {"name": model.name},
    )
    if response is None:
        messages.success(request, _("Đã lưu phiếu tự chấm điểm. Mô hình chờ thẩm định."))
        return redirect("emulation:detail", pk=pk)
    return response


@member_required
def appraise(request, pk: int):
    model = _visible(request, pk)
    scoping.require(request.user, Capability.APPROVE, model.unit)
    if model.status not in (Status.SELF_ASSESSED, Status.APPRAISED):
        messages.error(request, _("Chỉ thẩm định mô hình đã tự chấm điểm và chưa có quyết định."))
        return redirect("emulation:detail", pk=pk)

    def save(form):
        services.model_appraise(
            actor=request.user,
            model=model,
            points=form.points(),
            notes=form.notes(),
            comment=form.cleaned_data["comment"],
            organisation=form.cleaned_data.get("organisation") or "",
            expected_version=form.cleaned_data["version"],
        )

    response = score_page(
        request,
        target=model,
        criteria_set=model.criteria_set,
        appraisal=True,
        existing=model.assessments.filter(kind=AssessmentKind.APPRAISAL, assessor=request.user).first(),
        save=save,
        back_url=model.get_absolute_url(),
        heading=_("Thẩm định: %(name)s") % {"name": model.name},
    )
    if response is None:
        messages.success(request, _("Đã lưu phiếu thẩm định."))
        return redirect("emulation:detail", pk=pk)
    return response


# --- the board's decision -------------------------------------------------------------------------


@member_required
def decide(request, pk: int):
    model = _visible(request, pk)
    scoping.require(request.user, Capability.APPROVE, model.unit)
    if model.status != Status.APPRAISED:
        messages.error(request, _("Mô hình chưa được thẩm định hoặc đã có quyết định."))
        return redirect("emulation:detail", pk=pk)
    form = DecisionForm(
        request.POST or None,
        initial={"version": model.version, "decision_date": timezone.localdate(), "is_outstanding": False},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.model_decide(
                actor=request.user,
                model=model,
                expected_version=form.cleaned_data["version"],
                is_outstanding=form.cleaned_data["is_outstanding"],
                **form.decision_kwargs(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if decision is None:
                messages.success(request, _("Đã ghi kết luận không công nhận."))
                return redirect("emulation:detail", pk=pk)
            messages.success(
                request,
                _("Đã công nhận mô hình theo Quyết định số %(number)s. Tải quyết định và giấy khen bên dưới.")
                % {"number": decision.number},
            )
            return redirect("emulation:decision", pk=decision.pk)
    assessments = selectors.model_assessments(model=model)
    return render(
        request,
        "emulation/decide.html",
        {"model": model, "form": form, "matrix": score_matrix(assessments, model.criteria_set)},
        status=400 if form.errors else 200,
    )


@member_required
def decide_batch(request):
    if not has_capability(request.user, Capability.APPROVE):
        raise PermissionDenied(_("Bạn không có quyền công nhận mô hình."))
    candidates = selectors.models_awaiting_decision(user=request.user)
    form = BatchDecisionForm(
        request.POST or None, candidates=candidates, initial={"decision_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.models_decide(
                actor=request.user,
                models=list(form.cleaned_data["models"]),
                outstanding=[m.pk for m in form.cleaned_data["outstanding"]],
                **form.decision_kwargs(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            count = len(form.cleaned_data["models"])
            if decision is None:
                messages.success(request, _("Đã ghi kết luận không công nhận %(n)s mô hình.") % {"n": count})
                return redirect("emulation:index")
            messages.success(
                request,
                _("Đã công nhận %(n)s mô hình theo Quyết định số %(number)s.")
                % {"n": count, "number": decision.number},
            )
            return redirect("emulation:decision", pk=decision.pk)
    return render(
        request,
        "emulation/decide_batch.html",
        {"form": form, "candidates": list(candidates)},
        status=400 if form.errors else 200,
    )


@member_required
@require_POST
def replicate(request, pk: int):
    model = _visible(request, pk)
    form = ReplicateForm(request.POST)
    if form.is_valid():
        try:
            services.model_mark_replicated(
                actor=request.user,
                model=model,
                note=form.cleaned_data["note"],
                day=form.cleaned_data["day"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Đã ghi nhận mô hình được nhân rộng."))
            return redirect("emulation:detail", pk=pk)
    return render(
        request, "emulation/detail.html", _detail_context(request, model, replicate_form=form), status=400
    )


@member_required
def model_certificate(request, pk: int):
    model = _visible(request, pk)
    if not model.is_recognised or model.decision is None:
        raise Http404(_("Mô hình chưa được công nhận."))
    return docx_response(exports.certificates_docx([model]), f"giay-khen-mo-hinh-{model.pk}.docx")


# --- decisions ------------------------------------------------------------------------------------


def _decision(request, pk: int) -> RecognitionDecision:
    try:
        return selectors.decision_detail(user=request.user, pk=pk)
    except RecognitionDecision.DoesNotExist as error:
        raise Http404(_("Không tìm thấy quyết định.")) from error


@member_required
def decisions(request):
    page = Paginator(selectors.decision_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "emulation/decisions.html", {"page": page})


@member_required
def decision_detail(request, pk: int):
    decision = _decision(request, pk)
    may_edit = scoping.can(request.user, Capability.APPROVE, decision.unit)
    fields = (*DecisionDocumentEditForm.DOCUMENT_FIELDS, "awarding_body")
    form = DecisionDocumentEditForm(request.POST or None, initial={f: getattr(decision, f) for f in fields})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Bạn không có quyền sửa quyết định này."))
        if form.is_valid():
            data = {f: form.cleaned_data.get(f) or "" for f in fields}
            data["issuer_kind"] = data["issuer_kind"] or IssuerKind.PARTY
            try:
                services.decision_update_document(actor=request.user, decision=decision, **data)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("Đã cập nhật thể thức quyết định."))
                return redirect("emulation:decision", pk=pk)
    models = list(selectors.decision_models(decision=decision))
    return render(
        request,
        "emulation/decision.html",
        {"decision": decision, "models": models, "form": form, "may_edit": may_edit},
        status=400 if form.errors else 200,
    )


def _filename(decision: RecognitionDecision, prefix: str) -> str:
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in decision.number).strip("-")
    return f"{prefix}-{safe or decision.pk}.docx"


@member_required
def decision_docx(request, pk: int):
    decision = _decision(request, pk)
    models = list(selectors.decision_models(decision=decision))
    return docx_response(exports.decision_docx(decision, models), _filename(decision, "quyet-dinh"))


@member_required
def decision_certificates(request, pk: int):
    decision = _decision(request, pk)
    models = list(selectors.decision_models(decision=decision).select_related("decision"))
    if not models:
        raise Http404(_("Quyết định chưa có mô hình nào."))
    return docx_response(exports.certificates_docx(models), _filename(decision, "giay-khen"))


# --- statistics ---------------------------------------------------------------------------------


def _stats(request):
    form = StatsForm(request.GET or None)
    year = timezone.localdate().year
    options = {"year_from": year, "year_to": year, "compare_year": year - 1, "unit": None}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        options = {
            "year_from": data["tu_nam"],
            "year_to": data["den_nam"],
            "compare_year": data["so_voi"],
            "unit": data["don_vi"],
        }
    stats = recognition_stats(base=selectors.models_visible_to(user=request.user), **options)
    return form, stats


@member_required
def statistics(request):
    form, stats = _stats(request)
    query = request.GET.urlencode()
    scope = scoping.scope_for(request.user)
    outside = stats.unit is not None and not scope.covers(stats.unit) and not scope.everything
    return render(
        request,
        "emulation/statistics.html",
        {"form": form, "stats": stats, "query_string": query, "outside": outside},
        status=400 if form.errors else 200,
    )


@member_required
def statistics_xlsx(request):
    _form, stats = _stats(request)
    response = HttpResponse(exports.stats_xlsx(stats), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="dan-van-kheo-{stats.year_from}-{stats.year_to}.xlsx"'
    )
    return response
