"""A side's odds: for each of its own options, its verdicts (good, mixed, bad) and the world's endings over
simulated futures, computed off the frame loop from what the side believes (session/side_odds.py)."""

from __future__ import annotations

import threading
from typing import Any

import pygame

from partnership_game.inert import inert_line
from partnership_game.session.side_odds import VERDICT_WORDS, SideOddsPlan, SideOptionOdds, side_odds_plan
from partnership_game.ui import drawing
from partnership_game.ui.odds_dialog import PATTERNS, OddsDialog, fill_pattern
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t

# Verdicts are plain or dotted where endings are hatched, and the legend heads each group, so a verdict is never
# read as an ending of the same colour.
_VERDICT_PATTERNS = {"good": "solid", "mixed": "dots", "bad": "solid"}


class SideOddsWorker:
    """Runs the side's plan in a thread, one option after another; cancelled when the dialog closes."""

    def __init__(self, plan: SideOddsPlan) -> None:
        self.plan = plan
        self.results: list[SideOptionOdds] = []
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self.run, name="side-odds", daemon=True)
        self.thread.start()

    def run(self) -> None:
        for own in range(self.plan.option_count):
            if self.cancelled.is_set():
                return
            self.results.append(self.plan.odds(own))

    @property
    def done(self) -> bool:
        return len(self.results) == self.plan.option_count


