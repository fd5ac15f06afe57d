"""What a batch of games read and sat through: texts shown while their `assumes` was false, endings reached while
their `assumes` was false, decisions offered after an immediate ending should have ended the game, and meters held
at a bound turn after turn. Watched as the rules run, so it costs a few array operations per decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from partnership_game.engine.ledger import CauseKind
from partnership_game.engine.rules import Engine
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario, TextSite
from partnership_game.scenario.conditions import Compiled, Context
from partnership_game.scenario.prose import plain

BOUND_TURNS = 3  # a meter at its min or max for more than this many turns in a row has stopped answering
BOUND_SHARE = 0.10  # ... and that happening in more than this share of games is reported

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


def site_name(site: TextSite) -> str:
    """Where a text sits in the scenario file, as the validator names it: events.3.options.1.result."""
    return ".".join(str(part) for part in site.path)


def _holds(condition: Compiled | None, context: Context, n: int) -> BoolArray:
    if condition is None:
        return np.ones(n, dtype=np.bool_)
    value = condition.evaluate(context)
    if isinstance(value, np.ndarray) and value.shape == (n,):
        return value
    return np.full(n, bool(value))


def _context(state: State, games: IntArray, turn: int) -> Context:
    return Context(state.meters[games], state.flags[games], turn + 1)


class Watch:
    """Tallies for one batch of games under one policy."""

    def __init__(self, scenario: CompiledScenario, size: int) -> None:
        self.scenario = scenario
        meters = len(scenario.meter_ids)
        self.streak = np.zeros((size, meters), dtype=np.int16)
        self.longest = np.zeros((size, meters), dtype=np.int16)
        self.touched = np.zeros((size, meters), dtype=np.bool_)  # at a bound at some moment of this turn
        self.late: Counter[tuple[str, str]] = Counter()  # (decision, immediate ending) -> games
        self.incoherent: Counter[tuple[str, str]] = Counter()  # (site name, owner) -> games
        self.variants: Counter[tuple[str, int]] = Counter()  # (site name, variant index) -> games
        self.immediate = [e for e in scenario.endings if e.immediate and e.condition is not None]
        self._index_sites(scenario)

    def _index_sites(self, scenario: CompiledScenario) -> None:
        """Only texts with variants or assumptions can be incoherent: each filed under the moment it is read."""
        self.offered: dict[str, list[TextSite]] = {}
        self.chosen: dict[str, list[TextSite]] = {}
        self.landed: dict[str, list[TextSite]] = {}
        self.ended: dict[str, list[TextSite]] = {}
        by_moment = {"offered": self.offered, "chosen": self.chosen, "drawn": self.chosen, "landed": self.landed,
                     "ended": self.ended}
        for site in scenario.text_sites:
            if site.conditional:
                by_moment[site.moment].setdefault(site.owner, []).append(site)
        # A delayed effect lands as a hidden event of its own: find its text among its origin event's sites.
        self.delayed: dict[int, list[TextSite]] = {}
        for event in scenario.events:
            if event.origin is None:
                continue
            owner = scenario.events[scenario.event_index(event.origin[0])]
            options = [o.id for o in owner.options]
            self.delayed[event.index] = [
                site for site in self.landed.get(owner.id, ())
                if site.variants[-1].text == plain(event.cause_prose)
                and (_option_of(site) is None or options[int(_option_of(site) or 0)] == event.origin[1])
            ]
        self.ending_names = {e.id: f"endings.{k}.assumes" for k, e in enumerate(scenario.model.endings)}

    # ---- the moments texts are read, and the turn's end ---------------------------------------------------

    def offered_decision(self, state: State, pending: Pending) -> None:
        """A decision waits: the immediate endings must not already hold, and its texts must fit."""
        active = pending.active
        self.touched |= self._at_bound(state.meters) & active[:, None]
        sites = self.offered.get(pending.event.id, ())
        if not self.immediate and not sites:
            return
        if bool(active.all()):  # the usual case: read the arrays in place, no copy
            context = Context(state.meters, state.flags, state.turn + 1)
        else:
            context = _context(state, np.flatnonzero(active), state.turn)
        n = context.meters.shape[0]
        open_ = np.ones(n, dtype=np.bool_)
        for ending in self.immediate:
            held = open_ & _holds(ending.condition, context, n)
            if held.any():
                self.late[(pending.event.id, ending.id)] += int(held.sum())
                open_ &= ~held
        self._read(sites, context, None)

    def landing(self, engine: WatchedEngine, state: State, event: CompiledEvent, games: BoolArray, options: IntArray,
                kind: CauseKind) -> None:
        """An event lands on `games`, before its effects: its result, outcome or news texts are read now."""
        if event.origin is not None:
            sites = self.delayed.get(event.index, [])
        elif event.is_decision:
            sites = self.chosen.get(event.id, [])
        else:  # a happening's own words are read as it lands
            sites = [*self.offered.get(event.id, ()), *self.chosen.get(event.id, ())]
        if not sites:
            return
        idx = np.flatnonzero(games)
        context = _context(state, idx, state.turn)
        if event.origin is not None:  # a delayed effect's text: every game it lands on reads it (its sites' paths
            self._read(sites, context, None)  # name the option of the event that caused it, not of this one)
            return
        rows = engine.result_rows(state, event, options, idx)
        self._read(sites, context, (event, options[idx], rows))

    def turn_ended(self, state: State, was_playing: BoolArray) -> None:
        """Close the turn for the games that played it: a meter at a bound at any moment of it extends its run."""
        self.touched |= self._at_bound(state.meters) & was_playing[:, None]
        played = was_playing[:, None]
        self.streak = np.where(played, np.where(self.touched, self.streak + 1, 0), self.streak).astype(np.int16)
        np.maximum(self.longest, self.streak, out=self.longest)
        self.touched[:] = False

    def game_over(self, state: State) -> None:
        """Each ending's text and assumption, in the state each game ended in."""
        for ending in self.scenario.endings:
            sites = self.ended.get(ending.id, [])
            if not sites and ending.assumes is None:
                continue
            reached = state.ending == ending.index
            for turn in np.unique(state.ended_turn[reached]).tolist():
                idx = np.flatnonzero(reached & (state.ended_turn == turn))
                context = _context(state, idx, min(int(turn), self.scenario.turn_count - 1))
                self._read(sites, context, None)
                if ending.assumes is not None:
                    denied = ~_holds(ending.assumes, context, len(idx))
                    if denied.any():
                        self.incoherent[(self.ending_names[ending.id], ending.id)] += int(denied.sum())

    # ---- helpers --------------------------------------------------------------------------------------------

    def _at_bound(self, meters: npt.NDArray[np.float64]) -> BoolArray:
        s = self.scenario
        result: BoolArray = (meters <= s.meter_min) | (meters >= s.meter_max)
        return result

    def _read(self, sites: Iterable[TextSite], context: Context,
              landing: tuple[CompiledEvent, IntArray, IntArray] | None) -> None:
        n = context.meters.shape[0]
        for site in sites:
            readers = np.ones(n, dtype=np.bool_) if landing is None else _readers(site, *landing)
            if readers.any():
                bad = site.incoherent(context) & readers
                if bad.any():
                    self.incoherent[(site_name(site), site.owner)] += int(bad.sum())
                    # Which variant was read: the author fixes that one's `assumes` (or its `when`).
                    read = np.bincount(site.pick(context)[bad], minlength=len(site.variants)).tolist()
                    for k, games in enumerate(read):
                        if games:
                            self.variants[(site_name(site), k)] += games


