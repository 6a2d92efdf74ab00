"""Load the national administrative tree from the vietnamadminunits package (MIT).

The package ships the tree before the 2025 reform (63 provinces, 696 districts,
10,035 communes, plus 5 island districts without communes) and after it
(34 provinces, 3,321 communes), with coordinates, and the old→new converter
data. Loading is idempotent: rows are matched on (tree, level, code) and only
changed fields are written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from importlib.util import find_spec
from pathlib import Path

from django.db import connection, transaction

from danvan.textproc.folding import fold

from .choices import LEVEL_DEPTH, Level, Tree
from .models import Unit, UnitSuccession

REFORM_DATE = datetime.date(2025, 7, 1)
BEFORE_REFORM_LAST_DAY = datetime.date(2025, 6, 30)
# The package describes the tree as it stood on 2025-06-30 and carries no earlier
# history, so the old tree is dated from a bound that covers every record we hold.
BEFORE_REFORM_VALID_FROM = datetime.date(2000, 1, 1)
NATION_VALID_FROM = datetime.date(1945, 9, 2)
NATION_CODE = "VN"

UNIT_FIELDS = (
    "name",
    "short_name",
    "kind_name",
    "latitude",
    "longitude",
    "area_km2",
    "valid_from",
    "valid_to",
)


@dataclass
class LoadSummary:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    missing_from_source: list[str] = field(default_factory=list)
    successions_created: int = 0
    successions_updated: int = 0
    successions_unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values())
            or sum(self.updated.values())
            or self.successions_created
            or self.successions_updated
        )


@dataclass
class _Row:
    tree: str
    level: str
    code: str
    name: str
    short_name: str
    kind_name: str
    parent: tuple[str, str, str] | None
    source_key: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    latitude: float | None = None
    longitude: float | None = None
    area_km2: float | None = None

    @property
    def natural_key(self) -> tuple[str, str, str]:
        return (self.tree, self.level, self.code)


def package_data_dir() -> Path:
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _province_kind(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


def read_source_rows(data_dir: Path) -> tuple[list[_Row], dict]:
    """Read the package's SQLite data set and converter into plain rows."""
    nation_key = (Tree.NATIONAL, Level.NATION, NATION_CODE)
    rows: dict[tuple[str, str, str], _Row] = {
        nation_key: _Row(
            Tree.NATIONAL,
            Level.NATION,
            NATION_CODE,
            "Việt Nam",
            "Việt Nam",
            "Quốc gia",
            None,
            "vietnam",
            NATION_VALID_FROM,
            None,
        )
    }
    old, new = Tree.BEFORE_2025, Tree.SINCE_2025
    with sqlite3.connect(data_dir / "dataset.db") as source:
        source.row_factory = sqlite3.Row
        for r in source.execute(
            "SELECT * FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
        ):
            province = (old, Level.PROVINCE, r["provinceCode"])
            rows.setdefault(
                province,
                _Row(
                    old,
                    Level.PROVINCE,
                    r["provinceCode"],
                    r["province"],
                    r["provinceShort"],
                    _province_kind(r["province"]),
                    nation_key,
                    r["provinceKey"],
                    BEFORE_REFORM_VALID_FROM,
                    BEFORE_REFORM_LAST_DAY,
                    r["provinceLat"],
                    r["provinceLon"],
                ),
            )
            district = (old, Level.DISTRICT, r["districtCode"])
            rows.setdefault(
                district,
                _Row(
                    old,
                    Level.DISTRICT,
                    r["districtCode"],
                    r["district"],
                    r["districtShort"],
                    r["districtType"],
                    province,
                    f"{r['provinceKey']}_{r['districtKey']}",
                    BEFORE_REFORM_VALID_FROM,
                    BEFORE_REFORM_LAST_DAY,
                    r["districtLat"],
                    r["districtLon"],
                ),
            )
            if r["wardCode"]:
                rows[(old, Level.COMMUNE, r["wardCode"])] = _Row(
                    old,
                    Level.COMMUNE,
                    r["wardCode"],
                    r["ward"],
                    r["wardShort"],
                    r["wardType"],
                    district,
                    f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}",
                    BEFORE_REFORM_VALID_FROM,
                    BEFORE_REFORM_LAST_DAY,
                    r["wardLat"],
                    r["wardLon"],
                )
        for r in source.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"):
            province = (new, Level.PROVINCE, r["provinceCode"])
            rows.setdefault(
                province,
                _Row(
                    new,
                    Level.PROVINCE,
                    r["provinceCode"],
                    r["province"],
                    r["provinceShort"],
                    _province_kind(r["province"]),
                    nation_key,
                    r["provinceKey"],
                    REFORM_DATE,
                    None,
                    r["provinceLat"],
                    r["provinceLon"],
                ),
            )
            rows[(new, Level.COMMUNE, r["wardCode"])] = _Row(
                new,
                Level.COMMUNE,
                r["wardCode"],
                r["ward"],
                r["wardShort"],
                r["wardType"],
                province,
                f"{r['provinceKey']}_{r['wardKey']}",
                REFORM_DATE,
                None,
                r["wardLat"],
                r["wardLon"],
                r["wardAreaKm2"],
            )
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    return list(rows.values()), converter


def _equal_shares(count: int) -> list[Decimal]:
    # The package says which new communes a divided one went to, not in what
    # proportion, so the share is split evenly; the last share takes the remainder.
    base = (Decimal(1) / count).quantize(Decimal("0.000001"), rounding=ROUND_DOWN)
    return [base] * (count - 1) + [Decimal(1) - base * (count - 1)]


