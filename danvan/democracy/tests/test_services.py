import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.activities.models import Recommendation, SupervisionActivity
from danvan.democracy import services
from danvan.democracy.choices import EventKind
from danvan.democracy.models import Consultation, Decision, Event, Posting, SupervisionBoard
from danvan.democracy.periods import period_bounds, period_keys

from . import factories as f

pytestmark = pytest.mark.django_db


def test_periods():
    assert period_bounds("2024Q1") == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert period_bounds("2024q4") == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    assert period_bounds("2024") == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert period_keys("quarter", datetime.date(2024, 2, 1), datetime.date(2024, 10, 1)) == [
        "2024Q1",
        "2024Q2",
        "2024Q3",
    ]
    with pytest.raises(ValueError):
        period_bounds("Q1-2024")


def test_law_lists_are_seeded_with_their_articles():
    assert f.category().article.startswith("Điều 11")
    assert f.category().min_days == 30
    assert f.matter().quorum_percent == 50 and f.matter().article == "Điều 15"
    assert f.forms("niem-yet-tru-so")[0].article == "Điều 12"


def test_posting_on_time_with_its_period_and_timeline(personas):
    posting = f.posting(personas.officer_a, personas.tree.commune_a)
    assert posting.on_time is True
    assert posting.period_end == posting.posted_on + datetime.timedelta(days=30)
    assert posting.commune_code == "90001" and posting.province_code == "90"
    assert list(posting.events.values_list("kind", flat=True)) == [EventKind.POSTED]


def test_posting_late_is_marked(personas):
    posted_on = f.today() - datetime.timedelta(days=2)
    posting = f.posting(
        personas.officer_a, personas.tree.commune_a, document_date=posted_on - datetime.timedelta(days=20)
    )
    assert posting.on_time is False


def test_short_posting_needs_a_reason_and_changes_nothing_without_it(personas):
    short_end = f.today() + datetime.timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        f.posting(personas.officer_a, personas.tree.commune_a, period_end=short_end)
    assert error.value.error_dict["period_end"][0].code == "short_period"
    assert "ngắn hơn 30 ngày" in str(error.value)
    assert not Posting.objects.exists()
    posting = f.posting(
        personas.officer_a, personas.tree.commune_a, period_end=short_end, short_reason="Bảng tin sửa chữa"
    )
    assert posting.short_reason == "Bảng tin sửa chữa"
    assert posting.events.filter(kind=EventKind.SHORT_PERIOD).exists()


def test_posting_refuses_another_units_officer(personas):
    with pytest.raises(PermissionDenied):
        f.posting(personas.officer_b, personas.tree.commune_a)
    assert not Posting.objects.exists()


def test_posting_needs_a_form_and_a_commune(personas):
    with pytest.raises(ValidationError):
        f.posting(personas.officer_a, personas.tree.commune_a, forms=[])
    with pytest.raises(ValidationError):
        f.posting(personas.province_board, personas.tree.province)
    assert not Posting.objects.exists()


