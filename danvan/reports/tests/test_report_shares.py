"""A divided predecessor's records count in the new commune with its share, in every kind of indicator."""

import datetime
from decimal import Decimal

import pytest

from danvan.activities.periods import Period
from danvan.activities.tests.helpers import consistent, save
from danvan.emulation.choices import Field, Kind, Status
from danvan.emulation.models import EmulationModel
from danvan.facts.selectors import counts
from danvan.petitions.tests.factories import receive
from danvan.reports.builder import report_build

pytestmark = pytest.mark.django_db
D = datetime.date
FIRST_QUARTER = Period("quarter", 2025, 1)


def recognised(unit, field=Field.ECONOMY):
    return EmulationModel.objects.create(
        name="Dân vận khéo trong làm đường giao thông nông thôn",
        kind=Kind.COLLECTIVE,
        field=field,
        unit=unit,
        year=2025,
        description="Vận động Nhân dân hiến đất làm đường.",
        status=Status.RECOGNISED,
        recognition_level="commune",
        decision_date=D(2025, 3, 15),
    )


def report_2025(unit):
    return report_build(unit=unit, start=D(2025, 1, 1), end=D(2025, 12, 31))


def test_it_weighs_recognised_models_by_share(personas):
    t = personas.tree
    recognised(t.old_commune_1)
    recognised(t.old_commune_2, field=Field.CULTURE_SOCIETY)
    recognised(t.old_commune_2)
    models = report_2025(t.commune_a).values["models_recognised"]
    assert models.value == Decimal(2)
    assert models.breakdowns["field"] == {"culture_society": Decimal("0.5"), "economy": Decimal("1.5")}
    assert report_2025(t.commune_b).value("models_recognised") == Decimal(1)
    assert report_2025(t.old_district).value("models_recognised") == Decimal(3)


def test_it_weighs_periodic_figures_by_share(personas):
    t = personas.tree
    save(personas.province_board, t.old_commune_1, period=FIRST_QUARTER, **consistent())
    save(personas.province_board, t.old_commune_2, period=FIRST_QUARTER, **consistent(received=40))
    save(personas.officer_a, t.commune_a, **consistent(received=7))
    key = "activities.ho-so-thu-tuc-hanh-chinh.received"
    assert report_2025(t.commune_a).value(key) == Decimal(127)
    assert report_2025(t.commune_b).value(key) == Decimal(20)


def test_it_counts_a_unit_inside_another_part_once_for_each(personas):
    # Parts that overlap (a commune inside a part with another share) are read one share at a time.
    t = personas.tree
    receive(
        personas,
        actor=personas.province_board,
        unit=t.old_commune_2,
        received_at=datetime.datetime(2025, 3, 10, 9, tzinfo=datetime.UTC),
    )
    parts = [(t.old_district.path, Decimal(1)), (t.old_commune_2.path, Decimal("0.5"))]
    received = counts(measure="petition.received", parts=parts, first=202501, last=202512)
    assert received == {(): Decimal("1.5")}
