"""The GeoReport v2 documents: discovery, services, service definitions and service requests.

What a service request shows is what the public page of answered petitions shows,
plus open ones: the summary, the status, the public answer, the handling body and the
place. Never the citizen's identity or full text (it may name people), and never a
denunciation (tố cáo), whose informant the law protects.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.petitions.choices import Kind, Status
from danvan.petitions.models import Petition, Topic
from danvan.petitions.selectors import topics_for_choice
from danvan.portal.ratelimit import configured_rate
from danvan.units.models import Unit

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Sortable; bump when the services or their definitions change shape.
CHANGESET = "2026-11-22 00:00"
FORMATS = ["text/xml", "application/json"]
MAX_REQUESTS = 1000
DEFAULT_SPAN = datetime.timedelta(days=90)
OPEN = set(Status.open_values())
NEVER_PUBLIC = (Kind.DENUNCIATION,)


def w3(moment: datetime.datetime | None) -> str | None:
    """ISO 8601 with the offset, as the w3 note asks: 2025-07-10T09:00:00+07:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def discovery(endpoint_url: str) -> dict:
    limit, period = configured_rate()
    return {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", "")
        or _("Liên hệ ban quản trị danvan qua %(url)s.") % {"url": settings.SITE_URL},
        "key_service": _(
            "Không cần khóa API (api_key). Mỗi địa chỉ IP gửi được %(limit)s ý kiến trong %(minutes)s phút."
        )
        % {"limit": limit, "minutes": max(1, period // 60)},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint_url,
                "changeset": CHANGESET,
                "type": "test" if settings.DEBUG else "production",
                "formats": list(FORMATS),
            }
        ],
    }


def _keywords(topic: Topic) -> str:
    return ", ".join(line.strip() for line in topic.keywords.splitlines() if line.strip())


def service(topic: Topic) -> dict:
    return {
        "service_code": topic.code,
        "service_name": topic.name,
        "description": str(topic),
        "metadata": True,
        "type": "realtime",
        "keywords": _keywords(topic),
        "group": topic.parent.name if topic.parent_id else None,
    }


def services() -> list[dict]:
    """Active topics under an active group; the group is the GeoReport ``group``."""
    return [service(t) for t in topics_for_choice().filter(parent__is_active=True)]


def service_topic(code: str) -> Topic | None:
    return topics_for_choice().filter(parent__is_active=True, code=code).first()


def service_definition(topic: Topic) -> dict:
    """Every service takes the same extension attributes: the kind, the unit code and a summary."""
    return {
        "service_code": topic.code,
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _("Mặc định: Kiến nghị."),
                "order": 1,
                "description": _("Loại ý kiến."),
                "values": [{"key": value, "name": str(label)} for value, label in Kind.choices],
            },
            {
                "variable": True,
                "code": "unit_code",
                "datatype": "string",
                "required": False,
                "datatype_description": _("Mã đơn vị hành chính, ví dụ 00004."),
                "order": 2,
                "description": _(
                    "Mã xã, phường (hoặc thôn, tổ dân phố) nơi xảy ra sự việc; dùng khi không gửi tọa độ."
                ),
            },
            {
                "variable": True,
                "code": "title",
                "datatype": "string",
                "required": False,
                "datatype_description": _("Tối đa 200 ký tự."),
                "order": 3,
                "description": _("Tóm tắt một câu; bỏ trống thì lấy dòng đầu của nội dung."),
            },
        ],
    }


# --- service requests ------------------------------------------------------------------------------


def public_requests() -> QuerySet[Petition]:
    return (
        Petition.objects.exclude(kind__in=NEVER_PUBLIC)
        .select_related("topic", "unit", "handling_unit", "handling_organisation", "merged_into", "open311")
        .annotate(last_public_event=Max("events__at", filter=Q(events__is_internal=False)))
    )


def _status_notes(petition: Petition) -> str | None:
    if petition.status in OPEN:
        return str(Status(petition.status).label)
    if petition.status == Status.MERGED and petition.merged_into_id:
        note = _("Đã gộp vào ý kiến %(code)s.") % {"code": petition.merged_into.tracking_code}
        answer = petition.merged_into.public_answer
        return f"{note} {answer}".strip()
    return petition.public_answer or str(Status(petition.status).label)


def _updated(petition: Petition) -> datetime.datetime:
    if petition.status not in OPEN:
        closing = [m for m in (petition.answered_at, petition.closed_at) if m is not None]
        if closing:
            return max(closing)
    return petition.last_public_event or petition.received_at


def _expected(petition: Petition) -> datetime.datetime | None:
    if petition.status not in OPEN or petition.due_date is None:
        return None
    end_of_day = datetime.datetime.combine(petition.due_date, datetime.time(23, 59, 59))
    return timezone.make_aware(end_of_day)


def _service_notice(petition: Petition) -> str | None:
    if petition.status not in OPEN:
        return None
    if petition.due_date:
        return _("Hạn giải quyết: %(day)s.") % {"day": petition.due_date.strftime("%d/%m/%Y")}
    return _("Hạn thông báo thụ lý: %(day)s.") % {"day": petition.acceptance_due.strftime("%d/%m/%Y")}


def _addresses(petitions: list[Petition]) -> dict[int, str]:
    """ "Thôn 3, Xã An Bình, Tỉnh Thử" for each unit, with one query for all ancestors."""
    ids = {i for p in petitions for i in p.unit.ancestor_ids}
    names = {u.pk: (u.name, u.level) for u in Unit.objects.filter(pk__in=ids).only("name", "level")}
    addresses = {}
    for p in petitions:
        chain = [p.unit.name] + [
            names[i][0] for i in reversed(p.unit.ancestor_ids) if i in names and names[i][1] != "nation"
        ]
        addresses[p.unit_id] = ", ".join(chain)
    return addresses


def service_requests(petitions: list[Petition]) -> list[dict]:
    addresses = _addresses(petitions)
    rows = []
    for p in petitions:
        submitted = getattr(p, "open311", None)  # absent for petitions from other channels
        lat = submitted.latitude if submitted and submitted.latitude is not None else p.unit.latitude
        lon = submitted.longitude if submitted and submitted.longitude is not None else p.unit.longitude
        rows.append(
            {
                "service_request_id": p.tracking_code,
                "status": "open" if p.status in OPEN else "closed",
                "status_notes": _status_notes(p),
                "service_name": p.topic.name if p.topic else None,
                "service_code": p.topic.code if p.topic else None,
                "description": p.title,
                "agency_responsible": (
                    p.handling_organisation.name if p.handling_organisation else p.handling_unit.name
                ),
                "service_notice": _service_notice(p),
                "requested_datetime": w3(p.received_at),
                "updated_datetime": w3(_updated(p)),
                "expected_datetime": w3(_expected(p)),
                "address": (submitted.address_string if submitted and submitted.address_string else None)
                or addresses.get(p.unit_id),
                "address_id": p.unit.code,
                "zipcode": None,
                "lat": lat,
                "long": lon,
                "media_url": (submitted.media_url or None) if submitted else None,
            }
        )
    return rows
