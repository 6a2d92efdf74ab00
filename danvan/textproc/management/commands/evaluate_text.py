"""Print how well similar opinions and topics are found on the shipped evaluation set."""

import json
import time

from django.core.management.base import BaseCommand

from danvan.textproc import measure
from danvan.textproc.classifier import MIN_PROBABILITY, shipped_model
from danvan.textproc.corpus import evaluation_rows, reference_vocabulary

THRESHOLDS = (0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.25, 0.3, 0.4)


class Command(BaseCommand):
    help = "Precision/recall of duplicate detection (top 5) and topic accuracy on textproc/evaluation/."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--threshold", type=float, default=None, help="the product's, by default")

    def handle(self, *args, format: str, threshold: float | None, **options):
        from danvan.pulse.selectors import THRESHOLD

        threshold = THRESHOLD if threshold is None else threshold
        rows = list(evaluation_rows())
        started = time.perf_counter()
        model = shipped_model()
        ranked = measure.rank_all(rows, reference_vocabulary(), model)
        sweep = [measure.duplicates(rows, ranked, threshold=t) for t in sorted({*THRESHOLDS, threshold})]
        chosen = next(r for r in sweep if r.threshold == threshold)
        with_marks = measure.topics(rows, model)
        without_marks = measure.topics(rows, model, strip_marks=True)
        groups = {r["group"] for r in rows if r.get("group")}
        result = {
            "texts": len(rows),
            "groups": len(groups),
            "duplicates": {
                "threshold": threshold,
                "precision": round(chosen.precision, 3),
                "recall": round(chosen.recall, 3),
                "shown": chosen.shown,
                "hard_negatives_shown": chosen.hard_negatives_shown,
                "sweep": [
                    {
                        "threshold": r.threshold,
                        "precision": round(r.precision, 3),
                        "recall": round(r.recall, 3),
                    }
                    for r in sweep
                ],
            },
            "topics": {
                "min_probability": MIN_PROBABILITY,
                "accuracy": round(with_marks.accuracy, 3),
                "macro_f1": round(with_marks.macro_f1, 3),
                "accuracy_without_marks": round(without_marks.accuracy, 3),
                "macro_f1_without_marks": round(without_marks.macro_f1, 3),
                "abstained": with_marks.abstained,
                "per_topic": {
                    topic: {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "texts": n}
                    for topic, (p, r, f, n) in with_marks.per_topic.items()
                },
                "per_topic_without_marks": {
                    topic: round(f, 3) for topic, (_p, _r, f, _n) in without_marks.per_topic.items()
                },
            },
            "seconds": round(time.perf_counter() - started, 2),
        }
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        d, t = result["duplicates"], result["topics"]
        self.stdout.write(f"{result['texts']} texts, {result['groups']} concern groups")
        self.stdout.write(
            f"duplicates (top 5, threshold {d['threshold']}): "
            f"precision {d['precision']}, recall {d['recall']}"
            f" ({d['shown']} shown, {d['hard_negatives_shown']} hard negatives among them)"
        )
        for r in d["sweep"]:
            self.stdout.write(f"  threshold {r['threshold']:.2f}: P {r['precision']:.3f} R {r['recall']:.3f}")
        self.stdout.write(
            f"topics: accuracy {t['accuracy']} (macro-F1 {t['macro_f1']}) with diacritics; "
            f"{t['accuracy_without_marks']} (macro-F1 {t['macro_f1_without_marks']}) without"
        )
        for topic, v in t["per_topic"].items():
            self.stdout.write(
                f"  {topic:42} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f}"
                f" (no marks F1 {t['per_topic_without_marks'][topic]:.2f}) n={v['texts']}"
            )
