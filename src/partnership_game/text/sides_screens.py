"""What one side reads in a game of two sides: its own screen, the hand-over, the reveal, and its debrief."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from partnership_game.engine import LedgerEntry
from partnership_game.inert import inert_line
from partnership_game.scenario.sides import JOINT
from partnership_game.session.sides_consent import undoes_later_of
from partnership_game.session.sides_news import net_changes
from partnership_game.session.sides_play import NewsItem, Reveal, SidesPlay
from partnership_game.text import debrief, render
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.wording import change, number, say_line

REVEAL_LINE = "Both sides have chosen. The sealed choices, revealed:"


def _lines(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    return wrap(text, width, indent, hanging)


def side_name(play: SidesPlay, role: int, lower: bool = False) -> str:
    """"The White House" (or "the White House" inside a sentence), with the player's name when given."""
    seat = play.seating.of(role)
    label = inert_line(play.session.scenario.model.roles[role].label)
    if lower and label.startswith("The "):
        label = "the " + label[4:]
    return f"{label} ({inert_line(seat.name)})" if seat.name else label


HANDOVER_PROMPT = "Press Enter when only they can see the screen: "
CONSENT_PROMPT = "Allow? [y/n] "


def consent_question(play: SidesPlay, asking: int, other: int) -> str:
    """What `other` is asked when `asking` wants to step back (design §9): nothing of its hand, and whether
    `other`'s own later decisions go too."""
    later = undoes_later_of(play.session, asking, other)
    yours = " If you allow it, your own decisions taken since then are undone too." if later else ""
    return f"{side_name(play, asking)} asks to take back its last decision.{yours}"


def consent_answer(play: SidesPlay, other: int, allowed: bool) -> str:
    """What the asking side reads when the keyboard comes back."""
    if allowed:
        return f"{side_name(play, other)} allowed it."
    return f"{side_name(play, other)} did not allow it; nothing has changed."


def handover(play: SidesPlay, role: int) -> str:
    """The hand-over line (its prompt is HANDOVER_PROMPT): nothing of the last side's screen is left above it."""
    return f"Pass the keyboard to {side_name(play, role, lower=True)}."


def news(play: SidesPlay, items: Sequence[NewsItem], width: int) -> str:
    """What this side is told since it last read: the other sides' announced decisions (under the deciding side's
    seat) and the happenings shown to it, each with the changes it made to the meters this side sees."""
    lines: list[str] = []
    for item in items:
        if item.from_role is None:
            lines += _lines(f"News: {inert_line(item.title)}", width)
        elif item.from_role == item.for_role:  # a joint decision's changes the reveal did not show to both
            lines += _lines(f"What “{inert_line(item.title)}” also changed, that only you see:", width)
        else:
            seat = play.sides.roles[item.from_role].seat
            lines += _lines(f"News from {inert_line(seat)}: {inert_line(item.title)}", width)
        if item.text.strip():  # a delayed effect's news is all in its title
            lines += wrap(" ".join(inert_line(item.text).split()), width, "  ")
        lines += _change_lines(play, item.changes, width, "  - ", "    ")
    return "\n".join(lines)


def counsel(play: SidesPlay, role: int, width: int) -> str:
    """What this side's own advisers say on the pending decision (never the other side's)."""
    return render.counsel(play.session, width, play.counsel(role))


def meters(play: SidesPlay, role: int, width: int) -> str:
    """The meters this side sees, each with its change since the start and which way is good for this side."""
    session = play.session
    now, start = session.meters(), session.start_meters()
    model = {m.id: m for m in session.scenario.model.meters}
    good = play.sides.roles[role].good
    lines = ["Meters you see:"]
    for k in play.visible_meters(role):
        meter_id = session.compiled.meter_ids[k]
        since = change(now[meter_id] - start[meter_id])
        since = "" if since == "no change" else f", {since} since the start"
        way = {1: " (higher is better for you)", -1: " (lower is better for you)"}.get(good[k], "")
        label = say_line(session, model[meter_id].label)
        lines += _lines(f"{label}: {number(now[meter_id])}{since}{way}.", width, "- ", "  ")
    flags = [say_line(session, session.scenario.model.flags[f].label) for f in play.visible_flags(role)
             if bool(session.state.flags[0, f])]
    if flags:
        lines.append("In place:")
        lines += [line for flag in flags for line in _lines(flag, width, "- ", "  ")]
    return "\n".join(lines)


