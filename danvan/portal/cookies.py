"""What a citizen's browser carries instead of a server-side session: the receipt, and the codes proven.

Both are cookies signed with ``SECRET_KEY`` (readable by the citizen, impossible to forge), so
submitting and tracking write no session row: no database round trips, and no write
transaction that SQLite would serialise with the petitions'. A signed value is issued whole by
the server, so a cookie planted beforehand cannot be fixed on the citizen, as a session could.
"""

from __future__ import annotations

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


# Values are tracking codes and PINs ([A-Z0-9]) joined by dots: nothing a cookie would have to
# quote. JSON's quotes were escaped with backslashes, which RFC 6265 does not allow in a cookie
# and which HTTP clients such as python-requests dropped, breaking the signature.
_SEPARATOR = "."


def _set(response, name: str, parts: list[str], max_age: int) -> None:
    if not all(part.isalnum() and part.isascii() for part in parts):
        raise ValueError("cookie parts must be ASCII letters and digits")
    response.set_signed_cookie(
        name,
        _SEPARATOR.join(parts),
        salt=f"danvan.portal.{name}",
        max_age=max_age,
        path=_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _get(request, name: str, max_age: int) -> list[str]:
    raw = request.get_signed_cookie(name, default=None, salt=f"danvan.portal.{name}", max_age=max_age)
    if not raw:
        return []
    return [part for part in raw.split(_SEPARATOR) if part.isalnum() and part.isascii()]


def receipt_give(response, *, code: str, pin: str) -> None:
    """The code and PIN, for the next page to show once."""
    _set(response, RECEIPT, [code, pin], RECEIPT_SECONDS)


def receipt_of(request) -> dict | None:
    """The receipt given to this browser, or None."""
    receipt = _get(request, RECEIPT, RECEIPT_SECONDS)
    if len(receipt) != 2:
        return None
    return {"code": receipt[0], "pin": receipt[1]}


def receipt_drop(request, response) -> None:
    """Tell the browser to forget the receipt (the PIN is shown once)."""
    if RECEIPT in request.COOKIES:
        response.delete_cookie(RECEIPT, path=_path(), samesite="Lax")


def tracked(request) -> list[str]:
    """The tracking codes this browser has proven, oldest first."""
    return _get(request, TRACKED, settings.SESSION_COOKIE_AGE)[-TRACKED_MAX:]


def track(request, response, code: str) -> None:
    """Remember that this browser may follow ``code`` without the PIN again."""
    codes = [c for c in tracked(request) if c != code] + [code]
    _set(response, TRACKED, codes[-TRACKED_MAX:], settings.SESSION_COOKIE_AGE)
