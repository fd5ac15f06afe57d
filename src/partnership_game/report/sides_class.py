"""A class of two-sided games compared by side: who sat where, each side's choices and verdicts, joint decisions
as a table of pairs (hot seats and teams against a counterpart alike)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from partnership_game.report.class_report import ClassReport, Student, _bar, _history_mark
from partnership_game.report.formats import percent
from partnership_game.report.markup import Markup, el, join, table
from partnership_game.report.sides_game import VERDICT_WORDS, verdict_of, who_played
from partnership_game.report.tally import Game
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.prose import plain

VERDICT_ORDER = ("good", "mixed", "bad")
NOT_ENDED = "not ended"  # a game saved before its end, or stopped at the lesson's end: no verdict yet


@dataclass
class HalfCount:
    """One option of one side at one decision, and how many games took it (and how many of those a counterpart)."""

    option_id: str
    label: str
    historical: bool
    count: int = 0
    by_counterpart: int = 0


@dataclass
class SideDecision:
    event_id: str
    title: str
    order: int  # its place in the reference scenario (new ones after)
    joint: bool
    options: list[HalfCount] = field(default_factory=list)

    @property
    def reached(self) -> int:
        return sum(o.count for o in self.options)


@dataclass
class PairTable:
    """A joint decision's pairs: rows are the first side's options, columns the second's."""

    event_id: str
    title: str
    order: int
    sides: tuple[str, ...]  # role labels in the event's side order
    rows: list[tuple[str, str, bool]]  # (option id, label, historical)
    columns: list[tuple[str, str, bool]]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def games(self) -> int:
        return sum(self.counts.values())


@dataclass
class SideTally:
    role_id: str
    label: str
    decisions: dict[str, SideDecision] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)  # word (or NOT_ENDED) -> games
    people: int = 0  # games in which a person (or a team) played this side
    counterparts: int = 0


@dataclass
class SidesTally:
    sides: list[SideTally]
    pairs: list[PairTable]
    games: int


def _half(option_id: str, label: str, historical: bool, decision: SideDecision) -> HalfCount:
    found = next((o for o in decision.options if o.option_id == option_id), None)
    if found is None:
        found = HalfCount(option_id, label, historical)
        decision.options.append(found)
    return found


def _reference_tables(reference: LoadedScenario) -> tuple[list[SideTally], dict[str, PairTable]]:
    """Every side's decisions with every option at zero, and every joint decision's pair table, in the order of
    the reference scenario (so an option nobody chose still shows, with 0)."""
    compiled = reference.compiled
    sides = compiled.sides
    tallies = [SideTally(role.id, role.label) for role in sides.roles]
    pairs: dict[str, PairTable] = {}
    for order, event in enumerate(e for e in compiled.events if e.is_decision):
        joint = sides.joint.get(event.index)
        if joint is not None:
            for side in joint.sides:
                decision = SideDecision(event.id, event.title, order, True)
                decision.options = [HalfCount(o.id, plain(o.label), o.historical) for o in side.options]
                tallies[side.role].decisions[event.id] = decision
            if len(joint.sides) == 2:
                first, second = joint.sides
                pairs[event.id] = PairTable(
                    event.id, event.title, order, tuple(sides.roles[s.role].label for s in joint.sides),
                    [(o.id, plain(o.label), o.historical) for o in first.options],
                    [(o.id, plain(o.label), o.historical) for o in second.options])
            continue
        decider = sides.decides[event.index]
        if isinstance(decider, int):
            decision = SideDecision(event.id, event.title, order, False)
            decision.options = [HalfCount(o.id, o.label, o.historical) for o in event.options]
            tallies[decider].decisions[event.id] = decision
    return tallies, pairs


