"""What a report for a unit covers: its subtree, and the units it succeeded, weighted by share."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef

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
    paths: dict[int, str] = {}
    # Shortest path first: the successions into a subtree already read include those of every
    # path below it, so a national report reads them once instead of once per old unit.
    frontier = [(len(unit.path), unit.path)]
    seen_paths: set[str] = set()
    # Predecessors without children: their subtree is themselves, so whether anything passed into
    # them is asked when their units are read, not with a query each (a commune's old communes).
    leaves: set[int] = set()
    while True:
        while frontier:
            _length, path = heapq.heappop(frontier)
            if _under_any(path, seen_paths):
                continue
            seen_paths.add(path)
            rows = (
                UnitSuccession.objects.filter(successor__path__under=path)
                # A predecessor inside the unit's own subtree is counted with it already.
                .exclude(predecessor__path__under=unit.path)
                .annotate(has_children=Exists(Unit.objects.filter(parent_id=OuterRef("predecessor_id"))))
                .values_list("predecessor_id", "predecessor__path", "share", "has_children")
            )
            for predecessor_id, predecessor_path, share, has_children in rows:
                shares[predecessor_id] += share
                paths[predecessor_id] = predecessor_path
                if has_children:
                    heapq.heappush(frontier, (len(predecessor_path), predecessor_path))
                else:
                    leaves.add(predecessor_id)
        kept_ids, whole_paths = _kept(unit, shares, paths)
        # A leaf outside the kept ones lies in a whole predecessor with children, whose subtree was read.
        units = Unit.objects.annotate(
            succeeded=Exists(UnitSuccession.objects.filter(successor_id=OuterRef("pk")))
        ).in_bulk([pk for pk, _share in kept_ids])
        for pk in leaves.intersection(units):
            if units[pk].succeeded:
                heapq.heappush(frontier, (len(paths[pk]), paths[pk]))
        leaves.difference_update(units)
        if not frontier:
            break
    kept = [(units[pk], share) for pk, share in kept_ids]
    # A partial predecessor may still lie under a whole one found later in the loop.
    kept = [(u, s) for u, s in kept if not any(u.path.startswith(p) and u.path != p for p in whole_paths)]
    parts = [(unit.path, ONE)] + [(u.path, s) for u, s in kept]
    return ReportScope(unit=unit, parts=parts, predecessors=sorted(kept, key=lambda item: item[0].path))


def _kept(
    unit: Unit, shares: dict[int, Decimal], paths: dict[int, str]
) -> tuple[list[tuple[int, Decimal]], list[str]]:
    """(predecessors not inside a whole one, with their shares; the paths counted whole)."""
    kept_ids: list[tuple[int, Decimal]] = []
    whole_paths = [unit.path]
    for predecessor_id in sorted(paths, key=lambda pk: len(paths[pk])):
        share = min(shares[predecessor_id], ONE)
        path = paths[predecessor_id]
        if any(path.startswith(p) for p in whole_paths):
            continue
        kept_ids.append((predecessor_id, share))
        if share == ONE:
            whole_paths.append(path)
    return kept_ids, whole_paths


def _under_any(path: str, paths: set[str]) -> bool:
    """Whether ``path`` is one of ``paths`` or lies below one of them (paths are "/1/5/77/")."""
    end = path.find("/", 1)
    while end != -1:
        if path[: end + 1] in paths:
            return True
        end = path.find("/", end + 1)
    return False
