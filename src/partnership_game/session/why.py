"""Why a game ended as it did, read from the scenario's own ending conditions (so it works for every mod).

Three answers: the reached ending's condition in words with the values that met it; the nearest ending the player
missed (of those checked before it) with what it needed and what the player had; and the decisions that moved the
meters those two conditions read, from the ledger, delayed effects counted to the decision that caused them.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.scenario import condition_tree as ct
from partnership_game.scenario.compiled import CompiledEnding
from partnership_game.session.explain import decision_behind
from partnership_game.session.session import Session
from partnership_game.session.texts import decision_label, shown
from partnership_game.text.layout import fit, wrap

MOVERS = 3
_WORDS = {">=": "at least", ">": "above", "<=": "at most", "<": "under", "==": "exactly", "!=": "other than"}
FLAG_DISTANCE = 1.0  # a flag that is not as needed counts as far as a meter's whole range


@dataclass(frozen=True)
class Reason:
    """One test of an ending's condition: in words as met ("Trust 81 (needed at least 50)"), and as needed and
    missed ("Trust at least 70", "yours was 65")."""

    met: str
    need: str
    yours: str
    holds: bool
    distance: float  # how far the game was from passing it, in shares of the meters' ranges (0 when it holds)


@dataclass(frozen=True)
class EndingReasons:
    """An ending and the tests that explain it: those that met it (reached) or those that failed (missed)."""

    ending: CompiledEnding
    title: str
    reasons: tuple[Reason, ...]

    @property
    def distance(self) -> float:
        return sum(r.distance for r in self.reasons)


@dataclass(frozen=True)
class Mover:
    """A decision and what it did, in total, to the meters that decided the ending."""

    date: str
    event_title: str
    option_label: str
    changes: tuple[tuple[str, float], ...]  # (meter label, summed change), in the scenario's meter order

    @property
    def weight(self) -> float:
        return sum(abs(delta) for _, delta in self.changes)


@dataclass(frozen=True)
class Why:
    reached: EndingReasons | None  # None while the game is still being played
    missed: EndingReasons | None  # None when no ending was checked before the reached one (or it was immediate)
    movers: tuple[Mover, ...]


def number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.1f}"


class _Words:
    """Turns the tests of one game's conditions into words, with that game's values."""

    def __init__(self, session: Session) -> None:
        self.session = session
        model = session.scenario.model
        self.meters = {m.id: m for m in model.meters}
        self.flag_labels = {f.id: shown(session, f.label) for f in model.flags}
        ended = int(session.state.ended_turn[0])
        turn = (ended if ended >= 0 else session.state.turn) + 1  # the 1-based turn the condition was read on
        self.values = ct.Values(
            session.meters(),
            dict(zip(session.compiled.flag_ids, (bool(v) for v in session.state.flags[0]), strict=True)),
            turn,
        )
        self.numbers = frozenset([*self.meters, "turn"])

    def tree(self, source: str) -> ct.Tree:
        return ct.tests(ct.parse(source), self.numbers)

    def _subject(self, source: str, expr: ct.Expr) -> str:
        if expr.op == "name" and expr.value in self.meters:
            return shown(self.session, self.meters[str(expr.value)].label)
        if expr.op == "name":
            return "the turn"
        return ct.text_of(source, expr)  # arithmetic reads best as the modder wrote it

    def _span(self, expr: ct.Expr) -> float:
        spans = [m.max - m.min for name, m in self.meters.items() if name in ct.names_in(expr)]
        return max(spans) if spans else 100.0

    def reason(self, source: str, test: ct.Test) -> Reason:
        holds = ct.holds(test, self.values)
        if test.left is not None and test.right is not None:
            return self._comparison(source, test, holds)
        text = ct.text_of(source, test.expr)
        if test.expr.op == "name" and test.expr.value in self.flag_labels:
            label = f"“{self.flag_labels[str(test.expr.value)]}”"
            if test.negated:
                return Reason(f"{label}: no", f"{label} not to be so", "it was", holds, 0 if holds else FLAG_DISTANCE)
            return Reason(f"{label}: yes", label, "it was not so", holds, 0 if holds else FLAG_DISTANCE)
        if test.expr.op == "bool":
            always = bool(test.expr.value) != test.negated
            return Reason("always", "what can never be", "", always, 0 if always else FLAG_DISTANCE)
        shown_text = f"not ({text})" if test.negated else text
        return Reason(shown_text, shown_text, "it did not hold", holds, 0 if holds else FLAG_DISTANCE)

    def _comparison(self, source: str, test: ct.Test, holds: bool) -> Reason:
        assert test.left is not None and test.right is not None
        left = float(ct.evaluate(test.left, self.values))
        right = float(ct.evaluate(test.right, self.values))
        distance = 0.0 if holds else abs(left - right) / self._span(test.expr)
        if test.right.op in ("num", "neg") and not ct.names_in(test.right):
            subject = self._subject(source, test.left)
            wanted = f"{_WORDS[test.op]} {number(right)}"
            # A meter reads "Trust 81"; a sum as written reads "trust + gains came to 97".
            came = " came to" if test.left.op != "name" else ""
            return Reason(f"{subject}{came} {number(left)} (needed {wanted})", f"{subject} {wanted}",
                          f"yours {'came to' if came else 'was'} {number(left)}", holds, distance)
        # Two sides that both vary: the comparison as written, with what each side came to.
        text = ct.text_of(source, test.expr)
        had = (f"{ct.text_of(source, test.left)} was {number(left)} and {ct.text_of(source, test.right)} "
               f"was {number(right)}")
        return Reason(f"{text} ({had})", text, had, holds, distance)


def _met(words: _Words, source: str, tree: ct.Tree) -> list[Reason]:
    """The tests that made a condition hold: every part of an 'and', the parts of an 'or' that held."""
    if isinstance(tree, ct.Test):
        return [words.reason(source, tree)]
    if tree.kind == "and":
        return [r for part in tree.parts for r in _met(words, source, part)]
    held = [part for part in tree.parts if ct.holds(part, words.values)]
    return [r for part in held for r in _met(words, source, part)]


def _failing(words: _Words, source: str, tree: ct.Tree) -> list[Reason]:
    """The cheapest set of tests that would have had to change for a condition to hold: for an 'or', its
    nearest part (fewest failing tests, then least distance)."""
    if isinstance(tree, ct.Test):
        reason = words.reason(source, tree)
        return [] if reason.holds else [reason]
    options = [_failing(words, source, part) for part in tree.parts]
    if tree.kind == "and":
        return [r for found in options for r in found]
    return min(options, key=lambda found: (len(found), sum(r.distance for r in found)))


def _reached(words: _Words, ending: CompiledEnding) -> EndingReasons:
    title = shown(words.session, ending.title)
    if ending.condition is None:
        return EndingReasons(ending, title, ())
    source = ending.condition.source
    return EndingReasons(ending, title, tuple(_met(words, source, words.tree(source))))


def _nearest_missed(words: _Words, reached: CompiledEnding) -> EndingReasons | None:
    """Of the endings checked before the reached one (higher priority), the one that needed least to change.
    Immediate endings are rules that stop a game, not goals, so they are never offered as the road not taken."""
    if reached.immediate:
        return None
    candidates = []
    for ending in words.session.compiled.endings[: reached.index]:
        if ending.immediate or ending.condition is None:
            continue
        source = ending.condition.source
        failing = _failing(words, source, words.tree(source))
        if failing:
            candidates.append(EndingReasons(ending, shown(words.session, ending.title), tuple(failing)))
    if not candidates:
        return None
    return min(candidates, key=lambda e: (len(e.reasons), e.distance, e.ending.index))


def _movers(session: Session, meters: set[str]) -> tuple[Mover, ...]:
    ledger = session.state.ledger
    if ledger is None or not meters:
        return ()
    sums: dict[int, dict[str, float]] = {}
    for entry in ledger.entries:
        if entry.meter not in meters:
            continue
        k = decision_behind(session, entry)
        if k is not None:
            per_meter = sums.setdefault(k, {})
            per_meter[entry.meter] = per_meter.get(entry.meter, 0.0) + entry.delta
    model = session.scenario.model
    labels = {m.id: shown(session, m.label) for m in model.meters}
    movers = []
    for k, per_meter in sums.items():
        decision = session.decisions[k]
        turn = model.turns[decision.turn]
        changes = tuple((labels[m], per_meter[m]) for m in session.compiled.meter_ids
                        if abs(per_meter.get(m, 0.0)) > 1e-9)
        if changes:
            # The label as it read when the decision was taken: history is not rewritten by later variants.
            movers.append((k, Mover(shown(session, turn.date_label or turn.date), shown(session, decision.event.title),
                                    decision_label(session, k), changes)))
    movers.sort(key=lambda item: (-item[1].weight, item[0]))  # ties: the earlier decision first
    return tuple(m for _, m in movers[:MOVERS])


def explain_ending(session: Session) -> Why:
    """Why this session's game ended as it did (all None and empty while it is still being played)."""
    ending = session.ending
    if ending is None:
        return Why(None, None, ())
    words = _Words(session)
    reached = _reached(words, ending)
    missed = _nearest_missed(words, ending)
    meter_ids = set(session.compiled.meter_ids)
    deciding = {name for e in (ending, missed.ending if missed else None)
                if e is not None and e.condition is not None for name in e.condition.reads if name in meter_ids}
    return Why(reached, missed, _movers(session, deciding))


