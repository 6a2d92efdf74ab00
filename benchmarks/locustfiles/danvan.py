"""Locust users for danvan: the officer inbox, the public tracking page, and intake by portal and API.

Runs in the benchmarks' own locust virtualenv; everything it needs (accounts, codes, unit ids,
the run's tag) comes from the JSON file named by ``BENCH_CONFIG``, written by ``benchmarks.load``.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import HttpUser, between, constant, events, task
from locust.stats import CSV_STATS_INTERVAL_SEC

CONFIG = json.loads(Path(os.environ["BENCH_CONFIG"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_serial = itertools.count(1)


@events.quitting.add_listener
def _let_csv_catch_up(environment, **_kwargs) -> None:
    # --csv files are rewritten once a second, not at exit: wait for one more write, so their
    # counts are final when they are compared with the rows stored.
    gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.5)


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class Officer(HttpUser):
    """A province officer paging through the inbox of their subtree, reading 1–3 s between pages."""

    wait_time = between(1, 3)

    def on_start(self):
        form = self.client.get("/tai-khoan/dang-nhap/", name="login form")
        self.client.post(
            "/tai-khoan/dang-nhap/",
            {
                "username": CONFIG["officer"],
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": csrf_of(form.text),
            },
            name="login",
            allow_redirects=False,  # to the inbox straight away, not through the dashboard
        )

    @task
    def inbox(self):
        page = random.choice(CONFIG["inbox_pages"])
        with self.client.get(f"/y-kien/?trang={page}", name="inbox", catch_response=True) as response:
            if response.status_code != 200 or "/tai-khoan/dang-nhap/" in response.url:
                response.failure(f"status {response.status_code} at {response.url}")


class Citizen(HttpUser):
    """A citizen who proved a code and PIN once, then reloads the tracking page every 1–3 s."""

    wait_time = between(1, 3)

    def on_start(self):
        self.code = random.choice(CONFIG["tracking_codes"])
        form = self.client.get("/cong-dan/tra-cuu/", name="tracking form")
        self.client.post(
            "/cong-dan/tra-cuu/",
            {"ma": self.code, "pin": CONFIG["pin"], "csrfmiddlewaretoken": csrf_of(form.text)},
            name="tracking login",
        )

    @task
    def track(self):
        with self.client.get(f"/cong-dan/tra-cuu/?ma={self.code}", name="tracking", catch_response=True) as r:
            if r.status_code != 200 or self.code not in r.text:
                r.failure(f"status {r.status_code}")
            elif 'name="pin"' in r.text:
                r.failure("the PIN form came back: the session was not verified")


def _title() -> str:
    # Unique per request across users and processes, and tagged with the run so it can be counted.
    return f"{CONFIG['tag']} {os.getpid()}-{next(_serial)} Đường liên ấp bị sạt lở"


class PortalSubmitter(HttpUser):
    """A citizen sending an opinion through the public form: fetch it (CSRF), then post it."""

    wait_time = constant(0)

    @task
    def submit(self):
        form = self.client.get("/cong-dan/gui-y-kien/", name="portal: form")
        place = random.choice(CONFIG["places"])
        data = {
            "csrfmiddlewaretoken": csrf_of(form.text),
            "province": place["province"],
            "commune": place["commune"],
            "hamlet": "",
            "kind": "petition",
            "topic": "",
            "title": _title(),
            "text": "Đoạn đường liên ấp dài 300 m bị sạt lở sau mưa lớn, xe máy đi lại nguy hiểm.",
            "citizen_name": "Nguyễn Văn An",
            "citizen_phone": "0912345678",
            "citizen_email": "",
            "citizen_address": "",
            "website": "",
        }
        with self.client.post(
            "/cong-dan/gui-y-kien/", data, name="portal: submit", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302 or "/gui-y-kien/da-gui/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"status {response.status_code}")


class ApiSubmitter(HttpUser):
    """A partner system (a switchboard, a ward's app) posting opinions with its token."""

    wait_time = constant(0)

    @task
    def submit(self):
        place = random.choice(CONFIG["places"])
        payload = {
            "unit_code": place["commune_code"],
            "channel": "phone",
            "title": _title(),
            "text": "Đoạn đường liên ấp dài 300 m bị sạt lở sau mưa lớn, xe máy đi lại nguy hiểm.",
            "citizen_name": "Nguyễn Văn An",
        }
        with self.client.post(
            "/api/v1/petitions",
            json=payload,
            headers={"Authorization": f"Bearer {CONFIG['token']}"},
            name="api: submit",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}: {response.text[:200]}")
