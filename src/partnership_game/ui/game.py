"""A game in the window: the session, its historical ghost, and autosaves. Glue only; the rules stay in the engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from partnership_game import paths
from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.inplay import ClassRefused
from partnership_game.classroom.lesson import Lesson
from partnership_game.classroom.start import carry_class, start_class_game
from partnership_game.engine import Engine, LedgerEntry, historical, play_out
from partnership_game.engine.ledger import Happened
from partnership_game.scenario import LoadedScenario
from partnership_game.session import DecisionCapReached, Session, decisions_left_notice, texts, write_save
from partnership_game.session.autosaves import autosave_for
from partnership_game.session.preview import OptionPreview, preview_option
from partnership_game.session.saves import SavedOutcome

# What a decision can be refused with, the game left as it was (Game.refuse says why).
REFUSALS = (DecisionCapReached, ClassRefused)


@dataclass
class Turnpoint:
    """Where the current branch stood at the start of a turn: the node to go back to (None: the beginning)."""

    turn: int
    node: int | None


class Game:
    """The session in the window; a class game's rules (what is shown, how far back one may go) are the session's."""

    def __init__(self, session: Session, note: str | None = None, loaded_from: Path | None = None) -> None:
        self.session = session
        self.note = note  # shown once, e.g. "this save's scenario has changed since"
        self.ghost = self._historical_ghost()
        # Each game its own autosave, named now; a game loaded from an autosave goes on in that file.
        self.autosave_path = autosave_for(paths.saves_dir(), session.scenario.model.id, loaded_from)
        self.last_autosave_error: str | None = None
        self.refused: str | None = None  # why the last choice was not taken (the save is full), for the status line
        self.landed: list[Happened] = []  # what the last choice and the turns it ran through brought, in order
        self.opened_branch = False
        # The outcome screen of the last choice while it is open (saved with the autosave, so Continue after a
        # crash shows it again); None once the player has closed it.
        self.outcome: SavedOutcome | None = None

    @property
    def note(self) -> str | None:
        """What the turn screen shows above the event: the note from loading, and how full the save is once it is
        nearly full."""
        notes = [n for n in (self._note, decisions_left_notice(self.session.decisions_left)) if n]
        return " ".join(notes) or None

    @note.setter
    def note(self, value: str | None) -> None:
        self._note = value

    @classmethod
    def new(cls, scenario: LoadedScenario, seed: int, player: str | None = None) -> Game:
        return cls(Session(scenario, seed, player=player))

    @classmethod
    def new_class(cls, lesson: Lesson, player: str | None = None, clock: ClassClock | None = None) -> Game:
        """A new game of a lesson: history up to its start, its rules from then on; `clock` is the class's clock
        of an earlier game, so a new game does not restart the time box."""
        return cls(start_class_game(lesson, player, clock=clock))

    # ---- what the class allows (the session's rules; the window only asks) ----------------------------------

    def shows(self, what: str) -> bool:
        """Whether the class lets students see previews, odds, historical marks or the ghost line now."""
        room = self.session.classroom
        return room is None or room.shows(what, over=self.session.stopped)

    @property
    def rollback_mode(self) -> str:
        room = self.session.classroom
        return room.rollback if room is not None else "allowed"

    @property
    def floor_depth(self) -> int:
        """Decisions before this depth were taken for the students (the class starts later)."""
        room = self.session.classroom
        return room.floor if room is not None else 0

    @property
    def reviewing(self) -> bool:
        """Looking back in a look-only class: the game stands where the student left it."""
        room = self.session.classroom
        return room is not None and room.reviewing

    def _may_go_to(self, node: int | None) -> bool:
        return self.session.refusal(node) is None

    def return_to_present(self) -> None:
        """End a look back in a look-only class: the game is where the student left it."""
        self.session.return_to_present()

    @property
    def scenario(self) -> LoadedScenario:
        return self.session.scenario

    def _historical_ghost(self) -> list[tuple[float, ...]]:
        """The meters at the end of each turn on the historical road, with the same dice."""
        engine = Engine(self.session.compiled)
        state = engine.start(np.array([self.session.seed % 2**64], dtype=np.uint64), keep_ledger=True)
        play_out(engine, state, historical)
        return list(state.ledger.turn_end_meters) if state.ledger else []

    def history(self) -> list[tuple[float, ...]]:
        """The meters at the end of each turn played so far on this branch."""
        ledger = self.session.state.ledger
        return list(ledger.turn_end_meters) if ledger else []

    def entries(self) -> list[LedgerEntry]:
        ledger = self.session.state.ledger
        return list(ledger.entries) if ledger else []

    def preview(self, option: int) -> OptionPreview | None:
        pending = self.session.pending
        if pending is None:
            return None
        return preview_option(self.session.compiled, pending.event, option)

    def choose(self, option: int) -> list[LedgerEntry]:
        """Take an option; returns the ledger entries it and what followed produced, up to the next decision."""
        before = len(self.entries())
        told = len(texts.happened(self.session))
        known = {n.id for n in self.session.timeline.children(self.session.timeline.current)}
        self.refused = None
        self.landed = []
        try:
            self.session.choose(option)
        except REFUSALS as exc:  # the game is as it was; nothing to save
            self.refuse(exc)
            return []
        self.landed = texts.happened(self.session)[told:]
        current = self.session.timeline.current
        self.outcome = SavedOutcome(node=current, entries=before, told=told) if current is not None else None
        # A choice that differs from every earlier one made here opens a branch; the old ones stay on the timeline.
        self.opened_branch = bool(known) and self.session.timeline.current not in known
        self.autosave()
        return self.entries()[before:]

    def refuse(self, exc: DecisionCapReached | ClassRefused) -> None:
        """A decision the session refused: why, for the status line (the save is full, as a sentence; or the class's
        own words: look-only, or past the lesson's end)."""
        self.refused = str(exc)[:1].upper() + str(exc)[1:] + "." if isinstance(exc, DecisionCapReached) else str(exc)

    def close_outcome(self) -> None:
        """The player closed the outcome screen: the autosave no longer asks Continue to show it."""
        if self.outcome is not None:
            self.outcome = None
            self.autosave()

    def autosave(self) -> None:
        outcome = self.outcome if self.outcome is not None and self.outcome.node == self.session.timeline.current \
            else None
        try:
            write_save(self.autosave_path, self.session, outcome=outcome)
            self.last_autosave_error = None
        except OSError as exc:
            self.last_autosave_error = str(exc.strerror or exc)

    def save_as(self, path: Path) -> None:
        write_save(path, self.session)

    def turn_points(self) -> list[Turnpoint]:
        """For each turn on the current branch that had a decision: the node to return to for its first decision."""
        points: list[Turnpoint] = []
        previous: int | None = None
        path = self.session.timeline.path()
        for node, decision in zip(path, self.session.decisions, strict=True):
            if not points or points[-1].turn != decision.turn:
                points.append(Turnpoint(decision.turn, previous))
            previous = node.id
        return points

    def go_to_turn(self, turn: int) -> bool:
        """Step back to the first decision of a past turn on this branch; False when there is none or the class
        does not allow it."""
        for point in self.turn_points():
            if point.turn == turn and self._may_go_to(point.node):
                self._goto(point.node)
                if not self.reviewing:
                    self.autosave()
                return True
        return False

    def reload(self) -> str:
        """Load the scenario again from its file and replay this branch's decisions as far as the edited file still
        allows; returns what happened in words. ScenarioError (with every problem) leaves the game as it was."""
        from partnership_game.scenario import load_path
        from partnership_game.session.session import ReplayError

        source = Path(self.session.scenario.path)
        if not source.is_file():
            return "This game's scenario came with a save; there is no file to reload."
        fresh = load_path(source)
        # A look back in a look-only class is not the game: the present is what is replayed.
        present = self.session.present_node
        path = self.session.timeline.path(present) if present is not None else []
        replayed = Session(fresh, self.session.seed, player=self.session.player)
        stopped = ""
        for node in path:
            pending = replayed.pending
            if pending is None or pending.event.id != node.event:
                stopped = f"the decision '{node.event}' no longer comes at that point"
                break
            ids = [o.id for o in pending.event.options]
            if node.option not in ids:
                stopped = f"'{node.event}' has no option '{node.option}' any more"
                break
            try:
                replayed.choose(ids.index(node.option))
            except (ReplayError, ValueError):
                stopped = f"'{node.event}/{node.option}' is not available any more"
                break
        carry_class(self.session, replayed)  # the same class, clock and start; ScenarioError keeps the old game
        self.session = replayed
        self.ghost = self._historical_ghost()
        done = len(replayed.decisions)
        if stopped:
            return f"Reloaded {fresh.model.id}: replayed {done} of {len(path)} decisions; stopped because {stopped}."
        return f"Reloaded {fresh.model.id}: replayed all {done} decisions."

    def go_to_node(self, node: int | None) -> bool:
        """Go to any decision of any branch (the end of a branch from the tree), as the class allows."""
        if not self._may_go_to(node):
            return False
        self._goto(node)
        if not self.reviewing:
            self.autosave()
        return True

    def _goto(self, node: int | None) -> None:
        self.session.goto(node)  # a game of two sides goes through its SidesPlay (ui/sides_game.py)

    def back(self) -> bool:
        """Step back one decision, as the class allows (False at the start or where it does not)."""
        moved = self.session.back()
        if moved and not self.reviewing:
            self.autosave()
        return moved

    def branches_at(self) -> dict[int, int]:
        """For each turn: how many other branches leave the current path at that turn's decisions."""
        timeline = self.session.timeline
        counts: dict[int, int] = {}
        path = timeline.path()
        parents = [None, *[n.id for n in path[:-1]]] if path else []
        for parent, decision in zip(parents, self.session.decisions, strict=True):
            others = len(timeline.children(parent)) - 1
            if others > 0:
                counts[decision.turn] = counts.get(decision.turn, 0) + others
        if self.session.pending is not None:
            others = len(timeline.children(timeline.current))
            if others:
                counts[self.session.state.turn] = counts.get(self.session.state.turn, 0) + others
        return counts