def _signed(delta: float) -> str:
    return f"{'+' if delta > 0 else '−'}{number(abs(delta))}"


def missed_sentence(missed: EndingReasons) -> str:
    """'A partnership that lasts needed Elite resistance under 60; yours was 81.'"""
    if len(missed.reasons) == 1:
        reason = missed.reasons[0]
        return f"{missed.title} needed {reason.need}" + (f"; {reason.yours}." if reason.yours else ".")
    needs = [f"{r.need} ({r.yours})" if r.yours else r.need for r in missed.reasons]
    return f"{missed.title} needed " + ", ".join(needs[:-1]) + f" and {needs[-1]}."


def why_text(session: Session, width: int) -> str:
    """The "why" of the debrief for a terminal `width` columns wide ('' while the game is being played)."""
    why = explain_ending(session)
    if why.reached is None:
        return ""
    lines = [f"Why: {why.reached.title}"]
    if why.reached.reasons:
        lines.append("  Reached with:")
        lines += [f"    - {r.met}" for r in why.reached.reasons]
    else:
        lines.append("  No other ending's conditions were met; this is where such a game ends.")
    if why.missed is not None:
        lines.append("  The nearest other ending:")
        lines += wrap(missed_sentence(why.missed), width, "    ")
    if why.movers:
        lines.append("  The decisions that moved these meters most:")
        for n, mover in enumerate(why.movers, 1):
            moved = ", ".join(f"{label} {_signed(delta)}" for label, delta in mover.changes)
            lines.append(f"    {n}. {mover.date}, {mover.event_title}: “{mover.option_label}” ({moved})")
    return fit("\n".join(lines), width)