def succession_rows(rows: list[_Row], converter: dict) -> list[tuple[tuple, tuple, Decimal, bool]]:
    """(old natural key, new natural key, share, is_primary) from the 2025 converter."""
    by_source = {(r.tree, r.source_key): r.natural_key for r in rows}
    old, new = Tree.BEFORE_2025, Tree.SINCE_2025
    result = []
    new_province_of_old: dict[str, tuple] = {}
    for new_province_key, old_keys in converter["DICT_PROVINCE"].items():
        new_key = by_source[(new, new_province_key)]
        for old_province_key in old_keys:
            new_province_of_old[old_province_key] = new_key
            result.append((by_source[(old, old_province_key)], new_key, Decimal(1), True))
    island_districts = set()
    for new_province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            new_key = by_source[(new, f"{new_province_key}_{new_ward_key}")]
            for old_key in old_keys:
                if old_key.endswith("_"):
                    # Island districts had no communes; each became a special zone (đặc khu).
                    old_key = old_key.rstrip("_")
                    island_districts.add(old_key)
                result.append((by_source[(old, old_key)], new_key, Decimal(1), True))
    for new_province_key, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in divided.items():
            for target, share in zip(targets, _equal_shares(len(targets)), strict=True):
                new_key = by_source[(new, f"{new_province_key}_{target['newWardKey']}")]
                result.append((by_source[(old, old_key)], new_key, share, bool(target["isDefaultNewWard"])))
    for r in rows:
        if r.tree == old and r.level == Level.DISTRICT and r.source_key not in island_districts:
            province_source_key = r.source_key.split("_")[0]
            result.append((r.natural_key, new_province_of_old[province_source_key], Decimal(1), True))
    return result


def _rebuild_paths() -> None:
    """Set every unit's path from its parent's, level by level, in one statement each."""
    table = Unit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET path = '/' || CAST(id AS VARCHAR(20)) || '/' "
            f"WHERE parent_id IS NULL AND path <> '/' || CAST(id AS VARCHAR(20)) || '/'"
        )
        parent_path = f"(SELECT p.path FROM {table} p WHERE p.id = {table}.parent_id)"
        for level, _depth in sorted(LEVEL_DEPTH.items(), key=lambda item: item[1])[1:]:
            expected = f"{parent_path} || CAST(id AS VARCHAR(20)) || '/'"
            cursor.execute(
                f"UPDATE {table} SET path = {expected} WHERE level = %s AND parent_id IS NOT NULL "
                f"AND path <> {expected}",
                [level],
            )


@transaction.atomic
def units_load(*, data_dir: Path | None = None) -> LoadSummary:
    """Create or update the national tree and its 2025 successions; idempotent."""
    rows, converter = read_source_rows(data_dir or package_data_dir())
    summary = LoadSummary()
    existing = {
        (u.tree, u.level, u.code): u
        for u in Unit.objects.exclude(level=Level.HAMLET).only(
            "id", "tree", "level", "code", "parent_id", "source_key", *UNIT_FIELDS
        )
    }
    seen = set()
    for level in (Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            seen.add(row.natural_key)
            parent_id = existing[row.parent].id if row.parent else None
            wanted = {f: getattr(row, f) for f in UNIT_FIELDS}
            wanted.update(
                parent_id=parent_id, source_key=row.source_key, search_key=f"{fold(row.name)} {row.code}"
            )
            unit = existing.get(row.natural_key)
            if unit is None:
                to_create.append(Unit(tree=row.tree, level=row.level, code=row.code, path="", **wanted))
                continue
            wanted.pop("search_key")
            changed = [f for f, value in wanted.items() if getattr(unit, f) != value]
            if changed:
                for f in changed:
                    setattr(unit, f, wanted[f])
                unit.search_key = f"{fold(unit.name)} {unit.code}"
                to_update.append(unit)
                summary.updated[(row.tree, level)] += 1
            else:
                summary.unchanged[(row.tree, level)] += 1
        for unit in Unit.objects.bulk_create(to_create, batch_size=1000):
            existing[(unit.tree, unit.level, unit.code)] = unit
            summary.created[(unit.tree, level)] += 1
        if to_update:
            Unit.objects.bulk_update(
                to_update, [*UNIT_FIELDS, "parent_id", "source_key", "search_key"], batch_size=500
            )
    _rebuild_paths()
    summary.missing_from_source = sorted(
        f"{u.tree}/{u.level}/{u.code} {u.name}" for key, u in existing.items() if key not in seen
    )
    _load_successions(rows, converter, existing, summary)
    return summary


def _load_successions(rows, converter, units_by_key, summary: LoadSummary) -> None:
    current = {(s.predecessor_id, s.successor_id): s for s in UnitSuccession.objects.all()}
    to_create, to_update = [], []
    for old_key, new_key, share, is_primary in succession_rows(rows, converter):
        pair = (units_by_key[old_key].id, units_by_key[new_key].id)
        succession = current.get(pair)
        if succession is None:
            to_create.append(
                UnitSuccession(
                    predecessor_id=pair[0],
                    successor_id=pair[1],
                    share=share,
                    is_primary=is_primary,
                    effective_date=REFORM_DATE,
                )
            )
        elif succession.share != share or succession.is_primary != is_primary:
            succession.share, succession.is_primary = share, is_primary
            to_update.append(succession)
        else:
            summary.successions_unchanged += 1
    UnitSuccession.objects.bulk_create(to_create, batch_size=1000)
    UnitSuccession.objects.bulk_update(to_update, ["share", "is_primary"], batch_size=500)
    summary.successions_created = len(to_create)
    summary.successions_updated = len(to_update)


def level_counts() -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for tree, level in Unit.objects.values_list("tree", "level"):
        counts[(tree, level)] += 1
    return dict(counts)
