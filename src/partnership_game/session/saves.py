"""Self-contained save files: the scenario's text and hash, the seed and every branch; written atomically.

A save is untrusted input: it is size-capped, parsed as JSON into strict models, its scenario text is checked
against its hash and loaded by the same strict loader, and its decisions are replayed through the rules.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from partnership_game.files import FileProblem, TextProblem, loads_strict_json, read_regular
from partnership_game.files import write_atomic as write_atomic  # its old home; callers import it from here
from partnership_game.scenario import LoadedScenario, ScenarioError, content_hash, load_bytes
from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES
from partnership_game.session.limits import MAX_NODES as MAX_NODES  # its old home; the session enforces it
from partnership_game.session.limits import MAX_PLAYER_CHARS
from partnership_game.session.saved_sides import By, DropsUnset, Ident, SavedExpected, expected_of, sides_of_node
from partnership_game.session.seating import SeatingError, from_header
from partnership_game.session.session import ReplayError, Session
from partnership_game.session.texts import shown
from partnership_game.session.timeline import Node, Timeline

SAVE_FORMAT = "partnership-game-save"  # the Literal types of SaveFile below must match these
SAVE_VERSION = 1
MAX_SAVE_BYTES = 8 * 1024 * 1024
MAX_CLASS_TEXT = 64 * 1024  # a class file's own cap (classroom.classfile.MAX_CLASS_FILE_BYTES)
MAX_ENDING_TITLE = 200  # a header field for listings; a longer title is cut there (the scenario holds it whole)



class SaveError(Exception):
    """A save that cannot be read or replayed; the message says why in plain words."""


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SavedScenario(_Strict):
    id: Ident
    hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    text_zlib_b64: Annotated[str, Field(max_length=MAX_SAVE_BYTES)]


class SavedNode(DropsUnset):
    id: Annotated[int, Field(ge=0)]
    parent: Annotated[int, Field(ge=0)] | None
    event: Ident
    option: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}(\+[a-z][a-z0-9_]{0,39}){0,7}$")]
    # Version 2: who took it, each side's half of a joint decision (for readers; `option` is what replays), and
    # what a counterpart expected.
    by: By | None = None
    choices: Annotated[dict[Ident, Ident], Field(max_length=8)] | None = None
    expected: SavedExpected | None = None
    optional = ("by", "choices", "expected")


class SavedTimeline(_Strict):
    nodes: Annotated[list[SavedNode], Field(max_length=MAX_NODES)]
    current: Annotated[int, Field(ge=0)] | None


class SavedRules(_Strict):
    """A class's rules spelt out, for listings and reports (they must agree with the class file the save carries)."""

    rollback: Literal["allowed", "look_only", "off"]
    previews: bool
    odds: bool
    historical_marks: bool
    ghost: bool
    time_box_minutes: Annotated[int, Field(ge=1, le=600)] | None
    at_zero: Literal["ask", "hand_in"]


class SavedClass(_Strict):
    """The class a game is played in: its class file (text and hash), where the lesson starts and ends, its rules,
    how many decisions were taken for the class before its start, and the class clock's time used."""

    title: Annotated[str, Field(max_length=200)]
    file: Annotated[str, Field(max_length=4096)]
    hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    text: Annotated[str, Field(max_length=MAX_CLASS_TEXT)]
    seed: Annotated[int, Field(ge=0, lt=2**63)]
    start: Ident
    end: Ident
    floor: Annotated[int, Field(ge=0, le=MAX_NODES)]
    rules: SavedRules
    clock_seconds: Annotated[float, Field(ge=0, le=10**8)]


class SavedOutcome(_Strict):
    """An outcome screen the player had not closed when the game was saved: the decision it follows (its node)
    and where that decision's changes and news begin (ledger entries and happenings before it), so that Continue
    shows it again. Absent once it is closed (and in every save made before it was kept)."""

    node: Annotated[int, Field(ge=0)]
    entries: Annotated[int, Field(ge=0)]
    told: Annotated[int, Field(ge=0)]


