"""A game in play: a scenario, a seed and a timeline, with the engine state rebuilt by replaying decisions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from partnership_game.engine import Engine, IllegalChoice, Pending, State
from partnership_game.scenario import CompiledEvent, CompiledScenario, LoadedScenario
from partnership_game.scenario.compiled import CompiledEnding
from partnership_game.session.limits import MAX_PLAYER_CHARS
from partnership_game.session.timeline import Expected, Node, Timeline

if TYPE_CHECKING:
    from partnership_game.classroom.inplay import ClassInPlay
    from partnership_game.session.seating import Seating


class ReplayError(ValueError):
    """A recorded decision that the scenario does not offer at that point."""


@dataclass(frozen=True)
class Decision:
    """A decision taken on the current branch, with where it stood in the campaign."""

    turn: int
    event: CompiledEvent
    option: int

    @property
    def historical(self) -> bool:
        return self.option == self.event.historical_option


def copy_state(state: State) -> State:
    """A copy of a game's state that shares nothing it could change: every array, the ledger's lists and the
    schedule index are new (ledger entries are frozen, so they are shared)."""
    arrays = {
        f.name: getattr(state, f.name).copy()
        for f in dataclasses.fields(state)
        if isinstance(getattr(state, f.name), np.ndarray)
    }
    ledger = state.ledger
    return dataclasses.replace(
        state,
        **arrays,
        ledger=None if ledger is None else ledger.copy(),
        due_turns={event: set(turns) for event, turns in state.due_turns.items()},
    )


@dataclass(frozen=True)
class _Mark:
    """Where a replay stood at one node: its own copy of the state, what was pending, how many decisions led there."""

    state: State
    pending: Pending | None  # never changed by the engine, so a mark may share it
    depth: int


@dataclass
class _Fork:
    """A node on the way down a depth-first replay: its children, the next one to replay, and (when there are
    several) the state each of them starts from."""

    children: list[Node]
    mark: _Mark | None
    next: int = 0


class Session:
    """The one interactive game; front ends read it and submit choices, it owns no rules of its own."""

    def __init__(
        self,
        scenario: LoadedScenario,
        seed: int,
        timeline: Timeline | None = None,
        player: str | None = None,
        *,
        check_every_branch: bool = False,
        classroom: ClassInPlay | None = None,
    ) -> None:
        """Replay the current branch; with check_every_branch, replay every branch of the timeline once (a
        ReplayError names the first decision that does not fit), at a cost of one step per decision."""
        if player is not None and len(player) > MAX_PLAYER_CHARS:
            # Front ends check names with check_player_name as they are typed; this keeps every save writable.
            raise ValueError(f"the player name is longer than {MAX_PLAYER_CHARS} characters")
        self.scenario = scenario
        self.engine = Engine(scenario.compiled)
        self.seed = seed
        self.player = player
        self.timeline = timeline or Timeline()
        self.state: State
        self.pending: Pending | None
        self.decisions: list[Decision] = []
        self.classroom = classroom  # a class game's rules, applied below by choose, back and goto
        self.seating: Seating | None = None  # who plays each side (session/sides_play.py); None: one player
        if check_every_branch:
            self._replay_every_branch()
        else:
            self._replay()

    @property
    def compiled(self) -> CompiledScenario:
        return self.scenario.compiled

    def _restart(self, keep_ledger: bool = True) -> None:
        self.state = self.engine.start(np.array([self.seed % 2**64], dtype=np.uint64), keep_ledger=keep_ledger)
        self.decisions = []
        self.pending = self.engine.advance(self.state)

    def _replay(self) -> None:
        """Rebuild the state from the seed and the current branch; dice are keyed to the seed, so nothing re-rolls."""
        self._restart()
        for node in self.timeline.path():
            self._apply(node)

    def _mark(self) -> _Mark:
        return _Mark(copy_state(self.state), self.pending, len(self.decisions))

    def _return_to(self, mark: _Mark, keep: bool) -> None:
        """Stand where `mark` was taken; with keep, on a copy, so the mark can be returned to again."""
        self.state = copy_state(mark.state) if keep else mark.state
        self.pending = mark.pending
        del self.decisions[mark.depth :]  # the decisions made below the mark, on the branch replayed before

    def _replay_every_branch(self) -> None:
        """Replay the whole tree depth first, each branch from a copy of the state at its fork (the dice are keyed
        to the seed, turn and slot, so a copy carries everything), then the current branch with its ledger. States
        are kept only at the forks on the way down, never one per node."""
        children: dict[int | None, list[Node]] = {}
        for node in self.timeline.nodes:
            children.setdefault(node.parent, []).append(node)
        # Without the ledger (it has no part in the rules) each step and each copy costs less.
        self._restart(keep_ledger=False)
        roots = children.get(None, [])
        forks = [_Fork(roots, self._mark() if len(roots) > 1 else None)]
        while forks:
            fork = forks[-1]
            if fork.next == len(fork.children):
                forks.pop()
                continue
            node = fork.children[fork.next]
            fork.next += 1
            if fork.next > 1 and fork.mark is not None:  # a later child: start again from the fork's state
                self._return_to(fork.mark, keep=fork.next < len(fork.children))
            self._apply(node)
            below = children.get(node.id, [])
            if below:
                forks.append(_Fork(below, self._mark() if len(below) > 1 else None))
        self._replay()

    def _apply(self, node: Node) -> None:
        pending = self.pending
        if pending is None or pending.event.id != node.event:
            where = pending.event.id if pending is not None else "the end of the game"
            raise ReplayError(
                f"decision '{node.event}/{node.option}' does not fit here (the game is at {where})"
            )
        index = next((k for k, o in enumerate(pending.event.options) if o.id == node.option), None)
        if index is None:
            raise ReplayError(f"event '{node.event}' has no option '{node.option}'")
        try:
            self.engine.choose(self.state, pending, np.array([index], dtype=np.int64))
        except IllegalChoice:
            raise ReplayError(f"option '{node.option}' of '{node.event}' was not available then") from None
        self.decisions.append(Decision(pending.turn, pending.event, index))
        self.pending = self.engine.advance(self.state)

    # ---- what front ends call -----------------------------------------------------------------------------

    def available(self) -> list[bool]:
        """Which options of the pending decision may be taken now."""
        if self.pending is None:
            return []
        return [bool(v) for v in self.pending.available[0]]

    def choose(self, option: int, by: str = "player", expected: Expected | None = None) -> None:
        """Take option `option` of the pending decision (it must be available); `by` and `expected` are recorded
        on its node (who took it, and what a counterpart expected)."""
        if self.pending is None:
            raise ValueError("the game is over")
        self._class_allows_choice()
        if not 0 <= option < len(self.pending.event.options):
            raise IllegalChoice(f"there is no option {option}")
        if not self.available()[option]:
            raise IllegalChoice("that option is not available")
        node = self.timeline.choose(self.pending.event.id, self.pending.event.options[option].id, by, expected)
        try:
            self._apply(node)
        except ReplayError:
            self.timeline.current = node.parent
            raise

    def back(self) -> bool:
        """Step back one decision (kept on the timeline as a branch); False at the start, or where the class does
        not allow it (`refusal` then says why)."""
        current = self.timeline.current
        if current is None:
            return False
        parent = self.timeline.nodes[current].parent
        if self.refusal(parent) is not None:
            return False
        self._leave_present()
        self.timeline.back()
        self._replay()
        return True

    def goto(self, node: int | None) -> None:
        """Move to any decision of any branch (None: the start); ClassRefused where the class does not allow it."""
        why = self.refusal(node)
        if why is not None:
            from partnership_game.classroom.inplay import ClassRefused

            raise ClassRefused(why)
        if self.classroom is not None and self.classroom.reviewing and node == self.classroom.present:
            self.return_to_present()
            return
        self._leave_present()
        self.timeline.current = node
        self._replay()

    # ---- a class game's rules ------------------------------------------------------------------------------

    def refusal(self, node: int | None) -> str | None:
        """Why the class does not let the game go to `node` (None: it may, or this is no class game)."""
        if self.classroom is None:
            return None
        depth = len(self.timeline.path(node)) if node is not None else 0
        return self.classroom.refuse_back_to(depth)

    def _leave_present(self) -> None:
        """In a look-only class, the first step back remembers the present: the student can only look."""
        room = self.classroom
        if room is not None and room.rollback == "look_only" and not room.reviewing:
            room.present = self.timeline.current
            room.reviewing = True

    def return_to_present(self) -> None:
        """End a look back in a look-only class: the game is where the student left it."""
        room = self.classroom
        if room is not None and room.reviewing:
            room.reviewing = False
            self.timeline.current = room.present
            room.present = None
            self._replay()

    @property
    def present_node(self) -> int | None:
        """The decision the game stands at: while looking back in a look-only class, where the student left it."""
        room = self.classroom
        return room.present if room is not None and room.reviewing else self.timeline.current

    @property
    def stopped(self) -> bool:
        """Whether play has ended: the campaign is over, or a class game has passed its lesson's last turn."""
        if self.pending is None:
            return True
        return self.classroom is not None and self.classroom.past_the_end(self.pending.turn)

    def _class_allows_choice(self) -> None:
        room = self.classroom
        if room is None:
            return
        from partnership_game.classroom.inplay import ClassRefused, LessonOver

        if room.past_the_end(self.pending.turn if self.pending is not None else None):
            raise LessonOver("The lesson ends here; the debrief is open.")
        why = room.refuse_choice()
        if why is not None:
            raise ClassRefused(why)

    @property
    def decisions_left(self) -> int:
        """How many more new decisions this game's save can hold (following a branch already made costs none)."""
        return self.timeline.decisions_left

    @property
    def over(self) -> bool:
        return self.pending is None

    @property
    def ending(self) -> CompiledEnding | None:
        index = int(self.state.ending[0])
        return self.scenario.compiled.endings[index] if index >= 0 else None

    def meters(self) -> dict[str, float]:
        return {
            m: float(v) for m, v in zip(self.scenario.compiled.meter_ids, self.state.meters[0], strict=True)
        }

    def start_meters(self) -> dict[str, float]:
        return {
            m: float(v)
            for m, v in zip(self.scenario.compiled.meter_ids, self.scenario.compiled.meter_start, strict=True)
        }
