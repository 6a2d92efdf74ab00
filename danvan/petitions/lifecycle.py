"""The petition state machine. The status is a function of the timeline, nothing else."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .choices import EventKind as E
from .choices import Status as S

OPEN = (S.NEW, S.FORWARDED, S.IN_PROGRESS)

# (status before, event) -> status after. Anything missing is illegal.
TRANSITIONS: dict[tuple[str | None, str], str] = {(None, E.RECEIVED): S.NEW}
TRANSITIONS.update({(S.NEW, E.ANSWERED_ON_SPOT): S.ANSWERED})
TRANSITIONS.update({(s, E.ACCEPTED): S.IN_PROGRESS for s in OPEN})
TRANSITIONS.update({(s, E.FORWARDED): S.FORWARDED for s in OPEN})
TRANSITIONS.update({(s, E.REJECTED): S.REJECTED for s in (S.NEW, S.FORWARDED)})
TRANSITIONS.update({(s, E.MERGED): S.MERGED for s in OPEN})
TRANSITIONS.update({(S.IN_PROGRESS, E.EXTENDED): S.IN_PROGRESS, (S.IN_PROGRESS, E.ANSWERED): S.ANSWERED})
TRANSITIONS.update({(s, E.RATED): s for s in (S.ANSWERED, S.CLOSED)})
TRANSITIONS.update({(s, E.REOPENED): S.IN_PROGRESS for s in (S.ANSWERED, S.CLOSED, S.REJECTED)})
TRANSITIONS.update({(S.ANSWERED, E.CLOSED): S.CLOSED})
TRANSITIONS.update({(s, E.NOTE): s for s in S.values})


class IllegalTransition(Exception):
    def __init__(self, status: str | None, event: str):
        self.status, self.event = status, event
        super().__init__(
            _("Không thể “%(action)s” khi ý kiến đang ở trạng thái “%(status)s”.")
            % {"action": E(event).label, "status": S(status).label if status else "—"}
        )


def next_status(status: str | None, event: str) -> str:
    try:
        return TRANSITIONS[(status, event)]
    except KeyError:
        raise IllegalTransition(status, event) from None


def derive_status(events: Iterable[str]) -> str:
    status: str | None = None
    for event in events:
        status = next_status(status, event)
    if status is None:
        raise ValueError("a petition's timeline starts with 'received'")
    return status


def allowed_events(status: str) -> set[str]:
    return {event for (before, event) in TRANSITIONS if before == status}
