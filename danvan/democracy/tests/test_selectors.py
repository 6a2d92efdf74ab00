import datetime

import pytest

from danvan.democracy import selectors, services
from danvan.democracy.models import Posting

from . import factories as f

pytestmark = pytest.mark.django_db


def test_officials_see_their_subtree_only(personas):
    f.posting(personas.officer_a, personas.tree.commune_a)
    f.posting(personas.officer_b, personas.tree.commune_b)
    assert selectors.postings_visible_to(user=personas.officer_a).count() == 1
    assert selectors.postings_visible_to(user=personas.province_board).count() == 2
    assert selectors.postings_visible_to(user=personas.outsider).count() == 0


def test_public_board_shows_only_what_is_posted_public_and_current(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    current = f.posting(actor, unit)
    f.posting(actor, unit, title="Nội bộ", is_public=False)
    f.posting(actor, unit, title="Chưa niêm yết", posted_on=None)
    ended = f.posting(actor, unit, title="Đã hết hạn", days_ago=60)
    board = list(selectors.board_public(unit=unit))
    assert board == [current]
    assert set(selectors.postings_published(unit=unit)) == {current, ended}


def test_dues_list_recorded_items_and_missing_quarters(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    f.posting(
        actor,
        unit,
        posted_on=None,
        document_date=f.today() - datetime.timedelta(days=15),
        title="Phương án bồi thường",
    )
    budget = f.category("thuc-hien-ngan-sach-quy")
    today = datetime.date(2026, 12, 5)
    posted = f.posting(actor, unit, category=budget, period_key="2026Q1", document_date=None, days_ago=200)
    dues = selectors.dues(user=actor, today=today)
    titles = [d.title for d in dues]
    assert "Phương án bồi thường" in titles
    keys = {d.period_key for d in dues if d.category == budget}
    # The commune exists since 2025-07-01: its quarters from 2025Q3, without the posted 2026Q1.
    assert keys == {"2025Q3", "2025Q4", "2026Q2", "2026Q3"}
    assert posted.period_key not in keys
    assert selectors.dues(user=personas.officer_b, today=today) == [] or all(
        d.unit == personas.tree.commune_b for d in selectors.dues(user=personas.officer_b, today=today)
    )


def test_taken_down_early_is_listed(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    posting = f.posting(actor, unit)
    services.posting_take_down(actor=actor, posting=posting, taken_down_on=f.today(), reason="Hư bảng tin")
    assert list(selectors.taken_down_early(user=actor)) == [Posting.objects.get()]
    assert list(selectors.taken_down_early(user=personas.officer_b)) == []


def test_consultation_tally(personas):
    consultation = f.consultation(personas.officer_a, personas.tree.commune_a)
    services.opinion_submit(consultation=consultation, text="Ý kiến một")
    services.opinion_record(
        actor=personas.officer_a,
        consultation=consultation,
        channel="meeting",
        text="Họp ấp",
        received_on=f.today(),
        participants=40,
        agree=30,
        disagree=5,
    )
    tally = selectors.consultation_tally(consultation=consultation)
    assert tally["total"] == 2 and tally["by_channel"]["online"] == 1
    assert tally["meetings"] == {"participants": 40, "agree": 30, "disagree": 5}
    assert list(selectors.consultations_open()) == [consultation]
