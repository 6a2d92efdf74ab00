"""Fixtures for the movement: the default criteria sets, two more board members, and the steps as helpers.

Personas added to the shared ones: ``appraiser`` (a second board member of the province,
for the Front's appraisal) and ``commune_board`` (the board of commune A, who may
recognise at commune level only).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from danvan.accounts.tests.factories import MembershipFactory, UserFactory
from danvan.emulation import defaults, services
from danvan.emulation.choices import Field, Kind
from danvan.emulation.models import CriteriaSet, EmulationModel
from danvan.emulation.scoring import criteria_of

DECIDED = datetime.date(2026, 3, 15)


def points(criteria_set: CriteriaSet, value: Callable = lambda c: c.max_points) -> dict[int, Decimal]:
    return {c.pk: Decimal(value(c)) for c in criteria_of(criteria_set)}


@dataclass
class Emulation:
    personas: object
    appraiser: object
    commune_board: object

    @property
    def tree(self):
        return self.personas.tree

    def register(self, *, actor=None, unit=None, **extra) -> EmulationModel:
        data = {
            "name": "Dân vận khéo trong xây dựng đường giao thông nông thôn",
            "kind": Kind.COLLECTIVE,
            "field": Field.ECONOMY,
            "owner_name": "Chi hội Nông dân ấp Mỹ Cẩm A",
            "description": "Vận động Nhân dân hiến đất, góp ngày công làm đường bê tông liên ấp.",
            "year": 2026,
        }
        data.update(extra)
        return services.model_register(
            actor=actor or self.personas.officer_a, unit=unit or self.tree.commune_a, **data
        )

    def self_assess(self, model, *, actor=None, value: Callable = lambda c: c.max_points):
        model.refresh_from_db()
        from danvan.emulation.criteria import criteria_set_for

        criteria_set = model.criteria_set or criteria_set_for(subject=model.subject, unit=model.unit)
        return services.model_self_assess(
            actor=actor or self.personas.officer_a, model=model, points=points(criteria_set, value)
        )

    def appraise(self, model, *, actor=None, value: Callable = lambda c: c.max_points * Decimal("0.9")):
        model.refresh_from_db()
        return services.model_appraise(
            actor=actor or self.personas.province_board, model=model, points=points(model.criteria_set, value)
        )

    def recognise(self, model, *, actor=None, **extra):
        decision = {
            "recognised": True,
            "level": "province",
            "decision_number": "125-QĐ/TU",
            "decision_date": DECIDED,
            "award": "bang_khen",
        }
        decision.update(extra)
        model.refresh_from_db()
        return services.model_decide(actor=actor or self.personas.province_board, model=model, **decision)

    def appraised(self, **extra) -> EmulationModel:
        model = self.register(**extra)
        self.self_assess(model, actor=extra.get("actor"))
        self.appraise(model)
        model.refresh_from_db()
        return model

    def recognised(self, **extra) -> EmulationModel:
        model = self.appraised(**extra)
        self.recognise(model)
        model.refresh_from_db()
        return model


@pytest.fixture
def criteria(db):
    """The default criteria sets (a transactional test's flush removes what the migration seeded)."""
    defaults.install()
    return {s.subject: s for s in CriteriaSet.objects.filter(unit__isnull=True, status="published")}


@pytest.fixture
def emu(personas, criteria) -> Emulation:
    appraiser = UserFactory(username="mttq.tinh", first_name="Trần Thị", last_name="Mặt Trận")
    MembershipFactory(user=appraiser, unit=personas.tree.province, role="board")
    commune_board = UserFactory(username="dangUy.a", first_name="Lê Văn", last_name="Bí Thư")
    MembershipFactory(user=commune_board, unit=personas.tree.commune_a, role="board")
    return Emulation(personas=personas, appraiser=appraiser, commune_board=commune_board)
