"""Set up, serve and inspect the django-helpdesk site that the intake benchmark compares danvan with.

Runs in danvan's own venv, where django-helpdesk is not installed: everything on the helpdesk side goes
through a venv of its own (``venv_dir``) and subprocesses.
"""

import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "helpdesk_site"
REQUIREMENTS = SITE_DIR / "requirements.txt"
SUBMIT_PATH = "/tickets/submit/"
QUEUE_SLUG = "gop-y"
VERSION = next(
    line.split("==", 1)[1].strip()
    for line in REQUIREMENTS.read_text().splitlines()
    if line.startswith("django-helpdesk==")
)


def database_for(danvan_database_url: str) -> str:
    """The helpdesk's own database on the same engine as danvan's: a sibling file, or a sibling
    PostgreSQL database on the same server."""
    parts = urlsplit(danvan_database_url)
    if parts.scheme.startswith("postgres"):
        return parts._replace(path=parts.path.rstrip("/") + "_helpdesk").geturl()
    path = Path(unquote(parts.path[1:] if parts.path.startswith("//") else parts.path))
    return f"sqlite:///{path.with_name(path.stem + '-helpdesk.sqlite3')}"


_SETUP_SCRIPT = f"""
from django.core.management import call_command
from helpdesk.models import EmailTemplate, Queue
if not EmailTemplate.objects.exists():
    call_command("loaddata", "emailtemplate", verbosity=0)
Queue.objects.update_or_create(
    slug={QUEUE_SLUG!r},
    defaults={{"title": "Góp ý", "allow_public_submission": True}},
)
"""


def _python(venv_dir: Path) -> Path:
    return venv_dir / "bin" / "python"


def _env(database_url: str) -> dict[str, str]:
    env = os.environ.copy()
    env["HELPDESK_DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "settings"
    return env


def _manage(venv_dir: Path, database_url: str, *args: str) -> str:
    """Run the site's manage.py with ``args`` and return its standard output."""
    result = subprocess.run(
        [str(_python(venv_dir)), str(SITE_DIR / "manage.py"), *args],
        cwd=SITE_DIR,
        env=_env(database_url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout


def _shell(venv_dir: Path, database_url: str, code: str) -> str:
    # --no-imports: Django 5.2's shell otherwise prints its auto-import count to stdout.
    return _manage(venv_dir, database_url, "shell", "--no-imports", "-c", code)


def _create_postgres_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = unquote(parts.path.lstrip("/"))
    with psycopg.connect(
        dbname="postgres",
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=parts.port or 5432,
        autocommit=True,  # CREATE DATABASE cannot run in a transaction
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def helpdesk_prepare(*, venv_dir: Path, database_url: str) -> None:
    """Install the pinned helpdesk site into ``venv_dir``, migrate the database and add the public queue."""
    if not _python(venv_dir).exists():
        # The interpreter danvan runs on, so that both sides of the comparison use the same Python.
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
    stamp = venv_dir / ".helpdesk-requirements.sha256"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text().strip() != digest:
        pip = [str(_python(venv_dir)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
        stamp.write_text(digest)
    if urlsplit(database_url).scheme in {"postgres", "postgresql"}:
        _create_postgres_database(database_url)
    else:
        Path(unquote(urlsplit(database_url).path)).parent.mkdir(parents=True, exist_ok=True)
    _manage(venv_dir, database_url, "migrate", "--noinput", "--verbosity", "0")
    _shell(venv_dir, database_url, _SETUP_SCRIPT)


def helpdesk_server(*, venv_dir: Path, database_url: str, port: int) -> subprocess.Popen:
    """Start gunicorn (2 sync workers) on 127.0.0.1:``port`` and return once it answers HTTP."""
    log_path = venv_dir / f"gunicorn-{port}.log"
    # A file rather than a pipe: nobody reads a pipe during the load run, and a full one would stall
    # the workers.
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                str(venv_dir / "bin" / "gunicorn"),
                "--workers=2",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{port}",
                f"--chdir={SITE_DIR}",
                "--log-level=warning",
                # No wsgi.py in the site: gunicorn calls Django's own factory.
                "django.core.wsgi:get_wsgi_application()",
            ],
            cwd=SITE_DIR,
            env=_env(database_url),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    # A proxy from the environment must not stand between the poll and the local server.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"helpdesk gunicorn exited with {proc.returncode}:\n{log_path.read_text()}")
        try:
            with opener.open(f"http://127.0.0.1:{port}{SUBMIT_PATH}", timeout=2):
                return proc
        except urllib.error.HTTPError:
            return proc  # any HTTP answer means the server is up
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    proc.wait(timeout=10)
    raise RuntimeError(f"helpdesk gunicorn did not answer on port {port} in 30 s:\n{log_path.read_text()}")


def helpdesk_ticket_count(*, venv_dir: Path, database_url: str) -> int:
    """Return the number of tickets stored in the helpdesk database."""
    out = _shell(venv_dir, database_url, "from helpdesk.models import Ticket; print(Ticket.objects.count())")
    return int(out.split()[-1])


def helpdesk_reset(*, venv_dir: Path, database_url: str) -> None:
    """Delete every ticket and its follow-ups, so that a run counts from zero."""
    _shell(
        venv_dir,
        database_url,
        "from helpdesk.models import FollowUp, Ticket\n"
        "FollowUp.objects.all().delete()\n"
        "Ticket.objects.all().delete()\n",
    )
