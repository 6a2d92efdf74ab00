import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.petitions import services
from danvan.petitions.choices import Channel, Kind, Status
from danvan.petitions.lifecycle import derive_status
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.services import petition_check_pin
from danvan.petitions.tests.factories import organisation, receive

pytestmark = pytest.mark.django_db


def timeline(petition):
    return list(PetitionEvent.objects.filter(petition=petition).values_list("kind", flat=True))


def test_it_receives_a_petition_with_codes_month_key_and_deadline(personas):
    receipt = receive(personas, received_at=timezone.make_aware(datetime.datetime(2026, 2, 10, 9)))
    p = receipt.petition
    assert p.status == Status.NEW and timeline(p) == ["received"]
    assert p.tracking_code.startswith("PA") and len(p.tracking_code) == 10
    assert p.commune_code == "90001" and p.province_code == "90" and p.yyyymm == 202602
    assert p.acceptance_due == datetime.date(2026, 3, 3)  # 10 working days, Tết skipped
    assert p.handling_unit == personas.tree.commune_a
    assert petition_check_pin(tracking_code=p.tracking_code.lower(), pin=receipt.pin) == p
    assert (
        petition_check_pin(tracking_code=p.tracking_code, pin="000000" if receipt.pin != "000000" else "1")
        is None
    )


def test_it_hands_a_hamlet_petition_to_its_commune(personas):
    from danvan.units.services import hamlets_create

    [hamlet] = hamlets_create(commune=personas.tree.commune_a, text="Ấp 1")
    p = receive(personas, unit=hamlet).petition
    assert p.unit == hamlet and p.handling_unit == personas.tree.commune_a and p.commune_code == "90001"


def test_it_follows_a_petition_from_acceptance_to_a_rated_answer(
    personas, django_capture_on_commit_callbacks
):
    handler = UserFactory(username="handler.a", email="handler@example.invalid")
    org = organisation(personas.tree.commune_a)
    MembershipFactory(user=handler, unit=personas.tree.commune_a, role="handler", organisation=org)
    p = receive(personas, citizen_email="dan@example.invalid").petition
    with django_capture_on_commit_callbacks(execute=True):
        p = services.petition_accept(actor=personas.officer_a, petition=p, organisation=org)
    assert p.status == Status.IN_PROGRESS and p.due_date is not None
    assert [m.to for m in mail.outbox] == [["handler@example.invalid"]]
    with django_capture_on_commit_callbacks(execute=True):
        p = services.petition_answer(
            actor=handler, petition=p, answer="Xã đã bố trí kinh phí sửa đường trong quý I."
        )
    assert p.status == Status.ANSWERED and mail.outbox[-1].to == ["dan@example.invalid"]
    assert "bố trí kinh phí" in mail.outbox[-1].body
    p = services.petition_rate(petition=p, rating=5, comment="Cảm ơn")
    p = services.petition_close(actor=personas.officer_a, petition=p)
    assert p.status == Status.CLOSED
    assert timeline(p) == ["received", "accepted", "answered", "rated", "closed"]
    assert derive_status(timeline(p)) == p.status


def test_it_answers_on_the_spot(personas):
    p = receive(personas).petition
    p = services.petition_answer_on_spot(
        actor=personas.officer_a, petition=p, answer="Đã giải thích chính sách."
    )
    assert p.status == Status.ANSWERED and p.public_answer == "Đã giải thích chính sách."


def test_it_forwards_to_the_competent_level_which_then_sees_and_handles_it(personas):
    p = receive(personas).petition
    p = services.petition_forward(
        actor=personas.officer_a,
        petition=p,
        to_unit=personas.tree.province,
        reason="Thuộc thẩm quyền cấp tỉnh",
    )
    assert p.status == Status.FORWARDED and p.handling_unit == personas.tree.province
    with pytest.raises(PermissionDenied):
        services.petition_accept(
            actor=personas.officer_a, petition=p, organisation=organisation(personas.tree.province)
        )
    p = services.petition_accept(
        actor=personas.province_board, petition=p, organisation=organisation(personas.tree.province)
    )
    p = services.petition_answer(
        actor=personas.province_board, petition=p, answer="Tỉnh đã chỉ đạo giải quyết."
    )
    assert p.status == Status.ANSWERED


