"""Counting a class: how many chose each option at each decision, how the games ended, how close to history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from partnership_game.scenario import LoadedScenario
from partnership_game.session import Session


@dataclass
class OptionCount:
    option_id: str
    label: str
    historical: bool
    known: bool = True  # False: the option is not in the reference version of the scenario
    count: int = 0


@dataclass
class DecisionTally:
    event_id: str
    title: str
    order: int  # its place in the reference scenario
    known: bool = True
    options: list[OptionCount] = field(default_factory=list)
    turns: set[int] = field(default_factory=set)  # the turns (0-based) at which games reached it
    date_label: str = ""

    @property
    def reached(self) -> int:
        return sum(o.count for o in self.options)

    @property
    def historical_count(self) -> int:
        return sum(o.count for o in self.options if o.historical)

    @property
    def has_history(self) -> bool:
        return any(o.historical for o in self.options)


@dataclass
class EndingCount:
    ending_id: str | None  # None: the game was not finished, or it stopped at the lesson's end
    title: str
    historical: bool
    known: bool = True
    count: int = 0
    kind: str = "ending"  # "ending", "lesson_end" (stopped where the lesson ends) or "unfinished"


@dataclass(frozen=True)
class Game:
    """One game as the class counts it: its decisions from `own_from` on are the students' own (the earlier ones
    the class set before its start), and whether it got to its end (the campaign's, or the lesson's last turn)."""

    session: Session
    own_from: int = 0
    at_lesson_end: bool = False


@dataclass
class ClassTally:
    decisions: list[DecisionTally]
    endings: list[EndingCount]
    games: int

    @property
    def reached_historical_ending(self) -> int:
        return sum(e.count for e in self.endings if e.historical)


def _decision_tallies(scenario: LoadedScenario) -> dict[str, DecisionTally]:
    tallies: dict[str, DecisionTally] = {}
    for event in scenario.compiled.events:
        if event.is_decision:
            tallies[event.id] = DecisionTally(event.id, event.title, len(tallies), options=[
                OptionCount(o.id, o.label, o.historical) for o in event.options
            ])
    return tallies


def _date_label(scenario: LoadedScenario, turns: set[int]) -> str:
    """The date the games met the decision; a decision some met earlier and some later (a triggered one) spans."""
    model_turns = scenario.model.turns
    labels = [model_turns[t].date_label or model_turns[t].date for t in sorted(turns) if t < len(model_turns)]
    if not labels:
        return ""
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


def _count_decisions(tallies: dict[str, DecisionTally], session: Session, own_from: int) -> None:
    for decision in session.decisions[own_from:]:
        event = decision.event
        option = event.options[decision.option]
        tally = tallies.get(event.id)
        if tally is None:  # a decision only another version of the scenario has
            tally = tallies[event.id] = DecisionTally(event.id, event.title, len(tallies), known=False)
        tally.turns.add(decision.turn)
        entry = next((o for o in tally.options if o.option_id == option.id), None)
        if entry is None:
            entry = OptionCount(option.id, option.label, option.historical, known=False)
            tally.options.append(entry)
        entry.count += 1


def tally(reference: LoadedScenario, games: Sequence[Game | Session], lesson_end: str = "") -> ClassTally:
    """Counts over the branch in play of each game, from where the students' own decisions begin; labels and order
    come from the reference scenario. `lesson_end` names the lesson's last turn, when it has one."""
    decisions = _decision_tallies(reference)
    endings: dict[str, EndingCount] = {
        e.id: EndingCount(e.id, e.title, e.historical) for e in reference.model.endings
    }
    played = [g if isinstance(g, Game) else Game(g) for g in games]
    for game in played:
        session = game.session
        _count_decisions(decisions, session, game.own_from)
        ending = session.ending
        if ending is not None:
            key = ending.id
            if key not in endings:
                endings[key] = EndingCount(ending.id, ending.title, ending.historical, known=False)
        elif game.at_lesson_end:
            key = "\0lesson_end"  # not an id a scenario can declare
            if key not in endings:
                endings[key] = EndingCount(None, f"Played to the lesson's end ({lesson_end})", False,
                                           kind="lesson_end")
        else:
            key = "\0unfinished"
            if key not in endings:
                endings[key] = EndingCount(None, "Not finished", False, kind="unfinished")
        endings[key].count += 1
    reached = sorted((d for d in decisions.values() if d.reached), key=lambda d: (min(d.turns), d.order))
    for d in reached:
        d.date_label = _date_label(reference, d.turns)
    ordered = sorted(endings.values(), key=lambda e: ("ending", "lesson_end", "unfinished").index(e.kind))
    return ClassTally(reached, ordered, len(played))


def unreached(reference: LoadedScenario, result: ClassTally, set_by_class: Iterable[str] = ()) -> list[str]:
    """The titles of the reference's decisions nobody reached (those the class set before its start aside)."""
    seen = {d.event_id for d in result.decisions} | set(set_by_class)
    return [e.title for e in reference.compiled.events if e.is_decision and e.id not in seen]
