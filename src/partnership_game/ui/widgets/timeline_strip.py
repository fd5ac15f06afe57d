"""The timeline strip: one date stamp per turn, the historical mark on past choices, and where branches fork."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.chart import (
    Plan,
    PlanCache,
    fit_text,
    line_width,
    pattern_line,
    text_height,
    text_width,
    triangle,
)


@dataclass(frozen=True)
class TimelineMark:
    """One turn's stamp."""

    index: int
    label: str  # e.g. "Sep 11"
    state: str  # "past" | "current" | "future"
    historical: bool | None  # for past turns: was the choice the historical one (None: no decision)
    branches: int = 0  # how many other branches leave from this turn


_plans = PlanCache(size=8)
# The hovered stamp is redrawn on top of the cached strip: a handful of calls, so hover never costs a new layer.
_hover_plans = PlanCache(size=32)


def draw_timeline(surface: pygame.Surface, rect: pygame.Rect, marks: Sequence[TimelineMark], palette: Palette,
                  text_px: int, hovered: int | None = None) -> list[tuple[pygame.Rect, int]]:
    """Draw the strip; return the clickable rect of each past mark with its index (current and future are not
    targets: there is nothing to roll back to)."""
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0 or not marks:
        return []
    key = (tuple(rect), tuple((m.index, m.label, m.state, m.historical, m.branches) for m in marks), palette,
           text_px)
    plan = _plans.get(key, lambda: _plan_timeline(rect, marks, palette, text_px))
    plan.replay(surface, rect)
    if hovered is not None and any(m.index == hovered and m.state == "past" for m in marks):
        overlay = _hover_plans.get((key, hovered), lambda: _plan_hover(rect, marks, palette, text_px, hovered))
        overlay.replay(surface, rect)
    return [(pygame.Rect(box), index) for box, index in plan.hits]


@dataclass(frozen=True)
class _Layout:
    slot_w: float
    stamp_w: int
    stamp_h: int
    px: int
    seal_r: float
    pad_x: int
    top: int


