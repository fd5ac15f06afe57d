"""Fuzzing the scenario loader: whatever bytes a modder writes, `load_bytes` answers with a ScenarioError or a scenario.

Every input must give either a loaded scenario (whose diagnostics are warnings) or a ScenarioError with at least one
error; every diagnostic must point at a real place (line >= 1 and at most one past the file's last line, col >= 1);
and every call must finish well within TIME_BOUND (a hang guard, not a performance test).

The inputs: random trees of the scenario vocabulary dumped with yaml.safe_dump (and sometimes mangled by hand),
byte-level mutations of the shipped scenarios, tree-level mutations of the shipped scenarios (which get past the
YAML reader and the models into the semantic checks and the compiler), and random conditions put into a valid
scenario. Hypothesis is derandomized and keeps no database, so every run tests the same inputs.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from partnership_game.scenario import Diagnostic, LoadedScenario, ScenarioError, load_bytes, load_path
from partnership_game.scenario.yaml_tree import read_document

REPO = Path(__file__).resolve().parents[2]
SMALL_SEEDS = sorted((REPO / "tests" / "data").glob("*.yaml"))
BIG_SEEDS = sorted((REPO / "scenarios").glob("*.yaml"))
ALL_SEEDS = BIG_SEEDS + SMALL_SEEDS
TINY = REPO / "tests" / "data" / "tiny.yaml"
LABEL = "fuzz.yaml"
TIME_BOUND = 2.0  # seconds per input: a hang guard with a generous bound, never a timing assertion
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where there is one: faster

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    # no explain phase: it traces every line the loader runs, which makes the time bound meaningless
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# ---------------------------------------------------------------------------------------------------------------
# The property every input must satisfy
# ---------------------------------------------------------------------------------------------------------------

# The line breaks a YAML reader counts (libyaml counts CR, LF, CRLF, NEL, LS and PS).
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_count(data: bytes) -> int:
    """The number of lines of the file, counting line breaks the widest way (plain '\\n' or YAML's)."""
    text = data.decode("utf-8", errors="replace")
    return max(data.count(b"\n"), len(_YAML_BREAK.findall(text))) + 1


def check_diagnostic(d: object, data: bytes) -> None:
    assert isinstance(d, Diagnostic), f"not a Diagnostic: {d!r}"
    assert type(d.line) is int and type(d.col) is int, d
    assert d.line >= 1, f"line below 1: {d}"
    assert d.col >= 1, f"col below 1: {d}"
    assert d.line <= line_count(data) + 1, f"line {d.line} is past the end of a {line_count(data)}-line file: {d}"
    assert isinstance(d.message, str) and d.message.strip(), f"empty message: {d!r}"
    assert d.severity in ("error", "warning"), d
    assert d.path == LABEL, d
    assert d.format().startswith(f"{LABEL}:{d.line}:{d.col}: {d.severity}: ")
    json.dumps(d.as_json())


def _timed_load(data: bytes) -> tuple[LoadedScenario | ScenarioError, float]:
    started = time.perf_counter()
    try:
        result: LoadedScenario | ScenarioError = load_bytes(data, LABEL)
    except ScenarioError as exc:
        result = exc
    return result, time.perf_counter() - started


def check_load(data: bytes) -> LoadedScenario | None:
    """Load the bytes and check the contract; the loaded scenario, or None when the file was refused."""
    result, elapsed = _timed_load(data)
    if elapsed >= TIME_BOUND:
        # A hang happens every time; a busy machine or a garbage collection over the test run's heap only once.
        result, elapsed = _timed_load(data)
    loaded = result if isinstance(result, LoadedScenario) else None
    if isinstance(result, ScenarioError):
        diagnostics = list(result.diagnostics)
        assert diagnostics, "a ScenarioError without diagnostics"
        assert any(d.severity == "error" for d in diagnostics), f"refused without an error: {diagnostics}"
        assert diagnostics == sorted(diagnostics), "the diagnostics are not sorted by position"
    if loaded is not None:
        assert isinstance(loaded, LoadedScenario)
        diagnostics = list(loaded.warnings)
        assert all(d.severity == "warning" for d in diagnostics), diagnostics
        assert loaded.compiled is not None
        assert loaded.text.encode("utf-8") == data
    for d in diagnostics:
        check_diagnostic(d, data)
    assert elapsed < TIME_BOUND, f"loading {len(data)} bytes took {elapsed:.2f} s"
    return loaded


# ---------------------------------------------------------------------------------------------------------------
# Random YAML trees of the scenario vocabulary
# ---------------------------------------------------------------------------------------------------------------

VOCABULARY = [
    "format_version", "id", "title", "description", "briefing", "authors", "roles", "label", "meters", "flags",
    "advisors", "glossary", "turns", "events", "endings", "questions", "options", "effects", "outcomes", "type",
    "add", "set_flag", "clear_flag", "schedule", "delayed", "meter", "flag", "event", "amount", "after_turns",
    "text", "condition", "turn", "trigger", "chance", "from_turn", "until_turn", "repeat", "max_times", "role",
    "accuracy", "situation", "sources", "url", "notes", "weight", "historical", "unavailable_text", "fallback",
    "priority", "immediate", "start", "min", "max", "good", "drift", "thresholds", "hidden", "map", "feature",
    "shows", "date", "date_label", "place", "office", "faction", "advisor", "term", "aliases", "invented",
    "documented_proposal", "up", "down", "open", "closed", "trust", "kremlin", "t1", "<<", "~", "",
    # text variants (issue 11) and maps (issue 14)
    "when", "assumes", "result", "warning", "direction", "consecutive", "min_gap", "author", "outlet", "view",
    "insets", "features", "kind", "at", "places", "path", "countries", "states", "status", "note", "inset", "symbol",
    "label_at", "centre", "extent", "region", "corner", "width", "alert", "emblem",
]  # fmt: skip
SPECIAL_TEXT = [
    ": ", "#", " # comment", "&a", "*a", "!", "!!python/object:os.system", "|", ">", "'", '"', "%", "@", "`",
    "{", "}", "[", "]", ",", "?", "- ", "-", "---", "...", "<<", "\\", "\t", "\n", "\r", "\r\n", "\x85",
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\x00", "\x07", "\x1b", "\x7f", "\U0001f600", "é", "ё", "日本",
    "yes", "no", "on", "off", "True", "NULL", "null", "0x1F", "0o17", "0b101", "1_000", "1e400", ".inf", "-.inf",
    ".nan", ".NaN", "2001-09-11", "12:30", "1" * 40, "0x" + "f" * 40, "trust >= 60 and not bases_open",
    "__import__('os')", "{{ 7*7 }}", "<b>bold</b>", "a: b: c", "- [a, b]", "'quoted'", '"dq"',
]  # fmt: skip
TRICKY_CHARS = st.sampled_from(list(":#&*!|>'\"%@`{}[],?-~\\\t\n\r \x00\x01\x1b\x7f\x85\u2028\ufeff\ufffeé日😀aZ09_."))

texts = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.sampled_from(VOCABULARY),
    st.text(alphabet=TRICKY_CHARS, max_size=24),
    st.text(max_size=24),  # any code point but surrogates: control characters, unicode of every plane
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1000, max_value=1000),
    st.integers(),  # also numbers far longer than the 30-character cap
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
keys = st.one_of(st.sampled_from(VOCABULARY), texts)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=40,
)
REQUIRED = ["format_version", "id", "title", "description", "authors", "roles", "meters", "turns", "events", "endings"]
OPTIONAL = ["briefing", "flags", "advisors", "glossary", "questions"]


