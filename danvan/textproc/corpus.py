"""The texts shipped with textproc: the training corpus and the evaluation set (JSON Lines).

Both are written in our own words after real published opinions and petitions; each line keeps
its source's address. ``training/`` teaches (topic classifier, term weights); ``evaluation/`` only
ever measures, so that a score on it says something about texts nobody has seen.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .similarity import Vocabulary

HERE = Path(__file__).resolve().parent
TRAINING_DIR = HERE / "training"
EVALUATION_DIR = HERE / "evaluation"


def read_jsonl(folder: Path) -> list[dict]:
    rows: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as error:
                        raise ValueError(f"{path.name}:{number}: {error}") from error
    return rows


@lru_cache(maxsize=1)
def training_rows() -> tuple[dict, ...]:
    return tuple(read_jsonl(TRAINING_DIR))


@lru_cache(maxsize=1)
def evaluation_rows() -> tuple[dict, ...]:
    return tuple(read_jsonl(EVALUATION_DIR))


@lru_cache(maxsize=1)
def reference_vocabulary() -> Vocabulary:
    """Term frequencies of the training corpus: what is common in opinions, whatever the place."""
    return Vocabulary.from_texts(row["text"] for row in training_rows())
