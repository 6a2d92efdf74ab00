"""Records → the dictionaries the REST schemas describe. Reads only; identities only when allowed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from danvan.accounts.roles import Role
from danvan.meetings.models import Meeting
from danvan.petitions import permissions
from danvan.petitions.choices import EventKind, Kind, Status
from danvan.petitions.lifecycle import allowed_events
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.selectors import OPEN, petition_timeline
from danvan.units.models import Organisation, Unit

# The API's action names and the timeline event each one appends.
ACTIONS = {
    "answer-on-spot": EventKind.ANSWERED_ON_SPOT,
    "accept": EventKind.ACCEPTED,
    "forward": EventKind.FORWARDED,
    "extend": EventKind.EXTENDED,
    "answer": EventKind.ANSWERED,
    "reject": EventKind.REJECTED,
    "merge": EventKind.MERGED,
    "close": EventKind.CLOSED,
    "reopen": EventKind.REOPENED,
    "notes": EventKind.NOTE,
}


def unit_ref(unit: Unit | None) -> dict | None:
    if unit is None:
        return None
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level}


def unit_out(unit: Unit, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        **unit_ref(unit),
        "short_name": unit.short_name,
        "kind_name": unit.kind_name,
        "tree": unit.tree,
        "parent_id": unit.parent_id,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "is_current": unit.is_valid_on(today),
        "latitude": unit.latitude,
        "longitude": unit.longitude,
    }


def organisation_ref(organisation: Organisation | None) -> dict | None:
    return None if organisation is None else {"id": organisation.pk, "name": organisation.name}


def organisation_out(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": str(organisation.get_kind_display()),
    }


def membership_out(membership) -> dict:
    return {
        "unit": unit_ref(membership.unit),
        "role": membership.role,
        "role_label": str(Role(membership.role).label),
        "organisation": organisation_out(membership.organisation) if membership.organisation else None,
    }


def topic_ref(topic) -> dict | None:
    return None if topic is None else {"code": topic.code, "name": topic.name}


def topic_out(topic) -> dict:
    keywords = [line.strip() for line in topic.keywords.splitlines() if line.strip()]
    return {"code": topic.code, "name": topic.name, "keywords": keywords}


# --- petitions -------------------------------------------------------------------------------------


def petition_out(petition: Petition, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "id": petition.pk,
        "tracking_code": petition.tracking_code,
        "kind": petition.kind,
        "kind_label": str(Kind(petition.kind).label),
        "channel": petition.channel,
        "status": petition.status,
        "status_label": str(Status(petition.status).label),
        "topic": topic_ref(petition.topic),
        "unit": unit_ref(petition.unit),
        "handling_unit": unit_ref(petition.handling_unit),
        "handling_organisation": organisation_ref(petition.handling_organisation),
        "title": petition.title,
        "received_at": petition.received_at,
        "acceptance_due": petition.acceptance_due,
        "due_date": petition.due_date,
        "is_overdue": bool(petition.status in OPEN and petition.due_date and petition.due_date < today),
        "answered_at": petition.answered_at,
        "closed_at": petition.closed_at,
        "version": petition.version,
    }


def event_out(event: PetitionEvent) -> dict:
    return {
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "at": event.at,
        "actor": event.actor.username if event.actor else None,
        "text": event.text,
        "is_internal": event.is_internal,
        "from_unit": unit_ref(event.from_unit),
        "to_unit": unit_ref(event.to_unit),
        "organisation": organisation_ref(event.organisation),
        "other_petition": event.other_petition.tracking_code if event.other_petition else None,
        "due_date": event.due_date,
        "rating": event.rating,
    }


def allowed_actions(petition: Petition, user) -> list[str]:
    """What ``user`` may do now, by the same rules as the buttons on the detail page."""
    allowed = allowed_events(petition.status)
    may_record = permissions.may_record(user, petition)
    may_handle = permissions.may_handle(user, petition)
    actions = []
    for name, event in ACTIONS.items():
        if event not in allowed:
            continue
        if name == "answer":
            ok = may_handle
        elif name == "notes":
            ok = may_record or may_handle
        elif name == "extend":
            ok = may_record and petition.due_date is not None
        else:
            ok = may_record
        if ok:
            actions.append(name)
    return actions


def petition_detail(petition: Petition, user, timeline: list[PetitionEvent] | None = None) -> dict:
    """``timeline`` when the caller has the events in hand (it has just written them), else read."""
    show_identity = permissions.may_see_identity(user, petition)
    citizen = None
    if show_identity:
        citizen = {
            "name": petition.citizen_name,
            "phone": petition.citizen_phone,
            "email": petition.citizen_email,
            "address": petition.citizen_address,
        }
    return {
        **petition_out(petition),
        "text": petition.text,
        "public_answer": petition.public_answer,
        "citizen": citizen,
        "is_complex": petition.is_complex,
        "is_remote": petition.is_remote,
        "competent_level": petition.competent_level,
        "people_count": petition.people_count,
        "extensions": petition.extensions,
        "merged_into": petition.merged_into.tracking_code if petition.merged_into_id else None,
        "rating": petition.rating,
        "rating_comment": petition.rating_comment,
        "allowed_actions": allowed_actions(petition, user),
        "timeline": [
            event_out(e) for e in (petition_timeline(petition=petition) if timeline is None else timeline)
        ],
    }


# --- meetings --------------------------------------------------------------------------------------


def meeting_type_out(meeting_type) -> dict:
    return {
        "code": meeting_type.code,
        "name": meeting_type.name,
        "category": meeting_type.category,
        "category_label": str(meeting_type.get_category_display()),
    }


def meeting_out(meeting: Meeting, opinions_count: int | None = None) -> dict:
    if opinions_count is None:
        opinions_count = getattr(meeting, "opinions_count", None)
    if opinions_count is None:
        opinions_count = meeting.opinions.count()
    return {
        "id": meeting.pk,
        "meeting_type": meeting_type_out(meeting.meeting_type),
        "host_unit": unit_ref(meeting.host_unit),
        "venue_unit": unit_ref(meeting.venue_unit),
        "venue": meeting.venue,
        "starts_at": meeting.starts_at,
        "status": meeting.status,
        "level": meeting.level,
        "title": meeting.title,
        "attendance": meeting.attendance,
        "is_public": meeting.is_public,
        "opinions_count": opinions_count,
    }


def meeting_detail(meeting: Meeting) -> dict:
    opinions = list(meeting.opinions.select_related("topic", "petition").order_by("position"))
    return {
        **meeting_out(meeting, opinions_count=len(opinions)),
        "attendance_composition": meeting.attendance_composition,
        "policies_explained": meeting.policies_explained,
        "minutes": meeting.minutes,
        "chairs": [
            {"name": c.name, "role": c.role, "role_label": str(c.get_role_display())}
            for c in meeting.chairs.all().order_by("pk")
        ],
        "opinions": [
            {
                "position": o.position,
                "text": o.text,
                "outcome": o.outcome,
                "topic": topic_ref(o.topic),
                "answer": o.answer,
                "petition": {
                    "id": o.petition_id,
                    "tracking_code": o.petition.tracking_code,
                    "status": o.petition.status,
                },
            }
            for o in opinions
        ],
    }