class SaveFile(DropsUnset):
    format: Literal["partnership-game-save"]
    version: Literal[1, 2]
    scenario: SavedScenario
    seed: Annotated[int, Field(ge=0, lt=2**64)]
    player: Annotated[str, Field(max_length=MAX_PLAYER_CHARS)] | None = None
    created: Annotated[str, Field(max_length=40)]
    saved: Annotated[str, Field(max_length=40)]
    turn: Annotated[int, Field(ge=0, le=10_000)] = 0
    date: Annotated[str, Field(max_length=40)] = ""
    # Header fields a listing reads without replaying (absent in saves made before them): how many turns the
    # scenario has, and the ending once the game is over (its id, and its title as the player read it).
    turns: Annotated[int, Field(ge=1, le=10_000)] | None = None
    ending: Ident | None = None
    ending_title: Annotated[str, Field(max_length=MAX_ENDING_TITLE)] | None = None
    timeline: SavedTimeline
    classroom: SavedClass | None = None  # absent: not a class game (and every save made before classes were kept)
    outcome: SavedOutcome | None = None  # an outcome screen left open (the window's Continue shows it again)
    # Version 2 only: who plays each side ({role id: "player" | "counterpart:TEMPERAMENT"}) and the people's names.
    sides: Annotated[dict[Ident, By], Field(max_length=8)] | None = None
    players: Annotated[dict[Ident, Annotated[str, Field(max_length=MAX_PLAYER_CHARS)]], Field(max_length=8)] | None \
        = None
    optional = ("sides", "players")

    @model_validator(mode="after")
    def _sides_need_version_2(self) -> SaveFile:
        if (self.version == 2) != (self.sides is not None):
            raise ValueError("version 2 saves, and only they, say who plays each side")
        return self

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: object) -> object:
        # Literal[1] takes true as 1 even in strict mode (true == 1 in Python); a version is a number.
        if isinstance(value, bool):
            raise ValueError(f"expected the number 1 or 2, got {str(value).lower()}")
        return value


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def to_save(session: Session, created: str | None = None, outcome: SavedOutcome | None = None) -> SaveFile:
    """The save of a session as it stands: every branch, the current one marked."""
    model = session.scenario.model
    turn = min(session.state.turn, len(model.turns) - 1)
    ending = session.ending if session.over else None
    packed = base64.b64encode(zlib.compress(session.scenario.text.encode("utf-8"), 9)).decode("ascii")
    seating = session.seating
    nodes = [_saved_node(session, n) for n in session.timeline.nodes]
    sides = session.compiled.sides
    return SaveFile(
        format="partnership-game-save",
        version=1 if seating is None else 2,
        sides=seating.header(sides) if seating is not None else None,
        players=(seating.names(sides) or None) if seating is not None else None,
        scenario=SavedScenario(id=model.id, hash=session.scenario.content_hash, text_zlib_b64=packed),
        seed=session.seed,
        player=session.player,
        created=created or _now(),
        saved=_now(),
        turn=turn + 1,
        date=model.turns[turn].date,
        turns=len(model.turns),
        ending=ending.id if ending is not None else None,
        ending_title=shown(session, ending.title)[:MAX_ENDING_TITLE] if ending is not None else None,
        # A look back in a look-only class is not the game: the save holds the present.
        timeline=SavedTimeline(nodes=nodes, current=session.present_node),
        classroom=saved_class(session),
        outcome=outcome,
    )


def _saved_node(session: Session, node: Node) -> SavedNode:
    if session.seating is None:
        return SavedNode(id=node.id, parent=node.parent, event=node.event, option=node.option)
    by, choices, expected = sides_of_node(session, node)
    return SavedNode(id=node.id, parent=node.parent, event=node.event, option=node.option, by=by, choices=choices,
                     expected=expected)


