"""Indicators over periodic figures: one per data element of every active data set, split by its
breakdown (e.g. organiser), and the data sets' own validation rules run on the report's totals."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connection

from danvan.activities.models import DataElement, DataSet, DataValue
from danvan.activities.selectors import data_sets_with_schema
from danvan.activities.validation import Schema
from danvan.facts.selectors import disjoint
from danvan.rawsql import db_decimal, under_sql
from danvan.units.models import Unit

from .base import IndicatorValue

PREFIX = "activities"
VALUE_PLACES = DataValue._meta.get_field("value").decimal_places


def _values(scope, period):
    """Sum of each cell over the scope, for forms whose whole period lies inside the report's."""
    sums: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    by_share: dict[Decimal, list[str]] = defaultdict(list)
    for path, share in scope.parts:
        by_share[Decimal(share)].append(path)
    # A commune with a divided predecessor has two shares: one query for both, each row tagged
    # with its share, unless a part lies within another (then one per share).
    if len(by_share) > 1 and disjoint([path for path, _share in scope.parts]):
        reads = [by_share]
    else:
        reads = [{share: paths} for share, paths in by_share.items()]
    quote, vendor = connection.ops.quote_name, connection.vendor
    for groups in reads:
        shares = list(groups)
        params: list = []
        if len(groups) > 1:
            whens = []
            for index, paths in enumerate(groups.values()):
                condition, condition_params = under_sql("u.path", paths, vendor)
                whens.append(f"WHEN {condition} THEN {index}")
                params += condition_params
            tag = f"CASE {' '.join(whens)} END"
        else:
            tag = "0"
        every, every_params = under_sql("u.path", [p for paths in groups.values() for p in paths], vendor)
        # Hand-written: the ORM took longer to compile this than the database to answer it.
        sql = (
            f"SELECT {tag} AS share_index, s.code, e.code, v.option_code, SUM(v.value) "
            f"FROM {quote(DataValue._meta.db_table)} v "
            f"JOIN {quote(DataElement._meta.db_table)} e ON e.id = v.data_element_id "
            f"JOIN {quote(DataSet._meta.db_table)} s ON s.id = e.data_set_id "
            f"JOIN {quote(Unit._meta.db_table)} u ON u.id = v.unit_id "
            f"WHERE {every} AND v.yyyymm >= %s AND v.yyyymm_end <= %s AND v.value IS NOT NULL "
            "GROUP BY share_index, s.code, e.code, v.option_code"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *every_params, period.first_month, period.last_month])
            rows = cursor.fetchall()
        for index, data_set, element, option, total in rows:
            sums[(data_set, element, option)] += db_decimal(total, VALUE_PLACES) * shares[index]
    return sums


def compute(scope, period) -> tuple[dict[str, IndicatorValue], dict[str, dict]]:
    """(indicator values keyed "activities.<set>.<element>", cells per data set for the rules)."""
    sums = _values(scope, period)
    values: dict[str, IndicatorValue] = {}
    cells: dict[str, dict] = defaultdict(dict)
    data_sets = data_sets_with_schema(codes={k[0] for k in sums}, cached=True)
    for (set_code, element_code, option), total in sorted(sums.items()):
        key = f"{PREFIX}.{set_code}.{element_code}"
        value = values.get(key)
        if value is None:
            data_set = data_sets[set_code]
            element = next((e for e in data_set.element_list if e.code == element_code), None)
            label = element.name if element else element_code
            value = values[key] = IndicatorValue(value=Decimal(0), label=f"{data_set.name}: {label}")
        value.value += total
        if option:
            value.breakdowns.setdefault("option", {})[option] = total
            cells[set_code][f"{element_code}.{option}"] = total
        else:
            cells[set_code][element_code] = total
    return values, {code: (data_sets[code], c) for code, c in cells.items()}


def findings(cells_by_set) -> list:
    from ..validation import Finding

    result = []
    for code, (data_set, cells) in cells_by_set.items():
        for violation in Schema(data_set).check(cells):
            figures = {key: cells[key] for key in violation.cells if isinstance(cells.get(key), Decimal)}
            if violation.left is not None:
                figures["left"] = violation.left
            if violation.right is not None:
                figures["right"] = violation.right
            rule = f"{code}:{violation.rule_id or violation.cell}"
            result.append(Finding(rule=rule, message=violation.message, figures=figures))
    return result