class SideOddsScreen(OddsDialog):
    """The odds for one side: its own options, its verdicts over the world's endings, its belief as the start."""

    width_share = 0.84
    height_share = 0.86
    game: SidesGame
    worker: SideOddsWorker

    def __init__(self, app: Any, game: SidesGame, role: int, policy: str = "historical") -> None:
        super().__init__(app)
        self.game = game
        self.role = role
        self.policy = policy
        self.options = game.play.options(role)
        self.worker = SideOddsWorker(side_odds_plan(game.session, game.play.seating, role, policy))
        self.seen = 0

    def note(self) -> str:
        """How the futures are played, in words: the policy, and how every other side is drawn."""
        label = inert_line(self.game.role_label(self.role, lower=True))
        words = [t("side_odds.note", futures=f"{self.worker.plan.seeds.shape[0]:,}", label=label,
                   policy=t(f"odds.policy.{self.policy}"))]
        plan = self.worker.plan
        for other in plan.others:
            name = inert_line(self.game.role_label(other.role))
            temperament = inert_line(other.temperament.label) if other.temperament is not None else ""
            if plan.joint is not None and any(side.role == other.role for side in plan.joint.sides):
                key = "side_odds.joint_counterpart" if other.temperament is not None else "side_odds.joint_person"
                words.append(t(key, other=name, temperament=temperament))
            if other.temperament is not None:
                words.append(t("side_odds.later_counterpart", other=name, temperament=temperament))
        return " ".join(words)

    def paint(self) -> None:
        surface, palette, px = self.canvas, self.app.palette, self.app.px
        surface.fill(palette.paper)
        area = surface.get_rect().inflate(-2 * px(4), -2 * px(4))
        heading = t("side_odds.heading", label=inert_line(self.game.role_label(self.role, lower=True)))
        drawing.text(surface, (area.left, area.top), drawing.fit(heading, px(22), area.width, True), px(22),
                     palette.ink, bold=True)
        y = area.top + px(34)
        y += drawing.wrapped(surface, pygame.Rect(area.left, y, area.width, 0), self.note(), px(13),
                             palette.ink_soft) + px(8)
        endings = self.game.session.compiled.endings
        colours = {e.id: palette.series[k % len(palette.series)] for k, e in enumerate(endings)}
        patterns = {e.id: PATTERNS[k % len(PATTERNS)] for k, e in enumerate(endings)}
        verdict_colours = {"good": palette.good, "mixed": palette.disabled, "bad": palette.bad}
        keys = ([(t("side_odds.verdicts"), None, "")]
                + [(t(f"verdict.{w}"), verdict_colours[w], _VERDICT_PATTERNS[w]) for w in VERDICT_WORDS]
                + [(t("side_odds.endings"), None, "")] + [(e.title, colours[e.id], patterns[e.id]) for e in endings])
        legend_y = self._legend(surface, area, keys)
        rows = max(len(self.options), 1)
        row_h = min(px(76), (legend_y - y - px(8)) // rows)
        label_w = int(area.width * 0.3)
        for k, option in enumerate(self.options):
            top = y + k * row_h
            drawing.wrapped(surface, pygame.Rect(area.left, top, label_w - px(10), row_h),
                            drawing.fit(f"{k + 1}. {inert_line(option.label)}", px(14), label_w * 2, bold=True),
                            px(14), palette.ink, bold=True)
            bars = pygame.Rect(area.left + label_w, top + px(3), area.width - label_w, row_h - px(12))
            result = self.worker.results[k] if k < len(self.worker.results) else None
            if result is None or result.endings is None:
                words, ink = ((t("odds.computing"), palette.ink_soft) if result is None else
                              (t("odds.unavailable"), palette.disabled))
                drawing.text(surface, bars.midleft, words, px(13), ink, anchor="midleft")
                continue
            verdict_bar = pygame.Rect(bars.left, bars.top, bars.width, bars.height * 3 // 5)
            ending_bar = pygame.Rect(bars.left, verdict_bar.bottom + px(2), bars.width,
                                     bars.height - verdict_bar.height - px(2))
            self._bar(surface, verdict_bar, [(result.verdicts.get(w, 0.0), verdict_colours[w], _VERDICT_PATTERNS[w])
                                             for w in VERDICT_WORDS])
            self._bar(surface, ending_bar, [(result.endings.get(e.id, 0.0), colours[e.id], patterns[e.id])
                                            for e in endings], labels=False)
        self.image.set_image(surface)

    def _legend(self, surface: pygame.Surface, area: pygame.Rect, keys: list[tuple[str, Any, str]]) -> int:
        """The verdicts' and endings' swatches, flowing over as many lines as they need at the bottom; returns
        the legend's top."""
        px, palette = self.app.px, self.app.palette
        line_h = px(22)
        places: list[tuple[int, int]] = []
        x, line = area.left, 0
        for words, colour, _ in keys:
            width = (px(33) if colour is not None else px(12)) + drawing.rendered(words, px(12), palette.ink,
                                                                                    colour is None).get_width()
            starts_group = colour is None and bool(places)  # the endings begin a line of their own
            if x > area.left and (x + width > area.right or starts_group):
                x, line = area.left, line + 1
            places.append((x, line))
            x += width
        top = area.bottom - (line + 1) * line_h
        for (words, colour, pattern), (left, row) in zip(keys, places, strict=True):
            y = top + row * line_h
            if colour is None:  # a group's heading: "Your verdict", "The world's ending"
                drawing.text(surface, (left, y), drawing.fit(words, px(12), area.width, True), px(12), palette.ink,
                             bold=True)
                continue
            swatch = pygame.Rect(left, y + px(3), px(14), px(14))
            fill_pattern(surface, swatch, colour, pattern)
            drawing.text(surface, (swatch.right + px(5), y), drawing.fit(words, px(12), area.width - px(20)),
                         px(12), palette.ink)
        return top

    def _bar(self, surface: pygame.Surface, bar: pygame.Rect, parts: list[tuple[float, Any, str]],
             labels: bool = True) -> None:
        left = bar.left
        for share, colour, pattern in parts:
            width = round(share * bar.width)
            if width <= 0:
                continue
            segment = pygame.Rect(left, bar.top, width, bar.height)
            fill_pattern(surface, segment, colour, pattern)
            if labels and share >= 0.07 and bar.height >= self.app.px(12):
                drawing.text(surface, segment.center, f"{share:.0%}", self.app.px(12), self.app.palette.paper,
                             bold=True, anchor="center")
            left += width
        pygame.draw.rect(surface, self.app.palette.ink, bar, width=1)

    def toggle(self) -> None:
        self.worker.cancelled.set()
        self.policy = "random" if self.policy == "historical" else "historical"
        self.worker = SideOddsWorker(side_odds_plan(self.game.session, self.game.play.seating, self.role,
                                                    self.policy))
        self.seen = 0
        self.rebuild()
