"""Reads over petitions, shared by the inbox, the portal, the API and reports."""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.accounts import scoping
from danvan.accounts.roles import Capability
from danvan.textproc import classifier
from danvan.textproc.folding import fold
from danvan.textproc.topics import rules_from, suggest_topic
from danvan.units.models import Unit

from . import deadlines
from .choices import Kind, Status
from .models import Petition, PetitionEvent, Topic

OPEN = Status.open_values()


def petitions_visible_to(*, user) -> QuerySet[Petition]:
    """Petitions that arose in, or are handled by, a unit of the user's subtree."""
    scope = scoping.scope_for(user, Capability.VIEW)
    if scope.everything:
        return Petition.objects.all()
    if scope.is_empty:
        return Petition.objects.none()
    # Unit ids, not joined paths: each petition row is then two probes into a small hashed set,
    # and the database can still walk an index in the order asked for.
    units = Unit.objects.filter(scope.q("path")).values("pk")
    return Petition.objects.filter(Q(unit_id__in=units) | Q(handling_unit_id__in=units))


def overdue_q(today: datetime.date) -> Q:
    return Q(status__in=OPEN, due_date__lt=today)


def petitions_overdue(*, today: datetime.date | None = None) -> QuerySet[Petition]:
    return Petition.objects.filter(overdue_q(today or timezone.localdate())).select_related(
        "handling_unit", "handling_organisation"
    )


def petitions_due_soon(*, today: datetime.date | None = None, working_days: int = 2) -> QuerySet[Petition]:
    today = today or timezone.localdate()
    horizon = deadlines.add_days(today, working_days)
    return Petition.objects.filter(
        status__in=OPEN, due_date__gte=today, due_date__lte=horizon
    ).select_related("handling_unit", "handling_organisation")


@dataclass
class InboxFilters:
    status: str = ""
    kind: str = ""
    channel: str = ""
    topic: Topic | None = None
    unit: Unit | None = None
    organisation_id: int | None = None
    overdue: bool = False
    due_this_week: bool = False
    query: str = ""
    sort: str = "-received_at"
    extra: dict = field(default_factory=dict)


SORTS = {
    "-received_at": ("-received_at", "-pk"),
    "received_at": ("received_at", "pk"),
    "due_date": ("due_date", "pk"),
    "-due_date": ("-due_date", "-pk"),
    "status": ("status", "-received_at"),
}


def petition_inbox(*, user, filters: InboxFilters, today: datetime.date | None = None) -> QuerySet[Petition]:
    today = today or timezone.localdate()
    qs = petitions_visible_to(user=user)
    if filters.status == "open":
        qs = qs.filter(status__in=OPEN)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.topic is not None:
        qs = qs.filter(Q(topic=filters.topic) | Q(topic__parent=filters.topic))
    if filters.unit is not None:
        qs = qs.filter(
            Q(unit__path__under=filters.unit.path) | Q(handling_unit__path__under=filters.unit.path)
        )
    if filters.organisation_id:
        qs = qs.filter(handling_organisation_id=filters.organisation_id)
    if filters.overdue:
        qs = qs.filter(overdue_q(today))
    if filters.due_this_week:
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        qs = qs.filter(status__in=OPEN, due_date__gte=today, due_date__lte=week_end)
    for word in fold(filters.query).split():
        qs = qs.filter(Q(search_key__contains=word) | Q(tracking_code__icontains=word))
    return qs.select_related("unit", "handling_unit", "handling_organisation", "topic").order_by(
        *SORTS.get(filters.sort, SORTS["-received_at"])
    )


def petition_counters(*, user, today: datetime.date | None = None) -> dict[str, int]:
    """The inbox's headline numbers, in one query."""
    today = today or timezone.localdate()
    return petitions_visible_to(user=user).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN)),
        new=Count("pk", filter=Q(status=Status.NEW)),
        forwarded=Count("pk", filter=Q(status=Status.FORWARDED)),
        in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
        answered=Count("pk", filter=Q(status__in=[Status.ANSWERED, Status.CLOSED])),
        rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        overdue=Count("pk", filter=overdue_q(today)),
    )


