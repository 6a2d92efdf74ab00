"""Running a data set's validation rules over one form's cells, in memory.

``Schema`` reads a data set once (its cells and parsed rules) so that checking
thousands of imported forms costs no query per form. A check returns
``Violation``s, each attached to the cell where its message is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from . import expressions
from .choices import OPERATOR_BROKEN, Importance, MissingValueStrategy
from .models import DataElement, DataSet, Option, ValidationRule
from .values import format_number

logger = logging.getLogger(__name__)

Cells = dict[str, Decimal | str]
_ZERO = Decimal(0)


@dataclass(frozen=True)
class Cell:
    key: str
    element: DataElement
    option: Option | None = None

    @property
    def label(self) -> str:
        return f"{self.element.name} – {self.option.name}" if self.option else self.element.name

    @property
    def field_name(self) -> str:
        """The HTML form field's name; dots would be awkward in ids."""
        return "c_" + self.key.replace(".", "__")


@dataclass(frozen=True)
class Violation:
    message: str
    importance: str
    cell: str
    cells: tuple[str, ...] = ()
    rule_id: int | None = None
    option: str = ""
    left: Decimal | None = None
    right: Decimal | None = None

    @property
    def blocking(self) -> bool:
        return self.importance in Importance.blocking()

    @property
    def anchor(self) -> str:
        """The id of the cell's input on the entry page."""
        return "id_c_" + self.cell.replace(".", "__") if self.cell else ""


@dataclass
class _ParsedRule:
    rule: ValidationRule
    left: expressions.Node
    right: expressions.Node
    refs_left: list[expressions.Ref]
    refs_right: list[expressions.Ref]
    breakdown_options: list[Option] = field(default_factory=list)


@dataclass
class _CompiledRule:
    """A rule for one breakdown option: its references' cells, its sides as closures, its message."""

    rule: ValidationRule
    option: Option | None
    ref_keys: list[tuple[str, ...]]
    left: Callable[[list[Decimal]], Decimal]
    right: Callable[[list[Decimal]], Decimal]
    holds: Callable[[Decimal, Decimal], bool]
    left_keys: list[str]
    right_keys: list[str]
    cells: tuple[str, ...]
    stem: str


