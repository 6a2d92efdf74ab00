import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability

from . import exports
from .builder import report_build, report_json
from .figures import check_text
from .forms import FigureCheckForm
from .forms_report import ReportForm
from .labels import labelled

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@member_required
def figure_check(request):
    """Paste a report or upload it; see which figures do not add up, and which were checked."""
    form = FigureCheckForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = check_text(form.cleaned_data["text"])
    return render(
        request,
        "reports/figure_check.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


def _report_for(request, data, compare=None):
    unit = data.get("don_vi")
    if unit is None:
        memberships = scoping.active_memberships(request.user)
        unit = memberships[0].unit if memberships else None
    if unit is None:
        return None
    if not scoping.can(request.user, Capability.VIEW, unit):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo của %(unit)s.") % {"unit": unit.name})
    return report_build(unit=unit, start=data["tu"], end=data["den"], compare=compare)


@member_required
def report_view(request):
    source = request.POST if request.method == "POST" else request.GET
    form = ReportForm(source or None)
    report = None
    if form.is_valid():
        report = _report_for(request, form.cleaned_data, form.comparison())
    elif not source:
        form = ReportForm({"ky": "year", "ngay": datetime.date.today().isoformat()})
        report = _report_for(request, form.cleaned_data) if form.is_valid() else None
    export = request.POST.get("xuat") if request.method == "POST" else None
    if report is not None and export in ("docx", "xlsx"):
        stamp = f"{report.unit.code}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}"
        if export == "docx":
            narrative = [line for line in request.POST.get("narrative", "").splitlines() if line.strip()]
            response = HttpResponse(
                exports.report_docx(report, narrative=narrative or None), content_type=DOCX
            )
        else:
            response = HttpResponse(exports.report_xlsx(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="bao-cao-{stamp}.{export}"'
        return response
    rows = []
    if report is not None:
        data = report_json(report)
        previous = data.get("comparison", {}).get("values", {})
        rows = [
            (item["label"], item, labelled(report.values[item["key"]].breakdowns), previous.get(item["key"]))
            for item in data["indicators"]
        ]
    return render(
        request,
        "reports/report.html",
        {
            "form": form,
            "report": report,
            "rows": rows,
            "chart": _chart(report) if report is not None else None,
        },
        status=400 if form.errors else 200,
    )


def _chart(report) -> dict:
    """Opinions by topic and meetings by level, for Chart.js."""
    from .builder import number

    received = report.values.get("petitions_received")
    held = report.values.get("meetings_held")
    topics = (
        dict(labelled({"topic": received.breakdowns.get("topic", {})})).get(_("lĩnh vực"), [])
        if received
        else []
    )
    levels = dict(labelled({"level": held.breakdowns.get("level", {})})).get(_("cấp"), []) if held else []
    return {
        "topics": {"labels": [m for m, _v in topics], "values": [number(v) for _m, v in topics]},
        "levels": {"labels": [m for m, _v in levels], "values": [number(v) for _m, v in levels]},
    }
