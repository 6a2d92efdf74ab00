"""Locust load for django-helpdesk's public ticket form, submitted the way a browser does it.

Each task loads the form (CSRF cookie and token, public queue choices), then posts it; only the
package's own success answer, a redirect to the public ticket view, counts as a success.
"""

import re
import uuid

import gevent
from locust import HttpUser, constant, events, task
from locust.stats import CSV_STATS_INTERVAL_SEC

SUBMIT_PATH = "/tickets/submit/"  # same as benchmarks.helpdesk.SUBMIT_PATH; locust runs without it
SUCCESS_PREFIX = "/view/?ticket="

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_QUEUE_SELECT = re.compile(r'<select name="queue".*?</select>', re.S)
_OPTION_VALUE = re.compile(r'<option value="(\d+)"')


@events.init.add_listener
def _finish_tasks_on_stop(environment, **_kwargs) -> None:
    # Without a stop timeout locust kills users mid-request at the -t limit: the server still stores
    # those tickets but their responses are never counted, so the ticket count exceeds the successes.
    if not environment.stop_timeout:
        environment.stop_timeout = 10.0


@events.quitting.add_listener
def _let_csv_catch_up(environment, **_kwargs) -> None:
    # --csv files are rewritten once a second, not at exit: wait for one more write so that they hold
    # the same final counts as the printed summary.
    if getattr(environment.parsed_options, "csv_prefix", None):
        gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.5)


class HelpdeskSubmitter(HttpUser):
    """An anonymous visitor who files one ticket after another through the public form."""

    wait_time = constant(0)

    @task
    def submit_ticket(self) -> None:
        with self.client.get(SUBMIT_PATH, name="helpdesk: form", catch_response=True) as response:
            token = _TOKEN.search(response.text)
            select = _QUEUE_SELECT.search(response.text)
            queues = _OPTION_VALUE.findall(select.group(0)) if select else []
            if response.status_code != 200 or not token or not queues:
                response.failure(f"form: status {response.status_code}, token or public queue missing")
                return
        unique = uuid.uuid4().hex
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "queue": queues[0],
            "title": f"Góp ý về lịch tiếp dân {unique}",
            "body": "Đề nghị niêm yết lịch tiếp công dân tại nhà văn hoá khu phố và trả lời bằng văn bản.",
            "priority": "3",
            "due_date": "",
            "submitter_email": f"nguoi-dan-{unique[:12]}@example.com",
        }
        # The form is multipart (it has a file input); an empty file part is what a browser sends.
        files = {"attachment": ("", b"", "application/octet-stream")}
        with self.client.post(
            SUBMIT_PATH,
            data=fields,
            files=files,
            name="helpdesk: submit",
            allow_redirects=False,  # the redirect itself is the success signal; following it adds a page
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.startswith(SUCCESS_PREFIX):
                response.success()
            else:
                response.failure(f"submit: status {response.status_code}, Location {location!r}")
