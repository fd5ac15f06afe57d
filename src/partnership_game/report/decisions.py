"""Each decision on the branch in play set against history: the rows of the report's table and its CSV log."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.session import Session, explain, texts


@dataclass(frozen=True)
class DecisionRow:
    number: int
    turn: int  # 1-based, as players count
    date: str  # YYYY-MM-DD
    date_label: str  # as the scenario writes it ('Sept 12–19, 2001')
    event_id: str
    event_title: str
    option_id: str
    option_label: str
    historical_option_id: str | None  # None: the scenario marks no option as history's
    historical_option_label: str | None
    result: str = ""  # what happened, in the words chosen as it landed: the result, then the drawn outcome
    set_by_class: bool = False  # taken for the students before the lesson's start (history's choice), not by them
    # Two-sided games: the deciding side (a joint decision's sides joined by " + ") and who took it, as the save
    # records it ("player", "counterpart:cautious"; a joint one's halves joined by "+"). Empty for one side.
    side: str = ""
    by: str = ""

    @property
    def same_as_history(self) -> bool | None:
        return None if self.historical_option_id is None else self.option_id == self.historical_option_id


def decision_rows(session: Session, set_by_class: int = 0) -> list[DecisionRow]:
    """Every decision on the branch in play; the first `set_by_class` were taken for the class before its start."""
    turns = session.scenario.model.turns
    rows = []
    sides = _sides(session)
    for number, decision in enumerate(session.decisions, 1):
        turn = turns[decision.turn]
        event = decision.event
        chosen = event.options[decision.option]
        marked = event.options[event.historical_option] if event.historical_option >= 0 else None
        landed = explain.decision_happened(session, number - 1)
        rows.append(DecisionRow(
            number=number, turn=decision.turn + 1, date=turn.date, date_label=turn.date_label or turn.date,
            event_id=event.id, event_title=event.title, option_id=chosen.id,
            option_label=texts.decision_label(session, number - 1),  # as the player read it when choosing
            historical_option_id=marked.id if marked else None,
            historical_option_label=marked.label if marked else None,
            result=" ".join(explain.what_happened(landed).split()) if landed is not None else "",
            set_by_class=number <= set_by_class,
            **sides[number - 1],
        ))
    return rows


def _sides(session: Session) -> list[dict[str, str]]:
    """For each decision on the branch in play: its side and who took it (nothing when the scenario has one side)."""
    sides = session.compiled.sides
    nodes = session.timeline.path()
    if len(sides.roles) < 2:
        return [{} for _ in session.decisions]
    found = []
    for decision, node in zip(session.decisions, nodes, strict=True):
        joint = sides.joint.get(decision.event.index)
        decider = sides.decides[decision.event.index] if decision.event.index < len(sides.decides) else None
        roles = [side.role for side in joint.sides] if joint is not None else (
            [decider] if isinstance(decider, int) else [])
        found.append({"side": " + ".join(sides.roles[role].label for role in roles), "by": node.by})
    return found


def side_words(row: DecisionRow) -> str:
    """The side column as a reader reads it: "The White House (counterpart, cautious)", a joint decision's sides
    each with its own part ("The Kremlin (player) + The White House (counterpart, cautious)")."""
    labels = row.side.split(" + ") if row.side else []
    takers = row.by.split("+") if row.by else []
    words = []
    for k, label in enumerate(labels):
        taker = takers[k] if k < len(takers) else ""
        kind, _, temperament = taker.partition(":")
        said = f"{kind}, {temperament}" if temperament else kind
        words.append(f"{label} ({said})" if said else label)
    return " + ".join(words)


def own(rows: list[DecisionRow]) -> list[DecisionRow]:
    """The decisions the students took themselves (not those the class set before its start)."""
    return [row for row in rows if not row.set_by_class]


def departures(rows: list[DecisionRow]) -> int:
    """How many of the students' own decisions left the historical road (decisions with no historical option do
    not count)."""
    return sum(1 for row in own(rows) if row.same_as_history is False)


def road(rows: list[DecisionRow]) -> explain.Road:
    """The students' own rows counted as every screen counts them: taken, different from history, with no choice
    to compare."""
    mine = own(rows)
    return explain.Road(len(mine), departures(mine), sum(1 for row in mine if row.same_as_history is None))
