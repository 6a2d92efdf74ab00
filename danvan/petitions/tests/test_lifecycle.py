import pytest

from danvan.petitions.choices import EventKind as E
from danvan.petitions.choices import Status as S
from danvan.petitions.lifecycle import IllegalTransition, allowed_events, derive_status, next_status


def test_it_derives_the_status_from_the_timeline():
    assert derive_status([E.RECEIVED]) == S.NEW
    assert derive_status([E.RECEIVED, E.ACCEPTED, E.EXTENDED, E.ANSWERED, E.RATED]) == S.ANSWERED
    assert derive_status([E.RECEIVED, E.FORWARDED, E.ACCEPTED, E.ANSWERED, E.CLOSED]) == S.CLOSED
    assert derive_status([E.RECEIVED, E.ANSWERED_ON_SPOT, E.REOPENED]) == S.IN_PROGRESS
    assert derive_status([E.RECEIVED, E.NOTE, E.MERGED, E.NOTE]) == S.MERGED


def test_it_refuses_an_illegal_transition_with_a_vietnamese_message():
    with pytest.raises(IllegalTransition) as error:
        next_status(S.NEW, E.ANSWERED)
    assert str(error.value) == "Không thể “Trả lời” khi ý kiến đang ở trạng thái “Mới tiếp nhận”."
    with pytest.raises(IllegalTransition):
        derive_status([E.RECEIVED, E.RECEIVED])
    with pytest.raises(ValueError):
        derive_status([])


def test_it_keeps_merged_petitions_final():
    assert allowed_events(S.MERGED) == {E.NOTE}
