import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Hotspot

from .hotspot_helpers import AS_OF, days_back, petitions, topic

pytestmark = pytest.mark.django_db


def _run(*args) -> list[dict]:
    out = StringIO()
    call_command("hotspots", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_nothing_on_an_empty_database(db):
    assert _run() == []
    assert _run("--as-of", "2026-01-01") == []


def test_it_prints_the_hot_spots_open_on_a_day_as_json(tree):
    land = topic()
    surge = petitions(tree.commune_a, days_back(7), topic=land)
    (crowd,) = petitions(tree.commune_b, [AS_OF], people_count=30)
    rows = _run("--as-of", AS_OF.isoformat())
    assert [(r["rule"], r["unit"], r["topic"], r["severity"]) for r in rows] == [
        ("crowd", "90002", None, "high"),
        ("surge", "90001", "dat-dai", "medium"),
    ]
    assert rows[0]["records"] == [crowd.pk] and rows[1]["records"] == sorted(p.pk for p in surge)
    assert {"rule", "unit", "topic", "severity", "records"} <= set(rows[0])
    # As of a week earlier, from the records received up to it: nothing yet.
    assert _run("--as-of", (AS_OF - datetime.timedelta(days=7)).isoformat()) == []
    # One unit's subtree only.
    assert [r["unit"] for r in _run("--as-of", AS_OF.isoformat(), "--unit", "90002")] == ["90002"]
    assert Hotspot.objects.count() == 0  # printing writes nothing


def test_it_leaves_out_a_hot_spot_closed_with_nothing_new_and_can_save(personas):
    petitions(personas.tree.commune_a, days_back(7), topic=topic())
    _run("--as-of", AS_OF.isoformat(), "--save")
    hotspot = Hotspot.objects.get()
    services.hotspot_step(actor=personas.province_board, hotspot=hotspot, kind="handled", note="Đã xử lý.")
    services.hotspot_step(actor=personas.province_board, hotspot=hotspot, kind="closed")
    Hotspot.objects.filter(pk=hotspot.pk).update(closed_on=AS_OF)
    assert _run("--as-of", AS_OF.isoformat()) == []


def test_it_refuses_a_bad_date_or_unit(db):
    with pytest.raises(CommandError):
        call_command("hotspots", "--as-of", "20-10-2026")
    with pytest.raises(CommandError):
        call_command("hotspots", "--unit", "nope")
