"""How petitions feed the monthly pre-aggregates, and how to recompute them from the timeline."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .choices import EventKind


def month_key(moment: datetime.datetime) -> int:
    local = timezone.localtime(moment)
    return local.year * 100 + local.month


def petition_dims(petition) -> tuple[str, str, str]:
    """(kind, channel, topic code): the breakdowns reports allow for petitions."""
    return (petition.kind, petition.channel, petition.topic.code if petition.topic_id else "")


def rows_from_facts():
    from .models import PetitionEvent

    events = (
        PetitionEvent.objects.exclude(kind=EventKind.NOTE)
        .select_related("petition__unit", "petition__topic")
        .iterator(chunk_size=5000)
    )
    for event in events:
        petition = event.petition
        yield f"petition.{event.kind}", petition.unit, month_key(event.at), petition_dims(petition), 1


# The cell dimensions, as fields of PetitionEvent.
EVENT_DIMS = {
    "dim_a": "petition__kind",
    "dim_b": "petition__channel",
    "dim_c": "petition__topic__code",
    "unit__level": "petition__unit__level",
}


def count_facts(
    *, measure: str, path: str, start: datetime.date, end: datetime.date, by=()
) -> dict[tuple, int]:
    """Events of one kind under ``path`` between two days, counted from the timeline itself."""
    from django.db.models import Count

    from .models import PetitionEvent

    kind = measure.removeprefix("petition.")
    events = PetitionEvent.objects.filter(
        kind=kind, petition__unit__path__under=path, at__date__gte=start, at__date__lte=end
    )
    fields = [EVENT_DIMS[d] for d in by]
    if not fields:
        return {(): events.count()}
    return {
        tuple("" if v is None else v for v in row[:-1]): row[-1]
        for row in events.values_list(*fields).annotate(n=Count("pk")).order_by()
    }