def _count_game(game: Game, by_id: dict[str, SideTally], pairs: dict[str, PairTable]) -> None:
    """One game's own decisions, read with its own copy of the scenario, counted by role and option ids."""
    session = game.session
    sides = session.compiled.sides
    seating = session.seating
    for role in sides.roles:
        tally = by_id.get(role.id)
        if tally is None:
            continue
        seat = seating.of(role.index) if seating is not None and role.index < len(seating.seats) else None
        if seat is not None and not seat.person:
            tally.counterparts += 1
        else:
            tally.people += 1
        word = verdict_of(session, role.index)
        key = word if word is not None else NOT_ENDED if session.ending is None else "no verdict"
        tally.verdicts[key] = tally.verdicts.get(key, 0) + 1
    nodes = session.timeline.path()
    for index in range(game.own_from, len(session.decisions)):
        decision, by = session.decisions[index], nodes[index].by.split("+")
        event = decision.event
        joint = sides.joint.get(event.index)
        if joint is not None:
            chosen = joint.choices_of(decision.option)
            ids = []
            for place, side in enumerate(joint.sides):
                half = side.options[chosen[side.role]]
                ids.append(half.id)
                taker = by[place] if place < len(by) else "player"
                _tick(by_id, sides.roles[side.role].id, event.id, event.title, half.id, plain(half.label),
                      half.historical, taker, True)
            table_ = pairs.get(event.id)
            if table_ is not None and len(ids) == 2:
                pair = (ids[0], ids[1])
                table_.counts[pair] = table_.counts.get(pair, 0) + 1
            continue
        decider = sides.decides[event.index]
        if isinstance(decider, int):
            option = event.options[decision.option]
            _tick(by_id, sides.roles[decider].id, event.id, event.title, option.id, option.label, option.historical,
                  by[0], False)


def _tick(by_id: dict[str, SideTally], role_id: str, event_id: str, title: str, option_id: str, label: str,
          historical: bool, taker: str, joint: bool) -> None:
    tally = by_id.get(role_id)
    if tally is None:  # a side only another version of the scenario has
        return
    decision = tally.decisions.get(event_id)
    if decision is None:
        decision = tally.decisions[event_id] = SideDecision(event_id, title, 10_000 + len(tally.decisions), joint)
    half = _half(option_id, label, historical, decision)
    half.count += 1
    if taker.startswith("counterpart:"):
        half.by_counterpart += 1


def sides_tally(reference: LoadedScenario, games: Sequence[Game]) -> SidesTally | None:
    """The class's games counted side by side (None when the reference scenario has one side). Options and pairs
    are matched by id, so games of another version of the scenario count where their ids agree."""
    if len(reference.compiled.sides.roles) < 2:
        return None
    tallies, pairs = _reference_tables(reference)
    by_id = {t.role_id: t for t in tallies}
    for game in games:
        _count_game(game, by_id, pairs)
    return SidesTally(tallies, sorted(pairs.values(), key=lambda p: p.order), len(games))


# ---- HTML ------------------------------------------------------------------------------------------------------

def _seat_words(student: Student, role: int, anonymous: bool) -> str:
    """Who played a side in one game; an anonymous report never shows a name."""
    session = student.saved.session
    seating = session.seating
    seat = seating.of(role) if seating is not None and role < len(seating.seats) else None
    if anonymous and seat is not None and seat.person:
        return "a player"
    return who_played(session, role).split(":")[0]  # the temperament's label, not its whole description


def _teams(report: ClassReport, result: SidesTally) -> Markup:
    labels = [s.label for s in result.sides]
    rows = []
    for k, student in enumerate(report.counted, 1):
        session = student.saved.session
        ending = session.ending
        verdicts = [VERDICT_WORDS.get(verdict_of(session, r) or "", "—") for r in range(len(labels))]
        game = student.name if report.anonymous else student.file
        rows.append([str(k), game, *(_seat_words(student, r, report.anonymous) for r in range(len(labels))),
                     ending.title if ending is not None else el("span", "not ended", class_="muted"), *verdicts])
    heads = ["#", "Group" if report.anonymous else "Game", *labels, "Ending",
             *(f"Verdict of {label}" for label in labels)]
    hot = sum(1 for s in report.counted if s.saved.session.seating is not None
              and s.saved.session.seating.hotseat)
    intro = (f"{result.games} game{'s' * (result.games != 1)} counted: {hot} with every side played by the class "
             f"(a hot seat), {result.games - hot} with a side played by the game's counterpart.")
    return join([el("h2", "The two sides: who sat where"), el("p", intro), table(heads, rows, numeric=[0])])


