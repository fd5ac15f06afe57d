"""Drive the window game with real key presses and save a picture of each main screen (docs/screenshots/).

    python scripts/screenshots.py [--out docs/screenshots] [--size 1280x720] [--only turn,odds]

At another size than 1280x720 the file names end in the size (turn-1024x600.png); --only saves just those pictures.

Runs under SDL's dummy video driver, where pygame.image.save gives the exact picture a window would show. Saves and
settings go to a temporary folder, so the player's own are never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
_TEMP = tempfile.mkdtemp(prefix="partnership-shots-")
os.environ["XDG_DATA_HOME"] = str(Path(_TEMP) / "data")
os.environ["XDG_CONFIG_HOME"] = str(Path(_TEMP) / "config")

import pygame  # noqa: E402

from partnership_game.ui.app import App  # noqa: E402
from partnership_game.ui.run import Services, open_first_screens  # noqa: E402
from partnership_game.ui.settings import Settings  # noqa: E402


class Driver:
    """Presses keys and clicks like a player, and lets the app run its frames in between."""

    def __init__(self, app: App, only: set[str] | None = None, suffix: str = "") -> None:
        self.app = app
        self.only = only
        self.suffix = suffix

    def settle(self, frames: int = 3) -> None:
        for _ in range(frames):
            for event in pygame.event.get():
                self.app.dispatch(event)
            self.app.frame(1 / 60)
        self.app.draw()

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.app.dispatch(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        self.app.dispatch(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.settle()

    def move(self, pos: tuple[int, int]) -> None:
        self.app.dispatch(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.settle()

    def shoot(self, path: Path) -> None:
        if self.only is not None and path.stem.removesuffix(self.suffix) not in self.only:
            return
        self.settle()
        pygame.image.save(self.app.window, str(path))
        print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--seed", type=int, default=2001)
    parser.add_argument("--only", default="", help="comma-separated picture names (title, turn, debrief-charts, ...)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if (width, height) == (1280, 720) else f"-{width}x{height}"

    pygame.display.init()
    pygame.font.init()
    app = App(Settings(width=width, height=height, guide_seen=True), Services())  # no first-turn tour offer
    driver = Driver(app, {name for name in args.only.split(",") if name} or None, suffix)
    open_first_screens(app, None, None, None)
    driver.shoot(args.out / f"title{suffix}.png")
    driver.key(pygame.K_RETURN)  # new game: the scenario picker
    driver.shoot(args.out / f"picker{suffix}.png")
    driver.key(pygame.K_RETURN)  # the briefing
    driver.shoot(args.out / f"briefing{suffix}.png")
    app.services.new_seed = lambda: args.seed  # the same dice every time the pictures are made
    driver.key(pygame.K_RETURN)  # begin: the first turn
    driver.key(pygame.K_1)
    turn = app.top
    cards = getattr(turn, "card_rects", [])
    if cards:
        driver.move(cards[0].center)
    driver.shoot(args.out / f"turn{suffix}.png")
    driver.key(pygame.K_RETURN)  # decide: the consequences
    driver.shoot(args.out / f"consequences{suffix}.png")
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_ESCAPE)  # the menu
    driver.shoot(args.out / f"menu{suffix}.png")
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_F1)  # help and glossary
    driver.shoot(args.out / f"help{suffix}.png")
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_o)  # the odds, computed in a thread: wait for them
    for _ in range(600):
        driver.settle(1)
        if getattr(app.top, "worker", None) is None or app.top.worker.done:
            break
        time.sleep(0.01)
    driver.shoot(args.out / f"odds{suffix}.png")
    driver.key(pygame.K_ESCAPE)
    # Play the historical road to the end with the keyboard: the option marked historical, else the first.
    for _ in range(200):
        screen = app.top
        game = getattr(screen, "game", None)
        if game is None or game.session.pending is None:
            break
        event = game.session.pending.event
        choice = event.historical_option if event.historical_option >= 0 else 0
        if not game.session.available()[choice]:
            choice = game.session.available().index(True)
        driver.key(pygame.K_1 + choice)
        driver.key(pygame.K_RETURN)
        driver.key(pygame.K_RETURN)
    driver.shoot(args.out / f"debrief{suffix}.png")
    driver.key(pygame.K_RIGHT)  # the meters against history
    driver.shoot(args.out / f"debrief-charts{suffix}.png")
    driver.key(pygame.K_RIGHT)
    driver.shoot(args.out / f"debrief-path{suffix}.png")
    # Step back to the Sochi decision, take another road for a few turns, then look at the branches.
    for _ in range(200):
        game = getattr(app.top, "game", None)
        if game is None or (game.session.decisions and game.session.decisions[-1].turn < 2):
            break
        driver.key(pygame.K_z, mod=pygame.KMOD_CTRL)
    for _ in range(4):
        game = app.top.game
        if game.session.pending is None:
            break
        available = game.session.available()
        choice = next((k for k in range(len(available) - 1, -1, -1) if available[k]), 0)
        driver.key(pygame.K_1 + choice)
        driver.key(pygame.K_RETURN)
        driver.key(pygame.K_RETURN)
    driver.key(pygame.K_b)
    driver.shoot(args.out / f"branches{suffix}.png")
    driver.key(pygame.K_h)
    driver.shoot(args.out / f"compare{suffix}.png")
    driver.key(pygame.K_RIGHT)
    driver.shoot(args.out / f"compare-decisions{suffix}.png")
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
