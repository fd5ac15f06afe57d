"""A checked condition as a tree of and/or over single tests, each with its source text, for explaining it in words.

The engine runs conditions as compiled numpy functions (conditions.py); this reads the same grammar into a tree
for the few places that must say what a condition asks (the debrief's "why"). Only conditions that already passed
compile_condition come here, so the parser below does not repeat its error messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from partnership_game.scenario.condition_tokens import Token, tokenize

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_INVERT = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True)
class Expr:
    """A number- or truth-valued piece of a condition: an operator over `parts`, a name, or a literal."""

    op: str  # "num", "bool", "name", "neg", "not", "+", "-", "*", "<", ..., "and", "or"
    parts: tuple[Expr, ...] = ()
    value: float | bool | str = 0.0  # the literal, or the name
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Test:
    """One test after every 'not' is pushed down: a comparison (op and two sides), a flag, or other truth value."""

    expr: Expr
    negated: bool  # for a flag or any other truth value: holds when the value is false
    op: str = ""  # for a comparison, the operator after negation and with a lone number moved to the right
    left: Expr | None = None
    right: Expr | None = None


@dataclass(frozen=True)
class Junction:
    """All of `parts` ("and") or any of them ("or")."""

    kind: str
    parts: tuple[Junction | Test, ...]


Tree = Junction | Test


class _Reader:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.index = 0

    def peek(self, *texts: str) -> bool:
        token = self.tokens[self.index]
        return token.kind in ("op", "keyword") and token.text in texts

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def binary(self, ops: tuple[str, ...], below: str, once: bool = False) -> Expr:
        node: Expr = getattr(self, below)()
        while self.peek(*ops):
            op = self.take().text
            right: Expr = getattr(self, below)()
            node = Expr(op, (node, right), start=node.start, end=right.end)
            if once:
                break
        return node

    def expr(self) -> Expr:
        return self.binary(("or",), "conjunction")

    def conjunction(self) -> Expr:
        return self.binary(("and",), "negation")

    def negation(self) -> Expr:
        if self.peek("not"):
            start = self.take().offset
            operand = self.negation()
            return Expr("not", (operand,), start=start, end=operand.end)
        return self.binary(tuple(_FLIP), "sum", once=True)

    def sum(self) -> Expr:
        return self.binary(("+", "-"), "product")

    def product(self) -> Expr:
        return self.binary(("*",), "unary")

    def unary(self) -> Expr:
        if self.peek("-"):
            start = self.take().offset
            operand = self.unary()
            return Expr("neg", (operand,), start=start, end=operand.end)
        return self.atom()

    def atom(self) -> Expr:
        token = self.take()
        end = token.offset + len(token.text)
        if token.kind == "number":
            return Expr("num", value=float(token.text), start=token.offset, end=end)
        if token.kind == "keyword":  # true or false: the checked grammar allows no other keyword here
            return Expr("bool", value=token.text == "true", start=token.offset, end=end)
        if token.kind == "name":
            return Expr("name", value=token.text, start=token.offset, end=end)
        inner = self.expr()  # '(' expr ')'
        closing = self.take()
        return Expr(inner.op, inner.parts, inner.value, token.offset, closing.offset + 1)


def parse(source: str) -> Expr:
    """The tree of a condition that compile_condition accepted."""
    return _Reader(source).expr()


def text_of(source: str, expr: Expr) -> str:
    return source[expr.start : expr.end]


def _numeric(expr: Expr, numbers: frozenset[str]) -> bool:
    """Whether a piece gives a number: arithmetic, a number, a meter or `turn` (names in `numbers`)."""
    return expr.op in ("num", "neg", "+", "-", "*") or (expr.op == "name" and str(expr.value) in numbers)


def tests(expr: Expr, numbers: frozenset[str], negated: bool = False) -> Tree:
    """The condition as and/or over single tests, with 'not' pushed down to them (De Morgan); `numbers` are the
    names that give numbers (the meters and `turn`)."""
    if expr.op == "not":
        return tests(expr.parts[0], numbers, not negated)
    if expr.op in ("and", "or"):
        kind = expr.op if not negated else ("or" if expr.op == "and" else "and")
        parts: list[Tree] = []
        for part in expr.parts:
            tree = tests(part, numbers, negated)
            # a and (b and c) reads as one list of three
            parts.extend(tree.parts if isinstance(tree, Junction) and tree.kind == kind else (tree,))
        return Junction(kind, tuple(parts))
    if expr.op in _FLIP and _numeric(expr.parts[0], numbers):
        left, right = expr.parts
        op = _INVERT[expr.op] if negated else expr.op
        if left.op == "num" and right.op != "num":  # 50 <= trust reads as trust >= 50
            left, right, op = right, left, _FLIP[op]
        return Test(expr, False, op, left, right)
    return Test(expr, negated)


@dataclass(frozen=True)
class Values:
    """One game's state as a condition reads it."""

    meters: Mapping[str, float]
    flags: Mapping[str, bool]
    turn: int


def evaluate(expr: Expr, values: Values) -> float | bool:
    """The value of a piece of a condition in one game (the same arithmetic as the engine's, on plain numbers)."""
    op = expr.op
    if op in ("num", "bool"):
        return expr.value if isinstance(expr.value, (bool, float)) else 0.0
    if op == "name":
        name = str(expr.value)
        if name == "turn":
            return float(values.turn)
        return values.meters[name] if name in values.meters else values.flags[name]
    if op == "neg":
        return -float(evaluate(expr.parts[0], values))
    if op == "not":
        return not evaluate(expr.parts[0], values)
    a, b = (evaluate(part, values) for part in expr.parts)
    if op == "and":
        return bool(a) and bool(b)
    if op == "or":
        return bool(a) or bool(b)
    return _arithmetic(op, a, b)


def _arithmetic(op: str, a: float | bool, b: float | bool) -> float | bool:
    if op == "+":
        return float(a) + float(b)
    if op == "-":
        return float(a) - float(b)
    if op == "*":
        return float(a) * float(b)
    return compare(op, a, b)


def compare(op: str, a: float | bool, b: float | bool) -> bool:
    results = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}
    return bool(results[op])


def holds(test: Tree, values: Values) -> bool:
    if isinstance(test, Junction):
        found = (holds(part, values) for part in test.parts)
        return all(found) if test.kind == "and" else any(found)
    if test.left is not None and test.right is not None:
        return compare(test.op, evaluate(test.left, values), evaluate(test.right, values))
    return bool(evaluate(test.expr, values)) != test.negated


def names_in(expr: Expr) -> set[str]:
    if expr.op == "name":
        return {str(expr.value)}
    found: set[str] = set()
    for part in expr.parts:
        found |= names_in(part)
    return found
