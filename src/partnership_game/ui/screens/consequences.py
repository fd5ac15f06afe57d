"""Consequences as a story: what happened (the choice, its result and outcome, the news), then what changed, grouped
by cause, each change with its sign, an arrow (up, down) and a word for good or bad; then the warnings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from partnership_game.engine import LedgerEntry
from partnership_game.engine.ledger import Happened
from partnership_game.session import explain, texts
from partnership_game.session.explain import Change, Group
from partnership_game.ui import rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import TextDialog
from partnership_game.ui.strings import t

_NEWS_KINDS = ("random", "scheduled", "happening")


def _signed(value: float) -> str:
    number = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    return f"+{number}" if value > 0 else (f"−{number}" if value < 0 else "±0")


def _value(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _change(change: Change, good_up: bool, palette: Any) -> str:
    """"<b>Trust +5 ↑</b>: <b>good</b> (now 40)": the sign and the arrow say which way the meter moved, the word
    "good" or "bad" whether that helps by the meter's direction (its colour only repeats it). A bound is said in
    words: "(now 100, its ceiling)", "(no change: already at its floor, 0)", so a change the bound absorbed never
    reads as a plain zero."""
    label = rich.escape(change.meter_label)
    if change.absorbed and change.bound is not None:
        return f"<b>{label}</b> ({t('consequences.absorbed', bound=change.bound, value=_value(change.after))})"
    if change.bound is not None:
        now = t("consequences.at_bound", value=_value(change.after), bound=change.bound)
    else:
        now = t("consequences.now", value=_value(change.after))
    if change.delta == 0:
        return f"<b>{label} {_signed(change.delta)}</b> ({now})"
    good = (change.delta > 0) == good_up
    word = t("consequences.good") if good else t("consequences.bad")
    colour = _hex(palette.good if good else palette.bad)
    way = rich.arrow(change.delta > 0)
    return f"<b>{label} {_signed(change.delta)} {way}</b>: <font color='{colour}'><b>{word}</b></font> ({now})"


def _net(changes: list[Change]) -> list[Change]:
    """One line per meter within a cause: a choice and the way it turned out may both move a meter."""
    merged: dict[str, Change] = {}
    for change in changes:
        key = change.meter or change.meter_label
        first = merged.get(key)
        merged[key] = change if first is None else replace(
            change, delta=first.delta + change.delta, before=first.before)
    return list(merged.values())


class ConsequencesScreen(TextDialog):
    width_share = 0.62
    height_share = 0.8

    def __init__(self, app: Any, game: Game, entries: list[LedgerEntry], landed: list[Happened] | None = None) -> None:
        super().__init__(app)
        self.game = game
        self.entries = entries
        # What landed with this choice, its words as they were chosen then (Game.choose keeps them).
        self.landed = list(game.landed if landed is None else landed)
        self.button_key = "consequences.ending" if game.session.stopped else "consequences.continue"

    def enter(self) -> None:
        super().enter()
        if any(item.news for item in self.landed):
            self.app.sound.play("news", delay=0.35)  # the teleprinter after the decision's stamp, not over it

    def build(self) -> None:
        rich.use_arrows(self.app.manager)
        super().build()

    def leave(self) -> None:
        self.game.close_outcome()  # closed: Continue no longer shows it (W2, issue 12)
        super().leave()

    # ---- the parts, in the order a player reads them -------------------------------------------------------

    def _date(self, turn: int) -> str:
        model_turn = self.game.session.scenario.model.turns[turn]
        return texts.shown(self.game.session, model_turn.date_label or model_turn.date)

    def _first_turn(self) -> int:
        turns = [h.turn for h in self.landed] + [e.turn for e in self.entries]
        return min(turns) if turns else self.game.session.state.turn

    def what_happened(self) -> list[str]:
        """The choice, what it brought about (its result) and how the dice fell (its outcome): each told once."""
        parts = []
        for decision in (h for h in self.landed if not h.news):
            lines = [f"<b>{rich.escape(t('consequences.chose', label=decision.heading))}</b>"]
            lines += [rich.escape(text) for text in (decision.result, decision.outcome) if text]
            parts.append("<br>".join(lines))
        return parts

    def _group_heading(self, group: Group) -> str:
        if group.kind in ("decision", "outcome"):
            return t("consequences.your_choice")
        if group.kind == "drift":
            return t("consequences.drift")
        return group.heading  # an event's title, or "A delayed result of your choice '...'"

    def causes(self) -> list[tuple[str, list[Change]]]:
        """The changes grouped by cause, in the order they came: each cause's heading (with its date when it came on
        a later turn than the choice) and its changes, one per meter (causes told alike, one after another, are one)."""
        session = self.game.session
        first = self._first_turn()
        result: list[tuple[str, list[Change]]] = []
        for group in explain.groups(session, self.entries):
            when = f" <i>({rich.escape(self._date(group.turn))})</i>" if group.turn != first else ""
            heading = f"<b>{rich.escape(self._group_heading(group))}</b>{when}"
            if result and result[-1][0] == heading:
                result[-1][1].extend(group.changes)
            else:
                result.append((heading, list(group.changes)))
        return [(heading, _net(changes)) for heading, changes in result]

    def numbers(self) -> str:
        """Each cause on its own line, then its changes under it, one a line."""
        good_up = {m.id: m.good == "up" for m in self.game.session.scenario.model.meters}
        palette = self.app.palette
        blocks = ["<br>".join([heading] + [_change(c, good_up.get(c.meter, True), palette) for c in changes])
                  for heading, changes in self.causes()]
        return "<br>".join(blocks) if blocks else t("consequences.none")

    def news(self) -> list[str]:
        """Each piece of news that landed: its title, its situation, and the outcome the dice drew for it."""
        session = self.game.session
        first = self._first_turn()
        blocks = []
        for item in (h for h in self.landed if h.news):
            event = session.compiled.events[session.compiled.event_index(item.event)]
            when = f" <i>({rich.escape(self._date(item.turn))})</i>" if item.turn != first else ""
            if item.kind == "delayed" and event.origin is not None:
                origin = t("consequences.news_later", origin=explain.origin_words(session, event.origin))
                lines = [f"<b>{t('consequences.news')}</b>{when} <i>({rich.escape(origin)})</i>",
                         rich.escape(item.heading)]
            else:
                lines = [f"<b>{t('consequences.news')}: {rich.escape(item.heading)}</b>{when}"]
                if item.kind in _NEWS_KINDS and event.model is not None:
                    lines.append(rich.escape(texts.shown(session, event.model.situation)))
            if item.outcome:
                lines.append(rich.escape(item.outcome))
            blocks.append("<br>".join(line for line in lines if line))
        return blocks

    def warnings(self) -> list[str]:
        """The thresholds these changes crossed, each marked by the word and a shaded band (not by colour alone)."""
        shade = _hex(self.app.palette.paper_shade)
        ink = _hex(self.app.palette.bad)
        return [
            f"<body bgcolor='{shade}'><font color='{ink}'><b>{t('consequences.warning').upper()}:</b></font> "
            f"<b>{rich.escape(text)}</b></body>"
            for text in texts.crossed(self.game.session, self.entries)
        ]

    def html(self) -> str:
        """What happened and the news first, then the numbers by cause, then the warnings."""
        size = self.app.px(22)
        sub = self.app.px(18)
        parts = [f"<font pixel_size={size}><b>{t('consequences.heading')}</b></font>", *self.what_happened(),
                 *self.news()]
        parts.append(f"<font pixel_size={sub}><b>{t('consequences.numbers')}</b></font><br>{self.numbers()}")
        warnings = self.warnings()
        if warnings:
            parts.append(f"<font pixel_size={sub}><b>{t('consequences.warnings')}</b></font><br>"
                         + "<br>".join(warnings))
        if self.game.last_autosave_error:
            parts.append(f"<i>{rich.escape(t('save.failed', reason=self.game.last_autosave_error))}</i>")
        return "<br><br>".join(parts)
