"""The small arithmetic language of validation rules.

A side of a rule is a sum of figures, e.g. ``settled_on_time + settled_late + in_progress``.
A name is a data element's code; ``element.option`` is one cell of a broken-down element
(``supervisions.fatherland_front``) and a bare broken-down element is the total of its
cells. Numbers, ``+ - * /`` and parentheses are allowed. Nothing is ``eval``-ed.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


class ExpressionError(ValueError):
    """An expression that cannot be read; the message is in Vietnamese."""


@dataclass(frozen=True)
class Ref:
    element: str
    option: str | None = None

    def __str__(self) -> str:
        return f"{self.element}.{self.option}" if self.option else self.element


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Node
    right: Node


Node = Ref | Num | Neg | BinOp

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)|(?P<op>[-+*/()]))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position, text = [], 0, text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(
                _("Không đọc được biểu thức tại “%(rest)s”.") % {"rest": text[position:].strip()[:20]}
            )
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError(_("Biểu thức kết thúc quá sớm."))
        self.position += 1
        return token

    def expression(self) -> Node:
        node = self.term()
        while (token := self.peek()) and token[1] in "+-":
            self.take()
            node = BinOp(token[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while (token := self.peek()) and token[1] in "*/":
            self.take()
            node = BinOp(token[1], node, self.factor())
        return node

    def factor(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return Num(Decimal(value))
        if kind == "name":
            element, _sep, option = value.partition(".")
            return Ref(element, option or None)
        if value == "-":
            return Neg(self.factor())
        if value == "(":
            node = self.expression()
            if self.take()[1] != ")":
                raise ExpressionError(_("Thiếu dấu đóng ngoặc."))
            return node
        raise ExpressionError(_("Không mong đợi “%(token)s” ở đây.") % {"token": value})


def parse(text: str) -> Node:
    if not (text or "").strip():
        raise ExpressionError(_("Biểu thức trống."))
    parser = _Parser(text)
    node = parser.expression()
    if parser.peek() is not None:
        raise ExpressionError(_("Thừa “%(token)s” ở cuối biểu thức.") % {"token": parser.peek()[1]})
    return node


def references(node: Node) -> list[Ref]:
    """Every figure the expression reads, in order, without repeats."""
    found: list[Ref] = []

    def walk(n: Node) -> None:
        if isinstance(n, Ref):
            if n not in found:
                found.append(n)
        elif isinstance(n, Neg):
            walk(n.operand)
        elif isinstance(n, BinOp):
            walk(n.left)
            walk(n.right)

    walk(node)
    return found


class DivisionByZero(ArithmeticError):
    pass


def evaluate(node: Node, value_of: Callable[[Ref], Decimal]) -> Decimal:
    """The expression's value; ``value_of`` gives each figure (a missing one as the caller decides)."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        return value_of(node)
    if isinstance(node, Neg):
        return -evaluate(node.operand, value_of)
    left, right = evaluate(node.left, value_of), evaluate(node.right, value_of)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise DivisionByZero
    try:
        return left / right
    except InvalidOperation as error:  # pragma: no cover - Decimal division of finite values
        raise DivisionByZero from error


def compiled(node: Node, refs: Sequence[Ref]) -> Callable[[Sequence[Decimal]], Decimal]:
    """``evaluate`` turned into nested closures over a list of values given in the order of ``refs``.

    An import checks every rule on each of 100,000 forms; walking the tree and hashing each
    reference per form cost most of that.
    """
    position = {ref: index for index, ref in enumerate(refs)}

    def build(n: Node) -> Callable[[Sequence[Decimal]], Decimal]:
        if isinstance(n, Num):
            constant = n.value
            return lambda values: constant
        if isinstance(n, Ref):
            return operator.itemgetter(position[n])
        if isinstance(n, Neg):
            inner = build(n.operand)
            return lambda values: -inner(values)
        left, right = build(n.left), build(n.right)
        if n.op == "+":
            return lambda values: left(values) + right(values)
        if n.op == "-":
            return lambda values: left(values) - right(values)
        if n.op == "*":
            return lambda values: left(values) * right(values)

        def divide(values: Sequence[Decimal]) -> Decimal:
            dividend, divisor = left(values), right(values)
            if divisor == 0:
                raise DivisionByZero
            try:
                return dividend / divisor
            except InvalidOperation as error:  # pragma: no cover - Decimal division of finite values
                raise DivisionByZero from error

        return divide

    return build(node)


COMPARISONS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compare(left: Decimal, operator: str, right: Decimal) -> bool:
    return COMPARISONS[operator](left, right)
