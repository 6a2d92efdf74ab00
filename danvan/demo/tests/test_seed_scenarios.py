"""The demo scenarios reproduce the seeds' figures, read back through the report CLI's JSON.

The real unit tree and every scenario are loaded once for the module (about a minute),
inside a transaction rolled back at the end, so other tests never see them.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        from danvan.accounts.tests.factories import UserFactory

        call_command("load_units", stdout=io.StringIO())
        UserFactory(username="seed.admin", is_superuser=True, is_staff=True)
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def report(unit: str, start: str, end: str) -> dict:
    out = io.StringIO()
    call_command("report", "--unit", unit, "--from", start, "--to", end, stdout=out)
    data = json.loads(out.getvalue())
    return {i["key"]: i for i in data["indicators"]} | {"_findings": data["findings"], "_unit": data["unit"]}


def test_it_reproduces_cau_ngang(seeded):
    r = report("848", "2023-12-01", "2024-06-30")
    assert r["_unit"] == {"code": "848", "name": "Huyện Cầu Ngang", "level": "district"}
    assert r["communes_with_conference"]["value"] == 13
    assert r["communes_with_conference"]["breakdowns"]["total"] == {"communes": 15}
    assert r["conferences_held"]["value"] == 13
    assert r["opinions_raised"]["value"] == 57
    assert r["opinions_raised"]["breakdowns"]["outcome"] == {"answered_on_spot": 52, "forwarded": 5}
    assert r["petitions_answered_on_spot"]["value"] == 52 and r["petitions_forwarded"]["value"] == 5


def test_it_reproduces_ha_nam_dialogues(seeded):
    r = report("35", "2021-01-01", "2022-12-31")
    assert r["dialogues_party_heads"]["value"] == 241
    assert r["dialogues_party_heads"]["breakdowns"]["level"] == {
        "province": 3,
        "district": 22,
        "commune": 216,
    }
    assert r["dialogues_government_heads"]["value"] == 323
    assert r["dialogues_government_heads"]["breakdowns"]["level"] == {
        "province": 3,
        "district": 40,
        "commune": 280,
    }


def test_it_reproduces_vu_thu(seeded):
    r = report("344", "2018-09-26", "2019-12-31")
    assert r["meetings_held"]["breakdowns"]["level"]["district"] == 3
    assert r["communes_with_dialogue"]["value"] == 25
    assert r["communes_with_dialogue"]["breakdowns"]["total"] == {"communes": 30}
    assert r["opinions_raised"]["value"] > 900
    topics = r["opinions_raised"]["breakdowns"]["topic"]
    assert {"tranh-chap-dat-dai", "o-nhiem", "giao-thong-nong-thon", "bao-tro-xa-hoi"} <= set(topics)


def test_it_rolls_the_old_district_into_the_new_province(seeded):
    # Trà Vinh merged into Vĩnh Long (86): a report ending after the reform is for the new province,
    # covers Cầu Ngang's conferences and says so; one ending before it is for the old Vĩnh Long.
    out = io.StringIO()
    call_command("report", "--unit", "86", "--from", "2023-12-01", "--to", "2025-12-31", stdout=out)
    data = json.loads(out.getvalue())
    values = {i["key"]: i["value"] for i in data["indicators"]}
    assert values["conferences_held"] == 13
    assert "Tỉnh Trà Vinh" in data["notes"][0]
    assert report("86", "2023-12-01", "2024-06-30")["conferences_held"]["value"] == 0


def test_it_flags_the_tan_lac_dossier_figures(seeded):
    r = report("155", "2023-04-01", "2024-04-30")
    assert r["activities.ho-so-thu-tuc-hanh-chinh.received"]["value"] == 25723
    assert r["activities.ho-so-thu-tuc-hanh-chinh.in_progress"]["value"] == 326
    messages = [f["message"] for f in r["_findings"]]
    assert any("đã giải quyết cộng đang giải quyết" in m for m in messages), messages
    flagged = next(f for f in r["_findings"] if "cộng đang giải quyết" in f["message"])
    assert flagged["figures"]["left"] == 25813 and flagged["figures"]["right"] == 25723


def test_it_reproduces_the_recognised_models(seeded):
    ha_nam = report("35", "2021-01-01", "2022-12-31")["models_recognised"]
    assert ha_nam["value"] == 972
    assert ha_nam["breakdowns"]["level"] == {"commune": 705, "district": 246, "province": 21}
    yen_the = report("215", "2018-01-01", "2020-12-31")["models_recognised"]
    assert 780 <= yen_the["value"] <= 820
    assert (
        yen_the["breakdowns"]["field"]["economy"] > 300
        and yen_the["breakdowns"]["field"]["culture_society"] > 230
    )
    tan_lac = report("155", "2019-01-01", "2024-05-17")["models_recognised"]
    assert tan_lac["value"] == 315
    assert tan_lac["breakdowns"]["field"] == {
        "culture_society": 184,
        "defence_security": 25,
        "economy": 101,
        "political_system": 5,
    }