def test_due_then_published_then_taken_down_early(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    due = f.posting(actor, unit, posted_on=None, document_date=f.today() - datetime.timedelta(days=10))
    assert due.posted_on is None and due.due_on < f.today()
    services.posting_publish(
        actor=actor, posting=due, posted_on=f.today() - datetime.timedelta(days=1), forms=f.forms()
    )
    due.refresh_from_db()
    assert due.on_time is False and due.period_end is not None
    with pytest.raises(ValidationError):
        services.posting_take_down(actor=actor, posting=due, taken_down_on=f.today())
    services.posting_take_down(
        actor=actor, posting=due, taken_down_on=f.today(), reason="Văn bản bị thay thế"
    )
    due.refresh_from_db()
    assert due.taken_down_early
    assert list(due.events.values_list("kind", flat=True)) == ["due", "posted", "taken_down"]


def test_recurring_item_needs_its_period(personas):
    budget = f.category("thuc-hien-ngan-sach-quy")
    with pytest.raises(ValidationError) as error:
        f.posting(personas.officer_a, personas.tree.commune_a, category=budget, period_key="2026")
    assert "2024Q1" in str(error.value)
    posting = f.posting(
        personas.officer_a, personas.tree.commune_a, category=budget, period_key="2026q3", document_date=None
    )
    assert posting.period_key == "2026Q3"
    assert posting.due_on == datetime.date(2026, 10, 15)


def test_consultation_closing_before_it_opens_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        f.consultation(personas.officer_a, personas.tree.commune_a, closes_in=-10)
    assert "phải sau ngày bắt đầu" in str(error.value)
    assert not Consultation.objects.exists()


def test_opinions_online_paper_and_meeting_then_conclusion(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    consultation = f.consultation(actor, unit, opens_days_ago=20, closes_in=-2)
    consultation.closes_on = f.today() + datetime.timedelta(days=3)
    consultation.save()
    online = services.opinion_submit(consultation=consultation, text="Nên làm đường trước trường học.")
    with pytest.raises(ValidationError) as error:
        services.opinion_submit(consultation=consultation, text="nen lam duong truoc truong hoc.")
    assert error.value.error_dict["text"][0].code == "duplicate"
    hamlet = f.hamlet(unit)
    paper = services.opinion_record(
        actor=actor, consultation=consultation, channel="paper", text="Đồng ý.", received_on=f.today()
    )
    with pytest.raises(ValidationError):
        services.opinion_record(
            actor=actor,
            consultation=consultation,
            channel="meeting",
            text="Họp ấp",
            received_on=f.today(),
            hamlet=hamlet,
            participants=40,
            agree=35,
            disagree=10,
        )
    services.opinion_record(
        actor=actor,
        consultation=consultation,
        channel="meeting",
        text="Họp ấp Mỹ Cẩm A",
        received_on=f.today(),
        hamlet=hamlet,
        participants=40,
        agree=35,
        disagree=3,
    )
    with pytest.raises(ValidationError):  # still open, and no groups
        services.consultation_conclude(actor=actor, consultation=consultation, summary="S", groups=[])
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=f.today() - datetime.timedelta(days=1))
    consultation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.opinion_submit(consultation=consultation, text="Muộn rồi")
    services.consultation_conclude(
        actor=actor,
        consultation=consultation,
        summary="Đa số tán thành.",
        groups=[
            {
                "title": "Làm đường",
                "response_kind": "accepted",
                "response": "Bổ sung vào kế hoạch.",
                "opinion_ids": [online.pk],
            },
            {
                "title": "Đồng ý chung",
                "response_kind": "explained",
                "response": "Ghi nhận.",
                "opinion_ids": [paper.pk],
            },
        ],
    )
    consultation.refresh_from_db()
    assert consultation.state(f.today()) == "concluded"
    result = consultation.result_posting
    assert result.category.code == "ket-qua-lay-y-kien" and result.posted_on == f.today()
    assert online.__class__.objects.get(pk=online.pk).group.response_kind == "accepted"


def test_opinion_record_refused_outside_scope(personas):
    consultation = f.consultation(personas.officer_a, personas.tree.commune_a)
    with pytest.raises(PermissionDenied):
        services.opinion_record(
            actor=personas.officer_b,
            consultation=consultation,
            channel="paper",
            text="x",
            received_on=f.today(),
        )


def test_decision_passes_under_the_law_thresholds(personas):
    decision = f.decision(personas.officer_a, f.hamlet(personas.tree.commune_a))
    assert decision.quorum_met and decision.passed
    assert decision.article == "Điều 15" and decision.quorum_percent == 50
    assert decision.events.get().note.startswith("151/212 hộ tham dự")


@pytest.mark.parametrize(
    ("entitled", "present", "votes_for", "quorum", "passed"),
    [
        (200, 100, 100, False, False),
        (200, 101, 100, True, False),
        (200, 101, 101, True, True),
        (3, 2, 2, True, True),
    ],
)
def test_thresholds_are_strictly_above_half(personas, entitled, present, votes_for, quorum, passed):
    outcome = services.decision_outcome(
        matter=f.matter(), entitled=entitled, present=present, votes_for=votes_for
    )
    assert outcome == (quorum, passed)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"households_present": None}, "Không ghi nhận kết quả khi thiếu"),
        ({"households_present": 300}, "vượt tổng số hộ"),
        ({"votes_for": 150, "votes_against": 9}, "vượt số hộ tham dự"),
    ],
)
def test_bad_decision_figures_change_nothing(personas, figures, message):
    with pytest.raises(ValidationError) as error:
        f.decision(personas.officer_a, personas.tree.commune_a, **figures)
    assert message in str(error.value)
    assert not Decision.objects.exists() and not Event.objects.exists()


def test_decision_refuses_another_units_officer(personas):
    with pytest.raises(PermissionDenied):
        f.decision(personas.officer_b, personas.tree.commune_a)


def test_board_with_members_activity_and_recommendations(personas):
    actor, unit = personas.officer_a, personas.tree.commune_a
    start = f.today() - datetime.timedelta(days=300)
    board = services.board_form(
        actor=actor,
        unit=unit,
        kind="inspection_board",
        term_start=start,
        recognised_by="QĐ 12/QĐ-MTTQ",
        members=[("Nguyễn Văn Ba", "head", "Ấp Mỹ Cẩm A"), ("Trần Thị Tư", "member", "")],
    )
    with pytest.raises(ValidationError):
        services.board_form(
            actor=actor, unit=unit, kind="inspection_board", term_start=start + datetime.timedelta(days=5)
        )
    link = services.board_activity_record(
        actor=actor,
        board=board,
        title="Giám sát thu chi quỹ đường ấp",
        held_on=f.today() - datetime.timedelta(days=10),
        recommendations=[("Công khai chứng từ chi", "UBND xã", f.today() + datetime.timedelta(days=5))],
    )
    assert link.activity.organiser == "inspection_board"
    assert SupervisionActivity.objects.count() == 1
    recommendation = Recommendation.objects.get()
    services.board_recommendation_update(
        actor=actor,
        recommendation=recommendation,
        status="settled",
        response="Đã niêm yết",
        settled_on=f.today(),
    )
    assert Recommendation.objects.get().status == "settled"
    kinds = list(board.events.values_list("kind", flat=True))
    assert kinds == ["board_formed", "supervision", "recommendation"]
    member = board.members.get(name="Trần Thị Tư")
    services.member_leave(actor=actor, member=member, left_on=f.today())
    with pytest.raises(PermissionDenied):
        services.board_activity_record(actor=personas.officer_b, board=board, title="x", held_on=f.today())
    assert SupervisionBoard.objects.count() == 1
