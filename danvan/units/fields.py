"""The materialised-path column and its one lookup, ``__under``: "this path or below it"."""

from django.db import models


class PathField(models.CharField):
    """A path of unit ids such as ``/1/55/701/``, indexed for prefix queries."""


@PathField.register_lookup
class Under(models.Lookup):
    """``path__under="/1/55/"``: a prefix match that uses the path index on both databases.

    SQLite's LIKE is case-insensitive and so cannot use a plain index; GLOB is
    case-sensitive and can. PostgreSQL's LIKE uses the ``varchar_pattern_ops``
    index Django creates beside a ``db_index`` CharField. Paths hold only digits
    and slashes, so neither pattern needs escaping; anything else is refused.
    """

    lookup_name = "under"

    def as_sql(self, compiler, connection):
        if not isinstance(self.rhs, str) or not set(self.rhs) <= set("0123456789/"):
            raise ValueError(f"not a unit path: {self.rhs!r}")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # The pattern is bound whole, so both planners see a constant prefix.
        if connection.vendor == "sqlite":
            return f"{lhs} GLOB %s", [*lhs_params, self.rhs + "*"]
        return f"{lhs} LIKE %s", [*lhs_params, self.rhs + "%"]
