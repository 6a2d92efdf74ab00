"""Bulk loads: a table's secondary indexes, unique constraints and foreign keys set aside while
millions of rows go in, and built again (each by one sort) before the transaction ends."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence

from django.db import connection, models


@contextlib.contextmanager
def indexes_deferred(
    model_list: Sequence[type[models.Model]],
    seconds: dict[str, float] | None = None,
    key: str = "indexes rebuilt",
):
    """Drop the tables' secondary indexes (and, on PostgreSQL, their foreign keys and unique
    constraints) for a bulk load and create them again after it, inside the caller's transaction.
    A duplicate (a tracking code, an opinion position) then fails the constraint's rebuild, which
    rolls the whole load back; building it by one sort was 3 s faster for 2 million petitions
    than keeping it through random inserts. SQLite's inline unique constraints cannot be dropped. The tables
    stay locked until the transaction ends. ``seconds[key]`` receives the time of the rebuild."""
    tables = [model._meta.db_table for model in model_list]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: checks still pending from earlier writes of this
            # transaction would forbid altering the tables, so run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "SELECT format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', c.conrelid::regclass, c.conname, "
                "pg_get_constraintdef(c.oid)), format('ALTER TABLE %%I DROP CONSTRAINT %%I', "
                "c.conrelid::regclass, c.conname) FROM pg_constraint c "
                "WHERE c.contype IN ('u', 'f') AND c.conrelid::regclass::text = ANY(%s) "
                "ORDER BY c.contype DESC",
                [tables],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %%I', i.indexrelid::regclass) "
                "FROM pg_index i WHERE NOT i.indisunique AND i.indrelid::regclass::text = ANY(%s)",
                [tables],
            )
            indexes = cursor.fetchall()
        else:
            constraints = []
            placeholders = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT sql, 'DROP INDEX \"' || name || '\"' FROM sqlite_master WHERE type = 'index' "
                f"AND sql IS NOT NULL AND tbl_name IN ({placeholders})",
                tables,
            )
            indexes = cursor.fetchall()
        for _create, drop in constraints + indexes:
            cursor.execute(drop)
    yield
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Each index build sorts the whole table: in memory it is ~10 % faster than on disk.
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for create, _drop in indexes:
            cursor.execute(create)
        if connection.vendor == "postgresql":
            # Without statistics the check of a new foreign key scans the whole table, even for a
            # column that is NULL on every generated row (eight of them, ~0.45 s each for 2
            # million petitions); with them it reads the column's partial index.
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        for create, _drop in constraints:
            cursor.execute(create)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    if seconds is not None:
        seconds[key] = time.perf_counter() - started
