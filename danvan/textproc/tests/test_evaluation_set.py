"""The evaluation set's shape, and the quality bar on it (issue 16): a regression here fails the suite."""

import collections
import json

import pytest
from django.core.management import call_command

from danvan.textproc.corpus import evaluation_rows

TOPICS_MIGRATION = "danvan/petitions/migrations/0002_seed_topics_and_limits.py"


def shipped_topic_codes() -> set[str]:
    namespace: dict = {}
    with open(TOPICS_MIGRATION, encoding="utf-8") as handle:
        source = handle.read().split("LIMITS =")[0]
    exec(source.replace("from django.db import migrations", ""), namespace)
    return {
        f"{group}--{code}" if code == group else code
        for group, _name, children in namespace["TOPICS"]
        for code, _n, _k in children
    }


def test_it_holds_at_least_400_sourced_texts_on_shipped_topics_and_60_concern_groups():
    rows = evaluation_rows()
    assert len(rows) >= 400
    assert {r["topic"] for r in rows} <= shipped_topic_codes()
    assert all(r["source_url"].startswith("http") and r["source_facts"] for r in rows)
    groups = collections.Counter(r["group"] for r in rows if r.get("group"))
    assert sum(1 for n in groups.values() if n >= 2) >= 60
    negatives = {g for r in rows for g in r.get("hard_negative_of", [])}
    assert set(groups) <= negatives, "every concern group has a hard negative"
    unmarked = sum(1 for r in rows if r["register"] == "citizen_no_marks")
    assert unmarked >= len(rows) // 5


@pytest.mark.django_db
def test_it_meets_the_quality_bar_on_the_evaluation_set(capsys):
    call_command("evaluate_text", format="json")
    result = json.loads(capsys.readouterr().out)
    duplicates, topics = result["duplicates"], result["topics"]
    assert duplicates["precision"] >= 0.9 and duplicates["recall"] >= 0.8, duplicates
    assert topics["accuracy"] >= 0.8 and topics["accuracy_without_marks"] >= 0.7, topics