def test_it_refuses_an_officer_of_another_commune(personas):
    p = receive(personas).petition
    for action in (
        lambda: services.petition_accept(
            actor=personas.officer_b, petition=p, organisation=organisation(personas.tree.commune_a)
        ),
        lambda: services.petition_answer_on_spot(actor=personas.officer_b, petition=p, answer="x"),
        lambda: services.petition_forward(
            actor=personas.officer_b, petition=p, to_unit=personas.tree.province, reason="x"
        ),
        lambda: services.petition_reject(actor=personas.officer_b, petition=p, reason="x"),
        lambda: services.petition_note(actor=personas.officer_b, petition=p, text="x"),
    ):
        with pytest.raises(PermissionDenied):
            action()
    with pytest.raises(PermissionDenied):
        receive(personas, actor=personas.officer_b)
    assert timeline(p) == ["received"]


def test_it_lets_only_the_assigned_organisations_handler_answer(personas):
    org = organisation(personas.tree.commune_a)
    other_org = organisation(personas.tree.commune_a).unit.organisations.exclude(pk=org.pk).first()
    wrong = UserFactory(username="wrong.handler")
    MembershipFactory(user=wrong, unit=personas.tree.commune_a, role="handler", organisation=other_org)
    p = receive(personas).petition
    p = services.petition_accept(actor=personas.officer_a, petition=p, organisation=org)
    with pytest.raises(PermissionDenied):
        services.petition_answer(actor=wrong, petition=p, answer="x")
    with pytest.raises(PermissionDenied):
        services.petition_answer(actor=personas.officer_a, petition=p, answer="x")


def test_it_refuses_an_illegal_transition_and_saves_nothing(personas):
    p = receive(personas).petition
    with pytest.raises(ValidationError) as error:
        services.petition_answer(actor=personas.province_board, petition=p, answer="Trả lời")
    assert "Không thể “Trả lời”" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.petition_close(actor=personas.officer_a, petition=p)
    p.refresh_from_db()
    assert p.status == Status.NEW and p.public_answer == "" and timeline(p) == ["received"]


def test_it_lets_only_one_of_two_officers_acting_on_the_same_version_win(personas):
    p = receive(personas).petition
    seen = Petition.objects.get(pk=p.pk).version
    services.petition_answer_on_spot(
        actor=personas.officer_a, petition=p, answer="Lần một", expected_version=seen
    )
    with pytest.raises(ValidationError) as error:
        services.petition_answer_on_spot(
            actor=personas.admin_a, petition=p, answer="Lần hai", expected_version=seen
        )
    assert "vừa được người khác cập nhật" in error.value.messages[0]
    p.refresh_from_db()
    assert p.public_answer == "Lần một" and timeline(p) == ["received", "answered_on_spot"]


def test_it_extends_a_denunciation_twice_and_no_more(personas):
    p = receive(personas, kind=Kind.DENUNCIATION).petition
    p = services.petition_accept(
        actor=personas.officer_a, petition=p, organisation=organisation(personas.tree.commune_a)
    )
    first_due = p.due_date
    p = services.petition_extend(actor=personas.officer_a, petition=p, reason="Vụ việc phức tạp")
    p = services.petition_extend(actor=personas.officer_a, petition=p, reason="Đặc biệt phức tạp")
    assert p.extensions == 2 and p.due_date > first_due
    with pytest.raises(ValidationError) as error:
        services.petition_extend(actor=personas.officer_a, petition=p, reason="Lần ba")
    assert error.value.messages == ["Tố cáo không được gia hạn thêm (tối đa 2 lần)."]


