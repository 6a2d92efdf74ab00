"""Shared test base: a small tree that spans the 2025 reform, and personas on it.

new tree:  Việt Nam → Tỉnh Thử (P) → Xã A, Xã B
old tree:  Việt Nam → Tỉnh Cũ (OP) → Huyện Cũ (D) → Xã Cũ 1 (→ A), Xã Cũ 2 (→ A ½, → B ½)

Personas: a province board member, an officer of commune A, an officer of
commune B, an administrator of commune A, a citizen (anonymous) and an outsider
(logged in, no membership).
"""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from danvan.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from danvan.units.choices import Level, Tree
from danvan.units.tests.factories import SuccessionFactory, UnitFactory

BEFORE = datetime.date(2025, 6, 30)


@dataclass
class Tree_:
    nation: object
    province: object
    commune_a: object
    commune_b: object
    old_province: object
    old_district: object
    old_commune_1: object
    old_commune_2: object


@dataclass
class Personas:
    tree: Tree_
    province_board: object
    officer_a: object
    officer_b: object
    admin_a: object
    outsider: object
    password: str = PASSWORD

    def client(self, user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that are about hashing restore it themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test starts with an empty cache of its own (rate limits live there).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    # A request in English leaves English active in the worker's thread; every test starts in Vietnamese.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _background_jobs_run_at_once():
    # Background jobs run in the test's own thread, on an in-memory queue.
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield


@pytest.fixture
def tree(db) -> Tree_:
    nation = UnitFactory(
        tree=Tree.NATIONAL,
        level=Level.NATION,
        code="VN",
        name="Việt Nam",
        valid_from=datetime.date(1945, 9, 2),
    )
    province = UnitFactory(level=Level.PROVINCE, code="90", name="Tỉnh Thử", parent=nation, kind_name="Tỉnh")
    commune_a = UnitFactory(code="90001", name="Xã An Bình", parent=province)
    commune_b = UnitFactory(code="90002", name="Xã Bình Yên", parent=province)
    old_province = UnitFactory(
        tree=Tree.BEFORE_2025,
        level=Level.PROVINCE,
        code="90",
        name="Tỉnh Cũ",
        parent=nation,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=BEFORE,
    )
    old_district = UnitFactory(
        tree=Tree.BEFORE_2025,
        level=Level.DISTRICT,
        code="901",
        name="Huyện Cầu Ngang",
        parent=old_province,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=BEFORE,
        kind_name="Huyện",
    )
    old_commune_1 = UnitFactory(
        tree=Tree.BEFORE_2025,
        code="90001",
        name="Thị trấn Cầu Ngang",
        parent=old_district,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=BEFORE,
    )
    old_commune_2 = UnitFactory(
        tree=Tree.BEFORE_2025,
        code="90009",
        name="Xã Cũ Hai",
        parent=old_district,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=BEFORE,
    )
    SuccessionFactory(predecessor=old_province, successor=province)
    SuccessionFactory(predecessor=old_district, successor=province)
    SuccessionFactory(predecessor=old_commune_1, successor=commune_a)
    SuccessionFactory(predecessor=old_commune_2, successor=commune_a, share="0.5", is_primary=True)
    SuccessionFactory(predecessor=old_commune_2, successor=commune_b, share="0.5", is_primary=False)
    return Tree_(
        nation, province, commune_a, commune_b, old_province, old_district, old_commune_1, old_commune_2
    )


@pytest.fixture
def personas(tree) -> Personas:
    def member(username, unit, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, unit=unit, role=role)
        return user

    return Personas(
        tree=tree,
        province_board=member("tinh.board", tree.province, "board"),
        officer_a=member("xa.a", tree.commune_a, "officer"),
        officer_b=member("xa.b", tree.commune_b, "officer"),
        admin_a=member("admin.a", tree.commune_a, "admin"),
        outsider=UserFactory(username="outsider"),
    )


CHROMIUM = "/usr/bin/chromium"
DOCS_IMG = __import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "img"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    # Topic suggestions train the classifier on first use; a page must not wait for that.
    from danvan.textproc.classifier import shipped_model

    shipped_model()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{page.base_url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{page.base_url}/")
