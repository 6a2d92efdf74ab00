"""The public meeting calendar as an iCalendar (RFC 5545) feed."""

from __future__ import annotations

import datetime

from django.urls import reverse
from icalendar import Calendar, Event


def meetings_ics(*, unit, meetings, base_url: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//danvan//Lich hoi nghi//VI")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"Lịch hội nghị, tiếp công dân — {unit.name}")
    feed.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@danvan")
        event.add("dtstamp", meeting.created_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + datetime.timedelta(hours=2))
        event.add("summary", meeting.title or str(meeting.meeting_type))
        place = ", ".join(
            p
            for p in (
                meeting.venue,
                meeting.venue_unit.name if meeting.venue_unit else "",
                meeting.host_unit.name,
            )
            if p
        )
        event.add("location", place)
        event.add("description", f"{meeting.meeting_type} — {meeting.host_unit.name}")
        event.add("url", base_url + reverse("meetings:public_calendar", args=[unit.pk]))
        if meeting.status == "cancelled":
            event.add("status", "CANCELLED")
        feed.add_component(event)
    return feed.to_ical()