@st.composite
def scenario_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """Every required top-level key (and some optional ones) with random values: errors deep inside the models."""
    return {key: draw(trees) for key in REQUIRED + [k for k in OPTIONAL if draw(st.booleans())]}


roots = st.one_of(
    scenario_shaped(),
    st.dictionaries(keys, trees, max_size=12),
    st.dictionaries(st.sampled_from(VOCABULARY), trees, max_size=16),
    trees,
)


@st.composite
def dumped(draw: st.DrawFn, tree_strategy: st.SearchStrategy[Any] = roots) -> bytes:
    """A random tree written by yaml's safe dumpers (libyaml's and the pure-Python one), in one of their styles."""
    tree = draw(tree_strategy)
    text = yaml.dump(
        tree,
        Dumper=draw(st.sampled_from([_Dumper, yaml.SafeDumper])),
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        sort_keys=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 10_000])),
        indent=draw(st.integers(min_value=2, max_value=9)),
        explicit_start=draw(st.booleans()),
    )
    return text.encode("utf-8")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _at(draw: st.DrawFn, data: bytes | bytearray) -> int:
    return draw(st.integers(min_value=0, max_value=len(data)))


INSERTS = [
    b"\t", b"  \t", b"\n", b"\r", b"\r\n", b"\x00", b"\x07", b"\xff", b"\xc3", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
    b":", b": ", b"- ", b"? ", b"#", b"'", b'"', b"{", b"}", b"[", b"]", b",", b"&a ", b"*a", b"!tag ",
    b"!!python/object/apply:os.system ", b"<<: ", b"|", b">-", b"---\n", b"...\n", b"%YAML 1.2\n", b"\xc3\xa9",
    b"\xf0\x9f\x98\x80", b"[" * 50, b"{a: " * 50, b"x: 1\n", b"null", b".nan", b"1e999", b"9" * 40,
]  # fmt: skip


