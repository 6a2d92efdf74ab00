import pytest
from django.core import mail

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.pulse import hotspot_services as services

from .hotspot_helpers import AS_OF, days_back, petitions, topic

pytestmark = pytest.mark.django_db


def _surge(tree, count=8, start=0):
    return petitions(tree.commune_a, days_back(count, start=start), topic=topic())


def test_it_alerts_the_units_board_and_the_province_by_email_once_committed(
    personas, django_capture_on_commit_callbacks
):
    tree = personas.tree
    board_a = UserFactory(username="xa.a.board", email="board.a@example.vn")
    MembershipFactory(user=board_a, unit=tree.commune_a, role="board")
    personas.province_board.email = "tinh@example.vn"
    personas.province_board.save()
    MembershipFactory(user=UserFactory(email="b@example.vn"), unit=tree.commune_b, role="board")
    _surge(tree)
    with django_capture_on_commit_callbacks(execute=True):
        services.scan(as_of=AS_OF)
    (message,) = mail.outbox
    assert sorted(message.to) == [personas.admin_a.email, "board.a@example.vn", "tinh@example.vn"]
    assert "Điểm nóng mới tại Xã An Bình" in message.subject and "/nhip-du-luan/diem-nong/" in message.body


def test_it_sends_a_weekly_digest_to_each_board(personas):
    from danvan.pulse.tasks import send_weekly_digest

    personas.province_board.email = "tinh@example.vn"
    personas.province_board.save()
    _surge(personas.tree)
    services.scan(as_of=AS_OF)
    assert send_weekly_digest(today=AS_OF) == 2  # the province's board and commune A's administrator
    subjects = sorted(m.subject for m in mail.outbox)
    assert "Điểm nóng tuần này tại Tỉnh Thử: 1 đang mở" in subjects[0] + subjects[1]
