"""Indicators over "Dân vận khéo" models, counted from the model records (their volumes are small)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext_lazy as _

from danvan.emulation.choices import Status
from danvan.emulation.models import EmulationModel
from danvan.facts.selectors import disjoint
from danvan.rawsql import under_sql
from danvan.units.models import Unit

from .base import IndicatorValue, indicator


def _recognised(scope, period) -> dict[tuple[str, str, str], Decimal]:
    cells: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    # One query for every part, each row tagged with its part's share (a commune merged from five
    # read six times); parts lying within one another are read one at a time: a model under both
    # counts for each.
    if disjoint([path for path, _share in scope.parts]):
        by_share: dict[Decimal, list[str]] = defaultdict(list)
        for path, share in scope.parts:
            by_share[Decimal(share)].append(path)
        reads = [by_share]
    else:
        reads = [{Decimal(share): [path]} for path, share in scope.parts]
    quote, vendor = connection.ops.quote_name, connection.vendor
    recognised = list(Status.recognised_values())
    dates = [connection.ops.adapt_datefield_value(day) for day in (period.start, period.end)]
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
            f"SELECT {tag} AS share_index, m.field, m.recognition_level, m.kind, COUNT(*) "
            f"FROM {quote(EmulationModel._meta.db_table)} m JOIN {quote(Unit._meta.db_table)} u "
            f"ON u.id = m.unit_id WHERE {every} AND m.status IN ({', '.join(['%s'] * len(recognised))}) "
            "AND m.decision_date >= %s AND m.decision_date <= %s "
            "GROUP BY share_index, m.field, m.recognition_level, m.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *every_params, *recognised, *dates])
            rows = cursor.fetchall()
        for index, field, level, kind, n in rows:
            cells[(field, level, kind)] += Decimal(n) * shares[index]
    return cells


@indicator(
    key="models_recognised",
    label=_("Mô hình, điển hình “Dân vận khéo” được công nhận"),
    noun=_("mô hình"),
    group="emulation",
    breakdowns=("field", "level", "model_kind"),
)
def models_recognised(scope, period):
    cells = _recognised(scope, period)
    result = IndicatorValue(value=sum(cells.values(), Decimal(0)))
    for index, dim in enumerate(("field", "level", "model_kind")):
        members: dict[str, Decimal] = defaultdict(Decimal)
        for key, value in cells.items():
            members[key[index]] += value
        result.breakdowns[dim] = dict(sorted(members.items()))
    return result
