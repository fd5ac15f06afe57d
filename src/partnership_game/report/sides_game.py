"""One two-sided game in its report: who sat on each side, each side's verdict, both halves of a joint decision,
what a counterpart expected, which side saw which meter during play."""

from __future__ import annotations

from collections.abc import Callable

from partnership_game.engine import LedgerEntry
from partnership_game.report.decisions import DecisionRow
from partnership_game.report.markup import Markup, el, join, table
from partnership_game.scenario.prose import plain
from partnership_game.scenario.sides import Sides
from partnership_game.session import Session, explain, texts
from partnership_game.session.seating import Seat
from partnership_game.session.sides_play import SidesPlay

VERDICT_WORDS = {"good": "Good", "mixed": "Mixed", "bad": "Bad"}


def two_sided(session: Session) -> bool:
    """Whether the game has sides to tell apart (a format-1 scenario has one role: its report stays as it was)."""
    return len(session.compiled.sides.roles) > 1


def _seat(session: Session, role: int) -> Seat | None:
    seating = session.seating
    return seating.of(role) if seating is not None and role < len(seating.seats) else None


def team_names(session: Session) -> str:
    """The names the people at a two-sided game gave, "Team A / Team B" in side order ('' if none)."""
    seating = session.seating
    if seating is None:
        return ""
    return " / ".join(s.name for s in seating.seats if s.person and s.name)


def seat_facts(session: Session) -> list[tuple[str, str]]:
    """The report header's lines for the players: one per side in a two-sided game, else the one player."""
    if not two_sided(session):
        return [("Player", session.player or "—")]
    return [(role.label, who_played(session, role.index)) for role in session.compiled.sides.roles]


def verdicts(session: Session) -> Markup:
    """Each side's verdict on the world's ending, its word and its text (nothing before the end)."""
    sides = session.compiled.sides
    ending = session.ending
    if ending is None or not two_sided(session):
        return Markup("")
    items = []
    for role in sides.roles:
        verdict = sides.verdict(ending.id, role.index)
        if verdict is None:
            items.append(el("div", el("h3", role.label), el("p", "This ending gives no verdict for this side.",
                                                             class_="muted"), class_="verdict"))
            continue
        word = VERDICT_WORDS.get(verdict.word, verdict.word)
        items.append(el("div", el("h3", role.label, " ", el("span", word, class_=f"mark verdict-{verdict.word}")),
                        el("p", " ".join(texts.shown(session, verdict.text).split())), class_="verdict"))
    return join([el("h3", "Each side's verdict"),
                 el("p", "One world ended; each side judges it from where it sits.", class_="muted"),
                 el("div", *items, class_="verdicts")])


def verdict_of(session: Session, role: int) -> str | None:
    """The side's verdict word ("good", "mixed", "bad") on the game's ending; None before the end or without one."""
    ending = session.ending
    if ending is None:
        return None
    verdict = session.compiled.sides.verdict(ending.id, role)
    return verdict.word if verdict is not None else None


def halves(session: Session, index: int) -> list[tuple[str, str, bool]] | None:
    """The `index`-th decision's halves if it was joint: (side label, that side's option label, history's half),
    in the event's side order; None for a side's own decision."""
    decision = session.decisions[index]
    sides = session.compiled.sides
    joint = sides.joint.get(decision.event.index)
    if joint is None:
        return None
    chosen = joint.choices_of(decision.option)
    found = []
    for side in joint.sides:
        option = side.options[chosen[side.role]]
        found.append((sides.roles[side.role].label, texts.shown(session, option.label), option.historical))
    return found


def joint_chosen(session: Session, row: DecisionRow, with_result: bool = True) -> Markup | None:
    """A joint decision's cell: each side's choice on its own line, then the pair's result; None if not joint."""
    found = halves(session, row.number - 1)
    if found is None:
        return None
    lines = [el("div", el("strong", f"{label}: "), option, class_="half") for label, option, _ in found]
    if row.result and with_result:
        lines.append(el("div", "Together: ", row.result, class_="result"))
    return join(lines, "")


