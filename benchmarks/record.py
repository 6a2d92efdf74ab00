"""Where results go: a table appended to BENCHMARKS.md and benchmarks/results.json."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
UNRECORDED = ROOT / "var" / "bench" / "results.json"
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: str
    met: bool | None  # None: no target for this figure, recorded for the reader

    @property
    def shown(self) -> str:
        whole = abs(self.value) >= 100 or float(self.value).is_integer()
        value = f"{self.value:,.0f}" if whole else f"{self.value:,.2f}"
        met = "—" if self.met is None else ("yes" if self.met else "**no**")
        return f"| {self.name} | {value} {self.unit} | {self.target or '—'} | {met} |"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    return f"{os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} {platform.release()}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def results_write(
    results: list[Result], *, database: str, size: str, notes: list[str], markdown: bool = True
) -> Path:
    """Write the results; an unrecorded run (a smoke test, a trial) writes them under var/ instead,
    leaving the committed results.json and BENCHMARKS.md alone. Returns the JSON file written."""
    target = RESULTS if markdown else UNRECORDED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    if not markdown:
        return target
    now = datetime.datetime.now().astimezone()
    lines = [
        "",
        f"## {now:%Y-%m-%d %H:%M %Z} · {database} · {size}",
        "",
        f"Machine: {machine()}. Commit: `{commit()}`.",
        "",
        "| figure | value | target | met |",
        "| --- | --- | --- | --- |",
        *(result.shown for result in results),
    ]
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    if not BENCHMARKS_MD.exists():
        BENCHMARKS_MD.write_text(
            "# Benchmarks\n\nEach run of `make bench` (see benchmarks/README.md) appends its table here.\n",
            encoding="utf-8",
        )
    with BENCHMARKS_MD.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return target
