"""The debrief's words for a game of two sides: each side's verdict (the people's first), what each counterpart
decision expected, and the decisions each person took (never the counterpart's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnership_game.inert import inert_line
from partnership_game.session import texts
from partnership_game.session.seating import PLAYER
from partnership_game.ui import rich
from partnership_game.ui.strings import t


@dataclass(frozen=True)
class Tally:
    """One person's decisions on the branch: how many, how many history also faced, how many differed from it."""

    role: int
    taken: int
    faced: int
    differed: int


def verdict_parts(game: Any, title_px: int) -> list[str]:
    """Paragraphs (markup) for the ending tab, or none for a game without seated sides or before an ending."""
    play = getattr(game, "play", None)
    if play is None or game.session.ending is None:
        return []
    people = list(play.seating.people)
    order = people + [r.index for r in play.sides.roles if r.index not in people]
    parts = []
    for place, role in enumerate(order):
        verdict = play.verdict(role)
        if verdict is None:
            continue
        heading = rich.escape(verdict_heading(game, role, t(f"verdict.{verdict.word}")))
        size = title_px if place == 0 or (play.seating.hotseat and role in people) else max(title_px * 3 // 4, 1)
        parts.append(f"<font pixel_size={size}><b>{heading}</b></font><br>"
                     f"{rich.escape(inert_line(texts.shown(game.session, verdict.text)))}")
    moves = play.counterpart_moves()
    if moves:
        lines = [rich.escape(inert_line(play.expectation(move))) for move in moves]
        parts.append(f"<b>{rich.escape(t('debrief.counterpart'))}</b><br>" + "<br>".join(lines))
    return parts


def verdict_heading(game: Any, role: int, word: str) -> str:
    """"Your verdict (The Kremlin)" for the one person; at a hot seat each side by its label and player's name."""
    play = game.play
    label = inert_line(game.role_label(role))
    seat = play.seating.of(role)
    if seat.person and not play.seating.hotseat:
        return t("debrief.verdict_own", label=label, word=word)
    label = inert_line(game.role_label(role, lower=True))  # "The verdict of the Kremlin"
    if seat.person:
        name = f" ({inert_line(seat.name)})" if seat.name else ""
        return t("debrief.verdict_side", label=label, name=name, word=word)
    return t("debrief.verdict_other", label=label, word=word)


def tallies(game: Any, floor: int) -> list[Tally] | None:
    """Each person's decisions on the current branch after the first `floor` (taken for the class), their own half
    of a joint one included; None for a game without seated sides."""
    play = getattr(game, "play", None)
    if play is None:
        return None
    session = game.session
    sides = play.sides
    counts = {role: [0, 0, 0] for role in play.seating.people}
    steps = list(zip(session.timeline.path(), session.decisions, strict=True))[floor:]
    for node, decision in steps:
        joint = sides.joint.get(decision.event.index)
        if joint is not None:
            roles = [side.role for side in joint.sides]
            halves = joint.choices_of(decision.option)
            marks = {side.role: next((k for k, o in enumerate(side.options) if o.historical), -1)
                     for side in joint.sides}
            taken = {role: (halves[role], marks[role]) for role in roles}
        else:
            decider = sides.decides[decision.event.index]
            roles = [decider] if isinstance(decider, int) else []
            taken = {role: (decision.option, decision.event.historical_option) for role in roles}
        for role, by in zip(roles, node.by.split("+"), strict=False):
            if by != PLAYER or role not in counts:
                continue
            own, mark = taken[role]
            counts[role][0] += 1
            if mark >= 0:
                counts[role][1] += 1
                counts[role][2] += own != mark
    return [Tally(role, *numbers) for role, numbers in counts.items()]


def hotseat_count(game: Any, people: list[Tally], played: int, turns: int, news: str) -> str:
    """The debrief's count at a hot seat: the turns, then each person's decisions and departures from history."""
    head = (t("debrief.sides_turns", turns=turns, news=news) if played == turns else
            t("debrief.sides_turns_early", played=played, turns=turns, news=news))
    lines = [head]
    for tally in people:
        seat = game.play.seating.of(tally.role)
        who = inert_line(game.role_label(tally.role)) + (f" ({inert_line(seat.name)})" if seat.name else "")
        lines.append(t("debrief.side_diverged", who=who, decisions=tally.taken, count=tally.differed,
                       total=tally.faced) if tally.faced else t("debrief.side_tally", who=who, decisions=tally.taken))
    return " ".join(lines)