def saved_class(session: Session) -> SavedClass | None:
    """The class part of a session's save (None for a game outside a class)."""
    room = session.classroom
    if room is None:
        return None
    loaded = room.lesson.loaded
    model = loaded.model
    turns = session.scenario.model.turns
    rules = SavedRules(rollback=model.rollback, previews=model.show.previews, odds=model.show.odds,
                       historical_marks=model.show.historical_marks, ghost=model.show.ghost,
                       time_box_minutes=model.time_box_minutes, at_zero=model.at_zero)
    return SavedClass(title=model.title, file=str(loaded.path)[:4096], hash=loaded.hash,
                      text=loaded.data.decode("utf-8"), seed=model.seed, start=turns[room.lesson.start_turn].id,
                      end=turns[room.lesson.end_turn].id, floor=room.floor, rules=rules,
                      clock_seconds=round(room.clock.used_at(), 3))


def write_save(path: Path, session: Session, created: str | None = None,
               outcome: SavedOutcome | None = None) -> SaveFile:
    save = to_save(session, created, outcome)
    write_atomic(path, save.model_dump_json(indent=1).encode("utf-8"))
    return save


def parse_save(data: bytes) -> SaveFile:
    """Bytes to a validated SaveFile, or a SaveError saying what is wrong."""
    if len(data) > MAX_SAVE_BYTES:
        raise SaveError(f"the save is larger than {MAX_SAVE_BYTES} bytes")
    try:
        raw = loads_strict_json(data)
    except TextProblem as exc:
        if exc.kind == "encoding":
            raise SaveError(f"the save is not UTF-8 text (line {exc.line}, column {exc.col})") from None
        if exc.kind == "syntax":
            raise SaveError(f"the save is not valid JSON (line {exc.line}, column {exc.col}: {exc.reason})") from None
        if exc.kind == "depth":
            raise SaveError("the save nests too deeply to be a save") from None
        raise SaveError(f"the save is damaged: {exc}") from None
    if not isinstance(raw, dict) or raw.get("format") != SAVE_FORMAT:
        raise SaveError("this is not a save file of this game")
    try:
        return SaveFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SaveError(f"the save is damaged: {where}: {first['msg']}") from None


def scenario_bytes(save: SaveFile) -> bytes:
    """The scenario text the save carries, checked against its recorded hash."""
    try:
        packed = base64.b64decode(save.scenario.text_zlib_b64, validate=True)
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, MAX_FILE_BYTES + 1)
    except (binascii.Error, zlib.error, ValueError):  # ValueError: non-ASCII characters in the base64 text
        raise SaveError("the save's copy of the scenario is damaged") from None
    if len(data) > MAX_FILE_BYTES or inflater.unconsumed_tail:
        raise SaveError("the save's copy of the scenario is too large")
    if content_hash(data) != save.scenario.hash:
        raise SaveError("the save's scenario text does not match its recorded hash (the save was altered)")
    return data


def timeline_of(save: SaveFile) -> Timeline:
    nodes = save.timeline.nodes
    seen: set[tuple[int | None, str, str]] = set()
    for index, node in enumerate(nodes):
        if node.id != index or (node.parent is not None and node.parent >= index):
            raise SaveError(f"the save's timeline is damaged at decision {index}")
        key = (node.parent, node.event, node.option)
        if key in seen:
            raise SaveError(f"the save's timeline repeats a decision at {index}")
        seen.add(key)
    current = save.timeline.current
    if current is not None and current >= len(nodes):
        raise SaveError("the save's current decision does not exist")
    return Timeline([Node(n.id, n.parent, n.event, n.option, n.by or "player", expected_of(n.expected))
                     for n in nodes], current)


@functools.lru_cache(maxsize=8)
def _scenario_from_text(data: bytes, digest: str) -> LoadedScenario:
    """A save's copy of its scenario, loaded once per content: a class's saves usually share one scenario."""
    del digest  # part of the cache key only; the bytes were checked against it already
    return load_bytes(data, "<saved>:scenario")


