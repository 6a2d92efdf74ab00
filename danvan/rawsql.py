"""Helpers for the few reads written as SQL by hand (where compiling the ORM query took longer
than the database took to answer it): the path lookup and decimals as the ORM gives them."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Context, Decimal

_FLOATS = Context(prec=15)


def under_sql(column: str, paths: Iterable[str], vendor: str) -> tuple[str, list[str]]:
    """``path__under`` (``danvan.units.fields.Under``) for any of ``paths``: "(column LIKE %s OR …)"
    with the lookup's patterns, so that a raw read matches what the ORM's would."""
    patterns = []
    for path in paths:
        if not isinstance(path, str) or not set(path) <= set("0123456789/"):
            raise ValueError(f"not a unit path: {path!r}")
        patterns.append(path + ("*" if vendor == "sqlite" else "%"))
    if not patterns:
        return "(1 = 0)", []
    operator = "GLOB" if vendor == "sqlite" else "LIKE"
    return "(" + " OR ".join([f"{column} {operator} %s"] * len(patterns)) + ")", patterns


def db_decimal(value, places: int) -> Decimal:
    """A decimal column (or its sum) read by a raw cursor, as the ORM gives it: SQLite hands back
    floats, which Django rounds to the column's places the same way."""
    if isinstance(value, float):
        return _FLOATS.create_decimal_from_float(value).quantize(Decimal(1).scaleb(-places))
    return Decimal(value)


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """One plain multi-row INSERT of ``rows`` into ``model``'s table, for a write on a hot path
    where building model instances and reading back their ids cost more than the insert."""
    if not rows:
        return
    from django.db import connection

    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES {values}",
            [value for row in rows for value in row],
        )
