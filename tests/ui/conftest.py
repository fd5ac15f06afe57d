"""Shared fixtures for the headless screen tests: a window game under SDL's dummy driver, driven like a player.

The root conftest already forces SDL_VIDEODRIVER=dummy and gives each test its own XDG_DATA_HOME and
XDG_CONFIG_HOME, so saves, mods and settings written here never touch the developer's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from partnership_game.ui import theme
from partnership_game.ui.app import App
from partnership_game.ui.run import Services, open_first_screens
from partnership_game.ui.settings import Settings

SEED = 2001
WIDTH, HEIGHT = 1280, 720

OWN_MODULES = ("test_screens.py", "test_monkey.py", "test_goldens.py", "test_story.py")


class Driver:
    """Presses keys, moves and clicks the mouse like a player, and lets the app run its frames in between.

    Keys and clicks are real pygame events handed to `App.dispatch`; mouse moves go through `pygame.mouse.set_pos`,
    which under the dummy driver moves SDL's own pointer (what pygame_gui reads for hovering) and queues the same
    MOUSEMOTION a real mouse would. Events the widgets post in reply (button presses, list selections) are pumped
    through `dispatch` until the queue is quiet.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.draw_frames = True

    # ---- the loop ------------------------------------------------------------------------------------------

    def pump(self) -> int:
        events = pygame.event.get()
        for event in events:
            self.app.dispatch(event)
            if not self.app.running:
                break
        return len(events)

    def settle(self, frames: int = 2, max_rounds: int = 12) -> None:
        """Dispatch queued events and run frames until nothing more is queued (widgets answer a frame later)."""
        quiet = 0
        for _ in range(max_rounds):
            count = self.pump()
            if self.draw_frames:
                self.app.frame(1 / 60)
            else:
                self.app.manager.update(1 / 60)
                for screen in list(self.app.stack):
                    screen.update(1 / 60)
            quiet = quiet + 1 if count == 0 and not pygame.event.peek() else 0
            if quiet >= frames:
                break

    # ---- input ---------------------------------------------------------------------------------------------

    def key(self, key: int, mod: int = 0, unicode: str = "", settle: bool = True) -> None:
        self.app.dispatch(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        self.app.dispatch(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        if settle:
            self.settle()

    def ctrl(self, key: int) -> None:
        self.key(key, pygame.KMOD_LCTRL)

    def digit(self, k: int) -> None:
        """Press the digit key of option k (0-based)."""
        self.key(pygame.K_1 + k, unicode=str(k + 1))

    def type_text(self, text: str) -> None:
        for char in text:
            self.app.dispatch(pygame.event.Event(pygame.TEXTINPUT, text=char))
        self.settle()

    def move(self, pos: tuple[int, int], settle: bool = True) -> None:
        pygame.mouse.set_pos(pos)
        if settle:
            self.settle()

    def click(self, pos: tuple[int, int], button: int = 1, settle: bool = True) -> None:
        pos = (int(pos[0]), int(pos[1]))
        self.move(pos, settle=settle)
        self.app.dispatch(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False))
        self.app.dispatch(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False))
        if settle:
            self.settle()

    def resize(self, width: int, height: int, settle: bool = True) -> None:
        """What a window manager does: the window changes size, then SDL reports VIDEORESIZE."""
        pygame.display.set_mode((width, height), pygame.RESIZABLE)
        self.app.dispatch(pygame.event.Event(pygame.VIDEORESIZE, size=(width, height), w=width, h=height))
        if settle:
            self.settle()

    # ---- looking -------------------------------------------------------------------------------------------

    @property
    def top(self) -> Any:
        return self.app.top

    @property
    def top_name(self) -> str:
        return type(self.app.top).__name__ if self.app.top is not None else "<empty>"

    def names(self) -> list[str]:
        return [type(s).__name__ for s in self.app.stack]

    @staticmethod
    def visible_text(screen: Any) -> str:
        """The markup of every visible text box a screen owns (a screen may keep hidden ones ready)."""
        return "\n".join(
            e.html_text for e in screen.elements if isinstance(e, pygame_gui.elements.UITextBox) and e.visible
        )

    def shot(self) -> pygame.Surface:
        self.settle()
        self.app.draw()
        return self.app.window.copy()

    # ---- playing -------------------------------------------------------------------------------------------

    def start(self, scenario: str | None = None, seed: int | None = SEED, load: Path | None = None) -> None:
        open_first_screens(self.app, scenario, seed, load)
        self.settle()

    def new_game_from_title(self, seed: int = SEED, scenario: str = "new_partnership") -> None:
        """Title → picker (Down to the scenario if it is not the first) → briefing → the first turn; fixed dice."""
        self.app.services.new_seed = lambda: seed
        self.key(pygame.K_RETURN)
        assert self.top_name == "PickerScreen", self.names()
        picker = self.top
        assert scenario in [e.id for e in picker.entries], [e.id for e in picker.entries]
        for _ in range(len(picker.entries)):
            if picker.entries[picker.index].id == scenario:
                break
            self.key(pygame.K_DOWN)
            picker = self.top
        assert picker.entries[picker.index].id == scenario
        self.key(pygame.K_RETURN)
        assert self.top_name == "BriefingScreen", self.names()
        self.key(pygame.K_RETURN)
        assert self.top_name == "TurnScreen", self.names()

    @property
    def game(self) -> Any:
        for screen in reversed(self.app.stack):
            game = getattr(screen, "game", None)
            if game is not None:
                return game
        return None

    def historical_choice(self) -> int:
        """The option history took at the pending decision, or the first available one."""
        session = self.game.session
        event = session.pending.event
        available = session.available()
        choice = event.historical_option if event.historical_option >= 0 else 0
        return choice if available[choice] else available.index(True)

    def decide(self, k: int) -> None:
        """On the turn screen: press the digit, Enter to decide, Enter to close the consequences."""
        assert self.top_name == "TurnScreen", self.names()
        self.digit(k)
        self.key(pygame.K_RETURN)
        assert self.top_name == "ConsequencesScreen", self.names()
        self.key(pygame.K_RETURN)

    def play_to_end(self, chooser: Callable[[], int] | None = None, limit: int = 200) -> int:
        chooser = chooser or self.historical_choice
        count = 0
        while self.game is not None and self.game.session.pending is not None and count < limit:
            self.decide(chooser())
            count += 1
        return count


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # pygame_gui warns when a font size was not preloaded; a hint about speed, not a failure of these tests.
    for item in items:
        if item.path.name in OWN_MODULES and item.path.parent == Path(__file__).parent:
            item.add_marker(pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui"))


def open_display() -> None:
    pygame.display.init()
    pygame.font.init()


def close_display() -> None:
    pygame.quit()
    # The game keeps pygame Font objects in lru caches; after pygame.quit() they are dead ("Invalid font (font
    # module quit since font created)"), so the next test's window must not find them (see test_screens.py).
    theme.font.cache_clear()


@pytest.fixture
def make_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[..., Driver]]:
    """Open the display and build Apps (a test may build a second one, as a relaunched game would)."""
    home = tmp_path / "home"  # the class screens' folder pickers start at ~; a click must not write there
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    open_display()

    def make(settings: Settings | None = None) -> Driver:
        app = App(settings or Settings(width=WIDTH, height=HEIGHT), Services())
        pygame.mouse.set_pos((0, 0))
        pygame.event.clear()
        return Driver(app)

    yield make
    close_display()


@pytest.fixture
def driver(make_app: Callable[..., Driver]) -> Driver:
    """An App at 1280×720 with the real Services, nothing on its stack yet."""
    return make_app()


@pytest.fixture
def title(driver: Driver) -> Driver:
    driver.start(None, None, None)
    assert driver.names() == ["TitleScreen"]
    return driver


@pytest.fixture(autouse=True)
def _guide_offer_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other screens' tests play as a returning player: the guided first turn's offer is not in their way.

    tests/ui/test_guide.py overrides this fixture to see the offer as a first-time player does."""
    from partnership_game.ui.screens import guide

    monkeypatch.setattr(guide, "offer_wanted", lambda app: False)
