"""JSON of a commune's public board, shared by the portal's public JSON and the API."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from danvan.units.models import Unit

from . import selectors
from .models import Decision, Posting


def _day(value):
    return value.isoformat() if value else None


def posting_json(posting: Posting, base_url: str = "") -> dict:
    return {
        "id": posting.pk,
        "title": posting.title,
        "summary": posting.summary,
        "category": {
            "code": posting.category.code,
            "name": posting.category.name,
            "article": posting.category.article,
        },
        "hamlet": posting.hamlet.name if posting.hamlet_id else None,
        "period": posting.period_key or None,
        "document_date": _day(posting.document_date),
        "due_on": _day(posting.due_on),
        "posted_on": _day(posting.posted_on),
        "period_end": _day(posting.period_end),
        "on_time": posting.on_time,
        "taken_down_on": _day(posting.taken_down_on),
        "forms": [f.name for f in posting.forms.all()],
        "attachments": [
            {
                "name": a.name,
                "content_type": a.content_type,
                "url": base_url + reverse("portal:democracy_file", args=[posting.pk, a.pk]),
            }
            for a in posting.attachments.all()
        ],
    }


def decision_json(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "title": decision.title,
        "matter": decision.matter.name,
        "article": decision.article,
        "unit": decision.unit.name,
        "method": decision.method,
        "held_on": _day(decision.held_on),
        "households_entitled": decision.households_entitled,
        "households_present": decision.households_present,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "ballots_invalid": decision.ballots_invalid,
        "quorum_met": decision.quorum_met,
        "passed": decision.passed,
    }


def board_json(*, unit: Unit, base_url: str = "") -> dict:
    today = timezone.localdate()
    return {
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name},
        "date": today.isoformat(),
        "on_board": [posting_json(p, base_url) for p in selectors.board_public(unit=unit, today=today)],
        "consultations": [
            {
                "id": c.pk,
                "title": c.title,
                "subject": c.subject.name,
                "opens_on": _day(c.opens_on),
                "closes_on": _day(c.closes_on),
                "state": c.state(today),
                "url": base_url + reverse("portal:democracy_consultation", args=[c.pk]),
            }
            for c in selectors.consultations_public(unit=unit, today=today)[:50]
        ],
        "decisions": [decision_json(d) for d in selectors.decisions_public(unit=unit)[:50]],
    }