class Schema:
    """A data set's cells and parsed rules, read once."""

    def __init__(self, data_set: DataSet):
        self.data_set = data_set
        self.elements: list[DataElement] = data_set.element_list
        self.by_code = {e.code: e for e in self.elements}
        self.cells: list[Cell] = []
        for element in self.elements:
            if element.breakdown_id:
                self.cells += [
                    Cell(f"{element.code}.{o.code}", element, o) for o in element.breakdown_options
                ]
            else:
                self.cells.append(Cell(element.code, element))
        self.by_key = {cell.key: cell for cell in self.cells}
        self._required = [cell.key for cell in self.cells if cell.element.is_required]
        self._compiled_rules: list[_CompiledRule] | None = None
        self._broken: str | None = None  # the message of a broken rule, translated once
        self.rules: list[_ParsedRule] = []
        for rule in data_set.rule_list:
            try:
                left, right = rule.left_tree, rule.right_tree
            except expressions.ExpressionError:
                logger.warning("validation rule %s cannot be parsed; skipped", rule.pk)
                continue
            parsed = _ParsedRule(
                rule, left, right, expressions.references(left), expressions.references(right)
            )
            if rule.per_option:
                broken = [
                    self.by_code[r.element] for r in parsed.refs_left + parsed.refs_right if not r.option
                ]
                broken = [e for e in broken if e.breakdown_id]
                parsed.breakdown_options = broken[0].breakdown_options if broken else []
            self.rules.append(parsed)

    # --- resolving references ----------------------------------------------------------------

    def _ref_cells(self, ref: expressions.Ref, option: Option | None) -> list[str]:
        element = self.by_code.get(ref.element)
        if element is None:
            return []
        if ref.option:
            return [f"{element.code}.{ref.option}"]
        if element.breakdown_id:
            if option is not None and element.breakdown_id == option.option_set_id:
                return [f"{element.code}.{option.code}"]
            return [f"{element.code}.{o.code}" for o in element.breakdown_options]
        return [element.code]

    def _compiled(self) -> list[_CompiledRule]:
        """Every rule, for each option it runs on; the same for every form, so built once: an
        import checks tens of thousands of forms against a few rules."""
        if self._compiled_rules is None:
            self._compiled_rules = []
            for parsed in self.rules:
                for option in parsed.breakdown_options if parsed.rule.per_option else [None]:
                    refs = list(dict.fromkeys(parsed.refs_left + parsed.refs_right))
                    ref_cells = {ref: self._ref_cells(ref, option) for ref in refs}
                    left_keys = [key for ref in parsed.refs_left for key in ref_cells[ref]]
                    right_keys = [key for ref in parsed.refs_right for key in ref_cells[ref]]
                    compiled = _CompiledRule(
                        rule=parsed.rule,
                        option=option,
                        ref_keys=[tuple(ref_cells[ref]) for ref in refs],
                        left=expressions.compiled(parsed.left, refs),
                        right=expressions.compiled(parsed.right, refs),
                        holds=expressions.COMPARISONS[parsed.rule.operator],
                        left_keys=left_keys,
                        right_keys=right_keys,
                        cells=tuple(dict.fromkeys(left_keys + right_keys)),
                        stem=parsed.rule.message.strip().rstrip("."),
                    )
                    self._compiled_rules.append(compiled)
        return self._compiled_rules

    # --- checks ------------------------------------------------------------------------------

    def check(
        self, cells: Cells, *, require_complete: bool = False, recorded: dict[str, int] | None = None
    ) -> list[Violation]:
        """Every broken rule; with ``require_complete`` also every empty compulsory cell."""
        violations: list[Violation] = []
        for compiled in self._compiled():
            violation = self._check_rule(compiled, cells)
            if violation is not None:
                violations.append(violation)
        if require_complete:
            for key in self._required:
                if _empty(cells.get(key)):
                    violations.append(
                        Violation(
                            message=_("Chưa nhập: chỉ tiêu này bắt buộc."),
                            importance=Importance.HIGH,
                            cell=key,
                            cells=(key,),
                        )
                    )
        for key, count in (recorded or {}).items():
            value = cells.get(key)
            if isinstance(value, Decimal) and value < count:
                violations.append(
                    Violation(
                        message=_("Thấp hơn số đã ghi nhận trong hệ thống (%(count)s).") % {"count": count},
                        importance=Importance.MEDIUM,
                        cell=key,
                        cells=(key,),
                    )
                )
        return violations

    def _check_rule(self, compiled: _CompiledRule, cells: Cells) -> Violation | None:
        rule = compiled.rule
        # Each reference is the sum of its cells that hold a number; an empty one counts as 0
        # in the expression, and how many are empty decides whether the rule is skipped.
        values: list[Decimal] = []
        missing = 0
        for keys in compiled.ref_keys:
            total = None
            for key in keys:
                value = cells.get(key)
                if isinstance(value, Decimal):
                    total = (_ZERO if total is None else total) + value
            if total is None:
                missing += 1
                total = _ZERO
            values.append(total)
        strategy = rule.missing_value_strategy
        if missing and missing == len(values) and strategy != MissingValueStrategy.NEVER_SKIP:
            return None
        if missing and strategy == MissingValueStrategy.SKIP_IF_ANY_MISSING:
            return None
        try:
            left = compiled.left(values)
            right = compiled.right(values)
        except expressions.DivisionByZero:
            return None
        if compiled.holds(left, right):
            return None
        left_keys, right_keys = compiled.left_keys, compiled.right_keys
        target = next((key for key in left_keys if not _empty(cells.get(key))), None)
        target = target or (left_keys or right_keys or [""])[0]
        if self._broken is None:
            self._broken = _("%(message)s (%(left)s %(sign)s %(right)s).")
        message = self._broken % {
            "message": compiled.stem,
            "left": format_number(left),
            "sign": OPERATOR_BROKEN[rule.operator],
            "right": format_number(right),
        }
        option = compiled.option
        if option is not None:
            message = f"{option.name}: {message}"
        return Violation(
            message=message,
            importance=rule.importance,
            cell=target,
            cells=compiled.cells,
            rule_id=rule.pk,
            option=option.code if option else "",
            left=left,
            right=right,
        )


def _empty(value) -> bool:
    """``value in (None, "")`` without comparing a Decimal to them, which asks the numbers ABCs."""
    return value is None or (isinstance(value, str) and not value)


def counts(violations: list[Violation]) -> tuple[int, int]:
    """(blocking, other) — what a form stores for lists and completeness."""
    blocking = sum(1 for v in violations if v.blocking)
    return blocking, len(violations) - blocking


def by_cell(violations: list[Violation]) -> dict[str, list[Violation]]:
    grouped: dict[str, list[Violation]] = {}
    for violation in violations:
        grouped.setdefault(violation.cell, []).append(violation)
    return grouped


def flagged_cells(violations: list[Violation]) -> set[str]:
    return {key for violation in violations for key in violation.cells}
