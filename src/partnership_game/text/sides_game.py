"""Terminal play of a game with sides: one side against a counterpart, or a hot seat handing the keyboard over."""

from __future__ import annotations

import re
from pathlib import Path

from partnership_game.session import DecisionCapReached, Session, texts, write_save
from partnership_game.session.sides_news import own_changes
from partnership_game.session.sides_play import NewsItem, SidesPlay
from partnership_game.text import layout, sides_screens
from partnership_game.text.keeper import Autosave
from partnership_game.text.pager import Pager
from partnership_game.text.play import EXIT_OK, Screen, interactive
from partnership_game.text.terminal import Terminal
from partnership_game.text.terminal_input import interpret

HELP = """Commands at the prompt:
  1, 2, ...  choose that option (in a decision of both sides, sealed until both have chosen)
  c          what your side's advisers say
  m          the meters your side sees, and which way is better for you
  r          show this screen again
  b          step back to your side's last decision (both halves of a joint one are undone; in a hot
             seat the other side is asked to allow it)
  s NAME     save a copy under NAME (s alone picks a name)
  q          quit (the game is saved and can be continued)
  ?  or h    this list
The other commands are for games of one side: here they would show what the other side keeps to itself."""

_SAVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}")
_CLEAR = "\x1b[H\x1b[2J\x1b[3J"  # home, clear the screen and its scrollback: the last side's screen is gone


def play_sides(play: SidesPlay, terminal: Terminal, saves: Path, autosave: Path, screen: Screen) -> int:
    """The prompt loop of a game with sides; the same ways out, autosaves and crash handling as a one-side game."""
    return interactive(play.session, terminal, saves, autosave, screen,
                       play_with=lambda keeper: _SidesGame(play, terminal, saves, keeper, screen).run())


