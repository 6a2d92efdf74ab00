"""What a report for a unit covers: its subtree, and the units it succeeded, weighted by share."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from danvan.rawsql import db_decimal, under_sql
from danvan.units.models import Unit, UnitSuccession

ONE = Decimal(1)
SHARE_PLACES = UnitSuccession._meta.get_field("share").decimal_places


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
    # them comes with their row, not with a query each (a commune's old communes).
    leaves: set[int] = set()
    succeeded: set[int] = set()
    while True:
        while frontier:
            _length, path = heapq.heappop(frontier)
            if _under_any(path, seen_paths):
                continue
            seen_paths.add(path)
            for predecessor_id, predecessor_path, share, has_children, has_predecessors in _successions(
                into=path, outside=unit.path
            ):
                shares[predecessor_id] += db_decimal(share, SHARE_PLACES)
                paths[predecessor_id] = predecessor_path
                if has_children:
                    heapq.heappush(frontier, (len(predecessor_path), predecessor_path))
                else:
                    leaves.add(predecessor_id)
                    if has_predecessors:
                        succeeded.add(predecessor_id)
        kept_ids, whole_paths = _kept(unit, shares, paths)
        # A leaf outside the kept ones lies in a whole predecessor with children, whose subtree was read.
        kept_leaves = leaves.intersection(pk for pk, _share in kept_ids)
        for pk in kept_leaves & succeeded:
            heapq.heappush(frontier, (len(paths[pk]), paths[pk]))
        leaves.difference_update(kept_leaves)
        if not frontier:
            break
    units = Unit.objects.in_bulk([pk for pk, _share in kept_ids])
    kept = [(units[pk], share) for pk, share in kept_ids]
    # A partial predecessor may still lie under a whole one found later in the loop.
    kept = [(u, s) for u, s in kept if not any(u.path.startswith(p) and u.path != p for p in whole_paths)]
    parts = [(unit.path, ONE)] + [(u.path, s) for u, s in kept]
    return ReportScope(unit=unit, parts=parts, predecessors=sorted(kept, key=lambda item: item[0].path))


def _successions(*, into: str, outside: str) -> list[tuple[int, str, Decimal, bool, bool]]:
    """(predecessor id, its path, share, whether it has children, whether anything passed into it)
    for every succession into the subtree at ``into`` from a unit outside the subtree at
    ``outside`` (a predecessor inside the unit's own subtree is counted with it already).
    Hand-written: the ORM took longer to compile this than the database to answer it."""
    quote, vendor = connection.ops.quote_name, connection.vendor
    units, successions = quote(Unit._meta.db_table), quote(UnitSuccession._meta.db_table)
    into_sql, into_params = under_sql("successor.path", [into], vendor)
    outside_sql, outside_params = under_sql("predecessor.path", [outside], vendor)
    sql = (
        f"SELECT s.predecessor_id, predecessor.path, s.share, "
        f"EXISTS (SELECT 1 FROM {units} child WHERE child.parent_id = s.predecessor_id), "
        f"EXISTS (SELECT 1 FROM {successions} earlier WHERE earlier.successor_id = s.predecessor_id) "
        f"FROM {successions} s JOIN {units} successor ON successor.id = s.successor_id "
        f"JOIN {units} predecessor ON predecessor.id = s.predecessor_id "
        f"WHERE {into_sql} AND NOT {outside_sql} ORDER BY s.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*into_params, *outside_params])
        return cursor.fetchall()


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
