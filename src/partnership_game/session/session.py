"""A game in play: a scenario, a seed and a timeline, with the engine state rebuilt by replaying decisions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnership_game.engine import Engine, IllegalChoice, Pending, State
from partnership_game.scenario import CompiledEvent, CompiledScenario, LoadedScenario
from partnership_game.scenario.compiled import CompiledEnding
from partnership_game.session.timeline import Node, Timeline


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


class Session:
    """The one interactive game; front ends read it and submit choices, it owns no rules of its own."""

    def __init__(
        self, scenario: LoadedScenario, seed: int, timeline: Timeline | None = None, player: str | None = None
    ) -> None:
        self.scenario = scenario
        self.engine = Engine(scenario.compiled)
        self.seed = seed
        self.player = player
        self.timeline = timeline or Timeline()
        self.state: State
        self.pending: Pending | None
        self.decisions: list[Decision] = []
        self._replay()

    @property
    def compiled(self) -> CompiledScenario:
        return self.scenario.compiled

    def _replay(self) -> None:
        """Rebuild the state from the seed and the current branch; dice are keyed to the seed, so nothing re-rolls."""
        self.state = self.engine.start(np.array([self.seed % 2**64], dtype=np.uint64), keep_ledger=True)
        self.decisions = []
        self.pending = self.engine.advance(self.state)
        for node in self.timeline.path():
            self._apply(node)

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

    def choose(self, option: int) -> None:
        """Take option `option` of the pending decision (it must be available)."""
        if self.pending is None:
            raise ValueError("the game is over")
        if not 0 <= option < len(self.pending.event.options):
            raise IllegalChoice(f"there is no option {option}")
        if not self.available()[option]:
            raise IllegalChoice("that option is not available")
        node = self.timeline.choose(self.pending.event.id, self.pending.event.options[option].id)
        try:
            self._apply(node)
        except ReplayError:
            self.timeline.current = node.parent
            raise

    def back(self) -> bool:
        """Step back one decision (kept on the timeline as a branch); False at the start."""
        if not self.timeline.back():
            return False
        self._replay()
        return True

    def goto(self, node: int | None) -> None:
        """Move to any decision of any branch (None: the start)."""
        self.timeline.current = node
        self._replay()

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
