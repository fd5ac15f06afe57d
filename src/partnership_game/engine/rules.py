"""The rules: advance N games to their next decision, apply choices, land delayed effects, drift, and end games.

Pure computation over arrays: no pygame, no files, no global state. The same code runs one game or 100,000.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.ledger import CauseKind, Happened, Ledger, LedgerEntry
from partnership_game.engine.state import NEVER_FIRED, NO_ENDING, Pending, State
from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario, Slot
from partnership_game.scenario.conditions import Compiled, Context
from partnership_game.scenario.prose import pick

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


_HAPPENING_KIND: dict[str, CauseKind] = {"scheduled": "scheduled", "triggered": "random", "turn": "happening"}


def _clamp(values: npt.NDArray[np.float64], low: float, high: float) -> None:
    # Two ufuncs in place: np.clip's Python wrapper costs more than the work itself for a single game.
    np.maximum(values, low, out=values)
    np.minimum(values, high, out=values)


def any_column(table: BoolArray) -> BoolArray:
    """Row-wise any over a few columns: a loop over columns is much faster than a reduction along axis 1."""
    result = table[:, 0].copy()
    for column in range(1, table.shape[1]):
        result |= table[:, column]
    return result


class IllegalChoice(ValueError):
    """A choice that is not among the options available to that game."""


class Engine:
    """Runs one compiled scenario; holds no game state of its own, so one Engine serves any number of States."""

    def __init__(self, scenario: CompiledScenario) -> None:
        self.scenario = scenario
        # What is derived once per scenario by playing it (the historical road a side believes, engine/belief.py):
        # kept with the engine, not in a module's global, so it lives and dies with the engine that made it.
        self.derived: dict[str, object] = {}
        self._padded_cum = [self._pad_weights(e) for e in scenario.events]
        self._option_first = [
            np.array([o.first_row for o in e.options], dtype=np.int64) for e in scenario.events
        ]
        # Per event, only the meters and flags it can change, each as a column with one extra neutral row at the
        # end (taken by games the event does not touch): one small gather per column, no scattered writes.
        self._meter_columns = [self._columns(e.add, 0.0) for e in scenario.events]
        self._set_columns = [self._columns(e.set_flags, False) for e in scenario.events]
        self._keep_columns = [
            [(j, ~column) for j, column in self._columns(e.clear_flags, False)] for e in scenario.events
        ]
        self._immediate = [e for e in scenario.endings if e.immediate]
        self._has_immediate = bool(self._immediate)
        self._has_outcomes = [self._padded_cum[e.index].shape[1] > 1 for e in scenario.events]
        # Immediate endings are tested after every change that could meet them: only after events whose effects
        # touch a meter or flag one of their conditions reads.
        reads = set().union(*(e.condition.reads for e in self._immediate if e.condition is not None))
        self._touches_immediate = [
            any(scenario.meter_ids[m] in reads for m, _ in self._meter_columns[e.index])
            or any(scenario.flag_ids[f] in reads for f, _ in self._set_columns[e.index])
            or any(scenario.flag_ids[f] in reads for f, _ in self._keep_columns[e.index])
            for e in scenario.events
        ]
        # Random events that may not fire again too soon: one column of State.last_fired each.
        self._gap_column = {e.index: k for k, e in enumerate(e for e in scenario.events if e.min_gap > 1)}

    @staticmethod
    def _columns(table: npt.NDArray[Any], neutral: float | bool) -> list[tuple[int, npt.NDArray[Any]]]:
        extended = np.vstack([table, np.full((1, table.shape[1]), neutral, dtype=table.dtype)])
        return [(j, np.ascontiguousarray(extended[:, j])) for j in range(table.shape[1]) if table[:, j].any()]

    @staticmethod
    def _pad_weights(event: CompiledEvent) -> npt.NDArray[np.float64]:
        # (options, most rows) cumulative weights, padded with 2.0 so padding never counts below a draw in [0, 1).
        widest = max(o.row_count for o in event.options)
        table = np.full((len(event.options), widest), 2.0)
        for k, option in enumerate(event.options):
            table[k, : option.row_count] = event.cum_weights[
                option.first_row : option.first_row + option.row_count
            ]
        return table

    def start(self, seeds: npt.NDArray[np.uint64], keep_ledger: bool = False) -> State:
        """Fresh games, one per seed. The ledger is kept for a single game only (the interactive one)."""
        s = self.scenario
        n = int(seeds.shape[0])
        if keep_ledger and n != 1:
            raise ValueError("the ledger is kept for single games only")
        events = len(s.events)
        # Column-major (Fortran order) storage: still indexed [game, meter], but one meter's values over all games
        # lie side by side, which is how conditions and effects read and write them.
        return State(
            seeds=seeds.astype(np.uint64),
            seed_words=rng.seed_words(seeds),
            meters=np.array(np.broadcast_to(s.meter_start, (n, len(s.meter_start))), order="F"),
            flags=np.array(np.broadcast_to(s.flag_start, (n, len(s.flag_start))), order="F"),
            fired=np.zeros((n, events), dtype=np.int16, order="F"),
            due=np.zeros((n, events), dtype=np.uint64, order="F"),
            ending=np.full(n, NO_ENDING, dtype=np.int16),
            ended_turn=np.full(n, NO_ENDING, dtype=np.int16),
            playing=np.ones(n, dtype=np.bool_),
            last_fired=np.full((n, len(self._gap_column)), NEVER_FIRED, dtype=np.int16, order="F"),
            ledger=Ledger() if keep_ledger else None,
        )

    # ---- reading conditions -------------------------------------------------------------------------------

    def _test(self, condition: Compiled | None, state: State) -> BoolArray:
        if condition is None:
            return np.ones(state.size, dtype=np.bool_)
        value = condition.evaluate(Context(state.meters, state.flags, state.turn + 1))
        if isinstance(value, np.ndarray) and value.shape == (state.size,):
            return value
        return np.full(state.size, bool(value))

    def _chance(self, event: CompiledEvent, state: State) -> npt.NDArray[np.float64]:
        chance = event.trigger_chance
        if isinstance(chance, float):
            return np.full(state.size, chance)
        value = chance.evaluate(Context(state.meters, state.flags, state.turn + 1))
        return np.clip(np.broadcast_to(np.asarray(value, dtype=np.float64), (state.size,)), 0.0, 1.0)

    def available(self, event: CompiledEvent, state: State, active: BoolArray) -> BoolArray:
        """(N, O): which options each active game may take now."""
        table = np.empty((state.size, len(event.options)), dtype=np.bool_, order="F")
        for k, option in enumerate(event.options):
            table[:, k] = active if option.condition is None else self._test(option.condition, state) & active
        return table

    def _fires(self, slot: Slot, event: CompiledEvent, state: State) -> BoolArray:
        """Which games this slot's event fires for, consuming schedules as it reads them."""
        if slot.kind == "scheduled":
            if state.turn not in state.due_turns.get(event.index, ()):
                return np.zeros(state.size, dtype=np.bool_)
            column = state.due[:, event.index]
            bit = np.uint64(1 << state.turn)
            due_now = (column & bit) != 0
            column &= ~bit  # consumed whether or not the event's condition lets it fire
            fires: BoolArray = state.playing & due_now & (state.fired[:, event.index] < event.max_times)
            return fires & self._test(event.condition, state) if fires.any() else fires
        active = state.playing & (state.fired[:, event.index] < event.max_times)
        if slot.kind == "triggered":
            gap_column = self._gap_column.get(event.index)
            if gap_column is not None:
                active &= state.last_fired[:, gap_column] <= state.turn - event.min_gap
            active &= self._test(event.trigger_condition, state)
            if not active.any():
                return active
            return active & (
                rng.uniform(state.seed_words, state.turn, state.slot, rng.STREAM_TRIGGER)
                < self._chance(event, state)
            )
        return active & self._test(event.condition, state)

    # ---- moving the games forward -------------------------------------------------------------------------

    def advance(self, state: State) -> Pending | None:
        """Run everything automatic until a decision waits for some game; None once every game has ended."""
        plan = self.scenario.slots
        while True:
            if state.turn >= len(plan):
                self._final_endings(state)
                return None
            slots = plan[state.turn]
            while state.slot < len(slots):
                slot = slots[state.slot]
                event = self.scenario.events[slot.event]
                fires = self._fires(slot, event, state)
                if fires.any():
                    if event.is_decision:
                        available = self.available(event, state, fires)
                        fires = fires & any_column(available)
                        if fires.any():
                            return Pending(state.turn, state.slot, event, fires, available)
                    else:
                        kind = _HAPPENING_KIND[slot.kind]
                        if event.origin is not None:
                            kind = "delayed"
                        self._apply(state, event, fires, np.zeros(state.size, dtype=np.int64), kind)
                state.slot += 1
            self._end_turn(state)
            if state.over:
                return None

    def choose(self, state: State, pending: Pending, choices: IntArray) -> None:
        """Apply each active game's choice (an option index) to the pending decision and move past it."""
        if pending.turn != state.turn or pending.slot != state.slot:
            raise ValueError("this decision is no longer pending")
        active = pending.active
        picked = np.where(active, choices, 0)
        options = len(pending.event.options)
        legal = np.zeros(state.size, dtype=np.bool_)
        for option in range(options):
            legal |= (picked == option) & pending.available[:, option]
        if not bool(np.all(legal | ~active)):
            raise IllegalChoice(f"a choice is not available at '{pending.event.id}'")
        self._apply(state, pending.event, active, picked, "decision")
        state.decisions_made += int(active.sum())
        state.slot += 1

    def _apply(
        self, state: State, event: CompiledEvent, games: BoolArray, options: IntArray, kind: CauseKind
    ) -> None:
        count = int(np.count_nonzero(games))
        if state.ledger is None and count * 4 < state.size:
            # Few games touched (a random event, a rare follow-up): work on their indices only.
            self._apply_to(state, event, np.flatnonzero(games), options)
            return
        e = event.index
        fired = state.fired[:, e]
        np.add(fired, games.view(np.int8), out=fired, casting="unsafe")
        gap_column = self._gap_column.get(e)
        if gap_column is not None:
            np.copyto(state.last_fired[:, gap_column], state.turn, where=games)
        rows = self._rows(state, event, options, state.seed_words)
        rows = np.where(games, rows, len(event.add))  # untouched games take the all-zero row
        before = state.meters[0].copy() if state.ledger is not None else None
        if state.ledger is not None and bool(games[0]):
            # Words are chosen in the state the event lands in, before its effects, and kept as they were.
            happened = self._happened(state, event, int(options[0]), int(rows[0]), kind)
            state.ledger.happened.append(happened)
        s = self.scenario
        for m, column in self._meter_columns[e]:
            values = state.meters[:, m]
            values += column[rows]
            _clamp(values, s.meter_min[m], s.meter_max[m])
        for f, column in self._set_columns[e]:
            flags = state.flags[:, f]
            flags |= column[rows]
        for f, column in self._keep_columns[e]:
            flags = state.flags[:, f]
            flags &= column[rows]
        self._schedule(state, event, rows, None)
        if state.ledger is not None and before is not None and bool(games[0]):
            self._record(state.ledger, state, event, happened, int(rows[0]), before)
        if self._has_immediate and self._touches_immediate[e]:
            self._set_endings(state, games & state.playing, immediate_only=True)

    def _rows(self, state: State, event: CompiledEvent, options: IntArray,
              words: npt.NDArray[np.uint32]) -> IntArray:
        """Each game's result row: its option's first row, moved on by the outcome drawn where there are several."""
        e = event.index
        first_rows = self._option_first[e]
        # A happening has one pseudo-option whose rows start at 0: no gather needed.
        rows = np.zeros(len(options), dtype=np.int64) if len(first_rows) == 1 else first_rows[options]
        if self._has_outcomes[e]:
            draw = rng.uniform(words, state.turn, state.slot, rng.STREAM_OUTCOME)
            padded = self._padded_cum[e]
            # The outcome is how many cumulative weights lie at or below the draw; the last column is never below.
            for w in range(padded.shape[1] - 1):
                rows = rows + (padded[:, w][options] <= draw)
        return rows

    def result_rows(self, state: State, event: CompiledEvent, options: IntArray, idx: IntArray) -> IntArray:
        """The result rows the games at `idx` land on if `event` lands now with `options` (an (N,) array of option
        indices): the same draws the rules make, read without changing anything (for analysis)."""
        return self._rows(state, event, options[idx], state.seed_words[idx])

    def _apply_to(self, state: State, event: CompiledEvent, idx: IntArray, options: IntArray) -> None:
        """The same as _apply for the games at `idx` alone (no ledger: only batches take this path)."""
        e = event.index
        state.fired[idx, e] += 1
        gap_column = self._gap_column.get(e)
        if gap_column is not None:
            state.last_fired[idx, gap_column] = state.turn
        rows = self._rows(state, event, options[idx], state.seed_words[idx])
        s = self.scenario
        for m, column in self._meter_columns[e]:
            values = state.meters[idx, m] + column[rows]
            _clamp(values, s.meter_min[m], s.meter_max[m])
            state.meters[idx, m] = values
        for f, column in self._set_columns[e]:
            state.flags[idx, f] |= column[rows]
        for f, column in self._keep_columns[e]:
            state.flags[idx, f] &= column[rows]
        self._schedule(state, event, rows, idx)
        if self._has_immediate and self._touches_immediate[e]:
            games = np.zeros(state.size, dtype=np.bool_)
            games[idx] = True
            self._set_endings(state, games & state.playing, immediate_only=True)

    def _schedule(self, state: State, event: CompiledEvent, rows: IntArray, idx: IntArray | None) -> None:
        for schedule in event.schedules:
            due_turn = state.turn + schedule.after_turns
            if due_turn >= self.scenario.turn_count:
                continue  # would land after the last turn: it never fires
            hit = rows == schedule.row
            if not hit.any():
                continue
            games = hit if idx is None else idx[hit]
            state.due[games, schedule.target] |= np.uint64(1 << due_turn)
            state.due_turns.setdefault(schedule.target, set()).add(due_turn)

    def _happened(self, state: State, event: CompiledEvent, option: int, row: int, kind: CauseKind) -> Happened:
        """What game 0 reads of this event as it lands, each text's variant chosen now."""
        context = Context(state.meters[:1], state.flags[:1], state.turn + 1)
        conditions = self.scenario.text_conditions
        chosen = event.options[option]
        if event.is_decision:
            heading = pick(chosen.label_prose or chosen.label, conditions, context)
        elif event.cause_prose is not None:
            heading = pick(event.cause_prose, conditions, context)
        else:
            heading = event.title
        outcome = pick(event.row_prose[row], conditions, context) if event.row_prose else ""
        if kind == "decision" and outcome:
            kind = "outcome"
        if event.origin is not None:
            kind = "delayed"
        situation = pick(event.model.situation, conditions, context) if (
            event.model is not None and not event.is_decision) else ""
        return Happened(state.turn, kind, event.id, chosen.id, heading, pick(chosen.result, conditions, context),
                        outcome, not event.is_decision, event.random, situation)

    def _record(
        self,
        ledger: Ledger,
        state: State,
        event: CompiledEvent,
        happened: Happened,
        row: int,
        before: npt.NDArray[np.float64],
    ) -> None:
        after = state.meters[0]
        cause = happened.outcome or happened.heading
        for m, meter in enumerate(self.scenario.meter_ids):
            if after[m] != before[m] or event.add[row, m] != 0:
                ledger.entries.append(LedgerEntry(state.turn, meter, float(before[m]), float(after[m]), happened.kind,
                                                  event.id, happened.option, cause, event.origin))

    def _end_turn(self, state: State) -> None:
        s = self.scenario
        before = state.meters[0].copy() if state.ledger is not None else None
        everyone = bool(state.playing.all())
        for m in np.flatnonzero(s.drift).tolist():
            # Games that have ended keep the meters they ended with.
            values = state.meters[:, m]
            values += s.drift[m] if everyone else np.where(state.playing, s.drift[m], 0.0)
            _clamp(values, s.meter_min[m], s.meter_max[m])
        # The game that ended during this turn still closes it on the chart, with the meters it ended with.
        if state.ledger is not None and before is not None and (
            bool(state.playing[0]) or int(state.ended_turn[0]) == state.turn
        ):
            for m, meter in enumerate(s.meter_ids):
                if state.meters[0, m] != before[m]:
                    state.ledger.entries.append(
                        LedgerEntry(
                            state.turn,
                            meter,
                            float(before[m]),
                            float(state.meters[0, m]),
                            "drift",
                            "",
                            "",
                            "drift",
                        )
                    )
            state.ledger.turn_end_meters.append(tuple(float(v) for v in state.meters[0]))
        if self._has_immediate:
            self._set_endings(state, state.playing, immediate_only=True)
        state.turn += 1
        state.slot = 0

    def _set_endings(self, state: State, games: BoolArray, immediate_only: bool) -> None:
        if not games.any():
            return
        undecided = games.copy()
        for ending in self._immediate if immediate_only else self.scenario.endings:
            hit = undecided & self._test(ending.condition, state)
            state.ending[hit] = ending.index
            state.ended_turn[hit] = state.turn
            state.playing &= ~hit
            undecided &= ~hit
            if not undecided.any():
                return

    def _final_endings(self, state: State) -> None:
        playing = state.playing
        if playing.any():
            state.turn = len(self.scenario.slots) - 1
            self._set_endings(state, playing, immediate_only=False)
            state.turn = len(self.scenario.slots)
