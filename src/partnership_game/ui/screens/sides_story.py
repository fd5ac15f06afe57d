"""A side's story on its turn: news from the other side, the decision's situation as this side reads it, the
counsel of this side's own advisers (with their cards), and its options in full."""

from __future__ import annotations

from partnership_game.inert import inert, inert_line
from partnership_game.scenario.event_models import Counsel
from partnership_game.session import texts
from partnership_game.session.sides_play import NewsItem, SideOption
from partnership_game.ui import rich
from partnership_game.ui.screens.turn_counsel import counsel_paragraph
from partnership_game.ui.side_views import change_line
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t


def side_counsel(game: SidesGame, role: int) -> tuple[Counsel, ...]:
    """The counsel `role` hears now: its own side's advisers in a joint decision, the event's in one of its own."""
    joint = game.play.joint()
    if joint is not None:
        return tuple(joint.side_of(role).advisors)
    pending = game.session.pending
    model = pending.event.model if pending is not None else None
    return tuple(model.advisors) if model is not None else ()


def story_html(game: SidesGame, role: int, news: list[NewsItem], situation: str, options: list[SideOption],
               stamp_hex: str, gap_px: int, history: bool) -> str:
    session = game.session
    parts = []
    if game.note:
        parts.append(f"<i>{rich.escape(inert_line(game.note))}</i>")
    own = [n for n in news if n.from_role == n.for_role]  # a joint decision's changes the reveal kept from the other
    told = [n for n in news if n.from_role != n.for_role]
    for item in own:
        lines = [change_line(c, now=False) for c in game.changes_for(role, list(item.changes))]
        if not lines:  # moved and came back within the decision: nothing to tell
            continue
        heading = t("sides.own_only", title=inert_line(item.title))
        parts.append(f"<b>{rich.escape(heading)}</b><br>" + "<br>".join(lines))
    if told:
        parts.append(f"<b>{rich.escape(t('sides.news'))}</b>")
        parts += [f"<b>{rich.escape(inert_line(n.title))}</b>: {rich.escape(inert_line(n.text))}" for n in told]
    pending = session.pending
    if pending is not None:  # the decision's title heads its situation (the header has the date and place)
        parts.append(f"<b>{rich.escape(inert_line(texts.shown(session, pending.event.title)))}</b>")
    parts.append(rich.escape(inert(situation)))
    counsel = side_counsel(game, role)
    advisers = {a.id: a for a in session.scenario.model.advisors}
    if counsel:
        parts.append(f"<b>{rich.escape(t('turn.counsel'))}</b>")
        for said in counsel:
            words = inert(texts.shown(session, said.text))
            parts.append(counsel_paragraph(game, advisers[said.advisor], rich.escape(words), words, stamp_hex,
                                           gap_px))
    lines = []
    for option in options:
        line = f"<b>{option.index + 1}. {rich.escape(inert_line(option.label))}</b>"
        if option.historical and history:
            line += f" <font color='{stamp_hex}'><i>({rich.escape(t('turn.history_mark'))})</i></font>"
        if option.text:
            line += "<br>" + rich.escape(inert(option.text))
        if not option.available:
            line += f"<br><i>{rich.escape(t('turn.unavailable_tag'))}</i>"
        lines.append(line)
    if lines:
        parts.append(f"<b>{rich.escape(t('turn.options_in_full'))}</b><br>" + "<br><br>".join(lines))
    return "<br><br>".join(parts)