def _option_of(site: TextSite) -> int | None:
    path = site.path
    return path[3] if len(path) > 3 and path[2] == "options" and isinstance(path[3], int) else None


def _readers(site: TextSite, event: CompiledEvent, options: IntArray, rows: IntArray) -> BoolArray:
    """Which landing games read this site: those that took its option, and drew its outcome."""
    path = site.path
    readers = np.ones(len(options), dtype=np.bool_)
    first = 0
    if len(path) > 3 and path[2] == "options" and isinstance(path[3], int):
        readers &= options == path[3]
        first = event.options[path[3]].first_row
        path = path[4:]
    else:
        path = path[2:]
    if len(path) > 1 and path[0] == "outcomes" and isinstance(path[1], int):
        readers &= rows == first + path[1]
    return readers


class WatchedEngine(Engine):
    """The same rules, telling a Watch (when one is set) what lands and when each turn ends."""

    def __init__(self, scenario: CompiledScenario) -> None:
        super().__init__(scenario)
        self.watch: Watch | None = None

    def result_rows(self, state: State, event: CompiledEvent, options: IntArray, games: IntArray) -> IntArray:
        """The result row each of `games` will land on: the same draw the rules make next (keyed to turn and slot)."""
        return self._rows(state, event, options[games], state.seed_words[games])

    def _apply(self, state: State, event: CompiledEvent, games: BoolArray, options: IntArray,
               kind: CauseKind) -> None:
        if self.watch is not None and games.any():
            self.watch.landing(self, state, event, games, options, kind)
        super()._apply(state, event, games, options, kind)

    def _end_turn(self, state: State) -> None:
        was_playing = state.playing.copy()
        super()._end_turn(state)
        if self.watch is not None:
            self.watch.turn_ended(state, was_playing)
