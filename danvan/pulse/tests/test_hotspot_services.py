import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.pulse import hotspot_services as services
from danvan.pulse.models import Hotspot, HotspotEventKind, HotspotStatus

from .hotspot_helpers import AS_OF, days_back, petitions, topic

pytestmark = pytest.mark.django_db


def _surge(tree, count=8, start=0):
    return petitions(tree.commune_a, days_back(count, start=start), topic=topic())


def test_it_writes_a_hot_spot_with_its_records_and_timeline(tree):
    records = _surge(tree)
    result = services.scan(as_of=AS_OF)
    hotspot = Hotspot.objects.get()
    assert result.created == [hotspot.pk] and hotspot.status == HotspotStatus.NEW
    assert hotspot.key == f"surge:{tree.commune_a.pk}:{records[0].topic_id}"
    assert set(hotspot.records.values_list("petition_id", flat=True)) == {r.pk for r in records}
    assert hotspot.figures["count"] == 8 and hotspot.first_detected_on == AS_OF
    assert list(hotspot.events.values_list("kind", flat=True)) == [HotspotEventKind.DETECTED]


def test_it_updates_the_same_hot_spot_when_the_rule_fires_again(tree):
    _surge(tree, start=2)
    services.scan(as_of=AS_OF - datetime.timedelta(days=1))
    petitions(tree.commune_a, days_back(8), topic=topic())
    result = services.scan(as_of=AS_OF)
    hotspot = Hotspot.objects.get()
    assert result.created == [] and result.worsened == [hotspot.pk]
    assert hotspot.records.count() == 16 and hotspot.last_detected_on == AS_OF
    services.scan(as_of=AS_OF)  # nothing new: nothing changes but the figures
    assert Hotspot.objects.count() == 1 and hotspot.events.count() == 2


def test_it_reopens_a_closed_hot_spot_only_when_new_records_come(personas):
    tree = personas.tree
    _surge(tree, start=2)
    services.scan(as_of=AS_OF - datetime.timedelta(days=1))
    hotspot = Hotspot.objects.get()
    services.hotspot_step(
        actor=personas.province_board, hotspot=hotspot, kind="handled", note="Đã đối thoại."
    )
    services.hotspot_step(actor=personas.province_board, hotspot=hotspot, kind="closed")
    Hotspot.objects.filter(pk=hotspot.pk).update(closed_on=AS_OF - datetime.timedelta(days=1))
    services.scan(as_of=AS_OF - datetime.timedelta(days=1))
    assert Hotspot.objects.get().status == HotspotStatus.CLOSED
    petitions(tree.commune_a, days_back(3), topic=topic())
    result = services.scan(as_of=AS_OF)
    assert result.refired == [hotspot.pk] and Hotspot.objects.get().status == HotspotStatus.NEW


def test_it_moves_a_hot_spot_through_its_life_and_records_who(personas):
    _surge(personas.tree)
    services.scan(as_of=AS_OF)
    hotspot = Hotspot.objects.get()
    board = personas.province_board
    services.hotspot_step(actor=board, hotspot=hotspot, kind="watching")
    with pytest.raises(ValidationError):
        services.hotspot_step(actor=board, hotspot=hotspot, kind="handled", note=" ")
    with pytest.raises(ValidationError):
        services.hotspot_step(actor=board, hotspot=hotspot, kind="closed")
    services.hotspot_step(actor=board, hotspot=hotspot, kind="handled", note="Đã tổ chức đối thoại tại ấp.")
    services.hotspot_step(actor=board, hotspot=hotspot, kind="closed")
    hotspot.refresh_from_db()
    assert (
        hotspot.status == HotspotStatus.CLOSED
        and hotspot.note.startswith("Đã tổ chức")
        and hotspot.owner == board
    )
    kinds = list(hotspot.events.values_list("kind", "actor__username"))
    assert kinds[1:] == [("watching", "tinh.board"), ("handled", "tinh.board"), ("closed", "tinh.board")]
    assert LogEntry.objects.get_for_object(hotspot).count() >= 3


def test_it_refuses_an_officer_of_another_unit_and_a_commune_officer(personas):
    _surge(personas.tree)
    services.scan(as_of=AS_OF)
    hotspot = Hotspot.objects.get()
    for user in (personas.officer_b, personas.officer_a, personas.outsider):
        with pytest.raises(PermissionDenied):
            services.hotspot_step(actor=user, hotspot=hotspot, kind="watching")
    services.hotspot_step(actor=personas.admin_a, hotspot=hotspot, kind="watching")


def test_it_checks_a_new_record_through_the_intake(personas, django_capture_on_commit_callbacks):
    from danvan.petitions.services import petition_receive

    petitions(personas.tree.commune_a, days_back(6), topic=topic())
    with django_capture_on_commit_callbacks(execute=True):
        petition_receive(
            actor=personas.officer_a,
            unit=personas.tree.commune_a,
            channel="reception",
            kind="petition",
            title="Đơn tập thể về đất",
            text="Mười hai hộ cùng ký đơn đề nghị.",
            topic=topic(),
            people_count=12,
        )
    rules = sorted(Hotspot.objects.values_list("rule", flat=True))
    assert "crowd" in rules
