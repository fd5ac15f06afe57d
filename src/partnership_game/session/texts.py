"""The words a player reads for a scenario text, chosen for the game as it stands (one place for every front end)."""

from __future__ import annotations

from collections.abc import Iterable

from partnership_game.engine import LedgerEntry, State
from partnership_game.engine.ledger import Happened
from partnership_game.scenario import CompiledScenario
from partnership_game.scenario.compiled import CompiledOption
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.prose import AnyProse, pick
from partnership_game.session.session import Session


def shown_at(compiled: CompiledScenario, state: State, value: AnyProse | None, game: int = 0) -> str:
    """The text game `game` of `state` reads for `value` now: a plain text as it is, or the first variant whose
    `when` holds ('' for none)."""
    if value is None or isinstance(value, str):
        return value or ""
    context = Context(state.meters[game : game + 1], state.flags[game : game + 1], state.turn + 1)
    return pick(value, compiled.text_conditions, context)


def in_sentence(name: str) -> str:
    """A side's or a body's name as it reads inside a sentence: "Pass to the White House", not "to The White House"."""
    return "the " + name[4:] if name.startswith("The ") else name


def shown(session: Session, value: AnyProse | None) -> str:
    """The text to show for `value` in this session's current state ('' for none).

    Every front end (terminal, window, reports) reads scenario prose through here, so text that follows the road
    taken (variants chosen by condition) is decided in one place. Texts of what already happened (results,
    outcomes, delayed effects) were chosen as they landed: read them from `happened(session, turn)`.
    """
    return shown_at(session.compiled, session.state, value)


def label(session: Session, option: CompiledOption) -> str:
    """An option's label as the pending decision offers it now."""
    return shown(session, option.label_prose or option.label)


def happened(session: Session, turn: int | None = None) -> list[Happened]:
    """What landed on the game (all of it, or on one turn), in order, with its words as they were chosen then:
    decisions (heading = the label, `result`, `outcome`) and news (random, scheduled and delayed events)."""
    ledger = session.state.ledger
    if ledger is None:
        return []
    return list(ledger.happened) if turn is None else ledger.happened_in(turn)


def decision_label(session: Session, index: int) -> str:
    """The label of the session's `index`-th decision as it read when it was taken (history is not rewritten)."""
    decisions = [h for h in happened(session) if not h.news]
    if 0 <= index < len(decisions):
        return decisions[index].heading
    decision = session.decisions[index]
    return decision.event.options[decision.option].label


def crossed_at(compiled: CompiledScenario, entries: Iterable[LedgerEntry]) -> list[str]:
    """The warnings of the meter thresholds these changes crossed in their warning's direction, in order."""
    marks = compiled.warning_marks
    if not marks:
        return []
    found: list[str] = []
    for entry in entries:
        for mark in marks:
            if mark.meter == entry.meter and mark.crossed(entry.before, entry.after) and mark.warning not in found:
                found.append(mark.warning)
    return found


def crossed(session: Session, entries: Iterable[LedgerEntry]) -> list[str]:
    """Threshold warnings to show for these ledger entries (e.g. the ones of the last decision and its turn)."""
    return crossed_at(session.compiled, entries)
