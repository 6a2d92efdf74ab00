"""Hand-built records for the hot-spot rules: rows written directly, dated as each case needs."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from danvan.petitions.choices import Channel, EventKind, Kind, Status
from danvan.petitions.models import Petition, PetitionEvent, Topic

_codes = itertools.count(1)
AS_OF = datetime.date(2026, 10, 20)  # far from Tết


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def topic(code: str = "dat-dai", name: str = "Đất đai") -> Topic:
    return Topic.objects.get_or_create(code=code, defaults={"name": name})[0]


def petitions(unit, days: list[datetime.date], *, handling_unit=None, topic=None, **fields) -> list[Petition]:
    """One petition per day listed, arisen in ``unit``; its receipt on the timeline at ``handling_unit``."""
    handling_unit = handling_unit or unit
    rows = []
    for day in days:
        received = at(day)
        rows.append(
            Petition(
                tracking_code=f"PT{next(_codes):08d}",
                pin_hash="x",
                kind=fields.get("kind", Kind.FEEDBACK),
                channel=fields.get("channel", Channel.RECEPTION),
                topic=topic,
                unit=unit,
                handling_unit=handling_unit,
                yyyymm=day.year * 100 + day.month,
                title=fields.get("title", "Đường liên ấp xuống cấp"),
                text=fields.get("text", "Đề nghị sửa đường."),
                citizen_name=fields.get("citizen_name", ""),
                citizen_phone=fields.get("citizen_phone", ""),
                citizen_email=fields.get("citizen_email", ""),
                citizen_address=fields.get("citizen_address", ""),
                competent_level=fields.get("competent_level", ""),
                people_count=fields.get("people_count"),
                received_at=received,
                acceptance_due=day + datetime.timedelta(days=10),
                due_date=fields.get("due_date", day + datetime.timedelta(days=30)),
                status=fields.get("status", Status.NEW),
                answered_at=fields.get("answered_at"),
                rating=fields.get("rating"),
            )
        )
    made = Petition.objects.bulk_create(rows)
    PetitionEvent.objects.bulk_create(
        PetitionEvent(petition=p, kind=EventKind.RECEIVED, at=p.received_at, to_unit=handling_unit)
        for p in made
    )
    return made


def answer(petition: Petition, day: datetime.date, *, rating: int | None = None, rated_on=None) -> None:
    Petition.objects.filter(pk=petition.pk).update(
        status=Status.ANSWERED, answered_at=at(day, 15), rating=rating
    )
    PetitionEvent.objects.create(petition=petition, kind=EventKind.ANSWERED, at=at(day, 15))
    if rating is not None:
        PetitionEvent.objects.create(
            petition=petition, kind=EventKind.RATED, at=at(rated_on or day, 18), rating=rating
        )


def days_back(count: int, *, every: int = 1, start: int = 0) -> list[datetime.date]:
    return [AS_OF - datetime.timedelta(days=start + i * every) for i in range(count)]
