"""A per-IP limit on the portal's anonymous writes, kept in Django's cache (shared between workers).

One budget per address covers submissions, honeypot hits and wrong tracking code/PIN attempts,
so guessing PINs costs as much as flooding the inbox. ``settings.PORTAL_RATE_LIMIT`` reads
``"N/s|m|h|d"``, e.g. ``"5/h"``.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_RATE = "5/h"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/h"`` → ``(5, 3600)``: how many hits, in how many seconds."""
    match = _RATE.match(rate or "")
    if match is None or int(match.group(1)) < 1:
        raise ValueError(f"invalid rate {rate!r}: expected N/s, N/m, N/h or N/d with N ≥ 1")
    return int(match.group(1)), PERIODS[match.group(2)]


def configured_rate() -> tuple[int, int]:
    rate = getattr(settings, "PORTAL_RATE_LIMIT", DEFAULT_RATE)
    try:
        return parse_rate(rate)
    except ValueError as error:
        raise ImproperlyConfigured(f"PORTAL_RATE_LIMIT: {error}") from error


def client_ip(request) -> str:
    # REMOTE_ADDR only: a header such as X-Forwarded-For is the client's to forge.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(ip: str) -> str:
    return f"danvan:portal:rate:{ip}"


def _recent(ip: str, now: float, period: int) -> list[float]:
    return [t for t in cache.get(_key(ip), []) if t > now - period]


def is_limited(ip: str, *, now: float | None = None) -> bool:
    """True when ``ip`` has used up its budget for the current sliding window."""
    limit, period = configured_rate()
    now = time.time() if now is None else now
    return len(_recent(ip, now, period)) >= limit


def hit(ip: str, *, now: float | None = None) -> None:
    """Spend one unit of ``ip``'s budget."""
    limit, period = configured_rate()
    now = time.time() if now is None else now
    # A sliding log of timestamps: the window starts at each hit, whatever the cache backend's
    # ``incr`` does with expiry times. Only the newest ``limit`` entries matter.
    recent = [*_recent(ip, now, period), now][-limit:]
    cache.set(_key(ip), recent, timeout=period)


def seconds_until_free(ip: str, *, now: float | None = None) -> int:
    limit, period = configured_rate()
    now = time.time() if now is None else now
    recent = _recent(ip, now, period)
    if len(recent) < limit:
        return 0
    return max(1, int(recent[-limit] + period - now) + 1)
