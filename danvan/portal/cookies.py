"""What a citizen's browser carries instead of a server-side session: the receipt, and the codes proven.

Both are cookies signed with ``SECRET_KEY`` (readable by the citizen, impossible to forge), so
submitting and tracking write no session row: no database round trips, and no write
transaction that SQLite would serialise with the petitions'. A signed value is issued whole by
the server, so a cookie planted beforehand cannot be fixed on the citizen, as a session could.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse

RECEIPT = "portal_receipt"
TRACKED = "portal_tracked"
# The receipt is read by the page the submission redirects to, at once.
RECEIPT_SECONDS = 15 * 60
# The codes proven in this browser (by the PIN, or by having just submitted), newest last.
TRACKED_MAX = 20


def _path() -> str:
    return reverse("portal:home")  # the portal's pages only, not the officers'


def _set(response, name: str, value, max_age: int) -> None:
    response.set_signed_cookie(
        name,
        json.dumps(value, separators=(",", ":")),
        salt=f"danvan.portal.{name}",
        max_age=max_age,
        path=_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _get(request, name: str, max_age: int):
    raw = request.get_signed_cookie(name, default=None, salt=f"danvan.portal.{name}", max_age=max_age)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def receipt_give(response, *, code: str, pin: str) -> None:
    """The code and PIN, for the next page to show once."""
    _set(response, RECEIPT, {"code": code, "pin": pin}, RECEIPT_SECONDS)


def receipt_of(request) -> dict | None:
    """The receipt given to this browser, or None."""
    receipt = _get(request, RECEIPT, RECEIPT_SECONDS)
    if not isinstance(receipt, dict) or not {"code", "pin"} <= receipt.keys():
        return None
    return {"code": str(receipt["code"]), "pin": str(receipt["pin"])}


def receipt_drop(request, response) -> None:
    """Tell the browser to forget the receipt (the PIN is shown once)."""
    if RECEIPT in request.COOKIES:
        response.delete_cookie(RECEIPT, path=_path(), samesite="Lax")


def tracked(request) -> list[str]:
    """The tracking codes this browser has proven, oldest first."""
    codes = _get(request, TRACKED, settings.SESSION_COOKIE_AGE)
    if not isinstance(codes, list):
        return []
    return [code for code in codes if isinstance(code, str)][-TRACKED_MAX:]


def track(request, response, code: str) -> None:
    """Remember that this browser may follow ``code`` without the PIN again."""
    codes = [c for c in tracked(request) if c != code] + [code]
    _set(response, TRACKED, codes[-TRACKED_MAX:], settings.SESSION_COOKIE_AGE)
