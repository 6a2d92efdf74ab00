import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .helpers import LANDFILL, ROAD, ROAD_AGAIN, receive

pytestmark = pytest.mark.django_db


def test_it_prints_the_similar_records_as_json(personas, capsys):
    road, _landfill = receive(personas, ROAD), receive(personas, LANDFILL)
    call_command("similar", unit="90", text=ROAD_AGAIN, limit=3, format="json")
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [road.pk]
    assert rows[0]["record"] == "petition" and rows[0]["tracking_code"] == road.tracking_code
    assert 0.18 <= rows[0]["score"] <= 1


def test_it_prints_an_empty_list_when_nothing_is_similar(personas, capsys):
    receive(personas, LANDFILL)
    call_command("similar", unit="90001", text=ROAD_AGAIN, format="json")
    assert json.loads(capsys.readouterr().out) == []


def test_it_refuses_an_unknown_unit_or_empty_text(personas):
    with pytest.raises(CommandError):
        call_command("similar", unit="nope", text=ROAD_AGAIN)
    with pytest.raises(CommandError):
        call_command("similar", unit="90", text="  ")


def test_it_suggests_a_topic_code_of_the_shipped_list(personas, capsys):
    call_command("suggest_topic", text="Bãi rác tự phát bốc mùi hôi thối cả xóm", format="json")
    assert json.loads(capsys.readouterr().out)["topic"] == "rac-thai"
    call_command("suggest_topic", text="   ", format="json")
    assert json.loads(capsys.readouterr().out) == {"topic": None, "score": 0.0, "source": "none"}


def test_it_rebuilds_the_index(personas, capsys):
    receive(personas, ROAD)
    call_command("rebuild_similarity")
    assert "1 petitions, 6 keys" in capsys.readouterr().out
