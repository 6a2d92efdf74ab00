import datetime

import pytest
from django.core.exceptions import PermissionDenied

from danvan.petitions.choices import Channel, Kind
from danvan.pulse.models import SimilarityKey
from danvan.pulse.selectors import similar_records
from danvan.pulse.services import rebuild_index

from .helpers import LANDFILL, ROAD, ROAD_AGAIN, answer_publicly, receive

pytestmark = pytest.mark.django_db


def test_it_indexes_every_petition_at_intake(personas):
    petition = receive(personas, ROAD)
    assert SimilarityKey.objects.filter(petition=petition).count() == 6
    assert set(SimilarityKey.objects.values_list("province_code", "commune_code")) == {("90", "90001")}


def test_it_finds_the_same_concern_raised_again_in_other_words(personas):
    road, landfill = receive(personas, ROAD), receive(personas, LANDFILL)
    found = similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_a, user=personas.officer_a)
    assert [r.petition for r in found] == [road]
    assert found[0].score >= 0.18 and "dt746" in found[0].shared
    assert landfill not in [r.petition for r in found]


def test_it_finds_records_of_the_units_a_commune_succeeded(personas):
    received_at = datetime.datetime(2024, 5, 6, 9, tzinfo=datetime.UTC)
    old = receive(
        personas,
        ROAD,
        unit=personas.tree.old_commune_1,
        actor=personas.province_board,
        received_at=received_at,
    )
    found = similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_a, user=personas.officer_a)
    assert [r.petition for r in found] == [old]


def test_it_never_shows_a_record_outside_the_unit_searched(personas):
    receive(personas, ROAD, unit=personas.tree.commune_b, actor=personas.officer_b)
    assert similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_a, user=personas.officer_a) == []


def test_it_refuses_an_official_a_unit_outside_their_subtree(personas):
    with pytest.raises(PermissionDenied):
        similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_b, user=personas.officer_a)
    with pytest.raises(PermissionDenied):
        similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_a, user=personas.outsider)


def test_it_shows_citizens_only_records_answered_in_public_and_never_denunciations(personas):
    unanswered = receive(personas, ROAD)
    denunciation = receive(personas, ROAD, kind=Kind.DENUNCIATION)
    answered = answer_publicly(personas, receive(personas, ROAD, channel=Channel.CONFERENCE))
    found = similar_records(text=ROAD_AGAIN, unit=personas.tree.commune_a, public=True)
    assert [r.petition for r in found] == [answered]
    assert unanswered.pk and denunciation.pk


def test_it_answers_bad_input_with_nothing(personas):
    receive(personas, ROAD)
    for text in ("", "   ", "😀😀", "đ" * 20_000, "ĐT746 " * 5_000, "道路 دمشق Ⅻ"):
        found = similar_records(text=text, unit=personas.tree.commune_a, user=personas.officer_a)
        assert isinstance(found, list)


def test_it_rebuilds_the_index_to_what_intake_writes(personas):
    petitions = [receive(personas, ROAD), receive(personas, LANDFILL)]
    before = sorted(SimilarityKey.objects.values_list("key", "petition_id"))
    SimilarityKey.objects.all().delete()
    result = rebuild_index(batch_size=1)
    assert result["petitions"] == len(petitions)
    assert sorted(SimilarityKey.objects.values_list("key", "petition_id")) == before
