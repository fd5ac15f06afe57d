"""Two sides in one game: who decides now, the counterpart's moves, sealed joint choices, news and verdicts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnership_game.engine import LedgerEntry
from partnership_game.engine.ledger import Happened
from partnership_game.scenario.models import Counsel
from partnership_game.scenario.sides import JOINT, Decider, JointEvent, Sides, Verdict
from partnership_game.session.seating import Seating
from partnership_game.session.session import Session
from partnership_game.session.sides_counterpart import counterpart_decision
from partnership_game.session.sides_news import NewsItem as NewsItem  # re-exported: front ends import it here
from partnership_game.session.sides_news import (
    after_last_act,
    common_prefix,
    deciders,
    news_since,
    news_text_at,
    own_changes,
)
from partnership_game.session.texts import happened, label, shown
from partnership_game.session.timeline import Expected


class NotYourTurn(ValueError):
    """A pick by a side that is not asked now (or of an option it does not have or cannot take)."""


@dataclass(frozen=True)
class SideOption:
    """One option as the deciding side sees it: its index (what `pick` takes), label, availability, mark, text."""

    index: int
    label: str
    available: bool
    historical: bool
    text: str


@dataclass(frozen=True)
class Reveal:
    """A joint decision resolved: each side's label (in the event's side order), the pair's result, the changes."""

    title: str
    picks: tuple[tuple[int, str], ...]
    result: str
    entries: tuple[LedgerEntry, ...]


@dataclass(frozen=True)
class CounterpartMove:
    """A decision a counterpart took on the current branch (read from the timeline, never recomputed)."""

    role: int
    temperament: str
    title: str
    label: str
    expected: Expected | None