# Above this many petitions, the inbox's counters are reused for a minute: counting a province's
# hundreds of thousands of petitions on every page view cost more than the page itself.
COUNTERS_CACHE_FROM = 10_000
COUNTERS_CACHE_SECONDS = 60


def counters_key(*, user, today: datetime.date) -> str:
    """One cache entry per scope and day: users who see the same subtrees share their counters."""
    scope = scoping.scope_for(user, Capability.VIEW)
    return (
        "petition-counters:"
        + hashlib.sha256(repr((scope.everything, scope.paths, today)).encode()).hexdigest()
    )


def petition_counters_cached(*, user, today: datetime.date | None = None) -> dict[str, int]:
    """``petition_counters``, reused for a minute when the user's scope is large.

    When a minute has passed, one request recounts while the others keep showing the previous
    numbers: a province's inbox opened by many officers at once would otherwise count together.
    """
    today = today or timezone.localdate()
    key = counters_key(user=user, today=today)
    entry = cache.get(key)
    if entry is not None:
        counters, fresh_until = entry
        if time.time() < fresh_until or not cache.add(key + ":recount", True, COUNTERS_CACHE_SECONDS):
            return counters
    counters = petition_counters(user=user, today=today)
    if counters["total"] >= COUNTERS_CACHE_FROM:
        # Kept well past the minute, but only ever served stale while another request recounts.
        cache.set(key, (counters, time.time() + COUNTERS_CACHE_SECONDS), COUNTERS_CACHE_SECONDS * 10)
    if entry is not None:
        cache.delete(key + ":recount")
    return counters


def inbox_unfiltered(filters: InboxFilters) -> bool:
    """Whether ``filters`` show the whole inbox (in any order): its size is then the counters' total."""
    return replace(filters, sort=InboxFilters.sort) == InboxFilters()


def petition_detail(*, user, pk: int) -> Petition:
    return (
        petitions_visible_to(user=user)
        .select_related("unit", "handling_unit", "handling_organisation", "topic", "merged_into")
        .get(pk=pk)
    )


def petition_timeline(*, petition: Petition, public: bool = False) -> QuerySet[PetitionEvent]:
    qs = petition.events.select_related("actor", "from_unit", "to_unit", "organisation", "other_petition")
    return qs.filter(is_internal=False) if public else qs


def petitions_public(*, unit: Unit | None = None) -> QuerySet[Petition]:
    """Answered petitions citizens may read: identities hidden by the template, denunciations never."""
    qs = Petition.objects.filter(status__in=[Status.ANSWERED, Status.CLOSED]).exclude(kind=Kind.DENUNCIATION)
    if unit is not None:
        qs = qs.filter(unit__path__under=unit.path)
    return qs.select_related("unit", "topic", "handling_unit").order_by("-answered_at", "-pk")


def topics_for_choice() -> QuerySet[Topic]:
    return (
        Topic.objects.filter(is_active=True, parent__isnull=False)
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order", "name")
    )


def topic_groups() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True, parent__isnull=True).order_by("sort_order", "name")


@dataclass(frozen=True)
class TopicSuggestion:
    topic: Topic | None
    score: float
    source: str  # "model", "keywords" or "none"


def suggest_topic_for(*, text: str, topics: QuerySet[Topic] | None = None) -> TopicSuggestion:
    """The topic to pre-fill for ``text``: the trained classifier's most likely active topic, or,
    where no classifier is trained, the keyword rules administrators keep on each topic."""
    topics = topics if topics is not None else topics_for_choice()
    model = classifier.shipped_model()
    if model is not None:
        if not classifier.WORD.search(classifier.clean(text)):
            return TopicSuggestion(None, 0.0, "none")
        by_code = {t.code: t for t in topics}
        suggestion = classifier.best_of(model.ranked(text), allowed=by_code)
        if suggestion.topic:
            return TopicSuggestion(by_code[suggestion.topic], suggestion.score, "model")
        return TopicSuggestion(None, suggestion.score, "none")
    by_rules = suggest_topic(text, rules_from(topics.values_list("pk", "keywords")))
    if by_rules:
        return TopicSuggestion(next(t for t in topics if t.pk == by_rules), 0.0, "keywords")
    return TopicSuggestion(None, 0.0, "none")