def meters_line(play: SidesPlay, role: int, width: int) -> str:
    """The meters this side sees, on as few lines as they fit ("m" lists them with which way is good)."""
    session = play.session
    now = session.meters()
    labels = {m.id: say_line(session, m.label) for m in session.scenario.model.meters}
    seen = [session.compiled.meter_ids[k] for k in play.visible_meters(role)]
    said = ", ".join(f"{labels[m]} {number(now[m])}" for m in seen)
    return "\n".join(_lines(f"You see: {said} (m: more).", width, "", "  "))


def screen(play: SidesPlay, role: int, items: Sequence[NewsItem], width: int, with_meters: bool = True) -> str:
    """Everything `role` reads at its pending decision above its options (the meters it sees unless a short
    screen leaves them to "m"), and nothing of any other side's options or choices."""
    session = play.session
    pending = session.pending
    assert pending is not None
    parts = [render.header(session, width), "\n".join(_lines(f"You play {side_name(play, role, lower=True)}.",
                                                             width))]
    if items:
        parts.append(news(play, items, width))
    title = _lines(say_line(session, pending.event.title), width)
    if play.decider() == JOINT:
        title += _lines("Both sides decide this at once; each choice stays sealed until both have chosen.", width)
    parts.append("\n".join(title))
    parts.append(paragraphs(play.situation(role), width))  # the terminal makes it inert, keeping its paragraphs
    if with_meters:
        parts.append(meters_line(play, role, width))
    return "\n\n".join(parts)


def options(play: SidesPlay, role: int, width: int) -> str:
    """`role`'s own options of the pending decision, numbered."""
    lines = ["Your options:"]
    for option in play.options(role):
        mark = " (history's choice)" if option.historical else ""
        closed = " (not available now)" if not option.available else ""
        lines += _lines(f"{option.index + 1}. {inert_line(option.label)}{mark}{closed}", width, "", "   ")
    return "\n".join(lines)


def changes(play: SidesPlay, roles: Sequence[int], entries: Iterable[LedgerEntry], width: int) -> str:
    """The changes to the meters every one of `roles` sees (the sides at the screen), meter by meter; the rest
    wait for each side's own screen or the debrief."""
    compiled = play.session.compiled
    seen = set.intersection(*({compiled.meter_ids[m] for m in play.visible_meters(role)} for role in roles))
    lines = _change_lines(play, [e for e in entries if e.meter in seen], width, "- ", "  ")
    you = "you" if len(roles) == 1 else "both of you"
    return "\n".join([f"What changed that {you} see:", *lines]) if lines else f"Nothing {you} see has changed."


def _change_lines(play: SidesPlay, entries: Iterable[LedgerEntry], width: int, indent: str,
                  hanging: str) -> list[str]:
    """Each meter's net change over these entries, one line per meter that moved, in the order they first moved."""
    labels = {m.id: say_line(play.session, m.label) for m in play.session.scenario.model.meters}
    return [line for moved in net_changes(entries)
            for line in _lines(f"{labels[moved.meter]}: {number(moved.before)} → {number(moved.after)} "
                               f"({change(moved.after - moved.before)}).", width, indent, hanging)]


def reveal(play: SidesPlay, shown_to: Sequence[int], result: Reveal, width: int) -> str:
    """Both sealed choices, the pair's result, and the changes the sides at the screen see."""
    lines = [REVEAL_LINE]
    for role, label in result.picks:
        lines += _lines(f"{side_name(play, role)}: {inert_line(label)}", width, "- ", "  ")
    parts = ["\n".join(lines)]
    if result.result:
        parts.append(paragraphs(inert_line(result.result), width))
    parts.append(changes(play, shown_to, result.entries, width))
    return "\n\n".join(parts)


def side_debrief(play: SidesPlay, role: int, width: int) -> str:
    """The world's ending; this side's verdict first, then the others'; what each counterpart expected; then the
    whole debrief, every meter revealed."""
    parts = [debrief.ending(play.session, width)]
    order = [role] + [r.index for r in play.sides.roles if r.index != role]
    for other in order:
        verdict = play.verdict(other)
        if verdict is not None:
            who = "Your verdict" if other == role else f"The verdict of {side_name(play, other, lower=True)}"
            text = " ".join(say_line(play.session, verdict.text).split())
            parts.append("\n".join(_lines(f"{who}: {verdict.word}. {text}", width)))
    moves = play.counterpart_moves()
    if moves:
        lines = ["What the counterpart expected:"]
        for move in moves:
            lines += _lines(inert_line(play.expectation(move)), width, "- ", "  ")
        parts.append("\n".join(lines))
    from partnership_game.text.sides_debrief import side_debrief_full  # it reads side_name from here

    parts.append("Everything else, now revealed:\n\n" + side_debrief_full(play, role, width))
    return "\n\n".join(parts)
