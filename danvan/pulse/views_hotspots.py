"""Officials' pages of hot spots ("Điểm nóng") and of the opinion pulse ("Nhịp dư luận"), with its map."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts import scoping
from danvan.accounts.decorators import member_required
from danvan.accounts.roles import Capability
from danvan.units.choices import LEVEL_DEPTH, Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code

from . import hotspot_selectors as selectors
from . import hotspot_services as services
from . import trend_selectors as trends
from .models import Hotspot, HotspotEventKind, HotspotStatus, Rule, Severity

PAGE_SIZE = 25
LEVEL_LABELS = dict(Level.choices)
ACTIONS = {
    "theo-doi": HotspotEventKind.WATCHING,
    "da-xu-ly": HotspotEventKind.HANDLED,
    "ket-thuc": HotspotEventKind.CLOSED,
    "ghi-chu": HotspotEventKind.NOTE,
}


def _unit_from(request, name: str = "don_vi") -> Unit | None:
    code = (request.GET.get(name) or "").strip()
    if not code:
        return None
    unit = unit_by_code(code=code, day=timezone.localdate())
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code[:32]})
    if not scoping.can(request.user, Capability.VIEW, unit):
        raise PermissionDenied(_("Bạn không có quyền xem đơn vị này."))
    return unit


def _home_unit(user) -> Unit:
    """The widest unit the user is a member of (the nation for a superuser)."""
    memberships = [m for m in scoping.active_memberships(user) if m.unit.valid_to is None] or list(
        scoping.active_memberships(user)
    )
    if memberships:
        return min((m.unit for m in memberships), key=lambda u: (LEVEL_DEPTH[u.level], u.path))
    unit = Unit.objects.filter(level="nation").first() if user.is_superuser else None
    if unit is None:
        raise PermissionDenied(_("Bạn chưa là thành viên của đơn vị nào."))
    return unit


@member_required
@require_GET
def hotspot_list(request):
    filters = selectors.HotspotFilters(
        rule=request.GET.get("dau_hieu", ""),
        status=request.GET.get("trang_thai", "open"),
        severity=request.GET.get("muc_do", ""),
        unit=_unit_from(request),
    )
    page = Paginator(selectors.hotspot_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "pulse/hotspots/list.html",
        {
            "page": page,
            "filters": filters,
            "unit_code": request.GET.get("don_vi", ""),
            "rules": Rule.choices,
            "statuses": [("open", _("Đang mở")), *HotspotStatus.choices, ("all", _("Tất cả"))],
            "severities": Severity.choices,
            "query_string": query.urlencode(),
        },
    )


def _visible(request, pk: int) -> Hotspot:
    try:
        return selectors.hotspot_detail(user=request.user, pk=pk)
    except Hotspot.DoesNotExist as error:
        raise Http404(_("Không tìm thấy điểm nóng.")) from error


@member_required
@require_GET
def hotspot_detail(request, pk: int):
    hotspot = _visible(request, pk)
    figures = [
        (FIGURE_LABELS.get(k, k), _figure(v))
        for k, v in hotspot.figures.items()
        if not k.startswith("_") and k in FIGURE_LABELS
    ]
    return render(
        request,
        "pulse/hotspots/detail.html",
        {
            "hotspot": hotspot,
            "figures": figures,
            "records": selectors.hotspot_records(hotspot=hotspot),
            "record_count": hotspot.records.count(),
            "timeline": selectors.hotspot_timeline(hotspot=hotspot),
            "may_act": services.may_act(request.user, hotspot),
            "actions": [(slug, kind) for slug, kind in ACTIONS.items() if _allowed(hotspot, kind)],
            "report_url": f"{reverse('reports:report')}?don_vi={hotspot.unit.code}&ky=quarter",
        },
    )


FIGURE_LABELS = {
    "count": gettext_lazy("Số ý kiến"),
    "expected": gettext_lazy("Mức thường (trung bình các kỳ trước)"),
    "ratio": gettext_lazy("Gấp bao nhiêu lần mức thường"),
    "p_value": gettext_lazy("Xác suất ngẫu nhiên (Poisson)"),
    "window_days": gettext_lazy("Số ngày mỗi kỳ"),
    "baseline": gettext_lazy("Các kỳ trước (gần nhất trước)"),
    "window": gettext_lazy("Kỳ xét"),
    "tet": gettext_lazy("Kỳ có Tết"),
    "last_year_tet_count": gettext_lazy("Cùng kỳ Tết năm trước"),
    "unsettled": gettext_lazy("Chưa được giải quyết thỏa đáng"),
    "low_ratings": gettext_lazy("Đánh giá thấp"),
    "low_rating": gettext_lazy("Có đánh giá thấp"),
    "days": gettext_lazy("Trong vòng (ngày)"),
    "received_level": gettext_lazy("Cấp đã nhận"),
    "competent_level": gettext_lazy("Cấp có thẩm quyền"),
    "competent_had_it": gettext_lazy("Cấp có thẩm quyền đã nhận"),
    "competent_due": gettext_lazy("Hạn của cấp có thẩm quyền"),
    "petitions": gettext_lazy("Số đơn, đoàn"),
    "most_people": gettext_lazy("Đông nhất (người)"),
    "people": gettext_lazy("Tổng số người"),
    "overdue": gettext_lazy("Quá hạn"),
    "reopened": gettext_lazy("Bị mở lại (90 ngày)"),
    "as_of": gettext_lazy("Xét đến ngày"),
}


def _figure(value) -> str:
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, float):
        return f"{value:.3g}".replace(".", ",")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value in LEVEL_LABELS:
        return str(LEVEL_LABELS[value])
    return str(value)


def _allowed(hotspot: Hotspot, kind: str) -> bool:
    if kind == HotspotEventKind.NOTE:
        return True
    sources, _target = services.TRANSITIONS[kind]
    return hotspot.status in sources


@member_required
@require_POST
def hotspot_action(request, pk: int, action: str):
    hotspot = _visible(request, pk)
    kind = ACTIONS.get(action)
    if kind is None:
        raise Http404
    note = request.POST.get("note", "")
    try:
        if kind == HotspotEventKind.NOTE:
            services.hotspot_note(actor=request.user, hotspot=hotspot, text=note)
        else:
            services.hotspot_step(actor=request.user, hotspot=hotspot, kind=kind, note=note)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật điểm nóng."))
    return redirect("pulse:hotspot_detail", pk=hotspot.pk)


@member_required
@require_GET
def pulse_page(request):
    unit = _unit_from(request) or _home_unit(request.user)
    if not scoping.can(request.user, Capability.VIEW, unit):
        raise PermissionDenied(_("Bạn không có quyền xem đơn vị này."))
    today = timezone.localdate()
    by = "week" if request.GET.get("theo") == "tuan" else "month"
    colour = "hotspots" if request.GET.get("to_mau") == "diem-nong" else "volume"
    return render(
        request,
        "pulse/hotspots/pulse.html",
        {
            "unit": unit,
            "by": by,
            "colour": colour,
            "trend": trends.topic_trend(unit=unit, today=today, by=by),
            "concerns": trends.top_concerns(unit=unit, since=today - datetime.timedelta(days=90)),
            "alerts": selectors.recent_alerts(
                user=request.user, unit=unit, since=timezone.now() - datetime.timedelta(days=7)
            ),
            "open_hotspots": selectors.hotspot_list(
                user=request.user, filters=selectors.HotspotFilters(status="open", unit=unit)
            ).count(),
            "map_url": f"{reverse('pulse:pulse_map')}?don_vi={unit.code}",
            "tile_url": getattr(settings, "MAP_TILE_URL", ""),
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            "report_base": reverse("reports:report"),
        },
    )


@member_required
@require_GET
def pulse_map(request):
    """The communes under the unit as points: code, name, coordinates, volume and open hot spots."""
    unit = _unit_from(request) or _home_unit(request.user)
    points = trends.map_points(unit=unit, today=timezone.localdate())
    return JsonResponse({"unit": unit.code, "points": points}, json_dumps_params={"ensure_ascii": False})