def _side_choices(side: SideTally) -> Markup:
    parts = [el("h2", f"{side.label}: its choices"),
             el("p", f"Played by the class in {side.people} game{'s' * (side.people != 1)}, by a counterpart in "
                     f"{side.counterparts}. A joint decision counts this side's half.", class_="muted")]
    reached = sorted((d for d in side.decisions.values() if d.reached), key=lambda d: d.order)
    for decision in reached:
        total = decision.reached
        rows = [[o.label, str(o.count), _bar(o.count, total), str(o.by_counterpart) if o.by_counterpart else "—",
                 _history_mark(o.historical)] for o in decision.options]
        kind = " (joint, decided with the other side)" if decision.joint else ""
        parts.append(el("div", el("h3", decision.title, kind),
                        table(["Option", "Chosen", "Share", "By a counterpart", ""], rows, class_="side-options",
                              numeric=[1, 3]), class_="keep"))
    if not reached:
        parts.append(el("p", "No game reached a decision of this side.", class_="muted"))
    return join(parts)


def _count_share(part: int, whole: int) -> str:
    return f"{part} ({percent(part, whole)})"


def _verdicts(result: SidesTally) -> Markup:
    words = [*VERDICT_ORDER, *sorted({w for s in result.sides for w in s.verdicts} - set(VERDICT_ORDER))]
    rows = [[VERDICT_WORDS.get(word, word), *(_count_share(s.verdicts.get(word, 0), result.games)
                                               for s in result.sides)] for word in words]
    return join([el("h2", "Each side's verdicts across the class"),
                 el("p", "One ending per game; each side judges it from where it sits.", class_="muted"),
                 table(["Verdict", *(s.label for s in result.sides)], rows, numeric=list(range(1, 1 + len(
                     result.sides))))])


def _pair_table(pair: PairTable) -> Markup:
    first, second = pair.sides
    head = [f"{first} chose", *(label + (" (history)" if historical else "")
                                         for _, label, historical in pair.columns)]
    rows = [[label + (" (history)" if historical else ""),
             *(str(pair.counts.get((row_id, col_id), 0)) for col_id, _, _ in pair.columns)]
            for row_id, label, historical in pair.rows]
    return el("div", el("h3", pair.title),
              el("p", f"{pair.games} game{'s' * (pair.games != 1)} reached it. A row is what {first} chose, a column "
                      f"what {second} chose; each cell counts the games that chose that pair.", class_="muted"),
              table(head, rows, class_="pairs", numeric=list(range(1, 1 + len(pair.columns)))), class_="keep")


def sides_html(report: ClassReport) -> Markup:
    """The class report's sections for a two-sided scenario (nothing for a one-sided one)."""
    result = sides_tally(report.reference.scenario, [s.game for s in report.counted])
    if result is None:
        return Markup("")
    reached = [p for p in result.pairs if p.games]
    pairs = join([el("h2", "Joint decisions: the pairs chosen"), *(_pair_table(p) for p in reached)]) if reached \
        else Markup("")
    return join([el("section", _teams(report, result)), el("section", _verdicts(result)),
                 *(el("section", _side_choices(side)) for side in result.sides),
                 el("section", pairs) if reached else Markup("")])


# ---- CSV -------------------------------------------------------------------------------------------------------

def sides_csv_header(report: ClassReport) -> list[str]:
    """Two columns per side in a two-sided class: who played it and its verdict (none for a one-sided one)."""
    roles = report.reference.scenario.compiled.sides.roles
    if len(roles) < 2:
        return []
    return [column for role in roles for column in (f"side:{role.id}", f"verdict:{role.id}")]


def sides_csv_values(report: ClassReport, student: Student) -> list[object]:
    """A game's value in each column of `sides_csv_header`: "player" or "counterpart:TEMPERAMENT", and the verdict
    word (empty before the end); empty where the game has no such side."""
    roles = report.reference.scenario.compiled.sides.roles
    if len(roles) < 2:
        return []
    session = student.saved.session
    own = {role.id: role.index for role in session.compiled.sides.roles}
    seating = session.seating
    values: list[object] = []
    for role in roles:
        index = own.get(role.id)
        if index is None or seating is None or index >= len(seating.seats):
            values += [None, None]
            continue
        values += [seating.of(index).by, verdict_of(session, index)]
    return values
