"""Topic suggestion from keyword rules: offline, explainable, and good enough to pre-fill a field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .folding import fold


@dataclass(frozen=True)
class TopicRule:
    topic_id: int
    keywords: tuple[str, ...]  # folded


def rules_from(topics: Iterable[tuple[int, str]]) -> list[TopicRule]:
    """Build rules from (topic id, keywords one per line) pairs."""
    rules = []
    for topic_id, keywords in topics:
        folded = tuple(k for k in (fold(line) for line in (keywords or "").splitlines()) if k)
        if folded:
            rules.append(TopicRule(topic_id, folded))
    return rules


def suggest_topic(text: str, rules: Iterable[TopicRule]) -> int | None:
    """The topic whose keywords cover most of ``text``; longer keywords weigh more; ties go to the first."""
    haystack = f" {fold(text)} "
    best_id, best_score = None, 0
    for rule in rules:
        score = sum(len(k.split()) for k in rule.keywords if f" {k} " in haystack)
        if score > best_score:
            best_id, best_score = rule.topic_id, score
    return best_id
