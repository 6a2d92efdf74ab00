"""What a report for a unit covers: its subtree, and the units it succeeded, weighted by share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from danvan.units.models import Unit, UnitSuccession

ONE = Decimal(1)


@dataclass
class ReportScope:
    unit: Unit
    parts: list[tuple[str, Decimal]]
    predecessors: list[tuple[Unit, Decimal]] = field(default_factory=list)

    @property
    def includes_predecessors(self) -> bool:
        return bool(self.predecessors)


def report_scope(*, unit: Unit) -> ReportScope:
    """The unit's subtree plus, across every reform, the subtrees of the units that passed into it.

    A divided commune counts with the share that went into this unit. A predecessor
    already inside another included subtree (an old commune inside an old province
    that merged whole) is not counted twice.
    """
    shares: dict[int, Decimal] = defaultdict(Decimal)
    units: dict[int, Unit] = {}
    frontier_paths = [unit.path]
    seen_paths = set()
    while frontier_paths:
        path = frontier_paths.pop()
        if path in seen_paths:
            continue
        seen_paths.add(path)
        for succession in UnitSuccession.objects.filter(successor__path__under=path).select_related(
            "predecessor"
        ):
            predecessor = succession.predecessor
            shares[predecessor.pk] += succession.share
            units[predecessor.pk] = predecessor
            frontier_paths.append(predecessor.path)
    kept: list[tuple[Unit, Decimal]] = []
    whole_paths = [unit.path]
    for predecessor in sorted(units.values(), key=lambda u: len(u.path)):
        share = min(shares[predecessor.pk], ONE)
        if any(predecessor.path.startswith(p) for p in whole_paths):
            continue
        kept.append((predecessor, share))
        if share == ONE:
            whole_paths.append(predecessor.path)
    # A partial predecessor may still lie under a whole one found later in the loop.
    kept = [(u, s) for u, s in kept if not any(u.path.startswith(p) and u.path != p for p in whole_paths)]
    parts = [(unit.path, ONE)] + [(u.path, s) for u, s in kept]
    return ReportScope(unit=unit, parts=parts, predecessors=sorted(kept, key=lambda item: item[0].path))
