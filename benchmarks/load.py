"""Running a locust user class headless against a server, bounded in users and time, and reading its stats."""

from __future__ import annotations

import csv
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LOCUSTFILES = Path(__file__).resolve().parent / "locustfiles"


@dataclass
class Stats:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


def locust_run(
    *,
    locust: Path,
    locustfile: str,
    user_class: str,
    host: str,
    users: int,
    seconds: int,
    config: dict | None = None,
    spawn_rate: float | None = None,
    steady: bool = False,
) -> dict[str, Stats]:
    """Run ``user_class`` with ``users`` concurrent users for ``seconds``; stats per request name.

    ``spawn_rate`` users start per second (all at once by default); ``steady`` counts only the
    requests made once every user has started (never for runs whose requests are counted against
    stored rows)."""
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as work:
        config_file = Path(work) / "config.json"
        config_file.write_text(json.dumps(config or {}), encoding="utf-8")
        prefix = Path(work) / "stats"
        completed = subprocess.run(
            [
                str(locust),
                "-f",
                str(LOCUSTFILES / locustfile),
                user_class,
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(spawn_rate or users),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                *(["--reset-stats"] if steady else []),
            ],
            env={"BENCH_CONFIG": str(config_file), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
        stats_file = Path(f"{prefix}_stats.csv")
        if not stats_file.exists():
            raise RuntimeError(
                f"locust wrote no stats (exit {completed.returncode}): {completed.stderr[-2000:]}"
            )
        stats = {row["Name"]: _stats(row) for row in csv.DictReader(stats_file.open(encoding="utf-8"))}
        if len(stats) <= 1:  # only the "Aggregated" row: the users never got to their task
            raise RuntimeError(
                f"locust made no request (exit {completed.returncode}): {completed.stderr[-3000:]}"
            )
        failures = Path(f"{prefix}_failures.csv")
        if failures.exists():
            # What failed, so a run's error count can be explained without rerunning it.
            for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:5]:
                what = f"{row.get('Method')} {row.get('Name')}: {row.get('Error')}"
                print(f"  failed: {what} ×{row.get('Occurrences')}")
        return stats


def _stats(row: dict[str, str]) -> Stats:
    def number(key: str) -> float:
        value = row.get(key, "") or "0"
        return 0.0 if value == "N/A" else float(value)

    return Stats(
        name=row["Name"],
        requests=int(number("Request Count")),
        failures=int(number("Failure Count")),
        rps=number("Requests/s"),
        p50=number("50%"),
        p95=number("95%"),
        p99=number("99%"),
    )
