"""Terminal play: the interactive prompt (scripted runs, `--choices`, are in text/scripted.py)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from partnership_game.engine import LedgerEntry
from partnership_game.session import DecisionCapReached, Session, decisions_left_notice, texts, write_save
from partnership_game.text import class_mode, commands, debrief, layout, render
from partnership_game.text.keeper import Autosave
from partnership_game.text.pager import Pager
from partnership_game.text.scripted import ScriptError, narrate, result_json, scripted  # noqa: F401  (their old home)
from partnership_game.text.terminal import Stopped, Terminal
from partnership_game.text.terminal_input import interpret, whole_number

Writer = Callable[[str], None]


def _save_name(session: Session) -> str:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{session.scenario.model.id}-{stamp}.json"


EXIT_OK = 0
EXIT_ERROR = 1  # an unexpected error (after saving), or an autosave that failed during the game
EXIT_INTERRUPTED = 130  # Ctrl-C at the prompt; the game is saved first, as on every way out


@dataclass
class Screen:
    """How the game is shown: the width and height to fit, and whether to page and fold (a player at a terminal)
    or print everything as it comes (a transcript: `--verbose`, or output that is not a terminal)."""

    width: int = layout.DEFAULT_WIDTH
    height: int = layout.DEFAULT_HEIGHT
    folded: bool = False


def interactive(session: Session, terminal: Terminal, saves: Path, autosave: Path, screen: Screen | None = None,
                play_with: Callable[[Autosave], int] | None = None) -> int:
    """The prompt loop (or `play_with`'s: a game of two sides); returns the exit status. Every way out saves
    first, and so does every decision."""
    keeper = Autosave(session, autosave, terminal)
    try:
        status = play_with(keeper) if play_with else _Game(session, terminal, saves, keeper, screen or Screen()).play()
    except KeyboardInterrupt:
        terminal.note("")
        status = EXIT_INTERRUPTED
    except Stopped as stop:
        status = 128 + stop.signum
    except BrokenPipeError:  # the reader went away (`| head`): keep the game, say nothing more, as tools do
        keeper.after_crash()
        return EXIT_OK
    except Exception as exc:
        where = {
            "saved": f"the game up to its last completed decision is saved in {autosave}",
            "kept": "no decision was taken, so nothing is lost",
            "failed": "the game could not be saved",
        }[keeper.after_crash()]
        detail = str(exc) or "no details"
        terminal.error(f"partnership-game play: error: unexpected {type(exc).__name__}: {detail[:300]} ({where})")
        return EXIT_ERROR
    keeper.finish()
    return EXIT_ERROR if keeper.failed else status


class _Game:
    """One player at the prompt: the turn shown in a screen, commands answered in a line or a page."""

    def __init__(self, session: Session, terminal: Terminal, saves: Path, keeper: Autosave, screen: Screen) -> None:
        self.session = session
        self.terminal = terminal
        self.saves = saves
        self.keeper = keeper
        self.screen = screen
        self.pager = Pager(terminal, screen.height, screen.folded)
        self.mark = 0  # the ledger's length when the last decision was taken: what came after is "since then"

    @property
    def entries(self) -> list[LedgerEntry]:
        return self.session.state.ledger.entries if self.session.state.ledger else []

    def since_mark(self) -> list[LedgerEntry]:
        return self.entries[self.mark :]

    def play(self) -> int:
        model = self.session.scenario.model
        width = self.screen.width
        if not self.session.decisions:
            briefing = texts.shown(self.session, model.briefing or model.description)
            intro = f"{model.title}\n\n{layout.paragraphs(briefing, width)}"
            self.pager.show(layout.fit(intro, width) + ("" if self.screen.folded else "\n"))
            if self.screen.folded and not self._pause("Press Enter to begin (? for commands at any prompt): "):
                return EXIT_OK
        else:
            self.mark = self._mark_of_last_decision()
        while True:
            if self.session.stopped:
                class_mode.offer_hand_in(self.session, self.terminal, width)  # class mode: nothing without a class
                self._debrief()
                return EXIT_OK
            self.show_turn()
            notice = decisions_left_notice(self.session.decisions_left)
            if notice is not None:  # near the save's decision cap: said each turn, so it is not missed
                self.terminal.say(layout.fit(notice + ".", width))
            moved = self._ask_until_moved()
            if moved is None:
                return EXIT_OK

    def _mark_of_last_decision(self) -> int:
        """Where the last decision's changes begin in the ledger (a loaded game tells what its last choice did)."""
        last_turn = self.session.decisions[-1].turn
        return next((k for k, e in enumerate(self.entries) if e.turn >= last_turn and e.kind in ("decision", "outcome")
                     ), len(self.entries))

    # ---- what is shown ---------------------------------------------------------------------------------------

    def show_turn(self) -> None:
        """The decision in hand: all of it in a transcript; folded to one screen for a player at a terminal."""
        session, width = self.session, self.screen.width
        if not self.screen.folded:
            self.terminal.say(render.full_turn(session, width) + "\n")
            return
        top = render.header(session, width) + "\n\n" + render.situation(session, width)
        summary = render.since_last(session, self.since_mark(), width)
        brief = "Things have changed since your last decision (l: what and why)." if summary else ""
        full = render.options(session, width, full=True)
        short = render.options(session, width, full=False) + "\n(d: the options in full)"
        room = self.screen.height - 1 - self.terminal.lines_since_answer  # the prompt's line, and what is shown
        # The fullest view that fits one screen: options in full, then labels only, then the summary of changes
        # cut to a pointer; when even that does not fit, the story pages and the rest stays on the last page.
        for parts in ([summary, full], [summary, short], [brief, short]):
            bottom = "\n\n".join(p for p in parts if p)
            if len(_lines(top)) + 1 + len(_lines(bottom)) <= room:
                break
        if not self.pager.show(top + "\n", reserve=len(_lines(bottom)) + 1):
            self.terminal.say("")
        self.terminal.say(bottom)

    def _after_choice(self) -> None:
        """What the choice did, as a story: shown before the next turn, with a pause so it can be read."""
        story = render.story(self.session, self.since_mark(), self.screen.width)
        if not self.screen.folded:
            self.terminal.say(story + "\n")
            return
        # The news that opens the next turn goes under that turn's header (its date), after this choice's story.
        opening = render.opening(self.session, self.screen.width)
        if opening:
            story = "\n\n".join(p for p in (story, render.header(self.session, self.screen.width), opening) if p)
        self.pager.show(story, reserve=1)
        if self.session.stopped:
            self._pause("Press Enter for the ending: ")
        elif opening:
            self._pause("Press Enter for this turn's decision: ")
        else:
            pending = self.session.pending
            assert pending is not None
            turn = self.session.scenario.model.turns[pending.turn]
            self._pause(f"Press Enter to go on to {turn.date_label or turn.date}: ")

    def _pause(self, prompt: str) -> bool:
        """Wait for Enter; False when input has ended (the game then ends, saved, as on q)."""
        line = self.terminal.ask(prompt)
        return line is not None and line.text.strip().lower() != "q"

    def _debrief(self) -> None:
        session, width = self.session, self.screen.width
        if not self.screen.folded:
            self.terminal.say(debrief.debrief_full(session, width) + "\n")
            return
        opening = "\n\n".join(part for part in (debrief.ending(session, width), debrief.why(session, width)) if part)
        self.pager.show(opening, reserve=2)
        sections = debrief.debrief_sections(session)
        menu = "Debrief: " + "; ".join(f"{k + 1} {title}" for k, (_, title) in enumerate(sections)) + "; q to finish."
        self.terminal.say(layout.fit(menu, width))
        while True:
            line = self.terminal.ask(f"Choose 1-{len(sections)}, or q: ")
            if line is None or line.text.strip().lower() in ("q", "quit"):
                return
            number = whole_number(line.text, len(sections))
            if number is None:
                self.terminal.say(layout.fit(f"Please type a number from 1 to {len(sections)}, or q.", width))
                continue
            key = sections[number - 1][0]
            self.pager.show(debrief.debrief_section(session, key, width), reserve=2)
            self.terminal.say(layout.fit(menu, width))

    # ---- what is asked ---------------------------------------------------------------------------------------

    def _ask_until_moved(self) -> str | None:
        """Ask until an answer moves the game (a choice, a step back, a jump); None when the player quits or input
        ends. Anything else is answered in its own lines and the prompt comes again: the turn is not reprinted."""
        count = len(self.session.available())
        width = self.screen.width
        while True:
            class_mode.tick(self.session, self.terminal, width)  # class mode: the clock's warning and its zero
            clock = class_mode.clock_line(self.session)
            line = self.terminal.ask(f"{clock + ' ' if clock else ''}Choose 1-{count} (? for commands): ")
            if line is not None and self.session.classroom is not None and \
                    " ".join(line.text.lower().split()) in class_mode.HAND_IN_WORDS:
                class_mode.hand_in_here(self.session, self.terminal, width)
                continue
            if line is None:
                self.terminal.say("")
                if self.terminal.lines.closed_reason is not None:  # not a plain end of input: say why it stopped
                    self.terminal.error(
                        f"partnership-game play: standard input cannot be read: {self.terminal.lines.closed_reason}")
                return None
            answer = interpret(line, count)
            command = answer.command
            refused = class_mode.refusal(self.session, command, answer.argument)
            if refused is not None:
                self.terminal.say(layout.fit(refused, width))
                continue
            if command == "quit":
                return None
            if command == "again":
                self.terminal.say(layout.fit(answer.reason, width))
            elif command == "help":
                extra = "\n" + class_mode.HELP if self.session.classroom is not None else ""
                self.pager.show(commands.help_text(width) + extra, reserve=1)
            elif command == "repeat":
                self.show_turn()
            elif command in commands.SHOWERS:
                self.pager.show(layout.fit(commands.SHOWERS[command](self.session, self.since_mark(), width), width),
                                reserve=1)
            elif command == "glossary":
                self.pager.show(render.glossary(self.session, answer.argument or None, width), reserve=1)
            elif command == "save":
                self._save_copy(answer.argument)
            elif command == "timeline":
                if not answer.argument:
                    self.pager.show(render.timeline(self.session, width), reserve=1)
                elif self._go_to(answer.argument):
                    return "jump"
            elif command == "back":
                if self.session.back():
                    self.keeper.save()
                    self.mark = self._mark_of_last_decision() if self.session.decisions else 0
                    self.terminal.say("Stepped back one decision (the branch you left is kept).\n")
                    return "back"
                self.terminal.say("This is the first decision; there is nothing to step back to.")
            elif not self.session.available()[answer.option]:
                self.terminal.say(layout.fit("That option is not available now; choose another (d says why).", width))
            elif self._choose(answer.option):
                return "choose"

    def _choose(self, option: int) -> bool:
        mark = len(self.entries)
        try:
            self.session.choose(option)
        except DecisionCapReached as exc:  # the game in memory is unchanged; the player steps back or quits
            self.terminal.say(layout.fit(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", self.screen.width))
            return False
        self.keeper.save()
        self.mark = mark
        self._after_choice()
        return True

    def _go_to(self, argument: str) -> bool:
        """`t N`: back to decision N of this branch (its choice undone, the branch kept)."""
        path = self.session.timeline.path()
        number = whole_number(argument, len(path)) if path else None
        if number is None:
            what = f"a number from 1 to {len(path)}" if path else "nothing yet: no decision has been taken"
            self.terminal.say(layout.fit(f"To go back, type t and {what}.", self.screen.width))
            return False
        self.session.goto(path[number - 1].parent)
        self.keeper.save()
        self.mark = self._mark_of_last_decision() if self.session.decisions else 0
        self.terminal.say(f"Back to decision {number} (the branch you left is kept).\n")
        return True

    def _save_copy(self, name: str) -> None:
        width = self.screen.width
        if name and not _SAVE_NAME.fullmatch(name):
            self.terminal.say(layout.fit("A save name uses letters, digits, '-' and '_' (at most 60): try again.",
                                         width))
            return
        path = self.saves / (f"{name}.json" if name else _save_name(self.session))
        try:
            write_save(path, self.session)
        except Exception as exc:  # told, and the game goes on: the autosave still holds it
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
            self.terminal.say(layout.fit(f"Could not save to {path}: {reason}", width))
            return
        self.terminal.say(layout.fit(f"Saved to {path} (open it with --load).", width))


_SAVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def seed_from_entropy() -> int:
    """A fresh seed when none is given (printed, so the game can be replayed)."""
    return int(np.random.SeedSequence().generate_state(1, dtype=np.uint32)[0])
