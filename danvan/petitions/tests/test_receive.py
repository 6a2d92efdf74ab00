"""Receiving a petition: one row, its receipt event and its counts, written whole or not at all."""

import pytest

from danvan.facts.models import MonthlyCount
from danvan.petitions import services
from danvan.petitions.choices import EventKind, Status
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.pins import check_pin
from danvan.units.models import Unit
from danvan.units.services import hamlets_create

from .factories import receive

pytestmark = pytest.mark.django_db


def test_it_stores_a_new_petition_with_its_receipt_event_and_codes(personas):
    [hamlet] = hamlets_create(commune=personas.tree.commune_a, text="Ấp Một")
    receipt = receive(personas, unit=Unit.objects.get(pk=hamlet.pk))
    stored = Petition.objects.get(pk=receipt.petition.pk)
    assert (stored.status, stored.version) == (Status.NEW, 1)
    assert (stored.province_code, stored.district_code, stored.commune_code) == ("90", "", "90001")
    assert stored.handling_unit == personas.tree.commune_a
    assert check_pin(receipt.pin, stored.pin_hash)
    [event] = PetitionEvent.objects.filter(petition=stored)
    assert event == receipt.event and event.kind == EventKind.RECEIVED
    assert event.to_unit == personas.tree.commune_a and event.actor == personas.officer_a
    cell = MonthlyCount.objects.get(measure="petition.received")
    assert (cell.unit_id, cell.province_code, cell.commune_code, cell.value) == (hamlet.pk, "90", "90001", 1)


def test_it_reads_the_codes_off_parents_already_loaded_as_the_tree_gives_them(personas, monkeypatch):
    t = personas.tree
    [hamlet] = hamlets_create(commune=t.commune_a, text="Ấp Một")
    old = Unit.objects.get(pk=t.old_commune_1.pk)
    assert services._ancestor_codes(old) == {
        "province_code": "90",
        "district_code": "901",
        "commune_code": "90001",
    }
    loaded = Unit.objects.select_related("parent__parent").get(pk=hamlet.pk)
    monkeypatch.setattr(services, "unit_ancestor_codes", lambda **_: pytest.fail("looked up again"))
    assert services._ancestor_codes(loaded) == {
        "province_code": "90",
        "district_code": "",
        "commune_code": "90001",
    }


def test_it_draws_another_tracking_code_when_one_is_taken(personas, monkeypatch):
    first = receive(personas).petition
    codes = iter([first.tracking_code, "PA23456789"])
    monkeypatch.setattr(services, "_new_tracking_code", lambda: next(codes))
    second = receive(personas).petition
    assert second.tracking_code == "PA23456789"
    assert Petition.objects.get(tracking_code="PA23456789").pk == second.pk
    assert Petition.objects.filter(tracking_code=first.tracking_code).get().pk == first.pk
