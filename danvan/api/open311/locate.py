"""Where an Open311 request arose: a jurisdiction, a unit code, coordinates or a typed address → a unit.

In order: an explicit unit code (``attribute[unit_code]`` or ``address_id``); the nearest
current commune to ``lat``/``long`` (using the communes' coordinates); a commune given
as ``jurisdiction_id``; a commune whose name appears in ``address_string``. Everything
stays inside the jurisdiction when one is given.
"""

from __future__ import annotations

import datetime
import math
import re

from django.utils.translation import gettext as _

from danvan.textproc.folding import fold
from danvan.units.choices import Level
from danvan.units.models import Unit
from danvan.units.selectors import unit_by_code, units_valid_on

# Portal rules: a citizen's opinion arises in a commune or one of its hamlets.
SUBMISSION_LEVELS = (Level.COMMUNE, Level.HAMLET)
JURISDICTION_LEVELS = (Level.PROVINCE, Level.COMMUNE)
MAX_DISTANCE_KM = 50.0
SEARCH_BOXES_DEG = (0.1, 0.3, 0.6)
COMMUNE_KINDS = ("xa", "phuong", "thi tran", "dac khu")
PROVINCE_KINDS = ("tinh", "thanh pho")
EARTH_RADIUS_KM = 6371.0


class NotFound(Exception):
    """A jurisdiction or code that does not exist: 404 in GeoReport terms."""


class Unlocated(Exception):
    """The location given does not lead to one current commune: 400."""


def jurisdiction(value: str, *, site_hosts: set[str], day: datetime.date) -> Unit | None:
    """None for the whole deployment; the province or commune named by its code; else NotFound."""
    value = (value or "").strip()
    if not value or value.lower() in site_hosts:
        return None
    unit = unit_by_code(code=value, day=day) if len(value) <= 32 else None
    if unit is None or unit.level not in JURISDICTION_LEVELS or not unit.is_valid_on(day):
        raise NotFound(_("Không có địa bàn mang mã “%(code)s” (jurisdiction_id).") % {"code": value})
    return unit


def _inside(unit: Unit, within: Unit | None) -> bool:
    return within is None or unit.path.startswith(within.path)


def by_code(code: str, *, within: Unit | None, day: datetime.date) -> Unit:
    unit = unit_by_code(code=code, day=day) if len(code) <= 32 else None
    if unit is None or not unit.is_valid_on(day) or unit.level not in SUBMISSION_LEVELS:
        raise Unlocated(_("Không có xã, phường hoặc thôn hiện hành mang mã “%(code)s”.") % {"code": code})
    if not _inside(unit, within):
        raise Unlocated(_("%(unit)s không thuộc địa bàn đã chọn (jurisdiction_id).") % {"unit": unit.name})
    return unit


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on the WGS84 mean sphere (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_commune(lat: float, lon: float, *, within: Unit | None, day: datetime.date) -> Unit:
    """The current commune whose centre is nearest; searched in growing boxes so the index does the work."""
    qs = units_valid_on(day=day, level=Level.COMMUNE).filter(latitude__isnull=False, longitude__isnull=False)
    if within is not None:
        qs = qs.filter(path__under=within.path)
    for box in SEARCH_BOXES_DEG:
        lon_box = box / max(0.1, math.cos(math.radians(lat)))
        candidates = qs.filter(
            latitude__gte=lat - box,
            latitude__lte=lat + box,
            longitude__gte=lon - lon_box,
            longitude__lte=lon + lon_box,
        )
        best = min(
            ((distance_km(lat, lon, u.latitude, u.longitude), u.pk, u) for u in candidates),
            default=None,
        )
        if best is not None and best[0] <= MAX_DISTANCE_KM:
            return best[2]
    raise Unlocated(_("Tọa độ (lat, long) không nằm trong địa bàn nào do danvan phục vụ."))


def _named(parts: list[str], qs, kinds: tuple[str, ...]) -> set[int]:
    """Units of ``qs`` whose whole name is one of the address parts, with or without its kind."""
    found: set[int] = set()
    for part in parts:
        for candidate in (part, *(f"{kind} {part}" for kind in kinds)):
            for pk, key, code in qs.filter(search_key__startswith=candidate + " ").values_list(
                "pk", "search_key", "code"
            ):
                if key == f"{candidate} {code}":
                    found.add(pk)
    return found


def commune_by_address(address: str, *, within: Unit | None, day: datetime.date) -> Unit:
    """``"Thôn 3, xã An Bình, tỉnh Thử"`` → Xã An Bình, when exactly one current commune fits."""
    parts = [fold(p) for p in re.split(r"[,;\n]+", address) if fold(p)]
    communes = units_valid_on(day=day, level=Level.COMMUNE)
    if within is not None:
        communes = communes.filter(path__under=within.path)
    matches = _named(parts, communes, COMMUNE_KINDS)
    if len(matches) > 1:
        provinces = Unit.objects.filter(
            pk__in=_named(parts, units_valid_on(day=day, level=Level.PROVINCE), PROVINCE_KINDS)
        )
        narrowed = {
            u.pk
            for u in Unit.objects.filter(pk__in=matches)
            if any(u.path.startswith(p.path) for p in provinces)
        }
        matches = narrowed or matches
    if len(matches) != 1:
        raise Unlocated(
            _(
                "Không xác định được một xã, phường từ địa chỉ; hãy gửi tọa độ (lat, long), "
                "mã đơn vị (address_id) hoặc tên xã, phường và tỉnh, thành phố."
            )
        )
    return Unit.objects.get(pk=matches.pop())


def locate(
    *,
    within: Unit | None,
    unit_code: str = "",
    address_id: str = "",
    lat: float | None = None,
    lon: float | None = None,
    address: str = "",
    day: datetime.date,
) -> Unit:
    if unit_code or address_id:
        return by_code(unit_code or address_id, within=within, day=day)
    if within is not None and within.level == Level.COMMUNE:
        return within
    if lat is not None and lon is not None:
        return nearest_commune(lat, lon, within=within, day=day)
    if address:
        return commune_by_address(address, within=within, day=day)
    raise Unlocated(_("Hãy gửi vị trí: lat và long, address_string hoặc address_id."))
