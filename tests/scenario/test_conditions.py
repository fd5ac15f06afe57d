"""The condition language on its own: parser, type checker, constant folding and the numpy evaluator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from partnership_game.scenario.conditions import (
    MAX_CONDITION_CHARS,
    MAX_PAREN_DEPTH,
    Compiled,
    ConditionError,
    Context,
    Names,
    compile_condition,
)

# The meters' sizes (their largest absolute value) bound what a condition may compute; METERS stays within them.
NAMES = Names(meters={"trust": 0, "resistance": 1, "gains": 2}, flags={"open": 0, "seen": 1},
              sizes={"trust": 100.0, "resistance": 100.0, "gains": 100.0})

# Five games side by side: meters (N, 3), flags (N, 2).
METERS = np.array(
    [
        [10.0, 90.0, 0.0],
        [50.0, 50.0, 5.0],
        [60.0, 20.0, 10.0],
        [75.5, 75.5, 20.0],
        [100.0, 0.0, 50.0],
    ]
)
FLAGS = np.array([[True, False], [False, False], [True, True], [False, True], [True, True]])
N = len(METERS)
TRUST, RESISTANCE, GAINS = METERS[:, 0], METERS[:, 1], METERS[:, 2]
OPEN, SEEN = FLAGS[:, 0], FLAGS[:, 1]


def context(turn: int = 3) -> Context:
    return Context(METERS, FLAGS, turn)


def run(source: str, turn: int = 3, want: str = "bool") -> np.ndarray:
    compiled = compile_condition(source, NAMES, want)  # type: ignore[arg-type]
    return np.broadcast_to(np.asarray(compiled.evaluate(context(turn))), (N,))


def refused(source: str, want: str = "bool") -> ConditionError:
    with pytest.raises(ConditionError) as info:
        compile_condition(source, NAMES, want)  # type: ignore[arg-type]
    return info.value


# --- Precedence and associativity --------------------------------------------------------------------------------


def test_not_binds_tighter_than_and() -> None:
    np.testing.assert_array_equal(run("not open and seen"), ~OPEN & SEEN)
    np.testing.assert_array_equal(run("not (open and seen)"), ~(OPEN & SEEN))
    assert not np.array_equal(~OPEN & SEEN, ~(OPEN & SEEN)), "the data must tell the two readings apart"


def test_and_binds_tighter_than_or() -> None:
    np.testing.assert_array_equal(run("open or seen and trust > 70"), OPEN | (SEEN & (TRUST > 70)))
    np.testing.assert_array_equal(run("(open or seen) and trust > 70"), (OPEN | SEEN) & (TRUST > 70))
    assert not np.array_equal(OPEN | (SEEN & (TRUST > 70)), (OPEN | SEEN) & (TRUST > 70))


def test_not_applies_to_a_whole_comparison() -> None:
    np.testing.assert_array_equal(run("not trust > 50"), ~(TRUST > 50))


def test_multiplication_binds_tighter_than_addition() -> None:
    assert compile_condition("1 + 2 * 3 == 7", NAMES).constant is True
    assert compile_condition("1 + 2 * 3 == 9", NAMES).constant is False
    assert compile_condition("(1 + 2) * 3 == 9", NAMES).constant is True
    assert compile_condition("1 + 2 * 3", NAMES, "number").constant == 7.0


def test_subtraction_is_left_associative() -> None:
    assert compile_condition("10 - 4 - 3", NAMES, "number").constant == 3.0
    np.testing.assert_array_equal(run("trust - 10 - 5", want="number"), TRUST - 10 - 5)


def test_unary_minus() -> None:
    np.testing.assert_array_equal(run("-trust < -50"), -TRUST < -50)
    np.testing.assert_array_equal(run("- - trust == trust"), np.ones(N, dtype=bool))
    assert compile_condition("-(1 + 2) == -3", NAMES).constant is True
    np.testing.assert_array_equal(run("-trust * 2", want="number"), -TRUST * 2)


def test_arithmetic_over_meters() -> None:
    np.testing.assert_array_equal(run("resistance - trust > 20"), (RESISTANCE - TRUST) > 20)
    np.testing.assert_allclose(run("0.01 * (resistance - 50)", want="number"), 0.01 * (RESISTANCE - 50))
    np.testing.assert_array_equal(run(".5 * gains >= 5"), 0.5 * GAINS >= 5)


# --- Comparisons over many games ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "fn"),
    [
        ("<", np.less),
        ("<=", np.less_equal),
        (">", np.greater),
        (">=", np.greater_equal),
        ("==", np.equal),
        ("!=", np.not_equal),
    ],
)
def test_each_comparison_over_an_array_of_games(op: str, fn: Callable[[Any, Any], Any]) -> None:
    np.testing.assert_array_equal(run(f"trust {op} resistance"), fn(TRUST, RESISTANCE))
    np.testing.assert_array_equal(run(f"trust {op} 60"), fn(TRUST, 60))
    np.testing.assert_array_equal(run(f"75.5 {op} resistance"), fn(75.5, RESISTANCE))


def test_the_result_has_one_value_per_game() -> None:
    compiled = compile_condition("trust >= 60 and not seen", NAMES)
    result = compiled.evaluate(context())
    assert isinstance(result, np.ndarray)
    assert result.shape == (N,)
    assert result.dtype == np.bool_
    np.testing.assert_array_equal(result, (TRUST >= 60) & ~SEEN)


# --- Flags and turn ----------------------------------------------------------------------------------------------


def test_flags_are_booleans() -> None:
    np.testing.assert_array_equal(run("open"), OPEN)
    np.testing.assert_array_equal(run("not seen"), ~SEEN)
    np.testing.assert_array_equal(run("open == seen"), OPEN == SEEN)
    np.testing.assert_array_equal(run("open != true"), ~OPEN)
    np.testing.assert_array_equal(run("open or false"), OPEN)


def test_turn_is_the_current_turn_number() -> None:
    np.testing.assert_array_equal(run("turn >= 3", turn=3), np.ones(N, dtype=bool))
    np.testing.assert_array_equal(run("turn >= 3", turn=2), np.zeros(N, dtype=bool))
    np.testing.assert_array_equal(run("turn * 2 == 8", turn=4), np.ones(N, dtype=bool))
    np.testing.assert_array_equal(run("turn > 2 and open", turn=3), OPEN)
    np.testing.assert_array_equal(run("turn > 2 and open", turn=1), np.zeros(N, dtype=bool))


def test_reads_lists_the_names_used() -> None:
    assert compile_condition("trust > 1 and not open or turn > 2", NAMES).reads == {"trust", "open", "turn"}
    assert compile_condition("1 < 2", NAMES).reads == frozenset()


def test_unknown_name_with_a_hint() -> None:
    error = refused("trust > 1 and trst > 2")
    assert error.message == "'trst' is not a declared meter or flag (did you mean 'trust'?)"
    assert error.offset == len("trust > 1 and ")
    assert refused("zzz").message == "'zzz' is not a declared meter or flag"


# --- Types -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("trust and open", "'and' needs true/false, not a number", 0),
        ("open and trust", "'and' needs true/false, not a number", 9),
        ("open or gains", "'or' needs true/false, not a number", 8),
        ("not trust", "'not' needs true/false, not a number", 4),
        ("trust", "this must give true/false, but it gives a number", 0),
        ("turn", "this must give true/false, but it gives a number", 0),
        ("1", "this must give true/false, but it gives a number", 0),
        ("open + 1 > 0", "'+' needs a number, not true/false", 0),
        ("2 * seen > 0", "'*' needs a number, not true/false", 4),
        ("-open", "'-' needs a number, not true/false", 1),
        ("open < 1", "'<' needs a number, not true/false", 0),
        ("trust == open", "'==' needs a number, not true/false", 9),
        ("open != 1", "'!=' needs a number, not true/false", 0),
        ("true > false", "'>' needs a number, not true/false", 0),
    ],
)
def test_numbers_and_booleans_do_not_mix(source: str, message: str, offset: int) -> None:
    error = refused(source)
    assert (error.message, error.offset) == (message, offset)


def test_a_number_is_wanted_but_a_boolean_given() -> None:
    error = refused("trust > 1", want="number")
    assert (error.message, error.offset) == ("this must give a number, but it gives true/false", 0)


def test_chained_comparison_is_refused() -> None:
    error = refused("10 < trust < 60")
    assert error.message == "one comparison at a time: write 'a < b and b < c'"
    assert error.offset == len("10 < trust ")
    np.testing.assert_array_equal(run("10 < trust and trust < 60"), (TRUST > 10) & (TRUST < 60))


@pytest.mark.parametrize(("word", "offset"), [("True", 0), ("False", 0)])
def test_capitalised_booleans_get_a_suggestion(word: str, offset: int) -> None:
    error = refused(word)
    assert (error.message, error.offset) == (f"write '{word.lower()}' in lower case", offset)
    error = refused(f"open and {word}")
    assert (error.message, error.offset) == (f"write '{word.lower()}' in lower case", len("open and "))


# --- Forbidden constructs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("abs(trust) > 1", "calls ('abs(...)') are not allowed", 3),
        ("max(trust, 5) > 1", "',' is not allowed (no calls or tuples)", 9),
        ("trust.real > 1", "attribute access ('.') is not allowed", 5),
        ("trust[0] > 1", "subscripts ('[ ]') are not allowed", 5),
        ("lambda: 1", "'lambda' is not allowed", 0),
        ("(x := 1) > 0", "assignment (':=') is not allowed", 3),
        ("trust / 2 > 1", "division is not allowed; multiply by a fraction instead (0.5 * x)", 6),
        ("trust // 2 > 1", "division is not allowed; multiply by a fraction instead (0.5 * x)", 6),
        ("trust % 2 > 1", "'%' is not allowed (no remainders or percentages; a share is a fraction: 0.25 for "
         "25%)", 6),
        ("'a' == 'a'", "text in quotes is not allowed; conditions compare numbers and flags", 0),
        ("trust = 1", "'=' is not a comparison; write '=='", 6),
        ("!open", "'!' is not allowed; write 'not'", 0),
        ("open || seen", "'||' is not allowed; write 'or'", 5),
        ("open & seen", "'&' is not allowed; write 'and'", 5),
        ("1 if open else 2", "'if' expressions are not allowed", 2),
        ("trust in seen", "'in' is not allowed", 6),
        ("open is seen", "'is' is not allowed; write '=='", 5),
        ("__import__", "'__import__' is not a declared meter or flag", 0),
        ("trust > 1e3", "unexpected 'e3'", 9),
        ("", "the condition ends too early", 0),
        ("open and", "the condition ends too early", 8),
        ("(open", "missing ')'", 5),
        ("open)", "unexpected ')'", 4),
        ("trust > > 1", "unexpected '>'", 8),
    ],
)
def test_forbidden_constructs(source: str, message: str, offset: int) -> None:
    error = refused(source)
    assert (error.message, error.offset) == (message, offset)


def test_power_operator_gets_its_own_message() -> None:
    error = refused("trust ** 2 > 1")
    assert (error.message, error.offset) == ("the power operator '**' is not allowed", 6)


def test_power_operator_is_refused() -> None:
    with pytest.raises(ConditionError):
        compile_condition("trust ** 2 > 1", NAMES)


def test_length_cap() -> None:
    ok = "trust > " + "0" * (MAX_CONDITION_CHARS - len("trust > ") - 1) + "1"
    assert len(ok) == MAX_CONDITION_CHARS == 300
    np.testing.assert_array_equal(run(ok), TRUST > 1)
    error = refused(ok + " ")
    assert error.message == "the condition has 301 characters; at most 300 are allowed"
    assert error.offset == 300


def test_parentheses_depth_cap() -> None:
    deepest = "(" * MAX_PAREN_DEPTH + "open" + ")" * MAX_PAREN_DEPTH
    np.testing.assert_array_equal(run(deepest), OPEN)
    error = refused("(" * (MAX_PAREN_DEPTH + 1) + "open" + ")" * (MAX_PAREN_DEPTH + 1))
    assert MAX_PAREN_DEPTH == 20
    assert error.message == "parentheses nest deeper than 20"
    assert error.offset == MAX_PAREN_DEPTH


def test_parentheses_that_close_do_not_count_towards_the_cap() -> None:
    # 25 groups side by side, each only 1 deep.
    source = " and ".join(["(open)"] * 25)
    assert len(source) <= 300
    np.testing.assert_array_equal(run(source), OPEN)


def test_deep_not_and_minus_chains_do_not_overflow() -> None:
    source = "not " * 70 + "open"
    assert len(source) <= 300
    np.testing.assert_array_equal(run(source), OPEN)  # an even number of nots
    source = "- " * 140 + "trust > 0"
    np.testing.assert_array_equal(run(source), TRUST > 0)


# --- Constant folding --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "want", "constant"),
    [
        ("1 < 2", "bool", True),
        ("2 * 3 == 5", "bool", False),
        ("not false", "bool", True),
        ("true and false", "bool", False),
        ("true or false", "bool", True),
        ("-(2) * 3 < 0", "bool", True),
        ("(1 + 1) * 0.5", "number", 1.0),
        ("-3", "number", -3.0),
        ("0.25", "number", 0.25),
    ],
)
def test_constant_folding(source: str, want: str, constant: bool | float) -> None:
    compiled = compile_condition(source, NAMES, want)  # type: ignore[arg-type]
    assert isinstance(compiled, Compiled)
    assert compiled.constant == constant
    assert type(compiled.constant) is type(constant)
    assert compiled.evaluate(context()) == constant
    assert compiled.reads == frozenset()


@pytest.mark.parametrize("source", ["trust > 1", "open", "turn > 1", "open and true", "1 < 2 and open", "open or true"])
def test_expressions_that_read_state_are_not_constant(source: str) -> None:
    assert compile_condition(source, NAMES).constant is None


# --- Property tests ----------------------------------------------------------------------------------------------

PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
TOKENS = [
    "trust", "resistance", "open", "seen", "turn", "zzz", "(", ")", "and", "or", "not", "true", "false",
    "<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "**", "/", "1", "0.5", ".5", "10", "True", "lambda",
    ":=", ".", "[", "]", ",", "'", "=", "!",
]  # fmt: skip


def _check_any_source(source: str) -> None:
    try:
        compiled = compile_condition(source, NAMES)
    except ConditionError as exc:
        assert isinstance(exc.message, str) and exc.message
        assert 0 <= exc.offset <= min(len(source), MAX_CONDITION_CHARS)
        return
    result = np.asarray(compiled.evaluate(context()))
    assert result.dtype == np.bool_
    assert result.shape in ((), (N,))


@settings(max_examples=400, deadline=None)
@given(st.text(PRINTABLE, max_size=300))
def test_random_text_raises_only_condition_error(source: str) -> None:
    _check_any_source(source)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from([" ", ""]))
def test_random_token_soup_raises_only_condition_error(tokens: list[str], sep: str) -> None:
    source = sep.join(tokens)
    assume(len(source) <= 300)
    _check_any_source(source)


# A small grammar of well-formed expressions, each paired with what it must compute.
Expr = tuple[str, Callable[[int], np.ndarray]]


def _number_leaf() -> st.SearchStrategy[Expr]:
    meters = st.sampled_from(
        [("trust", lambda t: TRUST), ("resistance", lambda t: RESISTANCE), ("gains", lambda t: GAINS)]
    )
    numbers = st.integers(0, 100).map(lambda n: (str(n), lambda t, n=n: np.full(N, float(n))))
    turn = st.just(("turn", lambda t: np.full(N, float(t))))
    return st.one_of(meters, numbers, turn)


@st.composite
def number_expr(draw: st.DrawFn, depth: int = 3) -> Expr:
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(_number_leaf())
    kind = draw(st.sampled_from(["+", "-", "*", "neg"]))
    left_src, left = draw(number_expr(depth - 1))
    if kind == "neg":
        return f"-({left_src})", lambda t: -left(t)
    right_src, right = draw(number_expr(depth - 1))
    ops = {"+": np.add, "-": np.subtract, "*": np.multiply}
    fn = ops[kind]
    return f"({left_src} {kind} {right_src})", lambda t: fn(left(t), right(t))


@st.composite
def bool_expr(draw: st.DrawFn, depth: int = 3) -> Expr:
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        choice = draw(st.integers(0, 2))
        if choice == 0:
            return draw(st.sampled_from([("open", lambda t: OPEN), ("seen", lambda t: SEEN)]))
        if choice == 1:
            return draw(st.sampled_from([("true", lambda t: np.ones(N, bool)), ("false", lambda t: np.zeros(N, bool))]))
        ops = {
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
            "==": np.equal,
            "!=": np.not_equal,
        }
        op = draw(st.sampled_from(sorted(ops)))
        (ls, lf), (rs, rf) = draw(number_expr(2)), draw(number_expr(2))
        fn = ops[op]
        return f"{ls} {op} {rs}", lambda t: fn(lf(t), rf(t))
    kind = draw(st.sampled_from(["and", "or", "not"]))
    left_src, left = draw(bool_expr(depth - 1))
    if kind == "not":
        return f"not ({left_src})", lambda t: ~left(t)
    right_src, right = draw(bool_expr(depth - 1))
    fn = np.logical_and if kind == "and" else np.logical_or
    return f"({left_src}) {kind} ({right_src})", lambda t: fn(left(t), right(t))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(bool_expr(), st.integers(1, 12))
def test_well_formed_expressions_evaluate_like_numpy(expr: Expr, turn: int) -> None:
    source, reference = expr
    assume(len(source) <= MAX_CONDITION_CHARS)
    compiled = compile_condition(source, NAMES)
    got = np.broadcast_to(np.asarray(compiled.evaluate(context(turn))), (N,))
    np.testing.assert_array_equal(got, reference(turn), err_msg=source)
    if compiled.constant is not None:
        assert bool(compiled.constant) == bool(reference(turn)[0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(number_expr(), st.integers(1, 12))
def test_well_formed_numeric_expressions_evaluate_like_numpy(expr: Expr, turn: int) -> None:
    source, reference = expr
    assume(len(source) <= MAX_CONDITION_CHARS)
    compiled = compile_condition(source, NAMES, "number")
    got = np.broadcast_to(np.asarray(compiled.evaluate(context(turn)), dtype=float), (N,))
    np.testing.assert_array_equal(got, reference(turn), err_msg=source)