class SidesPlay:
    """A session with its sides seated: front ends ask `to_act()`, show that side's view, `pick`, and call
    `run_counterparts()` whenever nobody is asked (it plays every counterpart decision up to the next person)."""

    def __init__(self, session: Session, seating: Seating) -> None:
        self.session = session
        session.seating = seating
        self.seating = seating
        self.sealed: dict[int, int] = {}  # role -> side option index; memory only, never saved
        self._sealed_expected: dict[int, Expected] = {}
        # How far into `happened(session)` each side has read its news in this sitting; what it has not read is
        # derived from the record (never saved), so a loaded game tells each side the news since it last decided.
        self._read: dict[int, int] = {}
        self._news_texts: dict[int, str] = {}  # node id -> its decision's news as chosen then (saves a replay)
        # A front end whose reveal shows only what every person sees sets this: each side is then told the rest.
        self.private_after_reveal = False
        self._told: list[CounterpartMove] = []  # halves sealed inside `pick`, reported by the next run_counterparts

    @property
    def sides(self) -> Sides:
        return self.session.compiled.sides

    # ---- who decides -----------------------------------------------------------------------------------------

    def decider(self) -> Decider:
        """Who decides the pending decision: a role index, JOINT, or None (the game is over)."""
        pending = self.session.pending
        return None if pending is None or self.session.stopped else self.sides.decides[pending.event.index]

    def joint(self) -> JointEvent | None:
        pending = self.session.pending
        return None if pending is None else self.sides.joint.get(pending.event.index)

    def deciding_roles(self) -> tuple[int, ...]:
        """Every role that decides the pending decision (both sides of a joint one)."""
        who = self.decider()
        if who == JOINT:
            joint = self.joint()
            assert joint is not None
            return tuple(side.role for side in joint.sides)
        return () if who is None else (who,)

    def to_act(self) -> int | None:
        """The person whose choice the game waits for (in a joint decision: the first not yet sealed), or None: a
        counterpart is to move (`run_counterparts`) or the game is over."""
        for role in self.deciding_roles():
            if self.seating.of(role).person and role not in self.sealed:
                return role
        return None

    # ---- what the side to act sees ---------------------------------------------------------------------------

    def situation(self, role: int) -> str:
        """The pending decision's situation as `role` reads it."""
        joint = self.joint()
        if joint is not None:
            return shown(self.session, joint.side_of(role).situation)
        pending = self.session.pending
        model = pending.event.model if pending is not None else None
        return shown(self.session, model.situation) if model is not None else ""

    def options(self, role: int) -> list[SideOption]:
        """`role`'s own options of the pending decision (a joint one: its side's only; an option is open when
        some pair with it is open, which is its own condition whenever the other side has an open option)."""
        pending = self.session.pending
        if pending is None:
            return []
        open_ = self.session.available()
        joint = self.joint()
        if joint is None:
            model = pending.event.model
            texts = [o.text for o in model.options] if model is not None else []
            return [SideOption(k, label(self.session, o), open_[k], k == pending.event.historical_option,
                               shown(self.session, texts[k] if k < len(texts) else None))
                    for k, o in enumerate(pending.event.options)]
        place = [side.role for side in joint.sides].index(role)
        side = joint.sides[place]
        return [SideOption(k, shown(self.session, o.label), any(open_[c] for key, c in joint.combined.items()
                                                                 if key[place] == k), o.historical,
                           shown(self.session, o.text))
                for k, o in enumerate(side.options)]

    def sees_meter(self, role: int, meter: int) -> bool:
        return meter in self.visible_meters(role)

    def _shown_to(self, role: int) -> tuple[int, ...]:
        """The sides whose view `role` has: its own, or every side's when a class shows the other side."""
        room = self.session.classroom
        if room is not None and room.lesson.other_side:
            return tuple(r.index for r in self.sides.roles)
        return (role,)

    def visible_meters(self, role: int) -> list[int]:
        """The meters (indices) `role` is shown during play (a class with `show: {other_side: true}` shows it every
        side's); the rest wait for the debrief."""
        views = self._shown_to(role)
        return [m for m in range(len(self.session.compiled.meter_ids))
                if any(self.sides.sees_meter(r, m) for r in views)]

    def visible_flags(self, role: int) -> list[int]:
        views = self._shown_to(role)
        return [f for f in range(len(self.session.compiled.flag_ids)) if any(self.sides.sees_flag(r, f) for r in views)]

    # ---- taking decisions ------------------------------------------------------------------------------------

    def pick(self, role: int, index: int) -> Reveal | None:
        """`role` (a person, asked now) takes its option `index`: a decision of its own is taken at once; a joint
        one is sealed, and submitted as one step with the last side's pick (its Reveal is returned)."""
        if role not in self.deciding_roles() or not self.seating.of(role).person or role in self.sealed:
            raise NotYourTurn(f"side '{self.sides.roles[role].id}' is not asked now")
        choices = self.options(role)
        if not 0 <= index < len(choices) or not choices[index].available:
            raise NotYourTurn("that option is not available")
        if self.joint() is None:
            self._take(role, index, self.seating.of(role).by, None)
            return None
        # Every counterpart's half is sealed before the person's completes the pair, however the front end got here
        # (a step back, a load, a first joint decision), so the last pick always returns the Reveal.
        self._told += self._seal_counterparts()
        self.sealed[role] = index
        try:
            return self._submit_if_sealed()
        except Exception:
            del self.sealed[role]  # refused (a full save, a class rule): the side is asked again, the rest stay
            raise

    def run_counterparts(self) -> list[CounterpartMove]:
        """Play every counterpart decision (and seal every counterpart's half of a joint one) until a person is
        asked or the game is over; returns the moves made, for a front end that tells them as they come."""
        moves, self._told = self._told, []
        while True:
            if self.joint() is not None:
                moves += self._seal_counterparts()
                if len(self.sealed) == len(self.deciding_roles()):
                    self._submit_if_sealed()
                    continue
                return moves
            role = self.decider()
            if not isinstance(role, int) or self.seating.of(role).person:
                return moves
            moves.append(self._counterpart_move(role))

    def _seal_counterparts(self) -> list[CounterpartMove]:
        """Seal every counterpart's half of the pending joint decision not sealed yet."""
        return [self._counterpart_move(r) for r in self.deciding_roles()
                if not self.seating.of(r).person and r not in self.sealed]

    def _counterpart_move(self, role: int) -> CounterpartMove:
        """The counterpart on `role` takes its decision, or seals its half of a joint one."""
        seat = self.seating.of(role)
        assert seat.temperament is not None
        temperament = self.sides.temperament(role, seat.temperament)
        option, expected = counterpart_decision(self.session, role, temperament)
        title = shown(self.session, self.session.pending.event.title) if self.session.pending else ""
        joint = self.joint()
        if joint is None:
            choice = self.options(role)[option].label
            self._take(role, option, seat.by, expected)
        else:
            own = joint.choices_of(option)[role]
            choice = self.options(role)[own].label
            self.sealed[role] = own
            self._sealed_expected[role] = expected
        return CounterpartMove(role, seat.temperament, title, choice, expected)

    def _take(self, role: int, option: int, by: str, expected: Expected | None) -> None:
        session = self.session
        pending = session.pending
        assert pending is not None
        news = self.sides.news.get((pending.event.index, option))
        text = shown(session, news) if news is not None else ""  # chosen in the state it was taken in
        session.choose(option, by, expected)
        if session.timeline.current is not None:
            self._news_texts[session.timeline.current] = text

    def _submit_if_sealed(self) -> Reveal | None:
        joint = self.joint()
        if joint is None or any(side.role not in self.sealed for side in joint.sides):
            return None
        session = self.session
        option = joint.option_for(self.sealed)
        picks = tuple((side.role, self.options(side.role)[self.sealed[side.role]].label) for side in joint.sides)
        by = "+".join(self.seating.of(side.role).by for side in joint.sides)
        halves = list(self._sealed_expected.values())
        title = shown(session, session.pending.event.title) if session.pending else ""
        ledger = session.state.ledger
        mark = len(ledger.entries) if ledger is not None else 0
        told = len(happened(session))
        session.choose(option, by, halves[0] if halves else None)  # refused: the halves stay sealed
        self.sealed.clear()
        self._sealed_expected.clear()
        ledger = session.state.ledger
        # The happenings that landed after the pair are each side's news, not the pair's changes.
        entries = own_changes(session, [side.role for side in joint.sides], ledger.entries[mark:]) if (
            ledger is not None) else ()
        result = next((h.result for h in happened(session)[told:] if not h.news), "")
        return Reveal(title, picks, result, entries)

    # ---- stepping back ---------------------------------------------------------------------------------------

    def back(self, role: int | None = None) -> bool:
        """Step back to the last decision a person took (with `role`: the last one `role` took; a counterpart's
        would be taken again the same way); a sealed half is dropped; news of the decisions undone is dropped.
        False, and nothing changes, at the start or when `role` has taken no decision on this branch."""
        session = self.session
        if role is not None and not self.can_step_back(role):
            return False
        self.sealed.clear()
        self._sealed_expected.clear()
        before = happened(session)
        if not session.back():
            return False
        while not self._asks_again(role) and session.back():
            pass
        self._keep_read(before)
        return True

    def can_step_back(self, role: int) -> bool:
        """Whether `back(role)` would move: `role` took a decision on this branch and the class allows going back
        to before it."""
        session = self.session
        path = session.timeline.path()
        depth = next((d for d in range(len(session.decisions) - 1, -1, -1)
                      if role in deciders(session, session.decisions[d].event.index)), None)
        return depth is not None and session.refusal(path[depth].parent) is None

    def _asks_again(self, role: int | None) -> bool:
        deciding = self.deciding_roles()
        if role is not None:
            return role in deciding
        return any(self.seating.of(r).person for r in deciding)

    def goto(self, node: int | None) -> None:
        """Go to any decision of any branch (sealed halves and undone news dropped)."""
        self.sealed.clear()
        self._sealed_expected.clear()
        before = happened(self.session)
        self.session.goto(node)
        self._keep_read(before)

    def _keep_read(self, before: list[Happened]) -> None:
        """After a move on the timeline, what a side read still counts only where the record is unchanged."""
        common = common_prefix(before, happened(self.session))
        self._read = {role: min(place, common) for role, place in self._read.items()}

    def other_people(self, role: int) -> tuple[int, ...]:
        """The other people at the machine: in a hot seat, a step back by `role` needs their consent (design §9)."""
        return tuple(r for r in self.seating.people if r != role)

    # ---- news, verdicts and what the counterpart expected ----------------------------------------------------

    @property
    def news(self) -> list[NewsItem]:
        """Every side's unread news, side by side in role order."""
        return [item for role in self.seating.people for item in self.news_for(role)]

    @news.setter
    def news(self, carried: list[NewsItem]) -> None:
        """Accepted from callers that carry news over (side_reload.py): derived from the record, it is there."""

    def news_for(self, role: int) -> list[NewsItem]:
        """What `role` has not read: others' announced decisions and happenings shown to it, with their changes."""
        private = self.seating.hotseat and self.private_after_reveal
        start = max(after_last_act(self.session, role, joint_too=private), self._read.get(role, 0))
        views = {r: set(self.visible_meters(r)) for r in {*self.seating.people, role}}
        return news_since(self.session, role, start, self._news_text, views, private)

    def take_news(self, role: int) -> list[NewsItem]:
        """The news `role` has not read, marked read (shown at the start of its next screen)."""
        mine = self.news_for(role)
        self._read[role] = len(happened(self.session))
        return mine

    def _news_text(self, depth: int, option: int) -> str:
        node = self.session.timeline.path()[depth].id
        if node not in self._news_texts:
            self._news_texts[node] = news_text_at(self.session, depth, option)
        return self._news_texts[node]

    def counsel(self, role: int) -> tuple[Counsel, ...]:
        """The advisers `role` hears on the pending decision: its own side's in a joint one, the event's when the
        decision is its own, none when another side decides."""
        joint = self.joint()
        if joint is not None:
            return joint.side_of(role).advisors if role in self.deciding_roles() else ()
        pending = self.session.pending
        if pending is None or pending.event.model is None or self.decider() != role:
            return ()
        return tuple(pending.event.model.advisors)

    def verdict(self, role: int) -> Verdict | None:
        ending = self.session.ending
        return self.sides.verdict(ending.id, role) if ending is not None else None

    def counterpart_moves(self) -> list[CounterpartMove]:
        """Every counterpart decision on the current branch, with what it expected (from the saved nodes)."""
        moves: list[CounterpartMove] = []
        for node, decision in zip(self.session.timeline.path(), self.session.decisions, strict=True):
            joint = self.sides.joint.get(decision.event.index)
            roles: list[int] = ([side.role for side in joint.sides] if joint is not None else
                                [r for r in [self.sides.decides[decision.event.index]] if isinstance(r, int)])
            for role, by in zip(roles, node.by.split("+"), strict=False):
                if not by.startswith("counterpart:"):
                    continue
                option = decision.event.options[decision.option]
                if joint is not None:
                    own = joint.side_of(role).options[joint.choices_of(decision.option)[role]]
                    choice = shown(self.session, own.label)
                else:
                    choice = option.label
                moves.append(CounterpartMove(role, by.removeprefix("counterpart:"), decision.event.title, choice,
                                             node.expected))
        return moves

    def expectation(self, move: CounterpartMove) -> str:
        """One line: "Washington chose X: in 61 % of futures it kept Congress on side and trust above 50" from its
        heaviest goal, or the ending shares when it weighed none."""
        seat = self.sides.roles[move.role].seat
        head = f"{seat} chose {move.label}"
        expected = move.expected
        if expected is None:
            return head + "."
        temperament = self.sides.temperament(move.role, move.temperament)
        shares = dict(expected.goals)
        goals = sorted((g for g in temperament.goals if g.id in shares), key=lambda g: -g.weight)
        if goals:
            return f"{head}: in {_percent(shares[goals[0].id])} of futures it {goals[0].says}."
        titles = {e.id: e.title for e in self.session.compiled.endings}
        ranked = sorted(expected.endings, key=lambda pair: -pair[1])[:2]
        said = [f"'{titles.get(ending, ending)}' in {_percent(share)}" for ending, share in ranked if share]
        return f"{head}: the world ended {', '.join(said)} of its futures." if said else head + "."


def _percent(share: float) -> str:
    return f"{int(np.round(share * 100))} %"
