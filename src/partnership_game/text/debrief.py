"""The debrief as text fitted to a width: the ending first, then sections a menu offers (path, meters, sources,
questions, notes), or all of them at once for transcripts."""

from __future__ import annotations

from partnership_game.inert import inert, inert_line
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session import Session, explain, texts
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.reference import sources
from partnership_game.text.render import meters, world
from partnership_game.text.wording import ACCURACY_WORDS, say, say_line, sentence

_TITLES = {
    "path": "Your path against history",
    "meters": "The meters at the end",
    "sources": "Sources",
    "questions": "Questions for discussion",
    "notes": "Notes on the record",
}


def why(session: Session, width: int) -> str:
    """Why the game ended as it did: the ending's condition met, the nearest ending missed, the decisions behind it
    ('' before the end)."""
    from partnership_game.session.why import why_text

    return why_text(session, width)


def ending(session: Session, width: int) -> str:
    """The ending's title and epilogue, and whether it is the ending marked as where history went ('' before the
    end)."""
    reached = session.ending
    if reached is None:
        from partnership_game.classroom.ending import lesson_end_words  # a class lesson that stopped at its end

        return "\n".join(wrap(lesson_end_words(session), width)) if lesson_end_words(session) else ""
    model = next(e for e in session.scenario.model.endings if e.id == reached.id)
    lines = "\n".join(wrap(f"The end: {say_line(session, model.title)}", width, "", "  "))
    text = lines + "\n\n" + paragraphs(say(session, model.text), width)
    if reached.historical:
        text += "\n\n" + "\n".join(wrap("This is the ending the scenario marks as where history went.", width))
    return text


def _played(session: Session) -> list[CompiledEvent]:
    """Every event of this game that a player read: the decisions on this branch, then the happenings that fired."""
    seen: dict[str, CompiledEvent] = {}
    for event in [d.event for d in session.decisions] + explain.happenings_fired(session):
        seen.setdefault(event.id, event)
    return list(seen.values())


def _has_notes(session: Session) -> bool:
    return any(e.model is not None and e.model.notes for e in _played(session))


def _has_sources(session: Session) -> bool:
    return any(e.model is not None and e.model.sources for e in _played(session))


def debrief_sections(session: Session) -> list[tuple[str, str]]:
    """The debrief's sections as (key, title), in menu order; a section with nothing to show is left out."""
    keys = ["path", "meters"]
    if _has_sources(session):
        keys.append("sources")
    if _questions(session):
        keys.append("questions")
    if _has_notes(session):
        keys.append("notes")
    return [(key, _TITLES[key]) for key in keys]


def _questions(session: Session) -> list[str]:
    """The scenario's questions, or a class's own (those tied to a turn once the lesson reached it)."""
    from partnership_game.classroom.ending import questions

    return questions(session)


def _accuracy(event: CompiledEvent) -> str:
    return f" ({ACCURACY_WORDS[event.model.accuracy]})" if event.model is not None else ""


def _path(session: Session, width: int) -> list[str]:
    model = session.scenario.model
    lines = wrap(explain.road_sentence(explain.road(session)), width)
    from partnership_game.classroom.ending import set_by_class

    floor = set_by_class(session)  # decisions the class took to history's choice before its start
    for number, decision in enumerate(session.decisions, 1):
        event = decision.event
        turn = model.turns[decision.turn]
        lines.append("")
        indent = " " * (len(str(number)) + 2)
        lines += wrap(f"{number}. {say_line(session, turn.date_label or turn.date)}: "
                      f"{say_line(session, event.title)}{_accuracy(event)}", width, "", indent)
        label = sentence(inert_line(texts.decision_label(session, number - 1)))
        if number <= floor:  # taken for the class before its start: history's choice, not the students'
            lines += wrap("Set by the class (history): " + label, width, indent)
            continue
        chose = "You chose: " + label
        if event.historical_option >= 0:
            chose += (" History chose the same." if decision.historical else
                      " History chose: " + sentence(say_line(session, event.options[event.historical_option].label)))
        else:
            chose += " History has no choice to compare with."
        lines += wrap(chose, width, indent)
        landed = explain.decision_happened(session, number - 1)
        told = explain.what_happened(landed) if landed is not None else ""
        if told:
            lines += wrap(" ".join(inert(told).split()), width, indent)  # one paragraph: it is one item
    others = explain.happenings_fired(session)
    if others:
        lines += ["", "Other events in your game:"]
        for event in others:
            lines += wrap(f"{say_line(session, event.title)}{_accuracy(event)}", width, "- ", "  ")
    return lines


def _sources(session: Session, width: int) -> list[str]:
    lines: list[str] = []
    for event in _played(session):
        listed = sources(event.model, width)
        if listed:
            lines += ["", *wrap(f"{say_line(session, event.title)}{_accuracy(event)}:", width, "", "  ")]
            lines += listed.split("\n")[1:]  # under the event's title, the list needs no "Sources:" of its own
    return lines[1:]


def _notes(session: Session, width: int) -> list[str]:
    lines: list[str] = []
    for event in _played(session):
        if event.model is None or not event.model.notes:
            continue
        lines += ["", *wrap(f"{say_line(session, event.title)}:", width, "", "  ")]
        for note in event.model.notes:
            lines += wrap(" ".join(say(session, note).split()), width, "- ", "  ")
    return lines[1:]


def debrief_section(session: Session, key: str, width: int) -> str:
    """One section of the debrief under its title: "path", "meters", "sources", "questions" or "notes"."""
    if key not in _TITLES:
        raise KeyError(key)
    if key == "path":
        body = _path(session, width)
    elif key == "meters":
        body = [*meters(session, width).split("\n")[1:], "", world(session, width)]  # the title says "meters"
    elif key == "sources":
        body = _sources(session, width) or ["No event of this game lists a source."]
    elif key == "questions":
        questions = _questions(session)
        body = [line for k, q in enumerate(questions, 1)
                for line in wrap(f"{k}. {' '.join(say(session, q).split())}", width, "", " " * (len(str(k)) + 2))]
        body = body or ["This scenario asks no questions."]
    else:
        body = _notes(session, width) or ["No event of this game has notes on the record."]
    title = "\n".join(wrap(_TITLES[key], width))
    return title + "\n\n" + "\n".join(body)


def debrief_full(session: Session, width: int) -> str:
    """Everything, for transcripts, in the order the folded debrief opens with: the ending, why (when there is a
    why), then every section in menu order."""
    parts = [ending(session, width), why(session, width)]
    parts += [debrief_section(session, key, width) for key, _ in debrief_sections(session)]
    return "\n\n".join(p for p in parts if p)