@st.composite
def mangled(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes, broken by hand: truncated, with tabs or other bytes inserted, lines duplicated, swapped, dropped."""
    out = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(
            st.sampled_from(["truncate", "tab", "insert", "flip", "delete", "dup_line", "swap_lines", "drop_line"])
        )
        if kind == "truncate":
            del out[_at(draw, out) :]
        elif kind == "tab":
            i = _at(draw, out)
            out[i:i] = draw(st.sampled_from([b"\t", b"\t\t", b" \t", b"\t- "]))
        elif kind == "insert":
            i = _at(draw, out)
            out[i:i] = draw(st.one_of(st.sampled_from(INSERTS), st.binary(min_size=1, max_size=8)))
        elif kind == "flip" and out:
            i = draw(st.integers(min_value=0, max_value=len(out) - 1))
            out[i] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif kind == "delete" and out:
            i = draw(st.integers(min_value=0, max_value=len(out) - 1))
            del out[i : i + draw(st.integers(min_value=1, max_value=16))]
        elif kind in ("dup_line", "swap_lines", "drop_line"):
            lines = _lines(bytes(out))
            if not lines:
                continue
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            if kind == "dup_line":
                lines.insert(j, lines[i])
            elif kind == "swap_lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                del lines[i]
            out = bytearray(b"".join(lines))
    return bytes(out)


@settings(FUZZ, max_examples=200)
@given(dumped())
def test_random_yaml_trees(data: bytes) -> None:
    check_load(data)


@settings(FUZZ, max_examples=150)
@given(st.data())
def test_random_yaml_trees_mangled(data: st.DataObject) -> None:
    check_load(data.draw(mangled(data.draw(dumped()))))


# ---------------------------------------------------------------------------------------------------------------
# Byte-level mutations of the shipped scenarios
# ---------------------------------------------------------------------------------------------------------------

OTHER_VALUES = [
    b"[]", b"{}", b"null", b"~", b"", b"true", b"false", b"0", b"-5", b"1e999", b".nan", b"-.inf", b"0x1F",
    b"''", b'""', b"[1, 2]", b"{a: 1}", b"|\n  block text", b">-", b"&anchor x", b"*anchor", b"!!str x",
    b"yes", b"2001-09-11", b"trust >= 60 and not", b"'unterminated", b'"bad \\q escape"', b"[unclosed",
    b"9" * 31, b"- a\n- b", b"a: b: c",
]  # fmt: skip
_KEY_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:)[ ]+\S.*$", re.MULTILINE)


@st.composite
def byte_mutants(draw: st.DrawFn, seeds: list[Path]) -> bytes:
    """A shipped scenario with one to four byte-level mutations."""
    out = bytearray(draw(st.sampled_from(seeds)).read_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "dup_line", "swap_lines", "retype", "truncate"]))
        if kind == "flip" and out:
            i = draw(st.integers(min_value=0, max_value=len(out) - 1))
            out[i] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif kind == "delete" and out:
            i = draw(st.integers(min_value=0, max_value=len(out) - 1))
            del out[i : i + draw(st.integers(min_value=1, max_value=40))]
        elif kind == "insert":
            i = _at(draw, out)
            out[i:i] = draw(st.one_of(st.sampled_from(INSERTS), st.binary(min_size=1, max_size=8)))
        elif kind in ("dup_line", "swap_lines"):
            lines = _lines(bytes(out))
            if not lines:
                continue
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            if kind == "dup_line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"".join(lines))
        elif kind == "retype":
            matches = list(_KEY_VALUE.finditer(bytes(out)))
            if not matches:
                continue
            m = matches[draw(st.integers(min_value=0, max_value=len(matches) - 1))]
            out[m.start() : m.end()] = m.group(1) + b" " + draw(st.sampled_from(OTHER_VALUES))
        elif kind == "truncate":
            del out[_at(draw, out) :]
    return bytes(out)


def test_the_seeds_load() -> None:
    """The mutations start from valid scenarios (otherwise they would test much less)."""
    assert BIG_SEEDS and SMALL_SEEDS
    for seed in ALL_SEEDS:
        assert check_load(seed.read_bytes()) is not None, seed


@settings(FUZZ, max_examples=300)
@given(byte_mutants(SMALL_SEEDS))
def test_byte_mutations_of_the_test_scenarios(data: bytes) -> None:
    check_load(data)


@settings(FUZZ, max_examples=40)
@given(byte_mutants(BIG_SEEDS))
def test_byte_mutations_of_the_shipped_scenarios(data: bytes) -> None:
    check_load(data)


# ---------------------------------------------------------------------------------------------------------------
# Tree-level mutations of the shipped scenarios: valid YAML that reaches the models, the checks and the compiler
# ---------------------------------------------------------------------------------------------------------------

NAMES = ["trust", "elite_resistance", "gains", "bases_open", "leak_seen", "turn", "undeclared", "True", "lambda"]
BAD_TOKENS = ["**", "/", "//", "%", ".", "[", "]", "{", "}", ",", "'", '"', "=", "!", "&&", "||", "^", "~", "@",
              ":", ";", ":=", "if", "in", "is", "import", "é", "1e5", "٣", "\t", "\\"]  # fmt: skip
_numbers = st.one_of(
    st.integers(min_value=0, max_value=200).map(str),
    st.sampled_from(["0.5", ".25", "1" * 320, "0" * 50 + "1", "99999999999999999999"]),
)
_atoms = st.one_of(_numbers, st.sampled_from(NAMES), st.sampled_from(["true", "false"]), st.sampled_from(BAD_TOKENS))
conditions = st.recursive(
    _atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "and", "or"]), inner).map(
            lambda t: f"{t[0]} {t[1]} {t[2]}"
        ),
        inner.map(lambda s: f"({s})"),
        inner.map(lambda s: f"not {s}"),
        inner.map(lambda s: f"-{s}"),
        st.tuples(st.integers(min_value=15, max_value=40), inner).map(lambda t: "(" * t[0] + t[1] + ")" * t[0]),
        st.tuples(st.integers(min_value=50, max_value=160), inner).map(lambda t: "not " * t[0] + t[1]),
        st.tuples(st.integers(min_value=50, max_value=160), inner).map(lambda t: "- " * t[0] + t[1]),
    ),
    max_leaves=12,
)

Tree = Any
PathT = tuple[str | int, ...]


def _paths(node: Tree, here: PathT = ()) -> list[PathT]:
    found = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            found += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _paths(v, (*here, i))
    return found


def _get(node: Tree, path: PathT) -> Tree:
    for part in path:
        node = node[part]
    return node


def _ids(tree: Tree) -> list[str]:
    values = [_get(tree, p) for p in _paths(tree) if p and p[-1] == "id"]
    return sorted({v for v in values if isinstance(v, str)})


# What a mutation may change: the kinds that keep the shape (an id for another id, a number for a number, a condition
# for a condition) get past the models into the semantic checks; the others test the models' messages.
_SHAPE_KEEPING = {
    "other_id": lambda path, value: isinstance(value, str) and path[-1] not in ("condition", "chance"),
    "number": lambda path, value: isinstance(value, (int, float)),
    "condition": lambda path, value: path[-1] in ("condition", "chance"),
}
_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([0, 1, 50, 51, -1, 0.5, 1e308, -1e308, 5e-324]),
)


@st.composite
def tree_mutants(draw: st.DrawFn, seeds: list[Path]) -> bytes:
    """A shipped scenario read as a tree (YAML 1.2, as the loader reads it), changed, and written out again."""
    tree = read_document(draw(st.sampled_from(seeds)).read_bytes(), "seed").data
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(
            st.sampled_from(
                ["other_id", "other_id", "number", "condition", "replace", "delete", "add_key", "dup_item", "reverse"]
            )
        )
        wanted = _SHAPE_KEEPING.get(kind, lambda path, value: True)
        paths = [p for p in _paths(tree) if p and wanted(p, _get(tree, p))]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        parent, last = _get(tree, path[:-1]), path[-1]
        if kind == "replace":
            parent[last] = draw(trees)
        elif kind == "condition":
            parent[last] = draw(conditions)
        elif kind == "other_id":
            parent[last] = draw(st.sampled_from([*_ids(tree), "nowhere", "turn"]))
        elif kind == "number":
            parent[last] = draw(_NUMBERS)
        elif kind == "delete":
            del parent[last]
        elif kind == "add_key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(VOCABULARY))] = draw(trees)
        elif kind == "dup_item" and isinstance(parent, list):
            parent.insert(draw(st.integers(min_value=0, max_value=len(parent))), json.loads(json.dumps(parent[last])))
        elif kind == "reverse" and isinstance(parent, list):
            parent.reverse()
    return yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


@settings(FUZZ, max_examples=120)
@given(tree_mutants(SMALL_SEEDS))
def test_tree_mutations_of_the_test_scenarios(data: bytes) -> None:
    check_load(data)


@settings(FUZZ, max_examples=15)
@given(tree_mutants(BIG_SEEDS))
def test_tree_mutations_of_the_shipped_scenarios(data: bytes) -> None:
    check_load(data)


CONDITION_PATHS: list[PathT] = [
    p for p in _paths(read_document(TINY.read_bytes(), "seed").data) if p and p[-1] in ("condition", "chance")
]


@settings(FUZZ, max_examples=120)
@given(st.sampled_from(CONDITION_PATHS), conditions, st.sampled_from(["plain", "'", '"']))
def test_random_conditions_in_a_valid_scenario(path: PathT, condition: str, style: str) -> None:
    """Random expressions (valid and not) in every condition of the tiny scenario, written plain or quoted."""
    assert CONDITION_PATHS
    tree = read_document(TINY.read_bytes(), "seed").data
    _get(tree, path[:-1])[path[-1]] = condition
    data = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")
    if style != "plain":
        data = data.replace(
            yaml.dump({path[-1]: condition}, Dumper=_Dumper, allow_unicode=True, width=10_000).encode().rstrip(b"\n"),
            f"{path[-1]}: {style}{condition}{style}".encode(),
            1,
        )
    check_load(data)


# ---------------------------------------------------------------------------------------------------------------
# Positions of characters YAML does not allow, and load_path over mutated files
# ---------------------------------------------------------------------------------------------------------------

BAD_CHARACTERS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\uffff"]


@settings(FUZZ, max_examples=150)
@given(st.sampled_from(SMALL_SEEDS), st.floats(min_value=0, max_value=1), st.sampled_from(BAD_CHARACTERS))
def test_a_character_yaml_does_not_allow_is_reported_where_it_is(seed: Path, where: float, bad: str) -> None:
    """In an ASCII file, the diagnostic names the character and points at its line and column."""
    text = seed.read_text("utf-8")
    assert text.isascii()
    offset = int(where * len(text))
    data = (text[:offset] + bad + text[offset:]).encode("utf-8")
    check_load(data)
    with pytest.raises(ScenarioError) as info:
        load_bytes(data, LABEL)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    named = [d for d in info.value.diagnostics if f"U+{ord(bad):04X}" in d.message]
    assert [(d.line, d.col) for d in named] == [(line, col)], info.value.diagnostics


def test_a_character_yaml_does_not_allow_after_non_ascii_text_is_reported_where_it_is() -> None:
    data = "a: éééé\x07\nb: 1\nc: 2\n".encode()  # b"a: \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\x07\nb: 1\nc: 2\n"
    with pytest.raises(ScenarioError) as info:
        load_bytes(data, LABEL)
    assert [(d.line, d.col, d.message) for d in info.value.diagnostics] == [
        (1, 8, "character U+0007 is not allowed in YAML text")
    ]  # actual: (2, 3, ...): line 2 column 3 is the ':' of 'b: 1'


def test_a_character_yaml_does_not_allow_in_a_file_with_cr_line_ends_is_on_its_line() -> None:
    data = b"a: 1\rb: [\x07]\rc: 2\r"
    with pytest.raises(ScenarioError) as info:
        load_bytes(data, LABEL)
    assert [(d.line, d.col) for d in info.value.diagnostics] == [(2, 5)]  # actual: (1, 10)
    # libyaml itself puts the same file's lines at CR: a YAML error on the third line is reported there
    with pytest.raises(ScenarioError) as other:
        load_bytes(b"a: 1\rb: 2\rc: [\r", LABEL)
    assert other.value.diagnostics[0].line >= 3


@settings(FUZZ, max_examples=40)
@given(st.lists(byte_mutants(SMALL_SEEDS), min_size=1, max_size=5))
def test_load_path_over_mutated_files(contents: list[bytes]) -> None:
    """The same contract through load_path, which reads the file (and labels diagnostics with its path)."""
    with tempfile.TemporaryDirectory() as folder:
        for i, data in enumerate(contents):
            path = Path(folder) / f"mutant{i}.yaml"
            path.write_bytes(data)
            started = time.perf_counter()
            try:
                load_path(path)
            except ScenarioError as exc:
                assert exc.diagnostics
                for d in exc.diagnostics:
                    assert d.path == str(path)
                    assert 1 <= d.line <= line_count(data) + 1 and d.col >= 1, d
            assert time.perf_counter() - started < TIME_BOUND


@pytest.mark.parametrize("name", ["a\x00b.yaml", "\ud800.yaml"], ids=["nul", "lone_surrogate"])
def test_load_path_answers_a_path_the_system_cannot_name_with_a_scenario_error(name: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_path(Path(name))  # actual: ValueError: embedded null byte / UnicodeEncodeError
    assert [(d.line, d.col) for d in info.value.diagnostics] == [(1, 1)]


# ---------------------------------------------------------------------------------------------------------------
# The harness itself: the strategies reach every stage of the loader
# ---------------------------------------------------------------------------------------------------------------


def _stage(data: bytes) -> str:
    try:
        load_bytes(data, LABEL)
    except ScenarioError as exc:
        messages = " ".join(d.message for d in exc.diagnostics)
        if "in condition" in messages or "is not a declared" in messages or "duplicate" in messages:
            return "semantic"
        return "refused"
    return "loaded"


@pytest.mark.parametrize(
    ("make", "wanted"),
    [
        (lambda: tree_mutants(SMALL_SEEDS), {"loaded", "semantic"}),
        (lambda: byte_mutants(SMALL_SEEDS), {"loaded", "refused"}),
    ],
    ids=["tree_mutants", "byte_mutants"],
)
def test_the_mutations_reach_the_semantic_checks_and_the_compiler(
    make: Callable[[], st.SearchStrategy[bytes]], wanted: set[str]
) -> None:
    seen: set[str] = set()

    @settings(FUZZ, max_examples=150)
    @given(make())
    def collect(data: bytes) -> None:
        seen.add(_stage(data))

    collect()
    assert wanted <= seen, seen


def test_line_count_counts_every_kind_of_line_break() -> None:
    assert line_count(b"") == 1
    assert line_count(b"a\n") == 2
    assert line_count(b"a\rb\r") == 3
    assert line_count("a\u2028b\x85c".encode()) == 3
    assert line_count(b"a\r\nb") == 2
