import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.activities import services
from danvan.activities.choices import EventKind, State
from danvan.activities.models import DataValue, Submission
from danvan.activities.periods import Period

from .helpers import QUARTER, consistent, save

pytestmark = pytest.mark.django_db


def test_it_saves_a_draft_with_ancestor_codes_and_month_keys(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, **consistent())
    submission = outcome.submission
    assert submission.state == State.DRAFT
    assert (submission.province_code, submission.commune_code) == ("90", "90001")
    assert (submission.yyyymm, submission.yyyymm_end) == (202510, 202512)
    value = DataValue.objects.get(submission=submission, data_element__code="received")
    assert value.value == 100 and value.province_code == "90" and value.yyyymm == 202510
    assert outcome.violations == []
    assert [e.kind for e in submission.events.all()] == [EventKind.CREATED, EventKind.SAVED]


def test_it_keeps_a_draft_that_breaks_a_rule_and_says_where(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, received=100, settled_on_time=120)
    assert outcome.submission.state == State.DRAFT
    cells = {v.cell for v in outcome.blocking}
    assert cells == {"settled_on_time"}
    assert any("(120 > 100)" in v.message for v in outcome.blocking)
    assert outcome.submission.blocking_count == 2

    result = services.submission_submit(actor=personas.officer_a, submission=outcome.submission)
    assert not result.submitted
    submission = Submission.objects.get(pk=outcome.submission.pk)
    assert submission.state == State.DRAFT
    refused = submission.events.get(kind=EventKind.SUBMIT_REFUSED)
    assert refused.actor == personas.officer_a and "không được lớn hơn" in refused.note


def test_it_refuses_to_submit_with_compulsory_cells_empty(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, received=10)
    result = services.submission_submit(actor=personas.officer_a, submission=outcome.submission)
    assert not result.submitted
    assert {v.cell for v in result.blocking} == {"settled_on_time", "settled_late", "in_progress"}


def test_it_submits_once_fixed_then_the_board_approves_and_locks(personas):
    unit = personas.tree.commune_a
    save(personas.officer_a, unit, received=100, settled_on_time=120)
    outcome = save(personas.officer_a, unit, **consistent())
    result = services.submission_submit(actor=personas.officer_a, submission=outcome.submission)
    assert result.submitted and result.submission.state == State.SUBMITTED
    assert result.submission.submitted_by == personas.officer_a

    with pytest.raises(PermissionDenied):
        services.submission_approve(actor=personas.officer_a, submission=result.submission)
    approved = services.submission_approve(actor=personas.province_board, submission=result.submission)
    assert approved.state == State.APPROVED and approved.approved_by == personas.province_board
    with pytest.raises(ValidationError) as error:
        save(personas.officer_a, unit, received=101)
    assert "không sửa được" in str(error.value)
    assert DataValue.objects.get(submission=approved, data_element__code="received").value == 100


def test_it_returns_an_approved_form_for_correction_with_a_reason(personas):
    unit = personas.tree.commune_a
    outcome = save(personas.officer_a, unit, **consistent())
    submission = services.submission_submit(
        actor=personas.officer_a, submission=outcome.submission
    ).submission
    submission = services.submission_approve(actor=personas.province_board, submission=submission)
    with pytest.raises(ValidationError):
        services.submission_return(actor=personas.province_board, submission=submission, reason="  ")
    returned = services.submission_return(
        actor=personas.province_board, submission=submission, reason="Số tiếp nhận chưa gồm hồ sơ trực tuyến."
    )
    assert returned.state == State.RETURNED and returned.approved_by is None
    again = save(personas.officer_a, unit, **consistent(received=110, returned=15))
    assert again.submission.state == State.RETURNED
    result = services.submission_submit(actor=personas.officer_a, submission=again.submission)
    assert result.submitted
    kinds = list(result.submission.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.SUBMITTED) == 2 and EventKind.RETURNED in kinds


def test_it_keeps_officers_to_their_own_commune(personas):
    with pytest.raises(PermissionDenied):
        save(personas.officer_b, personas.tree.commune_a, received=1)
    outcome = save(personas.officer_a, personas.tree.commune_a, **consistent())
    with pytest.raises(PermissionDenied):
        services.submission_submit(actor=personas.officer_b, submission=outcome.submission)
    assert not Submission.objects.filter(unit=personas.tree.commune_b).exists()


def test_it_refuses_a_stale_form(personas):
    outcome = save(personas.officer_a, personas.tree.commune_a, received=10)
    seen = outcome.submission.version
    save(personas.officer_a, personas.tree.commune_a, received=11)
    with pytest.raises(ValidationError) as error:
        services.submission_save(
            actor=personas.officer_a,
            data_set=outcome.submission.data_set,
            unit=personas.tree.commune_a,
            period=QUARTER,
            cells={},
            expected_version=seen,
        )
    assert error.value.code == "stale"


def test_it_refuses_future_periods_wrong_levels_and_units_not_in_being(personas):
    tree = personas.tree
    with pytest.raises(ValidationError, match="Chưa đến"):
        save(personas.officer_a, tree.commune_a, period=QUARTER.shift(100), received=1)
    with pytest.raises(ValidationError, match="không thuộc cấp báo cáo"):
        save(
            personas.province_board,
            tree.province,
            code="chinh-quyen-than-thien",
            period=Period("year", 2025),
        )
    with pytest.raises(ValidationError, match="không tồn tại"):
        save(personas.officer_a, tree.commune_a, period=QUARTER.shift(-4), received=1)
    # The old commune reports for periods before the reform, through its successor's officer.
    outcome = save(personas.officer_a, tree.old_commune_1, period=QUARTER.shift(-4), **consistent())
    assert outcome.submission.district_code == "901"


def test_it_clears_a_cell_given_none(personas):
    save(personas.officer_a, personas.tree.commune_a, **consistent())
    outcome = save(personas.officer_a, personas.tree.commune_a, returned=None)
    assert not outcome.submission.values.filter(data_element__code="returned").exists()
    assert [v.cell for v in outcome.violations] == ["settled_on_time"]  # the parts no longer add up