def _layout(rect: pygame.Rect, marks: Sequence[TimelineMark], text_px: int) -> _Layout:
    """Size the stamps to the widest label, shrinking the type (to three quarters) before labels get shortened."""
    base = max(6, text_px)
    slot_w = rect.w / len(marks)
    gap = max(2, round(base * 0.35))
    tab = round(base * 0.45)  # room under the stamps for the fork tabs and the current-turn pointer
    stamp_h = max(6, min(round(base * 2.0), rect.h - tab - 2))
    px = max(6, min(round(base * 0.92), round(stamp_h * 0.62)))
    widest = 0
    while True:
        seal_r = max(2.0, px * 0.32)
        pad_x = max(2, round(px * 0.45))
        widest = max(text_width(m.label, px, True) for m in marks)
        need = widest + 2 * pad_x + round(seal_r * 2 + px * 0.35)
        if need <= slot_w - gap or px <= max(6, round(base * 0.75)):
            break
        px -= 1
    stamp_w = max(4, min(round(need), round(slot_w - gap)))
    top = rect.top + max(1, (rect.h - tab - stamp_h) // 2)
    return _Layout(slot_w, stamp_w, stamp_h, px, seal_r, pad_x, top)


def _boxes(rect: pygame.Rect, count: int, lay: _Layout) -> list[pygame.Rect]:
    return [pygame.Rect(round(rect.left + lay.slot_w * (i + 0.5) - lay.stamp_w / 2), lay.top, lay.stamp_w,
                        lay.stamp_h) for i in range(count)]


def _plan_hover(rect: pygame.Rect, marks: Sequence[TimelineMark], palette: Palette, text_px: int,
                hovered: int) -> Plan:
    plan = Plan()
    lay = _layout(rect, marks, text_px)
    for mark, box in zip(marks, _boxes(rect, len(marks), lay), strict=True):
        if mark.index == hovered:
            _plan_stamp(plan, mark, box, lay, palette, line_width(text_px), hot=True)
    return plan


def _plan_timeline(rect: pygame.Rect, marks: Sequence[TimelineMark], palette: Palette, text_px: int) -> Plan:
    plan = Plan(rect)
    lay = _layout(rect, marks, text_px)
    width = line_width(text_px)
    boxes = _boxes(rect, len(marks), lay)
    _plan_thread(plan, marks, boxes, palette, width)
    for i, (mark, box) in enumerate(zip(marks, boxes, strict=True)):
        _plan_stamp(plan, mark, box, lay, palette, width, hot=False)
        if mark.state == "past":
            # The whole slot is the target, not just the ink: easier to hit, and slots never overlap.
            left, right = round(rect.left + lay.slot_w * i), round(rect.left + lay.slot_w * (i + 1))
            slot = pygame.Rect(left, rect.top, right - left, rect.h).clip(rect)  # edges rounded once: no overlap
            plan.hits.append((slot, mark.index))
    return plan


def _plan_thread(plan: Plan, marks: Sequence[TimelineMark], boxes: Sequence[pygame.Rect], palette: Palette,
                 width: int) -> None:
    """The line the stamps hang on: solid through the turns played, dashed through those still to come."""
    y = boxes[0].centery
    for mark, a, b in zip(marks, boxes, boxes[1:], strict=False):
        if b.left <= a.right:
            continue
        if mark.state == "past":
            plan.line(palette.ink_soft, (a.right, y), (b.left, y), width)
        else:
            pattern_line(plan, palette.rule, [(a.right, y), (b.left, y)], width, "dashed")


def _plan_stamp(plan: Plan, mark: TimelineMark, box: pygame.Rect, lay: _Layout, palette: Palette, width: int,
                hot: bool) -> None:
    """A past stamp is inked, the current one is inverted with a pointer, a future one is a dashed outline."""
    radius = max(1, lay.px // 5)
    if mark.state == "current":
        plan.rect(palette.ink, box, 0, radius)
        ink = palette.paper
        triangle(plan, palette.ink, (box.centerx, box.bottom + lay.px * 0.28), lay.px * 0.7, True)
    elif mark.state == "past":
        plan.rect(palette.paper_shade if hot else palette.paper, box, 0, radius)
        plan.rect(palette.focus if hot else palette.ink_soft, box, width + (1 if hot else 0), radius)
        ink = palette.ink
    else:
        corners = [box.topleft, box.topright, (box.right, box.bottom), (box.left, box.bottom), box.topleft]
        pattern_line(plan, palette.rule, [(float(x), float(y)) for x, y in corners], max(1, width - 1), "dashed")
        ink = palette.disabled
    seal_space = round(lay.seal_r * 2 + lay.px * 0.35)
    label_room = box.w - 2 * lay.pad_x - seal_space
    label = fit_text(mark.label, lay.px, max(0, label_room), bold=True)
    plan.text(label, lay.px, ink, (box.left + lay.pad_x + seal_space, box.centery), bold=True, anchor="midleft")
    seal = (box.left + lay.pad_x + lay.seal_r, box.centery)
    if mark.state == "past" and mark.historical is True:
        # The date-stamp red seal: this choice is the one history made. Filled, where a divergence is hollow.
        plan.circle(palette.stamp, seal, round(lay.seal_r))
    elif mark.state == "past" and mark.historical is False:
        r = lay.seal_r
        diamond = [(seal[0], seal[1] - r * 1.1), (seal[0] + r, seal[1]), (seal[0], seal[1] + r * 1.1),
                   (seal[0] - r, seal[1])]
        plan.polygon(palette.ink, diamond, max(1, width))
    if mark.branches > 0:
        _plan_fork_tab(plan, mark.branches, box, lay, palette)


def _plan_fork_tab(plan: Plan, count: int, box: pygame.Rect, lay: _Layout, palette: Palette) -> None:
    """A small tab hanging off the stamp's lower right: a fork sign and how many other branches leave here."""
    px = max(7, round(lay.px * 0.85))
    label = str(count)
    h = text_height(px) - 2
    icon = round(px * 0.7)
    w = icon + text_width(label, px) + round(px * 0.6)
    tab = pygame.Rect(box.right - w - 1, box.bottom - h // 2, w, h)
    plan.rect(palette.paper, tab, 0, 2)
    plan.rect(palette.ink_soft, tab, 1, 2)
    x0, y_mid = tab.left + round(px * 0.25), tab.centery
    stem = (x0, y_mid)
    fork = (x0 + icon * 0.45, y_mid)
    plan.line(palette.ink_soft, stem, fork)
    plan.line(palette.ink_soft, fork, (x0 + icon, y_mid - h * 0.28))
    plan.line(palette.ink_soft, fork, (x0 + icon, y_mid + h * 0.28))
    plan.text(label, px, palette.ink_soft, (tab.right - round(px * 0.2), y_mid), anchor="midright")


def stamps_that_fit(rect: pygame.Rect, labels: Sequence[str], text_px: int) -> int:
    """How many stamps with these labels fit across `rect` without any label shortened, at the smallest type the
    strip uses (for a screen that shows a window of a long campaign's turns rather than cut dates)."""
    if not labels:
        return 0
    base = max(6, text_px)
    tab = round(base * 0.45)
    stamp_h = max(6, min(round(base * 2.0), rect.h - tab - 2))
    px = min(max(6, min(round(base * 0.92), round(stamp_h * 0.62))), max(6, round(base * 0.75)))
    seal_r = max(2.0, px * 0.32)
    pad_x = max(2, round(px * 0.45))
    need = max(text_width(label, px, True) for label in labels) + 2 * pad_x + round(seal_r * 2 + px * 0.35)
    gap = max(2, round(base * 0.35))
    return max(1, int(rect.w // (need + gap + 1)))