def short_table(session: Session, rows: list[DecisionRow], mark: Callable[[bool | None], Markup],
                lines: list[list[object]]) -> Markup:
    """The short report's decision table for two sides after `lines` (the one-sided table's five cells each), one
    line a decision where it can: the side (or "joint"), the choice (a joint one's halves by capital), and
    history's choice only where it differs."""
    sides = session.compiled.sides
    lines = [[*line[:2], "", *line[2:]] for line in lines]
    for row in rows:
        decision = session.decisions[row.number - 1]
        joint = sides.joint.get(decision.event.index)
        decider = sides.decides[decision.event.index]
        side = "Joint" if joint is not None else sides.roles[decider].label if isinstance(decider, int) else ""
        found = halves(session, row.number - 1)
        chosen: object = row.option_label
        history: object = row.historical_option_label or ""
        if joint is not None and found is not None:
            seats = [sides.roles[half.role].seat for half in joint.sides]
            chosen = join([el("div", el("strong", f"{seat}: "), label) for seat, (_, label, _) in zip(
                seats, found, strict=True)], "")
            history = join([el("div", el("strong", f"{seat}: "), plain(o.label))
                            for seat, half in zip(seats, joint.sides, strict=True)
                            for o in half.options if o.historical], "")
        same = mark(row.same_as_history) if row.same_as_history is not None else "—"
        lines.append([row.date_label, row.event_title, side, chosen, history if row.same_as_history is False else "",
                      same])
    return table(["Date", "Decision", "Side", "Chosen", "History chose instead", "Same?"], lines,
                 class_="decisions compact sides")


def joint_history(session: Session, index: int) -> Markup | None:
    """History's pair for a joint decision, side by side; None if not joint or history marks no half."""
    decision = session.decisions[index]
    sides = session.compiled.sides
    joint = sides.joint.get(decision.event.index)
    if joint is None:
        return None
    lines = []
    for side in joint.sides:
        marked = next((o for o in side.options if o.historical), None)
        if marked is not None:
            lines.append(el("div", el("strong", f"{sides.roles[side.role].label}: "),
                            texts.shown(session, marked.label), class_="half"))
    return join(lines, "") if lines else None


def side_roads(session: Session, rows: list[DecisionRow]) -> Markup | None:
    """Each side's own count of decisions against history (its halves of joint ones included), in place of the
    one-player sentence "You took ..."; None in a one-sided game."""
    if not two_sided(session):
        return None
    sides = session.compiled.sides
    counts = {role.index: [0, 0, 0] for role in sides.roles}  # taken, unlike history, nothing to compare
    for row in rows:
        if row.set_by_class:
            continue
        decision = session.decisions[row.number - 1]
        joint = sides.joint.get(decision.event.index)
        decider = sides.decides[decision.event.index]
        if joint is not None:
            chosen = joint.choices_of(decision.option)
            for side in joint.sides:
                marked = [o.historical for o in side.options]
                same = marked[chosen[side.role]] if any(marked) else None
                _count(counts[side.role], same)
        elif isinstance(decider, int):
            _count(counts[decider], row.same_as_history)
    items = []
    for role in sides.roles:
        taken, away, blank = counts[role.index]
        said = f"{taken} decision{'s' * (taken != 1)} by {who_played(session, role.index)}"
        said += f", {away} unlike history" + (f", {blank} with no historical choice to compare" if blank else "")
        items.append(el("li", el("strong", f"{role.label}: "), said))
    return join([el("p", "Each side's decisions, a joint decision counted for both:"), el("ul", *items)])


def _count(counts: list[int], same: bool | None) -> None:
    counts[0] += 1
    if same is False:
        counts[1] += 1
    elif same is None:
        counts[2] += 1


def _temperament_label(sides: Sides, role: int, temperament: str) -> str:
    try:
        return sides.temperament(role, temperament).label
    except (KeyError, ValueError):  # a save of a version that had it: its id is all there is to show
        return temperament


