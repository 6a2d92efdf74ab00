"""The least a load of the generated rows can cost on this database: the generator's lower bound.

Copy the petitions, their events and the conference opinions into twin tables (same columns and
primary keys) in id order, then build the same secondary indexes, unique constraints and (on
PostgreSQL) foreign keys the generator rebuilds, all in one transaction that is rolled back. No
generator can write those rows and indexes faster than that, however little it computes, so the
floor in petitions per second says what rate the schema allows on this machine.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field


@dataclass
class Floor:
    petitions: int
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    @property
    def petitions_per_second(self) -> float:
        return self.petitions / self.total if self.total else 0.0


class _Rollback(Exception):
    pass


def load_floor() -> Floor:
    from django.db import connection, transaction

    from danvan.meetings.models import Opinion
    from danvan.petitions.models import Petition, PetitionEvent

    models = (Petition, PetitionEvent, Opinion)
    twins = {model._meta.db_table: f"floor_{model._meta.model_name}" for model in models}
    floor = Floor(petitions=Petition.objects.count())
    postgres = connection.vendor == "postgresql"

    def rename(sql: str) -> str:
        for table, twin in twins.items():
            sql = re.sub(rf'(public\.)?"?\b{table}\b"?', f'"{twin}"', sql)
        return sql

    def timed(step: str, cursor, sql: str) -> None:
        started = time.perf_counter()
        cursor.execute(sql)
        floor.seconds[step] = floor.seconds.get(step, 0.0) + time.perf_counter() - started

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            tables = list(twins)
            if postgres:
                # The same settings the generator gives its index builds.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                for table, twin in twins.items():
                    cursor.execute(f'CREATE TABLE "{twin}" (LIKE "{table}" INCLUDING DEFAULTS)')
                    cursor.execute(f'ALTER TABLE "{twin}" ADD PRIMARY KEY (id)')
                cursor.execute(
                    "SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text FROM pg_index i "
                    "WHERE NOT i.indisunique AND i.indrelid::regclass::text = ANY(%s)",
                    [tables],
                )
                indexes = cursor.fetchall()
                cursor.execute(
                    "SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid), c.contype "
                    "FROM pg_constraint c WHERE c.contype IN ('u', 'f') "
                    "AND c.conrelid::regclass::text = ANY(%s) ORDER BY c.contype DESC",
                    [tables],
                )
                constraints = cursor.fetchall()
            else:
                placeholders = ", ".join(["%s"] * len(tables))
                cursor.execute(
                    f"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ({placeholders})",
                    tables,
                )
                for _name, sql in cursor.fetchall():
                    cursor.execute(rename(sql))  # inline unique constraints come with the table
                cursor.execute(
                    "SELECT sql, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    f"AND tbl_name IN ({placeholders})",
                    tables,
                )
                indexes, constraints = cursor.fetchall(), []
            for table, twin in twins.items():
                timed("copy rows", cursor, f'INSERT INTO "{twin}" SELECT * FROM "{table}" ORDER BY id')
            for number, (sql, name) in enumerate(indexes):
                name = re.escape(name.split(".")[-1].strip('"'))
                sql = re.sub(rf'INDEX "?{name}"? ', f"INDEX floor_{number} ", rename(sql), count=1)
                timed("indexes", cursor, sql)
            if postgres:
                for twin in twins.values():
                    timed("statistics", cursor, f'ANALYZE "{twin}"')
            for number, (table, definition, kind) in enumerate(constraints):
                step = "unique constraints" if kind == "u" else "foreign keys"
                twin = twins[table.strip('"')]
                sql = f'ALTER TABLE "{twin}" ADD CONSTRAINT floor_c{number} {rename(definition)}'
                timed(step, cursor, sql)
            raise _Rollback
    except _Rollback:
        pass
    return floor
