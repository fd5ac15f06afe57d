"""Answers a player looks up during a turn, as text fitted to a width: glossary, sources, timeline, odds."""

from __future__ import annotations

from partnership_game.engine import POLICIES
from partnership_game.engine.odds import future_seeds, odds_for_option
from partnership_game.inert import inert_line
from partnership_game.scenario.models import Event, GlossaryTerm
from partnership_game.session import Session, texts
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.wording import say, say_line

_ECHO = 40  # how much of a looked-up word is repeated back in "no term matches"


def _joined(lines: list[str]) -> str:
    return "\n".join(lines)


def _terms(session: Session, width: int, lead: str) -> str:
    names = "; ".join(say_line(session, t.term) for t in session.scenario.model.glossary)
    return _joined(wrap(f"{lead}: {names}. (g WORD: read one)", width, "", "  "))


def _match(terms: list[GlossaryTerm], word: str) -> list[GlossaryTerm]:
    """The best matches for `word`, case-insensitive: exact names first, else names starting with it, else any
    name containing it."""
    wanted = word.casefold()

    def names(term: GlossaryTerm) -> list[str]:
        return [n.casefold() for n in (term.term, *term.aliases)]

    for test in (lambda n: n == wanted, lambda n: n.startswith(wanted), lambda n: wanted in n):
        found = [t for t in terms if any(test(n) for n in names(t))]
        if found:
            return found
    return []


def glossary(session: Session, word: str | None, width: int) -> str:
    """`word` None: the list of terms; otherwise the matching entries, or one line saying none matches and the list."""
    terms = list(session.scenario.model.glossary)
    if not terms:
        return "This scenario has no glossary."
    word = " ".join((word or "").split())
    if not word:
        return _terms(session, width, "Terms in the glossary")
    found = _match(terms, word)
    if not found:
        shown = inert_line(word if len(word) <= _ECHO else word[:_ECHO] + "…")
        return _terms(session, width, f'No term matches "{shown}". Terms in the glossary')
    blocks = []
    for term in found:
        name = say_line(session, term.term)
        if term.aliases:
            name += " (also: " + ", ".join(say_line(session, a) for a in term.aliases) + ")"
        blocks.append(_joined(wrap(name, width, "", "  ")) + "\n" + paragraphs(say(session, term.text), width, "  "))
    return "\n\n".join(blocks)


def sources(event_model: Event | None, width: int) -> str:
    """An event's sources, each as "author, title, outlet, date" with its link alone on the next line ('' for
    none)."""
    if event_model is None or not event_model.sources:
        return ""
    lines = ["Sources:"]
    for source in event_model.sources:
        parts = [source.author, source.title, source.outlet, source.date]
        lines += wrap(", ".join(inert_line(p) for p in parts if p), width, "- ", "  ")
        if source.url:
            lines.append("  " + inert_line(source.url))  # whole, even when wider than the width: it must still work
    return _joined(lines)


def timeline(session: Session, width: int, show_history: bool | None = None) -> str:
    """The decisions on the current branch, numbered, with date, event and choice (and history's, with
    `show_history`; by default unless a class hides it), and how many other branches the timeline keeps."""
    if show_history is None:
        room = session.classroom
        show_history = room is None or room.shows("historical_marks", over=session.stopped)
    model = session.scenario.model
    lines = ["Your decisions on this branch:" if session.decisions else "No decision taken yet on this branch."]
    for number, decision in enumerate(session.decisions, 1):
        turn = model.turns[decision.turn]
        event = decision.event
        text = (f"{number}. {say_line(session, turn.date_label or turn.date)}: {say_line(session, event.title)}. "
                f"You chose: {inert_line(texts.decision_label(session, number - 1))}")
        if show_history and event.historical_option >= 0:
            text += (" (as history did)" if decision.historical else
                     f"; history chose: {say_line(session, event.options[event.historical_option].label)}")
        lines += wrap(text + ".", width, "", "   ")
    pending = session.pending
    if pending is not None:
        turn = model.turns[pending.turn]
        now = f"{say_line(session, turn.date_label or turn.date)}: {say_line(session, pending.event.title)}"
        lines += wrap(f"Now: {now}.", width, "", "   ")
    current = session.timeline.current
    others = len([leaf for leaf in session.timeline.leaves() if leaf.id != current])
    if others:
        count = "1 other branch" if others == 1 else f"{others} other branches"
        lines += wrap(f"{count} kept. t N: go back to decision N (the branch you leave is kept).", width, "", "  ")
    elif session.decisions:
        lines += wrap("No other branch yet. t N: go back to decision N (the branch you leave is kept).",
                      width, "", "  ")
    return _joined(lines)


def _percent(share: float) -> str:
    return "under 1%" if 0 < share < 0.005 else f"{share:.0%}"


def odds(session: Session, width: int, futures: int = 2000, policy: str = "historical") -> str:
    """Each option's endings over `futures` simulated futures, the model the window's odds screen uses: the rest of
    the game played by `policy`, the same dice for every option."""
    pending = session.pending
    if pending is None:
        return "The game is over: there are no odds to compute."
    how = ("the way history went (where an option is marked historical)" if policy == "historical"
           else "at random")
    lines = wrap(f"What are the odds? The model's odds, not a prediction: for each option, how {futures:,} "
                 f"simulated futures end when the rest of the game is played {how}. The same dice are used for "
                 "every option; endings no future reached are left out.", width)
    seeds = future_seeds(session.seed, pending.turn, pending.slot, futures)
    endings = {e.id: e for e in session.scenario.model.endings}
    for k, option in enumerate(pending.event.options):
        result = odds_for_option(session.engine, session.state, pending, k, POLICIES[policy], seeds)
        label = f"{k + 1}. {inert_line(texts.label(session, option))}"
        if result.shares is None:
            lines += wrap(f"{label}: not available now.", width, "", "   ")
            continue
        lines += wrap(f"{label}:", width, "", "   ")
        reached = sorted(((s, e) for e, s in result.shares.items() if s > 0), key=lambda x: -x[0])
        for share, ending_id in reached:
            lines += wrap(f"{say_line(session, endings[ending_id].title)}: {_percent(share)}", width, "   - ", "     ")
    return _joined(lines)
