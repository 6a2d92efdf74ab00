"""Open311 GeoReport v2 under /open311/v2/: discovery, services, definitions, requests; XML and JSON.

Errors follow the specification: 404 for what does not exist (a service code, a
jurisdiction, a request), 400 for anything else the server cannot do, each with an
``errors`` list. Submissions are anonymous, as on the citizens' portal, and spend the
same per-address budget (``settings.PORTAL_RATE_LIMIT``); over it the answer is 429.
"""

from __future__ import annotations

import datetime
import math
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from danvan.petitions.choices import Channel, Kind
from danvan.petitions.services import petition_receive
from danvan.portal import ratelimit

from ..models import Open311Submission
from . import documents, locate, render

DESCRIPTION_MAX = 4000  # the specification's limit for description
MAX_IDS = 1000
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]{1,60})\](\[\])?$")


class BadRequest(Exception):
    def __init__(self, *messages: str, status: int = 400):
        self.messages, self.status = messages, status
        super().__init__(*messages)


def _site_hosts(request) -> set[str]:
    """The deployment's own names, which as ``jurisdiction_id`` mean "everywhere danvan serves"."""
    hosts = {request.get_host().split(":")[0].lower()}
    site = urlsplit(settings.SITE_URL).hostname
    return hosts | ({site.lower()} if site else set())


def _jurisdiction(request, params):
    try:
        return locate.jurisdiction(
            params.get("jurisdiction_id", ""), site_hosts=_site_hosts(request), day=timezone.localdate()
        )
    except locate.NotFound as error:
        raise BadRequest(str(error), status=404) from error


def _guard(view):
    """Turn ``BadRequest`` into the specification's error document in the requested format."""

    def wrapper(request, fmt, *args, **kwargs):
        try:
            for value in [*request.GET.values(), *request.POST.values()]:
                if "\x00" in value:
                    raise BadRequest(_("Dữ liệu gửi lên chứa ký tự không hợp lệ."))
            return view(request, fmt, *args, **kwargs)
        except BadRequest as error:
            return render.errors(fmt, error.status, *error.messages)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_GET
@_guard
def discovery(request, fmt):
    endpoint = request.build_absolute_uri("/open311/v2")
    return render.respond(fmt, "discovery", documents.discovery(endpoint))


@require_GET
@_guard
def services(request, fmt):
    _jurisdiction(request, request.GET)
    return render.respond(fmt, "services", documents.services())


@require_GET
@_guard
def service_definition(request, fmt, code):
    _jurisdiction(request, request.GET)
    topic = documents.service_topic(code)
    if topic is None:
        raise BadRequest(_("Không có dịch vụ (lĩnh vực) mang mã “%(code)s”.") % {"code": code}, status=404)
    return render.respond(fmt, "service_definition", documents.service_definition(topic))


@csrf_exempt
def requests(request, fmt):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Allow"] = "GET, POST, OPTIONS"
        return response
    if request.method in ("GET", "HEAD"):
        return _request_list(request, fmt)
    if request.method == "POST":
        return _request_create(request, fmt)
    response = render.errors(fmt, 405, _("Phương thức không được hỗ trợ."))
    response["Allow"] = "GET, POST, OPTIONS"
    return response


@require_GET
@_guard
def service_request(request, fmt, request_id):
    """GET Service Request: a list with the one request, as the specification shows it."""
    _jurisdiction(request, request.GET)
    petition = documents.public_requests().filter(tracking_code=request_id.upper()).first()
    if petition is None:
        raise BadRequest(_("Không có yêu cầu mang mã “%(code)s”.") % {"code": request_id}, status=404)
    return render.respond(fmt, "service_requests", documents.service_requests([petition]))


# --- GET Service Requests ---------------------------------------------------------------------------


def _list_param(params, name: str) -> list[str]:
    """Comma-delimited, and the parameter may also be repeated."""
    return [v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip()]