def test_it_gives_complaints_their_legal_limits(personas):
    simple = receive(personas, kind=Kind.COMPLAINT).petition
    complex_remote = receive(personas, kind=Kind.COMPLAINT, is_complex=True, is_remote=True).petition
    org = organisation(personas.tree.commune_a)
    simple = services.petition_accept(actor=personas.officer_a, petition=simple, organisation=org)
    complex_remote = services.petition_accept(
        actor=personas.officer_a, petition=complex_remote, organisation=org
    )
    from danvan.petitions.deadlines import working_days_between

    today = timezone.localdate()
    assert working_days_between(today, simple.due_date) == 30
    assert working_days_between(today, complex_remote.due_date) == 60


def test_it_merges_a_duplicate_and_keeps_it_final(personas):
    original = receive(personas).petition
    duplicate = receive(personas).petition
    duplicate = services.petition_merge(actor=personas.officer_a, petition=duplicate, into=original)
    assert duplicate.status == Status.MERGED and duplicate.merged_into == original
    with pytest.raises(ValidationError):
        services.petition_answer_on_spot(actor=personas.officer_a, petition=duplicate, answer="x")
    with pytest.raises(ValidationError):
        services.petition_merge(actor=personas.officer_a, petition=original, into=original)


def test_it_rejects_with_a_reason_and_reopens(personas):
    p = receive(personas).petition
    with pytest.raises(ValidationError):
        services.petition_reject(actor=personas.officer_a, petition=p, reason="  ")
    p = services.petition_reject(actor=personas.officer_a, petition=p, reason="Không thuộc phạm vi")
    assert p.status == Status.REJECTED
    p = services.petition_reopen(actor=personas.officer_a, petition=p, reason="Có thêm thông tin")
    assert p.status == Status.IN_PROGRESS


def test_it_lets_the_citizen_reopen_once_and_rate_once(personas):
    p = receive(personas).petition
    p = services.petition_answer_on_spot(actor=personas.officer_a, petition=p, answer="Trả lời")
    p = services.petition_citizen_reopen(petition=p, reason="Chưa thỏa đáng")
    assert p.status == Status.IN_PROGRESS
    p = services.petition_answer(actor=personas.province_board, petition=p, answer="Trả lời lại")
    with pytest.raises(ValidationError) as error:
        services.petition_citizen_reopen(petition=p, reason="Vẫn chưa")
    assert error.value.messages == ["Mỗi ý kiến chỉ được đề nghị xem xét lại một lần."]
    services.petition_rate(petition=p, rating=4)
    with pytest.raises(ValidationError):
        services.petition_rate(petition=p, rating=1)
    with pytest.raises(ValidationError):
        services.petition_rate(petition=receive(personas).petition, rating=9)


def test_it_keeps_internal_notes_off_the_public_timeline(personas):
    from danvan.petitions.selectors import petition_timeline

    p = receive(personas).petition
    services.petition_note(actor=personas.officer_a, petition=p, text="Số điện thoại người dân: 0909…")
    assert [e.kind for e in petition_timeline(petition=p, public=True)] == ["received"]
    assert [e.kind for e in petition_timeline(petition=p)] == ["received", "note"]


def test_it_refuses_events_being_changed_or_deleted(personas):
    event = receive(personas).petition.events.get()
    event.text = "sửa"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_it_accepts_portal_submissions_only_through_the_portal_channel(personas):
    p = receive(personas, channel=Channel.PORTAL, actor=None).petition
    assert p.created_by is None and p.channel == Channel.PORTAL
    with pytest.raises(PermissionDenied):
        services.petition_receive(
            actor=None, unit=personas.tree.commune_a, channel=Channel.PHONE, title="t", text="x"
        )


def test_it_explains_empty_text_and_a_dissolved_unit(personas):
    with pytest.raises(ValidationError) as error:
        receive(personas, text="   ")
    assert error.value.message_dict == {"text": ["Trường này không được để trống."]}
    with pytest.raises(ValidationError) as error:
        receive(personas, actor=personas.province_board, unit=personas.tree.old_commune_1)
    assert "không còn hiệu lực" in error.value.message_dict["unit"][0]
    assert Petition.objects.count() == 0
