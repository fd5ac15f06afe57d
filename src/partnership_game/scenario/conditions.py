"""The condition language: an allow-list parser and a type checker that compile expressions to numpy functions.

Nothing here calls eval, exec or Python's own parser: the grammar below is all a condition can be.

    expr    := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?
    sum     := product (('+'|'-') product)*
    product := unary ('*' unary)*
    unary   := '-' unary | atom
    atom    := NUMBER | NAME | 'true' | 'false' | '(' expr ')'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from partnership_game.scenario.condition_tokens import COMPARE, Token, tokenize
from partnership_game.scenario.condition_tokens import ConditionError as ConditionError
from partnership_game.scenario.diagnostics import did_you_mean
from partnership_game.scenario.models import METER_BOUND

MAX_CONDITION_CHARS = 300
MAX_PAREN_DEPTH = 20
# Numbers written in a condition, and what it may compute with each meter at the far end of its range: far from
# overflow in float64 (about 1.8e308), and even in float32 (about 3.4e38).
MAX_LITERAL = 1e9
MAX_MAGNITUDE = 1e30
TURN_SIZE = 100.0  # the turn number stays below this: a scenario has at most 64 turns

Kind = Literal["number", "bool"]
# An array over games, or a Python scalar where the expression is constant; numpy broadcasts the two alike.
Value = Any
Evaluator = Callable[["Context"], Value]


@dataclass(frozen=True)
class Context:
    """What a condition reads: meters (N, M), flags (N, F) and the 1-based turn number."""

    meters: npt.NDArray[np.float64]
    flags: npt.NDArray[np.bool_]
    turn: int


@dataclass(frozen=True)
class Names:
    """The names a condition may use: meter ids, flag ids, and `turn`; `sizes` bounds a meter's absolute value
    (the bound on every meter where not given)."""

    meters: Mapping[str, int]
    flags: Mapping[str, int]
    sizes: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Compiled:
    """A checked condition: its kind, a function over a Context, and the names it reads."""

    source: str
    kind: Kind
    evaluate: Evaluator
    reads: frozenset[str]
    constant: bool | float | None


@dataclass(frozen=True)
class _Node:
    kind: Kind
    evaluate: Evaluator
    constant: bool | float | None
    offset: int
    size: float = 0.0  # the largest absolute value a number can take; what keeps arithmetic finite


class _Parser:
    def __init__(self, source: str, names: Names) -> None:
        self.source = source
        self.names = names
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0
        self.reads: set[str] = set()

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> _Node:
        node = self.expr()
        if self.token.kind != "end":
            raise ConditionError(f"unexpected '{self.token.text}'", self.token.offset)
        return node

    def expect(self, node: _Node, kind: Kind, what: str) -> None:
        if node.kind != kind:
            other = "a number" if node.kind == "number" else "true/false"
            raise ConditionError(
                f"{what} needs {'a number' if kind == 'number' else 'true/false'}, not {other}", node.offset
            )

    def expr(self) -> _Node:
        node = self.conjunction()
        while self.token.kind == "keyword" and self.token.text == "or":
            self.take()
            right = self.conjunction()
            self.expect(node, "bool", "'or'")
            self.expect(right, "bool", "'or'")
            node = _combine(node, right, "or")
        return node

    def conjunction(self) -> _Node:
        node = self.negation()
        while self.token.kind == "keyword" and self.token.text == "and":
            self.take()
            right = self.negation()
            self.expect(node, "bool", "'and'")
            self.expect(right, "bool", "'and'")
            node = _combine(node, right, "and")
        return node

    def negation(self) -> _Node:
        if self.token.kind == "keyword" and self.token.text == "not":
            start = self.take().offset
            operand = self.negation()
            self.expect(operand, "bool", "'not'")
            return _negate(operand, start)
        return self.comparison()

    def comparison(self) -> _Node:
        node = self.sum()
        if self.token.kind == "op" and self.token.text in COMPARE:
            op = self.take().text
            right = self.sum()
            if self.token.kind == "op" and self.token.text in COMPARE:
                raise ConditionError("one comparison at a time: write 'a < b and b < c'", self.token.offset)
            if op in ("==", "!=") and node.kind == right.kind:
                return _combine(node, right, op)
            self.expect(node, "number", f"'{op}'")
            self.expect(right, "number", f"'{op}'")
            return _combine(node, right, op)
        return node

    def sum(self) -> _Node:
        node = self.product()
        while self.token.kind == "op" and self.token.text in ("+", "-"):
            op = self.take().text
            right = self.product()
            self.expect(node, "number", f"'{op}'")
            self.expect(right, "number", f"'{op}'")
            node = _combine(node, right, op)
        return node

    def product(self) -> _Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text == "*":
            self.take()
            right = self.unary()
            self.expect(node, "number", "'*'")
            self.expect(right, "number", "'*'")
            node = _combine(node, right, "*")
        return node

    def unary(self) -> _Node:
        if self.token.kind == "op" and self.token.text == "-":
            start = self.take().offset
            operand = self.unary()
            self.expect(operand, "number", "'-'")
            return _minus(operand, start)
        return self.atom()

    def atom(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            value = float(token.text)  # digits only: never NaN, but a long enough run is infinity
            if not value <= MAX_LITERAL:
                raise ConditionError(f"a number in a condition must lie within ±{MAX_LITERAL:,.0f}", token.offset)
            return _constant("number", value, token.offset)
        if token.kind == "keyword" and token.text in ("true", "false"):
            return _constant("bool", token.text == "true", token.offset)
        if token.kind == "name":
            if self.token.kind == "op" and self.token.text == "(":
                raise ConditionError(f"calls ('{token.text}(...)') are not allowed", self.token.offset)
            return self.name(token)
        if token.kind == "op" and token.text == "(":
            self.depth += 1
            if self.depth > MAX_PAREN_DEPTH:
                raise ConditionError(f"parentheses nest deeper than {MAX_PAREN_DEPTH}", token.offset)
            node = self.expr()
            closing = self.take()
            if closing.text != ")":
                raise ConditionError("missing ')'", closing.offset)
            self.depth -= 1
            return _Node(node.kind, node.evaluate, node.constant, token.offset, node.size)
        if token.kind == "end":
            raise ConditionError("the condition ends too early", token.offset)
        raise ConditionError(f"unexpected '{token.text}'", token.offset)

    def name(self, token: Token) -> _Node:
        text = token.text
        self.reads.add(text)
        if text in self.names.meters:
            column = self.names.meters[text]
            size = self.names.sizes.get(text, METER_BOUND)
            return _Node("number", lambda ctx: ctx.meters[:, column], None, token.offset, size)
        if text in self.names.flags:
            column = self.names.flags[text]
            return _Node("bool", lambda ctx: ctx.flags[:, column], None, token.offset)
        if text == "turn":
            return _Node("number", lambda ctx: float(ctx.turn), None, token.offset, TURN_SIZE)
        known = [*self.names.meters, *self.names.flags, "turn"]
        raise ConditionError(
            f"'{text}' is not a declared meter or flag{did_you_mean(text, known)}", token.offset
        )


_BINARY: dict[str, Callable[[Value, Value], Value]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "and": lambda a, b: np.logical_and(a, b),
    "or": lambda a, b: np.logical_or(a, b),
}


def _constant(kind: Kind, value: bool | float, offset: int) -> _Node:
    return _Node(kind, lambda ctx: value, value, offset, abs(float(value)) if kind == "number" else 0.0)


def _size(left: _Node, right: _Node, op: str) -> float:
    """The bound on what `left op right` can give, refused beyond MAX_MAGNITUDE before anything is computed."""
    if op not in ("+", "-", "*"):
        return 0.0
    size = left.size * right.size if op == "*" else left.size + right.size
    if not size <= MAX_MAGNITUDE:
        what = "product" if op == "*" else "sum" if op == "+" else "difference"
        reach = f"{size:.4g}".replace("e+", "e")
        raise ConditionError(
            f"this {what} can reach ±{reach}; a condition may compute at most ±1e30 "
            "(each meter counted at the far end of its range)", left.offset
        )
    return size


def _combine(left: _Node, right: _Node, op: str) -> _Node:
    kind: Kind = "number" if op in ("+", "-", "*") else "bool"
    fn = _BINARY[op]
    le, re_ = left.evaluate, right.evaluate
    size = _size(left, right, op)
    constant = None
    if left.constant is not None and right.constant is not None:
        constant = fn(left.constant, right.constant)
        constant = bool(constant) if kind == "bool" else float(constant)
        value = constant
        return _Node(kind, lambda ctx: value, constant, left.offset, size)
    return _Node(kind, lambda ctx: fn(le(ctx), re_(ctx)), None, left.offset, size)


def _negate(operand: _Node, offset: int) -> _Node:
    inner = operand.evaluate
    if operand.constant is not None:
        value = not operand.constant
        return _Node("bool", lambda ctx: value, value, offset)
    return _Node("bool", lambda ctx: np.logical_not(inner(ctx)), None, offset)


def _minus(operand: _Node, offset: int) -> _Node:
    inner = operand.evaluate
    if operand.constant is not None:
        value = -float(operand.constant)
        return _Node("number", lambda ctx: value, value, offset, operand.size)
    return _Node("number", lambda ctx: -inner(ctx), None, offset, operand.size)


def compile_condition(source: str, names: Names, want: Kind = "bool") -> Compiled:
    """Parse, type-check and compile one condition; raise ConditionError with an offset if it is not valid."""
    if len(source) > MAX_CONDITION_CHARS:
        raise ConditionError(
            f"the condition has {len(source)} characters; at most {MAX_CONDITION_CHARS} are allowed",
            MAX_CONDITION_CHARS,
        )
    parser = _Parser(source, names)
    node = parser.parse()
    if node.kind != want:
        wanted = "true/false" if want == "bool" else "a number"
        got = "a number" if node.kind == "number" else "true/false"
        raise ConditionError(f"this must give {wanted}, but it gives {got}", 0)
    return Compiled(source, node.kind, node.evaluate, frozenset(parser.reads), node.constant)
