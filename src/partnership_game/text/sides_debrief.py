"""One side's path in the debrief of a game of two sides: its own decisions said as "you", the other side's under
its name, each against history, and only its own count of decisions."""

from __future__ import annotations

from partnership_game.classroom.ending import set_by_class
from partnership_game.inert import inert, inert_line
from partnership_game.session import explain, texts
from partnership_game.session.explain import Road
from partnership_game.session.sides_news import deciders, news_text_at
from partnership_game.session.sides_play import SidesPlay
from partnership_game.text import debrief
from partnership_game.text.layout import wrap
from partnership_game.text.sides_screens import side_name
from partnership_game.text.wording import ACCURACY_WORDS, say_line, sentence

TITLE = "Your path against history"


def _halves(play: SidesPlay, index: int) -> list[tuple[int, str, bool | None, str]]:
    """Each deciding side's part of the game's `index`-th decision: (role, its label, whether history chose the
    same (None: history has no choice here), history's label)."""
    session = play.session
    decision = session.decisions[index]
    event = decision.event
    joint = play.sides.joint.get(event.index)
    if joint is None:
        who = deciders(session, event.index)
        label = texts.decision_label(session, index)
        if event.historical_option < 0:
            return [(who[0] if who else 0, label, None, "")]
        history = say_line(session, event.options[event.historical_option].label)
        return [(who[0] if who else 0, label, decision.historical, history)]
    halves = joint.choices_of(decision.option)
    parts: list[tuple[int, str, bool | None, str]] = []
    for side in joint.sides:
        own = side.options[halves[side.role]]
        marked = [o for o in side.options if o.historical]
        history = texts.shown(session, marked[0].label) if marked else ""
        parts.append((side.role, texts.shown(session, own.label), own.historical if marked else None, history))
    return parts


def _told(play: SidesPlay, role: int, index: int) -> list[str]:
    """What a decision did, as `role` reads it: its result when `role` took part in it; another side's decision by
    its news (written for the other chairs), or by its result as that side read it."""
    session = play.session
    landed = explain.decision_happened(session, index)
    told = " ".join(inert(explain.what_happened(landed)).split()) if landed is not None else ""
    who = deciders(session, session.decisions[index].event.index)
    if not who or role in who:
        return [told] if told else []
    news = " ".join(inert(news_text_at(session, index, session.decisions[index].option)).split())
    if news:
        return [news]
    return [f"As {side_name(play, who[0], lower=True)} read it: {told}"] if told else []


def side_path(play: SidesPlay, role: int, width: int) -> str:
    """The path section of `role`'s debrief: every decision of the game, "You chose" only for its own."""
    session = play.session
    model = session.scenario.model
    floor = set_by_class(session)
    body: list[str] = []
    mine = Road(0, 0, 0)
    for number, decision in enumerate(session.decisions, 1):
        event = decision.event
        turn = model.turns[decision.turn]
        indent = " " * (len(str(number)) + 2)
        accuracy = f" ({ACCURACY_WORDS[event.model.accuracy]})" if event.model is not None else ""
        body += ["", *wrap(f"{number}. {say_line(session, turn.date_label or turn.date)}: "
                           f"{say_line(session, event.title)}{accuracy}", width, "", indent)]
        for who, label, same, history in _halves(play, number - 1):
            said = sentence(inert_line(label))
            if number <= floor:
                body += wrap(f"Set by the class (history): {said}", width, indent)
                continue
            chose = f"You chose: {said}" if who == role else f"{side_name(play, who)} chose: {said}"
            chose += (" History has no choice to compare with." if same is None else
                      " History chose the same." if same else f" History chose: {sentence(inert_line(history))}")
            body += wrap(chose, width, indent)
            if who == role:
                mine = Road(mine.taken + 1, mine.different + (same is False), mine.unknown + (same is None))
        body += [line for told in _told(play, role, number - 1) for line in wrap(told, width, indent)]
    others = explain.happenings_fired(session)
    if others:
        body += ["", "Other events in the game:"]
        for event in others:
            accuracy = f" ({ACCURACY_WORDS[event.model.accuracy]})" if event.model is not None else ""
            body += wrap(f"{say_line(session, event.title)}{accuracy}", width, "- ", "  ")
    head = wrap(explain.road_sentence(mine), width)
    return "\n".join([*wrap(TITLE, width), "", *head, *body])


def side_debrief_full(play: SidesPlay, role: int, width: int) -> str:
    """The whole debrief as `role` reads it: why the world ended so, its own path, then every other section."""
    session = play.session
    parts = [debrief.why(session, width), side_path(play, role, width)]
    parts += [debrief.debrief_section(session, key, width) for key, _ in debrief.debrief_sections(session)
              if key != "path"]
    return "\n\n".join(p for p in parts if p)
