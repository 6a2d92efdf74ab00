"""The curl examples of docs/api.md, run in order with the real curl against a live server.

Each ```bash block runs in one bash session (so variables carry over), under
``set -euo pipefail``: a failing command fails the test at its block. A ```json or
```xml block right after an example is its sample answer: the real answer must have the
same shape (the same error code, or at least the sample's keys, or the same XML root and
child elements).
"""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from danvan.api import services
from danvan.petitions.tests.factories import organisation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOC = Path(settings.BASE_DIR) / "docs" / "api.md"
FENCE = re.compile(r"(?P<skip><!--\s*not run[^>]*-->\s*\n)?```(?P<lang>\w+)\n(?P<code>.*?)\n```", re.DOTALL)


def examples() -> list[dict]:
    """The runnable bash blocks, each with the sample answer that follows it, if any."""
    blocks = [m.groupdict() for m in FENCE.finditer(DOC.read_text(encoding="utf-8"))]
    found = []
    for index, block in enumerate(blocks):
        if block["lang"] != "bash" or block["skip"]:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        sample = following if following and following["lang"] in ("json", "xml") else None
        found.append({"code": block["code"], "sample": sample})
    return found


def _same_shape(actual, sample) -> bool:
    if isinstance(sample, dict):
        if "code" in sample and "message" in sample:
            return isinstance(actual, dict) and actual.get("code") == sample["code"]
        return isinstance(actual, dict) and set(sample) <= set(actual)
    if isinstance(sample, list):
        return isinstance(actual, list) and (
            not sample or (bool(actual) and _same_shape(actual[0], sample[0]))
        )
    return type(actual) is type(sample)


def _check(number: int, output: str, sample: dict | None) -> None:
    text = output.strip()
    assert text, f"example {number} printed nothing"
    if sample is None:
        if text[0] in "[{":
            json.loads(text)
        return
    if sample["lang"] == "json":
        actual, expected = json.loads(text), json.loads(sample["code"])
        assert _same_shape(actual, expected), f"example {number}: {text[:500]}"
    else:
        actual, expected = ET.fromstring(text.encode()), ET.fromstring(sample["code"].encode())
        assert actual.tag == expected.tag, f"example {number}: {text[:300]}"
        first_actual, first_expected = actual[0], expected[0]
        assert {c.tag for c in first_expected} <= {c.tag for c in first_actual}, f"example {number}"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed (apt-get install curl)")
def test_it_runs_every_example_of_the_api_page(personas, located, live_server, tmp_path):
    organisation(personas.tree.commune_a)  # the commune's standard organisations, as every deployment has
    token = services.token_create(user=personas.province_board, name="docs/api.md").secret
    runnable = examples()
    assert len(runnable) >= 15, "docs/api.md lost its examples"
    script = ["set -euo pipefail"]
    for number, example in enumerate(runnable):
        script += [f"echo '@@begin {number}@@'", example["code"], "echo", f"echo '@@end {number}@@'"]
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(tmp_path),
            "LANG": "C.UTF-8",
            "NO_PROXY": "*",
            "DANVAN": live_server.url,
            "TOKEN": token,
        },
    )
    outputs = dict(re.findall(r"@@begin (\d+)@@\n(.*?)\n@@end \1@@", result.stdout, re.DOTALL))
    failed_at = len(outputs)
    assert result.returncode == 0, (
        f"example {failed_at} failed:\n{runnable[failed_at]['code'] if failed_at < len(runnable) else ''}\n"
        f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}"
    )
    assert len(outputs) == len(runnable)
    for number, example in enumerate(runnable):
        _check(number, outputs[str(number)], example["sample"])
