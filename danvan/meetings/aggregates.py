"""How meetings and opinions feed the monthly pre-aggregates, and how to recompute them."""

from __future__ import annotations

import datetime

from danvan.facts.services import count_add

from .choices import MeetingStatus
from .models import Meeting


def meeting_rows(meeting, chairs) -> list[tuple[str, tuple[str, ...]]]:
    """The cells one held meeting adds to: the meeting itself and each distinct chair role."""
    category = meeting.meeting_type.category
    rows = [("meeting.held", (meeting.meeting_type.code, category))]
    rows += [("meeting.chair", (role, category)) for role in sorted({role for _name, role in chairs})]
    return rows


def count_meeting(meeting, chairs) -> None:
    for measure, dims in meeting_rows(meeting, chairs):
        count_add(measure=measure, unit=meeting.host_unit, yyyymm=meeting.yyyymm, dims=dims)


def count_opinion(opinion) -> None:
    meeting = opinion.meeting
    count_add(
        measure="meeting.opinion",
        unit=meeting.host_unit,
        yyyymm=meeting.yyyymm,
        dims=(opinion.outcome, opinion.topic.code if opinion.topic_id else ""),
    )


def cells_from_facts():
    """Held meetings, the distinct chair roles of each, and every opinion, in the meeting's month."""
    from django.db.models import Count, F, Value

    from danvan.facts.services import cells

    from .models import MeetingChair, Opinion

    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    return [
        cells(
            held,
            measure=Value("meeting.held"),
            unit="host_unit_id",
            yyyymm=F("yyyymm"),
            dims=[F("meeting_type__code"), F("meeting_type__category")],
            codes="",
            value=Count("pk"),
        ),
        cells(
            MeetingChair.objects.filter(meeting__status=MeetingStatus.HELD),
            measure=Value("meeting.chair"),
            unit="meeting__host_unit_id",
            yyyymm=F("meeting__yyyymm"),
            dims=[F("role"), F("meeting__meeting_type__category")],
            codes="meeting__",
            value=Count("meeting", distinct=True),
        ),
        cells(
            Opinion.objects.all(),
            measure=Value("meeting.opinion"),
            unit="meeting__host_unit_id",
            yyyymm=F("meeting__yyyymm"),
            dims=[F("outcome"), F("topic__code")],
            codes="meeting__",
            value=Count("pk"),
        ),
    ]


def count_facts(*, measure: str, path: str, start, end, by=()) -> dict[tuple, int]:
    """Held meetings, chair roles or opinions under ``path`` between two days, from the records."""
    from django.db.models import Count

    from danvan.petitions.aggregates import day_start
    from danvan.units.models import Unit

    from .models import MeetingChair, Opinion

    held = {
        "status": MeetingStatus.HELD,
        "host_unit_id__in": Unit.objects.filter(path__under=path).values("pk"),
        "starts_at__gte": day_start(start),
        "starts_at__lt": day_start(end + datetime.timedelta(days=1)),
    }
    if measure == "meeting.held":
        from .models import Meeting

        rows = Meeting.objects.filter(**held)
        dims = {
            "dim_a": "meeting_type__code",
            "dim_b": "meeting_type__category",
            "unit__level": "host_unit__level",
        }
        counted = "pk"
    elif measure == "meeting.chair":
        rows = MeetingChair.objects.filter(**{f"meeting__{k}": v for k, v in held.items()})
        dims = {
            "dim_a": "role",
            "dim_b": "meeting__meeting_type__category",
            "unit__level": "meeting__host_unit__level",
        }
        counted = "meeting"
    else:
        rows = Opinion.objects.filter(**{f"meeting__{k}": v for k, v in held.items()})
        dims = {"dim_a": "outcome", "dim_b": "topic__code", "unit__level": "meeting__host_unit__level"}
        counted = "pk"
    fields = [dims[d] for d in by]
    if not fields:
        return {(): rows.aggregate(n=Count(counted, distinct=True))["n"]}
    return {
        tuple("" if v is None else v for v in row[:-1]): row[-1]
        for row in rows.values_list(*fields).annotate(n=Count(counted, distinct=True)).order_by()
    }