def session_from_save(save: SaveFile, label: str = "<save>") -> Session:
    """Rebuild the session a save describes, on the save's own copy of the scenario, replaying every decision."""
    data = scenario_bytes(save)
    try:
        scenario = _scenario_from_text(data, save.scenario.hash)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format().replace("<saved>:scenario", f"{label}:scenario") \
            if exc.diagnostics else "invalid"
        raise SaveError(f"the save's scenario does not load: {first}") from None
    if scenario.model.id != save.scenario.id:
        raise SaveError("the save's scenario id does not match its text")
    timeline = timeline_of(save)
    try:
        # Every branch must replay, not just the current one: a tampered branch is found now, not later. The
        # session replays the tree depth first from each fork's state, so this costs one step per decision.
        session = Session(scenario, save.seed, timeline, save.player, check_every_branch=True)
    except ReplayError as exc:
        raise SaveError(f"the save's decisions do not replay in its scenario: {exc}") from None
    if save.sides is not None:
        try:
            session.seating = from_header(scenario.compiled.sides, save.sides, save.players or {})
        except SeatingError as exc:
            raise SaveError(f"the save's sides do not fit its scenario: {exc}") from None
    if save.classroom is not None:
        from partnership_game.session.class_saves import class_from_save

        session.classroom = class_from_save(save.classroom, save.seed, scenario)
    return session


def read_save_bytes(path: Path) -> bytes:
    """A save file's bytes, refused before reading if it is not a regular file or over the cap; SaveError if it
    cannot be read."""
    try:
        return read_regular(path, MAX_SAVE_BYTES, "save file")
    except FileProblem as exc:
        if exc.kind == "missing":
            raise SaveError("no such save file") from None
        if exc.kind == "size":
            raise SaveError(f"the save is larger than {MAX_SAVE_BYTES} bytes") from None
        raise SaveError(exc.reason) from None


def read_save(path: Path) -> Session:
    """Load a save file into a session; SaveError for anything missing, damaged or altered."""
    data = read_save_bytes(path)
    return session_from_save(parse_save(data), str(path))


@dataclass(frozen=True)
class SaveSummary:
    """What a load screen lists for one file: read from the save's header, or why it cannot be read."""

    path: Path
    scenario_id: str
    scenario_hash: str
    date: str
    turn: int
    player: str | None
    saved: str
    error: str | None = None
    seed: int | None = None
    turns: int | None = None  # None: a save made before the header said
    ending: str | None = None  # the ending's id once the game is over; None also for saves made before the header
    ending_title: str | None = None
    finished: bool | None = None  # None: unknown without replaying (a save made before the header said)
    class_title: str | None = None  # the class the game was played in, if any


MAX_LISTED_SAVES = 500


def summary_of(path: Path, save: SaveFile) -> SaveSummary:
    """The listing of one readable save, from its header alone."""
    finished = None if save.turns is None else save.ending is not None
    return SaveSummary(path, save.scenario.id, save.scenario.hash, save.date, save.turn, save.player, save.saved,
                       seed=save.seed, turns=save.turns, ending=save.ending, ending_title=save.ending_title,
                       finished=finished, class_title=save.classroom.title if save.classroom else None)


def list_saves(folder: Path) -> list[SaveSummary]:
    """Every .json file in the folder, newest first; a damaged one is listed with its reason, never hidden."""
    if not folder.is_dir():
        return []
    dated = []
    for path in folder.glob("*.json"):
        try:
            if not path.is_dir():  # a pipe or a device named *.json is listed, with the reason it cannot be read
                dated.append((path.stat().st_mtime, path))
        except OSError:
            continue
    files = [path for _, path in sorted(dated, key=lambda pair: pair[0], reverse=True)]
    summaries = []
    for path in files[:MAX_LISTED_SAVES]:
        try:
            save = parse_save(read_save_bytes(path))
            summaries.append(summary_of(path, save))
        except (SaveError, OSError) as exc:
            summaries.append(SaveSummary(path, "", "", "", 0, None, "", str(exc)))
    return summaries
