"""Precision and recall of similar-opinion detection, and topic accuracy, on the evaluation set.

The lookup is simulated exactly as the product runs it: each text is a query against all the
others, candidates are those that share an index key with it, they are scored, and the top
``top`` above the threshold are "shown". A shown record is right when it belongs to the query's
concern group. Hard negatives (same topic, another place or problem) sit in the same pool.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from . import similarity
from .classifier import TopicModel, suggest
from .folding import fold


@dataclass(frozen=True)
class DuplicateResult:
    threshold: float
    shown: int
    correct: int
    relevant: int
    hard_negatives_shown: int

    @property
    def precision(self) -> float:
        return self.correct / self.shown if self.shown else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.relevant if self.relevant else 0.0


def rank_all(
    rows: list[dict], vocabulary: similarity.Vocabulary, model: TopicModel | None = None
) -> dict[str, list[tuple[float, str]]]:
    """For each text, every other text that the index would offer, with its score, best first."""
    analyses = {r["id"]: similarity.analyse(r["text"]) for r in rows}
    stored = {
        rid: set(similarity.keys(a, vocabulary, limit=similarity.STORED_KEYS)) for rid, a in analyses.items()
    }
    by_key: dict[int, set[str]] = defaultdict(set)
    for rid, record_keys in stored.items():
        for key in record_keys:
            by_key[key].add(rid)
    topics = {}
    if model is not None:
        import numpy as np

        vectors = model.probabilities([r["text"] for r in rows])
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        topics = {r["id"]: vectors[i] for i, r in enumerate(rows)}
    ranked: dict[str, list[tuple[float, str]]] = {}
    for rid, analysis in analyses.items():
        candidates: set[str] = set()
        for key in similarity.keys(analysis, vocabulary, limit=similarity.QUERY_KEYS):
            candidates |= by_key.get(key, set())
        candidates.discard(rid)
        scored = []
        for other in candidates:
            match = similarity.score(analysis, analyses[other], vocabulary)
            if topics:
                match = match.agreeing(float(topics[rid] @ topics[other]))
            scored.append((match.score, other))
        ranked[rid] = sorted(scored, key=lambda s: (-s[0], s[1]))
    return ranked


def duplicates(
    rows: list[dict], ranked: dict[str, list[tuple[float, str]]], *, threshold: float, top: int = 5
) -> DuplicateResult:
    group_of = {r["id"]: r.get("group") for r in rows}
    negatives = {r["id"]: set(r.get("hard_negative_of") or ()) for r in rows}
    members: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.get("group"):
            members[r["group"]].add(r["id"])
    shown = correct = relevant = hard = 0
    for r in rows:
        group = r.get("group")
        if group:
            relevant += min(len(members[group]) - 1, top)
        for _value, other in [s for s in ranked[r["id"]] if s[0] >= threshold][:top]:
            shown += 1
            if group and group_of[other] == group:
                correct += 1
            elif (group and group in negatives[other]) or (group_of[other] in negatives[r["id"]]):
                hard += 1
    return DuplicateResult(threshold, shown, correct, relevant, hard)


@dataclass(frozen=True)
class TopicResult:
    accuracy: float
    macro_f1: float
    per_topic: dict[str, tuple[float, float, float, int]]  # precision, recall, f1, support
    abstained: int


def topics(rows: list[dict], model: TopicModel, *, strip_marks: bool = False) -> TopicResult:
    texts = [fold(r["text"]) if strip_marks else r["text"] for r in rows]
    predicted = [suggest(t, model=model).topic for t in texts]
    truth = [r["topic"] for r in rows]
    right = sum(p == t for p, t in zip(predicted, truth, strict=True))
    tp, fp, fn = Counter(), Counter(), Counter()
    for p, t in zip(predicted, truth, strict=True):
        if p == t:
            tp[t] += 1
        else:
            fn[t] += 1
            if p:
                fp[p] += 1
    per_topic = {}
    for topic in sorted(set(truth)):
        precision = tp[topic] / (tp[topic] + fp[topic]) if tp[topic] + fp[topic] else 0.0
        recall = tp[topic] / (tp[topic] + fn[topic]) if tp[topic] + fn[topic] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_topic[topic] = (precision, recall, f1, tp[topic] + fn[topic])
    macro = sum(v[2] for v in per_topic.values()) / len(per_topic) if per_topic else 0.0
    return TopicResult(right / len(rows) if rows else 0.0, macro, per_topic, predicted.count(None))
