import datetime

from django.utils import timezone

from danvan.meetings import services
from danvan.meetings.models import MeetingType


def meeting_type(code: str = "hoi-nghi-chi-bo-ap") -> MeetingType:
    return MeetingType.objects.get(code=code)


def held(
    personas,
    *,
    unit=None,
    actor=None,
    day=datetime.date(2026, 3, 10),
    code="hoi-nghi-chi-bo-ap",
    chairs=(("Nguyễn Văn Bí", "party_secretary"),),
    **extra,
):
    return services.meeting_record(
        actor=actor or personas.officer_a,
        meeting_type=meeting_type(code),
        host_unit=unit or personas.tree.commune_a,
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8))),
        chairs=chairs,
        **extra,
    )
