"""The turn screen's words: the story (situation, counsel, the options in full) and the focused option's effects."""

from __future__ import annotations

from partnership_game.session import texts
from partnership_game.session.this_turn import earlier_this_turn
from partnership_game.ui import rich
from partnership_game.ui.game import Game
from partnership_game.ui.screens.turn_counsel import counsel_paragraph
from partnership_game.ui.strings import t


def signed(value: float) -> str:
    """+5, −3, +0.5: the sign always written, a true minus sign, no decimals when the value is whole."""
    number = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    return f"+{number}" if value > 0 else (f"−{number}" if value < 0 else "±0")


def option_label(game: Game, k: int) -> str:
    pending = game.session.pending
    assert pending is not None
    return texts.label(game.session, pending.event.options[k])


def unavailable_reason(game: Game, k: int) -> str:
    pending = game.session.pending
    assert pending is not None
    option = pending.event.options[k]
    return option.unavailable_text or (option.condition.source if option.condition else "")


def history_shown(game: Game, show_history: bool) -> bool:
    """History's marks: the player's setting and the class file must both allow them."""
    return show_history and game.shows("historical_marks")


def paragraph_gap(gap_px: int) -> str:
    """The break between paragraphs: a blank row set in a small font, so it takes about half a line, not a whole
    one (pygame_gui sizes an empty row by the font it is set in); the rows saved go to the story's words."""
    return f"<font pixel_size={gap_px}><br><br></font>"


def earlier_html(game: Game) -> list[str]:
    """What landed earlier in this turn, above the decision in hand: the player's own choices, each told as their
    decision ("Your decision this turn: The first question, “Share the files” · Trust +7"), never as news; before
    the game's first decision also the news it opened with (later news is told after the decision before it)."""
    session = game.session
    parts = []
    for item in earlier_this_turn(session):
        changes = " · ".join(f"{c.meter_label} {signed(c.delta)}" for c in item.changes) or t("turn.no_change")
        if item.kind == "choice":
            parts.append(f"<b>{t('turn.earlier_choice')}:</b> {rich.escape(item.title)}, "
                         f"“{rich.escape(item.label)}” · {rich.escape(changes)}")
        elif not session.decisions:
            words = f"<br>{rich.escape(item.text)}" if item.text else ""
            parts.append(f"<b>{t('turn.earlier_news')}: {rich.escape(item.title)}</b>{words}<br>"
                         f"<i>{rich.escape(changes)}</i>")
    return parts


def story_html(game: Game, stamp_hex: str, show_history: bool, gap_px: int = 8) -> str:
    """Situation, counsel, then every option with its full text: all of it reading, in one scrolling column."""
    session = game.session
    pending = session.pending
    assert pending is not None
    model = session.scenario.model
    event = pending.event.model
    glossary = model.glossary
    seen: set[int] = set()
    parts: list[str] = []
    if game.note:
        parts.append(f"<i>{rich.escape(game.note)}</i>")
    parts += earlier_html(game)
    if event is not None and event.image is not None and pending.event.id in game.scenario.images:
        caption = f"{rich.escape(event.image.caption)} " if event.image.caption else ""
        parts.append(f"<i>{caption}(Picture: {rich.escape(event.image.credit)})</i>")
    if event is not None:
        parts.append(rich.link_glossary(rich.escape(texts.shown(session, event.situation)), glossary, seen))
        advisors = {a.id: a for a in model.advisors}
        if event.advisors:
            parts.append(f"<b>{t('turn.counsel')}</b>")
            for counsel in event.advisors:
                # Each speaker's card (emblem, office, faction) floats at the start of their words.
                words = texts.shown(session, counsel.text)
                markup = rich.link_glossary(rich.escape(words), glossary, seen)
                parts.append(counsel_paragraph(game, advisors[counsel.advisor], markup, words, stamp_hex, gap_px))
    # The options' full texts close the story: the cards below stay one line each.
    lines = []
    for k, option in enumerate(pending.event.options):
        model_option = event.options[k] if event is not None else None
        line = f"<b>{k + 1}. {rich.escape(option_label(game, k))}</b>"
        if option.historical and history_shown(game, show_history):
            line += f" <font color='{stamp_hex}'><i>({t('turn.history_mark')})</i></font>"
        if model_option is not None and model_option.text:
            line += "<br>" + rich.link_glossary(rich.escape(texts.shown(session, model_option.text)), glossary, seen)
        if not session.available()[k]:
            line += f"<br><i>{rich.escape(t('turn.unavailable', reason=unavailable_reason(game, k)))}</i>"
        lines.append(line)
    if lines:
        parts.append(f"<b>{t('turn.options_in_full')}</b><br>" + paragraph_gap(gap_px).join(lines))
    return paragraph_gap(gap_px).join(parts)


def effect_words(game: Game, focus: int | None, show_previews: bool) -> str:
    """The focused option's effects in one run of words (the meters show the same as ghost segments)."""
    session = game.session
    pending = session.pending
    if pending is None:
        return ""
    count = len(pending.event.options)
    if focus is None:
        return t("turn.effects_prompt", count=count)
    head = f"{focus + 1}. "
    if not session.available()[focus]:
        return head + t("turn.unavailable", reason=unavailable_reason(game, focus))
    if not (show_previews and game.shows("previews")):
        return head + t("turn.preview_hidden")
    preview = game.preview(focus)
    if preview is None:
        return head + t("turn.preview_none")
    model = session.scenario.model
    labels = {m.id: m.label for m in model.meters}
    flags = {f.id: f.label for f in model.flags}
    bits = [f"{labels[m]} {signed(v)}" for m, v in preview.changes.items()] or [t("turn.preview_none")]
    bits += [f"+ {flags[f]}" for f in preview.flags_set]
    bits += [f"− {flags[f]}" for f in preview.flags_cleared]
    for later in preview.later:
        changes = ", ".join(f"{labels[m]} {signed(v)}" for m, v in later.changes.items())
        bits.append(t("turn.effects_later", turns=later.after_turns) + (f" ({changes})" if changes else ""))
    chance = f" {t('turn.preview_chance')}" if preview.drawn else ""
    return head + " · ".join(bits) + chance


def preview_deltas(game: Game, focus: int | None, show_previews: bool) -> dict[str, float]:
    """What the focused option would change at once, per meter id: the ghost segments on the bars."""
    session = game.session
    if focus is None or session.pending is None or not (show_previews and game.shows("previews")):
        return {}
    if not session.available()[focus]:
        return {}
    preview = game.preview(focus)
    return dict(preview.changes) if preview is not None else {}
