"""A game with seated sides in the window: the session's SidesPlay behind a Game (its words: ui/strings_sides.py)."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.engine import LedgerEntry
from partnership_game.scenario import LoadedScenario
from partnership_game.session import Session, texts
from partnership_game.session.seating import Seating
from partnership_game.session.sides_news import net_changes
from partnership_game.session.sides_play import CounterpartMove, NewsItem, SidesPlay
from partnership_game.ui.game import REFUSALS, Game


@dataclass(frozen=True)
class SideChange:
    """One meter's net change in a decision, as a side sees it: label, before, after, whether up is good for it."""

    label: str
    before: float
    after: float
    good: int  # +1 up is good for this side, -1 down is, 0 neither


class SidesGame(Game):
    """A Game whose decisions go through SidesPlay: each person picks their own side's option; counterparts move
    between them; the moves and the news are kept for the screens to tell."""

    def __init__(self, session: Session, seating: Seating, note: str | None = None,
                 loaded_from: object = None) -> None:
        super().__init__(session, note, loaded_from=loaded_from)  # type: ignore[arg-type]
        self.play = SidesPlay(session, seating)
        self.play.private_after_reveal = True  # the reveal shows only what everyone at the screen sees
        self.moves: list[CounterpartMove] = []
        self.last_shown: int | None = None  # the side whose view was last on the screen (hand-over when it changes)
        self.run_counterparts()

    @classmethod
    def seated(cls, scenario: LoadedScenario, seed: int, seating: Seating) -> SidesGame:
        return cls(Session(scenario, seed), seating)

    @property
    def hotseat(self) -> bool:
        return self.play.seating.hotseat

    def run_counterparts(self) -> list[CounterpartMove]:
        """Let the counterparts move while no person is asked (SidesPlay seals a counterpart's half of a joint
        decision itself when a person's pick completes the pair)."""
        if self.session.stopped or self.play.to_act() is not None:
            return []
        moves = self.play.run_counterparts()
        self.moves += moves
        return moves

    def role_label(self, role: int, lower: bool = False) -> str:
        """The side's label; with `lower`, as it reads inside a sentence ("the Kremlin", not "The Kremlin")."""
        label = texts.shown(self.session, self.play.sides.roles[role].label)
        return texts.in_sentence(label) if lower else label

    def news(self, role: int) -> list[NewsItem]:
        return self.play.take_news(role)

    def pick(self, role: int, index: int) -> tuple[list[LedgerEntry], object, str]:
        """`role` takes its option `index`: returns the ledger entries it brought (none while a joint choice is
        only sealed), the session's Reveal (or None) and the result text of a decision of its own. Counterparts
        move after it; what they did reaches the people as news."""
        before = len(self.entries())
        told = len(texts.happened(self.session))
        self.refused = None
        try:
            reveal = self.play.pick(role, index)
        except REFUSALS as exc:  # as Game.choose says it: the game is as it was, the side asked again
            self.refuse(exc)
            return [], None, ""
        entries = self.entries()[before:]
        result = next((h.result for h in texts.happened(self.session)[told:] if not h.news), "")
        self.run_counterparts()
        if entries or reveal is not None:
            self.autosave()
        return entries, reveal, result

    def changes_for(self, role: int, entries: list[LedgerEntry]) -> list[SideChange]:
        """The net change of every meter `role` sees, in meter order (a meter the side does not see is left out)."""
        return self.changes_seen_by((role,), entries)

    def changes_seen_by(self, roles: tuple[int, ...], entries: list[LedgerEntry]) -> list[SideChange]:
        """The net change of every meter all of `roles` see, in meter order; good or bad only where they agree
        which way is good (a hot seat's reveal shows both players one list)."""
        model = self.session.scenario.model
        sides = [self.play.sides.roles[role] for role in roles]
        seen = {meter_id: m for m, meter_id in enumerate(self.session.compiled.meter_ids)
                if all(self.sees_meter(r, m) for r in roles)}
        changes = []
        for moved in sorted(net_changes(entries, seen), key=lambda moved: seen[moved.meter]):
            m = seen[moved.meter]
            good = {side.good[m] for side in sides}
            changes.append(SideChange(model.meters[m].label, moved.before, moved.after,
                                      good.pop() if len(good) == 1 else 0))
        return changes

    def visible_meters(self, role: int) -> list[int]:
        """The meters `role` sees in play (SidesPlay decides, a class's `show: {other_side: true}` included)."""
        return self.play.visible_meters(role)

    def sees_meter(self, role: int, meter: int) -> bool:
        return self.play.sees_meter(role, meter)

    def _goto(self, node: int | None) -> None:
        self.play.goto(node)  # through the sides: sealed halves and the news of undone decisions are dropped
        self.last_shown = None

    def back(self, role: int | None = None) -> bool:
        """Step back to the last decision a person took (with `role`: the last one `role` took)."""
        moved = self.play.back(role)
        if moved:
            self.last_shown = None
            if not self.reviewing:
                self.autosave()
        return moved
