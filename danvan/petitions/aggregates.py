"""How petitions feed the monthly pre-aggregates, and how to recompute them from the timeline."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .choices import EventKind


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_key(moment: datetime.datetime) -> int:
    local = timezone.localtime(moment)
    return local.year * 100 + local.month


def petition_dims(petition) -> tuple[str, str, str]:
    """(kind, channel, topic code): the breakdowns reports allow for petitions."""
    return (petition.kind, petition.channel, petition.topic.code if petition.topic_id else "")


def cells_from_facts():
    """Every timeline event but notes, in the month it happened, under the petition's origin unit."""
    from django.db.models import CharField, Count, F, Value
    from django.db.models.functions import Concat, ExtractMonth, ExtractYear

    from danvan.facts.services import cells

    from .models import PetitionEvent

    return [
        cells(
            PetitionEvent.objects.exclude(kind=EventKind.NOTE),
            measure=Concat(Value("petition."), F("kind"), output_field=CharField()),
            unit="petition__unit_id",
            yyyymm=ExtractYear("at") * 100 + ExtractMonth("at"),
            dims=[F("petition__kind"), F("petition__channel"), F("petition__topic__code")],
            codes="petition__",
            value=Count("pk"),
        )
    ]


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

    from danvan.units.models import Unit

    from .models import PetitionEvent

    kind = measure.removeprefix("petition.")
    # A range on the moment (not __date, a cast per row) that the (kind, at) index serves, and the
    # subtree as unit ids rather than a join on paths.
    events = PetitionEvent.objects.filter(
        kind=kind,
        petition__unit_id__in=Unit.objects.filter(path__under=path).values("pk"),
        at__gte=day_start(start),
        at__lt=day_start(end + datetime.timedelta(days=1)),
    )
    fields = [EVENT_DIMS[d] for d in by]
    if not fields:
        return {(): events.count()}
    return {
        tuple("" if v is None else v for v in row[:-1]): row[-1]
        for row in events.values_list(*fields).annotate(n=Count("pk")).order_by()
    }
