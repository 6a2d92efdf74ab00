"""Starting the servers under test on loopback and the locust virtualenv that loads them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUST_REQUIREMENTS = Path(__file__).resolve().parent / "locust-requirements.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers: a 4xx is still an answer
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"the server at {url} did not answer in {seconds:.0f} s")


def danvan_server(*, port: int, env: dict[str, str]) -> subprocess.Popen:
    """danvan as `make run` serves it: gunicorn, 2 sync workers, no debug."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "danvan.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def locust_venv(venv_dir: Path) -> Path:
    """The locust executable, installed from its pinned requirements into a virtualenv of its own
    (it brings gevent and Flask, which danvan itself does not need)."""
    stamp = venv_dir / ".installed"
    wanted = LOCUST_REQUIREMENTS.read_text()
    if not stamp.exists() or stamp.read_text() != wanted:
        base_python = Path(sys.base_prefix) / "bin" / "python3"
        subprocess.run([str(base_python), "-m", "venv", str(venv_dir)], check=True)
        pip = [str(venv_dir / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(LOCUST_REQUIREMENTS)], check=True)
        stamp.write_text(wanted)
    return venv_dir / "bin" / "locust"