class _SidesGame:
    """The people at the keyboard: each side's own screen, the hand-over between them, the reveal, the debrief."""

    def __init__(self, play: SidesPlay, terminal: Terminal, saves: Path, keeper: Autosave, screen: Screen) -> None:
        self.sides = play
        play.private_after_reveal = True  # the reveal shows only what every side at the screen sees
        self.session: Session = play.session
        self.terminal = terminal
        self.saves = saves
        self.keeper = keeper
        self.width = screen.width
        self.screen = screen
        self.pager = Pager(terminal, screen.height, screen.folded)
        self.at_screen: int | None = None  # the side that has the keyboard now

    def run(self) -> int:
        model = self.session.scenario.model
        if not self.session.decisions:
            briefing = texts.shown(self.session, model.briefing or model.description)
            self.pager.show(layout.fit(f"{model.title}\n\n{layout.paragraphs(briefing, self.width)}\n", self.width))
        while True:
            self.sides.run_counterparts()
            if self.session.stopped:
                self._debrief()
                return EXIT_OK
            role = self.sides.to_act()
            assert role is not None  # run_counterparts stops only where a person is asked
            if role != self.at_screen and self.sides.seating.hotseat and not self._hand_over(role):
                return EXIT_OK
            self.at_screen = role
            self._show(role, self.sides.take_news(role))
            if not self._ask(role):
                return EXIT_OK

    def _hand_over(self, role: int) -> bool:
        """Cover the last side's screen and wait for the next side; False when input ends."""
        self._clear()
        self.terminal.say(layout.fit(sides_screens.handover(self.sides, role), self.width))
        line = self.terminal.ask(sides_screens.HANDOVER_PROMPT)
        if line is None or line.text.strip().lower() == "q":
            return False
        self._clear()
        return True

    def _back_with_consent(self, role: int) -> bool:
        """A step back in a hot seat: each other person is handed the keyboard and asked to allow it (seeing
        nothing of the asking side's hand), then the keyboard comes back with the answer. True: stepped back.
        False: refused or nothing to step back to (said), or input ended (`at_screen` is then None)."""
        if not self.sides.can_step_back(role):
            self.terminal.say("There is no decision of yours to step back to.")
            return False
        for other in self.sides.other_people(role):
            allowed = self._ask_consent(role, other)
            if allowed is None or not self._hand_over(role):
                self.at_screen = None
                return False
            self.at_screen = role
            if not allowed:
                self._show(role, [])
                self.terminal.say(layout.fit(sides_screens.consent_answer(self.sides, other, False), self.width))
                return False
        return self.sides.back(role)

    def _ask_consent(self, asking: int, other: int) -> bool | None:
        """The other side's answer: True to allow, False to refuse, None when input ends."""
        if not self._hand_over(other):
            return None
        self.terminal.say(layout.fit(sides_screens.consent_question(self.sides, asking, other), self.width))
        while True:
            line = self.terminal.ask(sides_screens.CONSENT_PROMPT)
            if line is None:
                return None
            answer = line.text.strip().lower()
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            self.terminal.say("Type y to allow it or n to refuse.")

    def _clear(self) -> None:
        """A terminal is cleared; a pipe or a file gets a screenful of blank lines (nothing shown there is hidden,
        but the transcript reads as the screen did)."""
        if self.screen.folded:
            self.terminal.stdout.write(_CLEAR)
            self.terminal.stdout.flush()
        else:
            self.terminal.say("\n" * (self.screen.height - 1))

    def _show(self, role: int, news: list[NewsItem]) -> None:
        """The side's screen, paged if it must be, with its options and the prompt together on the last page."""
        bottom = sides_screens.options(self.sides, role, self.width)
        room = self.screen.height - 2 - bottom.count("\n") - self.terminal.lines_since_answer
        top = sides_screens.screen(self.sides, role, news, self.width)
        if top.count("\n") + 2 > room:  # the meters wait for "m" rather than push the situation off the screen
            top = sides_screens.screen(self.sides, role, news, self.width, with_meters=False)
        if not self.pager.show(top + "\n", reserve=bottom.count("\n") + 2):
            self.terminal.say("")
        self.terminal.say(bottom)

    def _ask(self, role: int) -> bool:
        """Ask `role` until it picks, steps back or quits; False to end the game (saved on the way out)."""
        count = len(self.sides.options(role))
        while True:
            line = self.terminal.ask(f"Choose 1-{count} (? for commands): ")
            if line is None:
                self.terminal.say("")
                return False
            answer = interpret(line, count)
            if answer.command == "quit":
                return False
            if answer.command == "choose":
                if not self.sides.options(role)[answer.option].available:
                    self.terminal.say("That option is not available now; choose another.")
                    continue
                return self._pick(role, answer.option)
            if answer.command == "back":
                if self.sides.back(role) if not self.sides.other_people(role) else self._back_with_consent(role):
                    self.keeper.save()
                    allowed = [sides_screens.consent_answer(self.sides, o, True) + " "
                               for o in self.sides.other_people(role)]
                    self.terminal.say(layout.fit(f"{''.join(allowed)}Stepped back (the branch you left is kept).\n",
                                                 self.width))
                    return True
                if not self.sides.other_people(role):
                    self.terminal.say("There is no decision of yours to step back to.")
                elif self.at_screen is None:
                    return False  # input ended during the hand-over
            elif answer.command == "counsel":
                self.pager.show(sides_screens.counsel(self.sides, role, self.width), reserve=1)
            elif answer.command == "meters":
                self.pager.show(sides_screens.meters(self.sides, role, self.width), reserve=1)
            elif answer.command == "repeat":
                self._show(role, [])
            elif answer.command == "save":
                self._save_copy(answer.argument)
            elif answer.command == "help":
                self.pager.show(layout.fit(HELP, self.width), reserve=1)
            elif answer.command == "again":
                self.terminal.say(layout.fit(answer.reason, self.width))
            else:
                self.terminal.say(layout.fit("Not in a game of two sides: it would show what the other side keeps "
                                             "to itself (? for the commands).", self.width))

    def _pick(self, role: int, option: int) -> bool:
        session = self.session
        mark = len(session.state.ledger.entries) if session.state.ledger else 0
        told = len(texts.happened(session))
        try:
            reveal = self.sides.pick(role, option)
        except DecisionCapReached as exc:
            self.terminal.say(layout.fit(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", self.width))
            return True
        people = [r for r in self.sides.seating.people]
        if reveal is not None:
            self.keeper.save()
            self.terminal.say("\n" + sides_screens.reveal(self.sides, people, reveal, self.width) + "\n")
        elif self.sides.sealed:  # sealed: nothing of it is said, not even to the side that chose
            self.terminal.say("Your choice is sealed until the other side has chosen.\n")
            return True
        else:
            self.keeper.save()
            # What landed after it that the side is told as news waits for its next screen.
            entries = own_changes(session, [role], session.state.ledger.entries[mark:]) if (
                session.state.ledger) else ()
            result = next((h.result for h in texts.happened(session)[told:] if not h.news), "")
            story = ([layout.paragraphs(result, self.width)] if result else []) + [
                sides_screens.changes(self.sides, [role], entries, self.width)]
            self.terminal.say("\n" + "\n\n".join(story) + "\n")
        line = self.terminal.ask("Press Enter to go on: ")
        return line is not None and line.text.strip().lower() != "q"

    def _debrief(self) -> None:
        roles = self.sides.seating.people or (0,)
        for role in roles:
            if self.sides.seating.hotseat:
                self.at_screen = None
                if not self._hand_over(role):
                    return
            self.pager.show(sides_screens.side_debrief(self.sides, role, self.width), reserve=1)
            if self.sides.seating.hotseat and role != roles[-1]:
                line = self.terminal.ask("Press Enter when you have read it: ")
                if line is None:
                    return

    def _save_copy(self, name: str) -> None:
        if name and not _SAVE_NAME.fullmatch(name):
            self.terminal.say("A save name uses letters, digits, '-' and '_' (at most 60): try again.")
            return
        path = self.saves / (f"{name}.json" if name else f"{self.session.scenario.model.id}-sides.json")
        try:
            write_save(path, self.session)
        except Exception as exc:  # told, and the game goes on: the autosave still holds it
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
            self.terminal.say(layout.fit(f"Could not save to {path}: {reason}", self.width))
            return
        self.terminal.say(layout.fit(f"Saved to {path} (open it with --load).", self.width))