def who_played(session: Session, role: int) -> str:
    """"Team A (a player)", "a player", or "a counterpart, Cautious: weighs Congress first" for one side."""
    seat = _seat(session, role)
    if seat is None:
        return "not recorded"
    if seat.person:
        return f"{seat.name} (a player)" if seat.name else "a player"
    sides = session.compiled.sides
    label = _temperament_label(sides, role, seat.temperament or "")
    found = [t for t in sides.temperaments_of(role) if t.id == seat.temperament and t.description]
    described = f": {' '.join(found[0].description.split())}" if found and found[0].description else ""
    return f"a counterpart, {label}{described}"


def expectations(session: Session) -> Markup:
    """Each counterpart decision on the branch in play with what it expected, as the game words it (read from the
    save; the counterpart is never asked again)."""
    if not two_sided(session) or session.seating is None:
        return Markup("")
    sides = session.compiled.sides
    play = SidesPlay(session, session.seating)
    rows = [[sides.roles[m.role].label, _temperament_label(sides, m.role, m.temperament), m.title,
             play.expectation(m)] for m in play.counterpart_moves()]
    if not rows:
        return Markup("")
    return join([el("h2", "What the counterpart expected"),
                 el("p", "Before each of its decisions the counterpart looked ahead over many futures of the game; "
                         "this is what it expected of the option it chose, as the game recorded it then.",
                    class_="muted"),
                 table(["Side", "Temperament", "Decision", "What it expected"], rows, class_="expected")])


def better_words(session: Session, meter: int) -> str | None:
    """Which way the meter is good for each side ("higher is better for The Kremlin and The White House"; "lower is
    better for The Kremlin; The White House does not count it"), or None in a one-sided game (its meter says it)."""
    if not two_sided(session):
        return None
    roles = session.compiled.sides.roles
    said = []
    for way, words in ((1, "higher is better for"), (-1, "lower is better for")):
        labels = [r.label for r in roles if r.good[meter] == way]
        if labels:
            said.append(f"{words} {' and '.join(labels)}")
    mute = [r.label for r in roles if r.good[meter] not in (1, -1)]
    if mute:
        said.append(f"{' and '.join(mute)} {'does' if len(mute) == 1 else 'do'} not count it either way")
    return "; ".join(said)


def whose(session: Session, entry: LedgerEntry, why: str) -> str:
    """A ledger line's cause with the side that chose named: "The White House's choice (a counterpart): ..." or
    "both sides' choices together: ..." instead of "your choice", which in a two-sided game may not be the reader's."""
    if not two_sided(session) or entry.kind not in ("decision", "outcome") or not why.startswith("your choice"):
        return why
    index = explain.decision_behind(session, entry)
    if index is None:
        return why
    decision = session.decisions[index]
    sides = session.compiled.sides
    if decision.event.index in sides.joint:
        return "both sides' choices together" + why.removeprefix("your choice")
    role = sides.decides[decision.event.index]
    if not isinstance(role, int):
        return why
    by = session.timeline.path()[index].by
    taker = " (a counterpart)" if by.startswith("counterpart:") else ""
    return f"{sides.roles[role].label}'s choice{taker}" + why.removeprefix("your choice")


def _shown_to_all(session: Session) -> bool:
    """A class that let each side see the other's meters (`show: {other_side: true}`)."""
    room = session.classroom
    return room is not None and room.lesson.other_side


def meter_sight(session: Session) -> Markup:
    """Which side saw which meter during play (the rest were shown in the debrief), as a small table."""
    if not two_sided(session):
        return Markup("")
    sides = session.compiled.sides
    everyone = _shown_to_all(session)
    rows = [[meter.label, *(("seen in play" if everyone or sides.sees_meter(role.index, m) else
                             el("span", "shown at the end", class_="muted")) for role in sides.roles)]
            for m, meter in enumerate(session.scenario.model.meters)]
    note = ("The class let each side see the other's meters too." if everyone else
            "During play each side saw only its own meters; every chart below was shown to both at the end.")
    return join([el("p", note, class_="muted"),
                 table(["Meter", *(role.label for role in sides.roles)], rows, class_="sight")])
