import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.meetings import services
from danvan.meetings.choices import MeetingStatus, Outcome
from danvan.meetings.tests.factories import held, meeting_type
from danvan.petitions.choices import Channel, Status
from danvan.units.services import hamlets_create

pytestmark = pytest.mark.django_db


def test_it_records_a_conference_at_a_hamlet_with_its_level_and_codes(personas):
    [hamlet] = hamlets_create(commune=personas.tree.commune_a, text="Ấp Mỹ Cẩm A")
    meeting = held(personas, venue_unit=hamlet, attendance=40, attendance_composition="Đảng viên, hội viên")
    assert meeting.status == MeetingStatus.HELD and meeting.level == "commune"
    assert meeting.commune_code == "90001" and meeting.province_code == "90" and meeting.yyyymm == 202603
    assert [c.role for c in meeting.chairs.all()] == ["party_secretary"]


def test_it_plans_a_future_meeting_and_needs_no_chair_yet(personas):
    future = timezone.now() + datetime.timedelta(days=10)
    meeting = services.meeting_record(
        actor=personas.officer_a,
        meeting_type=meeting_type(),
        host_unit=personas.tree.commune_a,
        starts_at=future,
    )
    assert meeting.status == MeetingStatus.PLANNED
    with pytest.raises(ValidationError):
        services.opinion_add(actor=personas.officer_a, meeting=meeting, text="x", outcome=Outcome.RECORDED)


def test_it_explains_bad_input_and_saves_nothing(personas):
    from danvan.meetings.models import Meeting

    with pytest.raises(ValidationError) as error:
        held(personas, chairs=())
    assert error.value.message_dict == {"chairs": ["Hãy ghi người chủ trì hội nghị."]}
    [hamlet_b] = hamlets_create(commune=personas.tree.commune_b, text="Ấp Khác")
    with pytest.raises(ValidationError) as error:
        held(personas, venue_unit=hamlet_b)
    assert error.value.message_dict == {"venue_unit": ["Địa bàn phải thuộc Xã An Bình."]}
    assert not Meeting.objects.exists()


def test_it_refuses_the_officer_of_another_commune(personas):
    with pytest.raises(PermissionDenied):
        held(personas, actor=personas.officer_b)
    meeting = held(personas)
    with pytest.raises(PermissionDenied):
        services.opinion_add(actor=personas.officer_b, meeting=meeting, text="x", outcome=Outcome.RECORDED)


def test_it_turns_each_opinion_into_a_followed_petition_in_one_step(personas):
    meeting = held(personas)
    spot = services.opinion_add(
        actor=personas.officer_a,
        meeting=meeting,
        text="Giá lúa bấp bênh",
        outcome=Outcome.ANSWERED_ON_SPOT,
        answer="Xã sẽ kết nối hợp tác xã",
    )
    forwarded = services.opinion_add(
        actor=personas.officer_a,
        meeting=meeting,
        text="Tranh chấp ranh đất",
        outcome=Outcome.FORWARDED,
        forward_to=personas.tree.province,
    )
    recorded = services.opinion_add(
        actor=personas.officer_a, meeting=meeting, text="Đèn đường hỏng", outcome=Outcome.RECORDED
    )
    assert [o.position for o in meeting.opinions.all()] == [1, 2, 3]
    assert spot.petition.status == Status.ANSWERED and spot.petition.channel == Channel.CONFERENCE
    assert (
        forwarded.petition.status == Status.FORWARDED
        and forwarded.petition.handling_unit == personas.tree.province
    )
    assert recorded.petition.status == Status.NEW
    assert spot.petition.received_at == meeting.starts_at


def test_it_requires_an_answer_or_a_target_and_saves_nothing(personas):
    from danvan.petitions.models import Petition

    meeting = held(personas)
    with pytest.raises(ValidationError) as error:
        services.opinion_add(
            actor=personas.officer_a, meeting=meeting, text="x", outcome=Outcome.ANSWERED_ON_SPOT
        )
    assert error.value.message_dict == {"answer": ["Hãy ghi nội dung đã trả lời tại chỗ."]}
    with pytest.raises(ValidationError):
        services.opinion_add(actor=personas.officer_a, meeting=meeting, text="x", outcome=Outcome.FORWARDED)
    with pytest.raises(ValidationError):
        services.opinion_add(actor=personas.officer_a, meeting=meeting, text="  ", outcome=Outcome.RECORDED)
    assert not Petition.objects.exists() and not meeting.opinions.exists()
