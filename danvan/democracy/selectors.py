"""Reads of grassroots democracy, shared by pages, the API and the portal.

Officials' reads go through ``accounts.scoping``; the citizens' reads return only what is
published (items posted and public, consultations that have opened, decisions' results).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.activities.models import Recommendation
from danvan.units.choices import Level
from danvan.units.models import Unit

from .choices import OpinionChannel, Recurrence
from .models import (
    BoardActivity,
    Consultation,
    ConsultationOpinion,
    Decision,
    DisclosureCategory,
    Event,
    Posting,
    SupervisionBoard,
)
from .periods import period_bounds, period_keys

# --- officials ---------------------------------------------------------------------------------


def postings_visible_to(*, user) -> QuerySet[Posting]:
    return scoping.scope_to_units(Posting.objects.all(), user).select_related("unit", "category", "hamlet")


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    return scoping.scope_to_units(Consultation.objects.all(), user).select_related(
        "unit", "subject", "hamlet"
    )


def decisions_visible_to(*, user) -> QuerySet[Decision]:
    return scoping.scope_to_units(Decision.objects.all(), user).select_related("unit", "matter")


def boards_visible_to(*, user) -> QuerySet[SupervisionBoard]:
    return scoping.scope_to_units(SupervisionBoard.objects.all(), user).select_related("unit")


def recommendations_of(*, board: SupervisionBoard) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(activity__board_link__board=board).select_related("activity")


def board_activities(*, board: SupervisionBoard) -> QuerySet[BoardActivity]:
    return board.activities.select_related("activity").prefetch_related("activity__recommendations")


def timeline(*, public: bool = False, **target) -> QuerySet[Event]:
    qs = Event.objects.filter(**target).select_related("actor")
    return qs.filter(is_public=True) if public else qs


@dataclass
class Due:
    """An item the commune should have published and has not (yet)."""

    unit: Unit
    category: DisclosureCategory
    due_on: datetime.date
    title: str
    period_key: str = ""
    posting: Posting | None = None

    @property
    def days_late(self) -> int:
        return (timezone.localdate() - self.due_on).days


def dues(*, user, today: datetime.date | None = None, units: list[Unit] | None = None) -> list[Due]:
    """Items due but not published in the communes the user sees: items recorded as due, and every
    quarter or year of a recurring item (budget execution…) that passed its date without a posting."""
    today = today or timezone.localdate()
    result = [
        Due(p.unit, p.category, p.due_on or today, p.title, p.period_key, p)
        for p in postings_visible_to(user=user).filter(posted_on__isnull=True, due_on__lte=today)
    ]
    if units is None:
        scope = scoping.scope_for(user, Capability.VIEW)
        units = list(
            Unit.objects.filter(scope.q("path"), level=Level.COMMUNE, valid_to__isnull=True)
            .filter(valid_from__lte=today)
            .order_by("path")[:200]
        )
    recurring = list(DisclosureCategory.objects.filter(is_active=True).exclude(recurrence=Recurrence.NONE))
    start = today.replace(year=today.year - 1, month=1, day=1)
    have = set(
        Posting.objects.filter(unit__in=units, category__in=recurring)
        .exclude(period_key="")
        .values_list("unit_id", "category_id", "period_key")
    )
    for unit in units:
        for category in recurring:
            for key in period_keys(category.recurrence, max(start, unit.valid_from), today):
                due_on = period_bounds(key)[1] + datetime.timedelta(days=category.due_days_after_period)
                if due_on <= today and (unit.pk, category.pk, key) not in have:
                    result.append(Due(unit, category, due_on, category.name, key))
    return sorted(result, key=lambda d: (d.due_on, d.unit.name))


def taken_down_early(*, user) -> QuerySet[Posting]:
    return postings_visible_to(user=user).filter(
        taken_down_on__isnull=False, period_end__isnull=False, taken_down_on__lt=F("period_end")
    )


def consultation_tally(*, consultation: Consultation) -> dict:
    """Opinions by channel, and the hamlet meetings' participants, agreeing and disagreeing."""
    rows = dict(
        consultation.opinions.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n")
    )
    meetings = consultation.opinions.filter(channel=OpinionChannel.MEETING).aggregate(
        participants=Sum("participants"), agree=Sum("agree"), disagree=Sum("disagree")
    )
    return {
        "by_channel": {c: rows.get(c, 0) for c in OpinionChannel.values},
        "total": sum(rows.values()),
        "meetings": {k: v or 0 for k, v in meetings.items()},
    }


# --- citizens (no login) -----------------------------------------------------------------------


def board_public(*, unit: Unit, today: datetime.date | None = None) -> QuerySet[Posting]:
    """What is on the commune's board today (its hamlets' items included)."""
    today = today or timezone.localdate()
    return (
        postings_published(unit=unit)
        .filter(posted_on__lte=today)
        .filter(Q(taken_down_on__isnull=True) | Q(taken_down_on__gt=today))
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
    )


def postings_published(*, unit: Unit) -> QuerySet[Posting]:
    """Every public item ever posted by the commune: the board's archive."""
    return (
        Posting.objects.filter(unit=unit, is_public=True, posted_on__isnull=False)
        .select_related("category", "hamlet")
        .prefetch_related("attachments", "forms")
        .order_by("-posted_on", "-pk")
    )


def consultations_public(*, unit: Unit, today: datetime.date | None = None) -> QuerySet[Consultation]:
    today = today or timezone.localdate()
    return Consultation.objects.filter(unit=unit, opens_on__lte=today).select_related("subject", "hamlet")


def consultations_open(*, today: datetime.date | None = None) -> QuerySet[Consultation]:
    today = today or timezone.localdate()
    return Consultation.objects.filter(
        opens_on__lte=today, closes_on__gte=today, concluded_on__isnull=True
    ).select_related("unit", "subject")


def decisions_public(*, unit: Unit) -> QuerySet[Decision]:
    """Results of the decisions taken in the commune and its hamlets."""
    return Decision.objects.filter(unit__path__under=unit.path).select_related("unit", "matter")


def opinions_public(*, consultation: Consultation) -> QuerySet[ConsultationOpinion]:
    """Opinions as citizens see them after the close: text and channel, never the author."""
    return consultation.opinions.only("text", "channel", "received_on", "group_id", "consultation_id")


def boards_public(*, unit: Unit, today: datetime.date | None = None) -> QuerySet[SupervisionBoard]:
    today = today or timezone.localdate()
    return (
        SupervisionBoard.objects.filter(unit=unit, term_start__lte=today)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .prefetch_related("members")
    )


def commune_with_board(*, pk: int) -> Unit | None:
    return Unit.objects.filter(pk=pk, level=Level.COMMUNE).first()
