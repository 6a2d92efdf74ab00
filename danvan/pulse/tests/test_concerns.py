import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.petitions.choices import EventKind
from danvan.pulse.models import Concern, ConcernMember
from danvan.pulse.services import concern_link, concern_unlink

from .helpers import LANDFILL, ROAD, receive

pytestmark = pytest.mark.django_db


def test_it_links_records_as_one_concern_and_keeps_each_timeline(personas):
    first, second, third = (receive(personas, ROAD) for _ in range(3))
    concern = concern_link(actor=personas.officer_a, petition=first, other=second)
    assert concern_link(actor=personas.officer_a, petition=third, other=first) == concern
    assert set(concern.members.values_list("petition_id", flat=True)) == {first.pk, second.pk, third.pk}
    for petition in (first, second, third):
        petition.refresh_from_db()
        assert petition.merged_into_id is None  # never an automatic merge
        assert petition.events.filter(kind=EventKind.NOTE, is_internal=True).exists()


def test_it_joins_two_concerns_when_their_records_are_linked(personas):
    a, b, c, d = (receive(personas, ROAD) for _ in range(4))
    kept = concern_link(actor=personas.officer_a, petition=a, other=b)
    concern_link(actor=personas.officer_a, petition=c, other=d)
    assert concern_link(actor=personas.officer_a, petition=b, other=c) == kept
    assert Concern.objects.count() == 1 and kept.members.count() == 4


def test_it_refuses_linking_a_record_to_itself_or_twice(personas):
    a, b = receive(personas, ROAD), receive(personas, LANDFILL)
    with pytest.raises(ValidationError):
        concern_link(actor=personas.officer_a, petition=a, other=a)
    concern_link(actor=personas.officer_a, petition=a, other=b)
    with pytest.raises(ValidationError):
        concern_link(actor=personas.officer_a, petition=b, other=a)


def test_it_refuses_an_official_of_another_unit(personas):
    a, b = receive(personas, ROAD), receive(personas, ROAD)
    with pytest.raises(PermissionDenied):
        concern_link(actor=personas.officer_b, petition=a, other=b)
    assert not ConcernMember.objects.exists()


def test_it_unlinks_and_ends_a_concern_left_with_one_record(personas):
    a, b = receive(personas, ROAD), receive(personas, ROAD)
    concern_link(actor=personas.officer_a, petition=a, other=b)
    concern_unlink(actor=personas.officer_a, petition=a)
    assert not Concern.objects.exists() and not ConcernMember.objects.exists()
    with pytest.raises(ValidationError):
        concern_unlink(actor=personas.officer_a, petition=a)


def test_it_writes_every_link_in_the_audit_log(personas):
    from auditlog.models import LogEntry

    a, b = receive(personas, ROAD), receive(personas, ROAD)
    concern_link(actor=personas.officer_a, petition=a, other=b)
    assert LogEntry.objects.filter(content_type__model="concernmember").count() == 2
