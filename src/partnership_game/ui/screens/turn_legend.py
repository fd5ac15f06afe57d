"""What each symbol on the meters and the timeline means, said for the one under the mouse or the keyboard focus."""

from __future__ import annotations

from partnership_game.ui import rich
from partnership_game.ui.strings import t
from partnership_game.ui.widgets.meters import HIT_BAR, HIT_KINDS, HIT_TREND, MeterView
from partnership_game.ui.widgets.timeline_strip import TimelineMark


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def meter_legend(view: MeterView, kind: int, show_ghost: bool) -> str:
    """The legend of one meter row as tooltip markup: its bar (fill, last change, ticks, diamond, ghost segment)
    or its trend line (solid and dotted)."""
    label = rich.escape(view.label)
    way = t("legend.good_up") if view.good != "down" else t("legend.good_down")
    lines = [f"<b>{label}</b>: {_number(view.value)} / {_number(view.maximum)} ({way})"]
    if kind == HIT_TREND:
        lines.append(t("legend.trend_path"))
        if show_ghost:
            lines.append(t("legend.trend_history"))
        return "<br>".join(lines)
    lines.append(t("legend.fill"))
    if view.delta:
        lines.append(t("legend.change", change=("+" if view.delta > 0 else "−") + _number(abs(view.delta))))
    if view.thresholds:
        lines.append(t("legend.ticks", values=", ".join(_number(v) for v in view.thresholds)))
    if show_ghost and view.ghost and 0 <= len(view.history) - 1 < len(view.ghost):
        lines.append(t("legend.diamond", value=_number(view.ghost[len(view.history) - 1])))
    if view.preview:
        lines.append(t("legend.ghost_segment"))
    return "<br>".join(lines)


def meter_hit(code: int) -> tuple[int, int]:
    """(meter index, kind) from a hit code; the label counts as the bar."""
    index, kind = divmod(code, HIT_KINDS)
    return index, (HIT_TREND if kind == HIT_TREND else HIT_BAR)


def mark_legend(mark: TimelineMark, date: str, title: str) -> str:
    """A timeline stamp: its date and turn, and what its seal, outline and fork tab say."""
    lines = [f"<b>{rich.escape(date)}</b>: {rich.escape(title)}"]
    if mark.state == "current":
        lines.append(t("legend.mark_current"))
    elif mark.state == "future":
        lines.append(t("legend.mark_future"))
    else:
        if mark.historical is True:
            lines.append(t("legend.mark_history"))
        elif mark.historical is False:
            lines.append(t("legend.mark_other"))
        lines.append(t("legend.mark_go"))
    if mark.branches:
        lines.append(t("legend.mark_fork_one") if mark.branches == 1 else t("legend.mark_fork", count=mark.branches))
    return "<br>".join(lines)

