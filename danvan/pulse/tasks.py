"""Background jobs of the pulse (huey): the check after a new record, the daily scan, alerts, the digest."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.units.models import Unit


def board_emails(unit: Unit) -> list[str]:
    """The board (and administrators) of the unit and of every unit above it up to the province."""
    ids = [unit.pk, *unit.ancestor_ids]
    memberships = Membership.objects.filter(
        is_active=True, unit_id__in=ids, role__in=[Role.BOARD, Role.ADMIN], user__is_active=True
    ).exclude(unit__level="nation")
    return sorted({m.user.email for m in memberships.select_related("user") if m.user.email})


def _send(prefix: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"pulse/hotspots/mail/{prefix}_subject.txt", context).strip()
        body = render_to_string(f"pulse/hotspots/mail/{prefix}.txt", context)
    return send_mail(subject, body, None, recipients)


@db_task()
def mail_hotspot_alert(hotspot_id: int, kind: str) -> int:
    """At once, to the responsible unit's board and the boards above it: a new or worsening hot spot."""
    from .models import Hotspot

    hotspot = Hotspot.objects.select_related("unit", "topic").filter(pk=hotspot_id).first()
    if hotspot is None:
        return 0
    context = {"hotspot": hotspot, "kind": kind, "site_url": settings.SITE_URL}
    return _send("alert", context, board_emails(hotspot.unit))


@db_task()
def check_new_petition(petition_id: int) -> int:
    from .hotspot_services import check_petition

    return len(check_petition(petition_id=petition_id).alerts)


@db_periodic_task(crontab(hour="6", minute="30"))
def daily_hotspot_scan() -> int:
    from .hotspot_services import scan

    return scan().findings


def send_weekly_digest(today: datetime.date | None = None) -> int:
    """Each board member: the hot spots open in their unit's subtree, and what changed this week."""
    from .hotspot_selectors import hotspots_for_unit

    today = today or timezone.localdate()
    sent = 0
    memberships = (
        Membership.objects.filter(is_active=True, role__in=[Role.BOARD, Role.ADMIN], user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "unit")
    )
    by_unit: dict[int, tuple[Unit, set[str]]] = {}
    for membership in memberships:
        by_unit.setdefault(membership.unit_id, (membership.unit, set()))[1].add(membership.user.email)
    for unit, emails in by_unit.values():
        hotspots = list(hotspots_for_unit(unit=unit, open_only=True)[:50])
        if not hotspots:
            continue
        week_ago = today - datetime.timedelta(days=7)
        context = {
            "unit": unit,
            "hotspots": hotspots,
            "new_this_week": [h for h in hotspots if h.first_detected_on >= week_ago],
            "today": today,
            "site_url": settings.SITE_URL,
        }
        sent += _send("digest", context, sorted(emails))
    return sent


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="15"))
def weekly_hotspot_digest() -> int:
    return send_weekly_digest()
