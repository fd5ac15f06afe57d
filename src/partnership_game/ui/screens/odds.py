"""What are the odds? For each option, the endings of 10,000 simulated futures, computed off the frame loop."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pygame

from partnership_game.engine import POLICIES
from partnership_game.engine.odds import OptionOdds, fork, future_seeds, odds_for_option
from partnership_game.ui import drawing
from partnership_game.ui.game import Game
from partnership_game.ui.odds_dialog import PATTERNS, OddsDialog, fill_pattern
from partnership_game.ui.strings import t


class OddsWorker:
    """Runs the simulations in a thread; the screen polls `results` each frame. Cancelled when the screen closes."""

    def __init__(self, game: Game, policy: str) -> None:
        session = game.session
        pending = session.pending
        assert pending is not None
        # A private copy of the game at this decision, taken now on the UI thread: the worker never reads the live
        # session, which the player may change as soon as this screen closes.
        self.template, self.pending = fork(session.state, pending, np.array([session.seed], dtype=np.uint64))
        self.engine = session.engine
        self.policy = POLICIES[policy]
        self.seeds = future_seeds(session.seed, pending.turn, pending.slot)
        self.results: list[OptionOdds] = []
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self.run, name="odds", daemon=True)
        self.thread.start()

    def run(self) -> None:
        for option in range(len(self.pending.event.options)):
            if self.cancelled.is_set():
                return
            self.results.append(odds_for_option(self.engine, self.template, self.pending, option, self.policy,
                                                self.seeds))

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.pending.event.options)


class OddsScreen(OddsDialog):
    width_share = 0.8
    height_share = 0.82

    def __init__(self, app: Any, game: Game, policy: str = "historical") -> None:
        super().__init__(app)
        self.game = game
        self.policy = policy
        self.worker = OddsWorker(game, policy)
        self.seen = 0

    def paint(self) -> None:
        surface = self.canvas
        palette = self.app.palette
        surface.fill(palette.paper)
        area = surface.get_rect().inflate(-2 * self.app.px(4), -2 * self.app.px(4))
        y = area.top
        drawing.text(surface, (area.left, y), t("odds.heading"), self.app.px(22), palette.ink, bold=True)
        y += self.app.px(34)
        note = t("odds.note", policy=t(f"odds.policy.{self.policy}"), futures=f"{self.worker.seeds.shape[0]:,}")
        y += drawing.wrapped(surface, pygame.Rect(area.left, y, area.width, 0), note, self.app.px(13),
                             palette.ink_soft) + self.app.px(10)
        endings = self.game.session.compiled.endings
        colours = {e.id: palette.series[k % len(palette.series)] for k, e in enumerate(endings)}
        # The legend flows over as many lines as it needs, at the bottom.
        line_h = self.app.px(22)
        widths = [self.app.px(33) + drawing.rendered(e.title, self.app.px(12), palette.ink).get_width()
                  for e in endings]
        places: list[tuple[int, int]] = []
        x, line = area.left, 0
        for width in widths:
            if x > area.left and x + width > area.right:
                x, line = area.left, line + 1
            places.append((x, line))
            x += width
        legend_y = area.bottom - (line + 1) * line_h
        for k, ending in enumerate(endings):
            left, row = places[k]
            top = legend_y + row * line_h
            swatch = pygame.Rect(left, top + self.app.px(3), self.app.px(14), self.app.px(14))
            fill_pattern(surface, swatch, colours[ending.id], PATTERNS[k % len(PATTERNS)])
            drawing.text(surface, (swatch.right + self.app.px(5), top), ending.title, self.app.px(12), palette.ink)
        options = self.game.session.pending.event.options if self.game.session.pending else ()
        rows = max(len(options), 1)
        row_h = min(self.app.px(64), (legend_y - y - self.app.px(8)) // rows)
        label_w = int(area.width * 0.32)
        for k, option in enumerate(options):
            top = y + k * row_h
            drawing.wrapped(surface, pygame.Rect(area.left, top, label_w - self.app.px(10), row_h),
                            drawing.fit(f"{k + 1}. {option.label}", self.app.px(14), label_w * 2, bold=True),
                            self.app.px(14), palette.ink, bold=True)
            bar = pygame.Rect(area.left + label_w, top + self.app.px(4), area.width - label_w, row_h - self.app.px(14))
            result = self.worker.results[k] if k < len(self.worker.results) else None
            if result is None:
                drawing.text(surface, bar.midleft, t("odds.computing"), self.app.px(13), palette.ink_soft,
                             anchor="midleft")
                continue
            if result.shares is None:
                drawing.text(surface, bar.midleft, t("odds.unavailable"), self.app.px(13), palette.disabled,
                             anchor="midleft")
                continue
            left = bar.left
            for index, ending in enumerate(endings):
                share = result.shares.get(ending.id, 0.0)
                width = round(share * bar.width)
                if width <= 0:
                    continue
                segment = pygame.Rect(left, bar.top, width, bar.height)
                fill_pattern(surface, segment, colours[ending.id], PATTERNS[index % len(PATTERNS)])
                if share >= 0.07:
                    drawing.text(surface, segment.center, f"{share:.0%}", self.app.px(12), palette.paper, bold=True,
                                 anchor="center")
                left += width
            pygame.draw.rect(surface, palette.ink, bar, width=1)
        self.image.set_image(surface)

    def toggle(self) -> None:
        self.worker.cancelled.set()
        self.policy = "random" if self.policy == "historical" else "historical"
        self.worker = OddsWorker(self.game, self.policy)
        self.seen = 0
        self.rebuild()
