"""Every API operation of grassroots democracy: scoped reads, scoped writes, the public board JSON."""

import datetime
import json

import pytest
from django.test import Client

from danvan.api import services as api_services
from danvan.democracy import services
from danvan.democracy.models import Decision, Posting

from . import factories as f

pytestmark = pytest.mark.django_db
BASE = "/api/v1/democracy"


class Api:
    def __init__(self, user=None):
        self.client = Client()
        token = api_services.token_create(user=user, name="thử").secret if user else None
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path):
        return self.client.get(BASE + path, headers=self.headers)

    def post(self, path, body):
        return self.client.post(
            BASE + path, json.dumps(body, default=str), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def records(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    return {
        "posting": f.posting(actor, unit),
        "consultation": f.consultation(actor, unit),
        "decision": f.decision(actor, unit),
        "board": services.board_form(
            actor=actor, unit=unit, kind="inspection_board", term_start=datetime.date(2026, 1, 1)
        ),
    }


READS = ["/postings", "/consultations", "/decisions", "/boards", "/dues"]


def test_reads_need_a_token_and_are_scoped(personas, records):
    for path in READS:
        assert Api().get(path).status_code == 401, path
    officer_a, officer_b = Api(personas.officer_a), Api(personas.officer_b)
    for path in ["/postings", "/consultations", "/decisions", "/boards"]:
        assert officer_a.get(path).json()["count"] == 1, path
        assert officer_b.get(path).json()["count"] == 0, path
    posting = officer_a.get("/postings").json()["items"][0]
    assert posting["category"]["article"].startswith("Điều 11") and posting["on_time"] is True
    assert Api(personas.province_board).get("/decisions").json()["items"][0]["passed"] is True


def posting_body(unit_code, **extra):
    day = f.today() - datetime.timedelta(days=1)
    return {
        "unit_code": unit_code,
        "category": "du-an-dau-tu",
        "title": "Dự án trường mầm non",
        "document_date": day.isoformat(),
        "posted_on": day.isoformat(),
        "forms": ["niem-yet-tru-so"],
        **extra,
    }


def test_writes_are_scoped_and_validated(personas):
    officer_a, officer_b = Api(personas.officer_a), Api(personas.officer_b)
    assert Api().post("/postings", posting_body("90001")).status_code == 401
    assert officer_b.post("/postings", posting_body("90001")).status_code == 403
    short = officer_a.post("/postings", posting_body("90001", period_end=f.today().isoformat()))
    assert short.status_code == 422 and "ngắn hơn 30 ngày" in short.json()["message"] + json.dumps(
        short.json(), ensure_ascii=False
    )
    assert not Posting.objects.exists()
    created = officer_a.post("/postings", posting_body("90001"))
    assert created.status_code == 201 and created.json()["unit_code"] == "90001"


def decision_body(**extra):
    return {
        "unit_code": "90001",
        "matter": "huong-uoc",
        "title": "Hương ước",
        "method": "meeting",
        "held_on": f.today().isoformat(),
        "households_entitled": 120,
        "households_present": 70,
        "votes_for": 65,
        "votes_against": 3,
        **extra,
    }


def test_decision_without_quorum_figures_or_with_too_many_votes_is_refused(personas):
    officer_a = Api(personas.officer_a)
    missing = officer_a.post("/decisions", decision_body(households_present=None))
    assert missing.status_code == 422
    assert "Không ghi nhận kết quả khi thiếu" in json.dumps(missing.json(), ensure_ascii=False)
    over = officer_a.post("/decisions", decision_body(votes_for=70))
    assert over.status_code == 422
    assert Api(personas.officer_b).post("/decisions", decision_body()).status_code == 403
    assert not Decision.objects.exists()
    created = officer_a.post("/decisions", decision_body())
    assert created.status_code == 201 and created.json()["passed"] is True


def test_consultation_and_opinions(personas):
    officer_a = Api(personas.officer_a)
    body = {
        "unit_code": "90001",
        "subject": "nong-thon-moi",
        "title": "Dự thảo",
        "draft_text": "…",
        "opens_on": f.today().isoformat(),
        "closes_on": (f.today() - datetime.timedelta(days=1)).isoformat(),
    }
    assert officer_a.post("/consultations", body).status_code == 422
    body["closes_on"] = (f.today() + datetime.timedelta(days=9)).isoformat()
    created = officer_a.post("/consultations", body)
    assert created.status_code == 201
    pk = created.json()["id"]
    opinion = {
        "channel": "meeting",
        "text": "Họp ấp",
        "received_on": f.today().isoformat(),
        "participants": 30,
        "agree": 25,
        "disagree": 2,
    }
    assert Api(personas.officer_b).post(f"/consultations/{pk}/opinions", opinion).status_code == 404
    answer = officer_a.post(f"/consultations/{pk}/opinions", opinion)
    assert answer.status_code == 201 and answer.json()["opinions"] == 1
