"""Similar opinions on the generated set: lookups per scope, and what keeping the index costs intake.

Queries are the evaluation set's texts (typed like real ones, never used by the generator, which
draws its bodies from the training corpus), asked of the nation, the busiest province and its
busiest commune, as ``similar_records`` answers the pages, the API and the command. Each lookup is
timed whole: the key read, the candidates' texts, the scoring and the topic classifier. The intake
cost is the portal's submission request, timed in-process with and without the index's receiver,
inside a transaction that is rolled back.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

QUERIES = 200
INTAKES = 300


@dataclass
class LookupTiming:
    scope: str
    p50_ms: float
    p95_ms: float
    shown: float  # records shown per lookup, on average


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def lookups_benchmark(*, units: dict, queries: int = QUERIES) -> list[LookupTiming]:
    from danvan.pulse.selectors import similar_records
    from danvan.textproc.classifier import shipped_model
    from danvan.textproc.corpus import evaluation_rows

    texts = [row["text"] for row in evaluation_rows()][:queries]
    shipped_model()  # trained once per process, before any timing
    timings = []
    for scope, unit in units.items():
        similar_records(text=texts[0], unit=unit, trusted=True)  # warm
        runs, shown = [], 0
        for text in texts:
            started = time.perf_counter()
            shown += len(similar_records(text=text, unit=unit, trusted=True))
            runs.append((time.perf_counter() - started) * 1000)
        timings.append(
            LookupTiming(scope, statistics.median(runs), _percentile(runs, 0.95), shown / len(texts))
        )
    return timings


class _Rollback(Exception):
    pass


def intake_cost(*, commune, intakes: int = INTAKES) -> tuple[float, float]:
    """Milliseconds per portal submission (the whole request in-process: middleware, form, service,
    redirect), without and with the similar-opinion index kept, in a transaction rolled back."""
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings

    from danvan.petitions.choices import Kind
    from danvan.petitions.signals import petition_received
    from danvan.pulse.services import on_petition_received
    from danvan.textproc.corpus import evaluation_rows

    texts = [row["text"] for row in evaluation_rows()]
    client = Client(REMOTE_ADDR="127.0.0.9", HTTP_HOST="localhost")
    form = {"province": commune.parent_id, "commune": commune.pk, "kind": Kind.FEEDBACK}

    def submit_all() -> float:
        started = time.perf_counter()
        for n in range(intakes):
            text = texts[n % len(texts)]
            response = client.post("/cong-dan/gui-y-kien/", {**form, "title": text[:80], "text": text})
            if response.status_code != 302:
                raise RuntimeError(f"portal refused the submission: {response.status_code}")
        return (time.perf_counter() - started) * 1000 / intakes

    def measured(with_index: bool) -> float:
        if not with_index:
            petition_received.disconnect(dispatch_uid="pulse.index_petition")
        try:
            with override_settings(PORTAL_RATE_LIMIT="1000000/h"), transaction.atomic():
                value = submit_all()
                raise _Rollback
        except _Rollback:
            return value
        finally:
            if not with_index:
                petition_received.connect(on_petition_received, dispatch_uid="pulse.index_petition")

    measured(True)  # warm
    # Interleaved, so that whatever drifts during the run (caches, the WAL) weighs on both alike.
    runs = [(measured(False), measured(True)) for _ in range(5)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