def _moment(value: str, name: str) -> datetime.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except (ValueError, OverflowError):
        moment = None
    if moment is None or not 1900 <= moment.year <= 2200:
        raise BadRequest(
            _("%(name)s phải theo định dạng w3, ví dụ 2025-07-01T00:00:00+07:00.") % {"name": name}
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@_guard
def _request_list(request, fmt):
    params = request.GET
    within = _jurisdiction(request, params)
    qs = documents.public_requests()
    ids = _list_param(params, "service_request_id")
    if ids:
        # "This overrides all other arguments."
        if len(ids) > MAX_IDS:
            raise BadRequest(_("Tối đa %(max)s mã mỗi lần.") % {"max": MAX_IDS})
        qs = qs.filter(tracking_code__in=[i.upper() for i in ids])
    else:
        if within is not None:
            qs = qs.filter(unit__path__under=within.path)
        codes = _list_param(params, "service_code")
        if codes:
            qs = qs.filter(topic__code__in=codes)
        statuses = _list_param(params, "status")
        if any(s not in ("open", "closed") for s in statuses):
            raise BadRequest(_("status chỉ nhận open hoặc closed."))
        if set(statuses) == {"open"}:
            qs = qs.filter(status__in=documents.OPEN)
        elif set(statuses) == {"closed"}:
            qs = qs.exclude(status__in=documents.OPEN)
        start = _moment(params.get("start_date"), "start_date")
        end = _moment(params.get("end_date"), "end_date")
        if start and end and end < start:
            raise BadRequest(_("end_date phải sau start_date."))
        if start and end and end - start > documents.DEFAULT_SPAN:
            raise BadRequest(_("Khoảng start_date – end_date không được quá 90 ngày."))
        if end is None:
            end = min(timezone.now(), start + documents.DEFAULT_SPAN) if start else timezone.now()
        if start is None:
            start = end - documents.DEFAULT_SPAN
        qs = qs.filter(received_at__gte=start, received_at__lte=end)
    petitions = list(qs.order_by("-received_at", "-pk")[: documents.MAX_REQUESTS])
    return render.respond(fmt, "service_requests", documents.service_requests(petitions))


# --- POST Service Request ---------------------------------------------------------------------------


def _attributes(params) -> dict[str, str]:
    found = {}
    for key in params:
        match = _ATTRIBUTE.match(key)
        if match:
            found[match.group(1)] = params.getlist(key)[-1].strip()
    return found


def _text(params, name: str, max_length: int) -> str:
    value = (params.get(name) or "").strip()
    if len(value) > max_length:
        raise BadRequest(_("%(name)s dài quá %(max)s ký tự.") % {"name": name, "max": max_length})
    return value


def _coordinates(params) -> tuple[float | None, float | None]:
    raw_lat, raw_lon = (params.get("lat") or "").strip(), (params.get("long") or "").strip()
    if not raw_lat and not raw_lon:
        return None, None
    if not raw_lat or not raw_lon:
        raise BadRequest(_("Gửi cả lat và long."))
    try:
        lat, lon = float(raw_lat), float(raw_lon)
    except ValueError:
        raise BadRequest(_("lat và long phải là số (WGS84).")) from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadRequest(_("lat phải trong [-90, 90] và long trong [-180, 180]."))
    return lat, lon


def _title(description: str) -> str:
    first = next((line.strip() for line in description.splitlines() if line.strip()), "")
    return first if len(first) <= 200 else first[:197].rstrip() + "…"


def _too_many(request, fmt) -> HttpResponse:
    wait = ratelimit.seconds_until_free(ratelimit.client_ip(request))
    minutes = max(1, (wait + 59) // 60)
    return render.errors(
        fmt,
        429,
        _("Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút.")
        % {"minutes": minutes},
        headers={"Retry-After": str(max(1, wait))},
    )


@_guard
def _request_create(request, fmt):
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(ip):
        return _too_many(request, fmt)
    params, today = request.POST, timezone.localdate()
    code = _text(params, "service_code", 60)
    if not code:
        raise BadRequest(_("Thiếu service_code."))
    within = _jurisdiction(request, params)
    topic = documents.service_topic(code)
    if topic is None:
        raise BadRequest(_("Không có dịch vụ (lĩnh vực) mang mã “%(code)s”.") % {"code": code}, status=404)
    attributes = _attributes(params)
    kind = attributes.get("kind") or Kind.PETITION
    if kind not in Kind.values:
        raise BadRequest(_("attribute[kind] không hợp lệ."))
    description = (params.get("description") or "").strip()
    if not description:
        raise BadRequest(_("Hãy ghi nội dung ý kiến (description)."))
    if len(description) > DESCRIPTION_MAX:
        raise BadRequest(_("description dài quá %(max)s ký tự.") % {"max": DESCRIPTION_MAX})
    title = attributes.get("title", "")[:200] or _title(description)
    lat, lon = _coordinates(params)
    address = _text(params, "address_string", 255)
    address_id = _text(params, "address_id", 32)
    email = _text(params, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise BadRequest(_("email không hợp lệ.")) from None
    media_url = _text(params, "media_url", 500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise BadRequest(_("media_url phải là địa chỉ http hoặc https.")) from None
    name = " ".join(p for p in (_text(params, "last_name", 60), _text(params, "first_name", 60)) if p)
    try:
        unit = locate.locate(
            within=within,
            unit_code=attributes.get("unit_code", ""),
            address_id=address_id,
            lat=lat,
            lon=lon,
            address=address,
            day=today,
        )
    except locate.Unlocated as error:
        raise BadRequest(str(error)) from error
    text = description
    where = [
        _("Địa điểm: %(place)s") % {"place": address} if address else "",
        _("Tọa độ: %(lat)s, %(lon)s") % {"lat": lat, "lon": lon} if lat is not None else "",
        _("Ảnh, tệp: %(url)s") % {"url": media_url} if media_url else "",
    ]
    if any(where):
        text += "\n\n" + "\n".join(line for line in where if line)
    try:
        with transaction.atomic():
            receipt = petition_receive(
                actor=None,
                channel=Channel.PORTAL,
                unit=unit,
                kind=kind,
                topic=topic,
                title=title,
                text=text,
                citizen_name=name,
                citizen_phone=_text(params, "phone", 30),
                citizen_email=email,
            )
            Open311Submission.objects.create(
                petition=receipt.petition,
                service_code=topic.code,
                jurisdiction_id=(params.get("jurisdiction_id") or "")[:100],
                latitude=lat,
                longitude=lon,
                address_string=address,
                address_id=address_id,
                media_url=media_url,
            )
    except ValidationError as error:
        raise BadRequest(*error.messages) from error
    ratelimit.hit(ip)
    petition = receipt.petition
    notice = _(
        "Đã tiếp nhận ý kiến %(code)s. Mã PIN tra cứu: %(pin)s (chỉ hiện một lần, hãy giữ bí mật). "
        "Trước ngày %(day)s cơ quan có thẩm quyền sẽ thông báo thụ lý hoặc chuyển ý kiến."
    ) % {
        "code": petition.tracking_code,
        "pin": receipt.pin,
        "day": petition.acceptance_due.strftime("%d/%m/%Y"),
    }
    return render.respond(
        fmt, "service_requests", [{"service_request_id": petition.tracking_code, "service_notice": notice}]
    )
