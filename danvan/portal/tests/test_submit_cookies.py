"""The receipt and the codes a browser may follow travel in signed cookies, never in a session row."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client

from danvan.petitions.models import Petition
from danvan.portal import cookies

from .helpers import submission

pytestmark = pytest.mark.django_db
URL = "/cong-dan/gui-y-kien/"
TRACK = "/cong-dan/tra-cuu/"


def client() -> Client:
    return Client(REMOTE_ADDR="203.0.113.7")


def test_it_shows_the_receipt_once_and_lets_the_sender_follow_without_the_pin(personas):
    browser = client()
    response = browser.post(URL, submission(personas))
    assert response.status_code == 302
    assert "sessionid" not in response.cookies and not Session.objects.exists()
    receipt = response.cookies[cookies.RECEIPT]
    assert receipt["httponly"] and receipt["samesite"] == "Lax" and receipt["path"] == "/cong-dan/"
    code = Petition.objects.get().tracking_code
    page = browser.get(response["Location"]).content.decode()
    assert re.search(r'data-testid="pin">\d{6}<', page) and code in page
    assert "Mã PIN chỉ hiện một lần này" not in browser.get(response["Location"]).content.decode()
    tracked = browser.get(TRACK, {"ma": code}).content.decode()
    assert Petition.objects.get().title in tracked and 'name="pin"' not in tracked


def test_it_refuses_a_list_of_codes_the_server_did_not_sign(personas):
    browser = client()
    browser.post(URL, submission(personas))
    code = Petition.objects.get().tracking_code
    browser.cookies[cookies.TRACKED] = code
    assert 'name="pin"' in browser.get(TRACK, {"ma": code}).content.decode()
    forged = signing.get_cookie_signer(salt="another.salt").sign(code)
    browser.cookies[cookies.TRACKED] = forged
    assert 'name="pin"' in browser.get(TRACK, {"ma": code}).content.decode()


def test_it_remembers_only_the_latest_codes_of_a_browser(personas, settings):
    settings.PORTAL_RATE_LIMIT = "100/h"
    browser = client()
    for n in range(cookies.TRACKED_MAX + 2):
        assert browser.post(URL, submission(personas, title=f"Ý kiến số {n}")).status_code == 302
    codes = list(Petition.objects.order_by("pk").values_list("tracking_code", flat=True))
    first, last = codes[0], codes[-1]
    assert 'name="pin"' in browser.get(TRACK, {"ma": first}).content.decode()
    assert 'name="pin"' not in browser.get(TRACK, {"ma": last}).content.decode()


def test_it_writes_cookie_values_any_http_client_returns_unchanged(personas):
    """Only RFC 6265 cookie-octets: a value in quotes with backslash escapes (JSON) came back from
    python-requests without its backslashes, and every citizen of the load test lost the page."""
    from http.cookiejar import CookieJar, DefaultCookiePolicy
    from urllib.request import Request

    browser = client()
    response = browser.post(URL, submission(personas))
    for name in (cookies.RECEIPT, cookies.TRACKED):
        value = response.cookies[name].value
        assert re.fullmatch(r"[A-Za-z0-9._:\-]+", value), value
        header = response.cookies[name].OutputString()

        class _Response:
            def info(self, header=header):
                from email.message import Message

                message = Message()
                message["Set-Cookie"] = header
                return message

        jar = CookieJar(DefaultCookiePolicy())
        jar.extract_cookies(_Response(), Request("http://127.0.0.1/cong-dan/tra-cuu/"))
        assert [c.value for c in jar] == [value]
