"""Window benchmark: start-up, turn-screen frame times, idle and mouse-move CPU, resident memory; JSON.

    python benchmarks/ui.py --json

Runs under SDL's dummy video driver (set here). Targets (DESIGN.md, issue 12): start-up to the title's first frame
<= 1.5 s (issue 12: <= 0.8 s), turn-screen frame median <= 4 ms and p99 <= 12 ms (issue 12: <= 6 ms) at 1280x720
with the mouse moving over the options, idle CPU <= 5 % of one core, the mouse moving over the turn screen for 5 s
<= 10 %, and the resident memory after a whole campaign with the odds, the branches and every debrief tab <= 200 MB.
The timings are only worth comparing on an idle machine; the memory figure does not depend on the load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

# The child process: the real start-up path, stopped at the first frame of the title screen.
_STARTUP_CHILD = """
import sys
from partnership_game.ui import run as ui_run
from partnership_game.ui import app as ui_app

original = ui_app.App.draw
def draw_once(self):
    original(self)
    print("first-frame", flush=True)
    self.running = False
ui_app.App.draw = draw_once
sys.exit(ui_run.run_window())
"""


# The child process for memory: a whole campaign by keys, the odds on the way, the branches, every debrief tab; then
# the resident set (what the player's machine gives the game), read from /proc after a collection.
_MEMORY_CHILD = """
import gc, sys, time
import pygame
from partnership_game.ui.app import App
from partnership_game.ui.run import Services, open_first_screens
from partnership_game.ui.settings import Settings

pygame.display.init()
pygame.font.init()
app = App(Settings(width=1280, height=720), Services())

def settle(frames=3):
    for _ in range(frames):
        for event in pygame.event.get():
            app.dispatch(event)
        app.frame(1 / 60)

def key(k, mod=0):
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        app.dispatch(pygame.event.Event(kind, key=k, mod=mod, unicode="", scancode=0))
    settle()

def wait_for_odds():
    for _ in range(3000):
        worker = getattr(app.top, "worker", None)
        if worker is None or worker.done:
            return
        time.sleep(0.01)
        settle(1)

open_first_screens(app, "new_partnership", 2001, None)
settle()
turn = 0
while True:
    game = getattr(app.top, "game", None)
    if game is None or game.session.pending is None:
        break
    if turn in (1, 6):
        key(pygame.K_o)
        wait_for_odds()
        key(pygame.K_ESCAPE)
    if turn == 3:
        key(pygame.K_b)
        key(pygame.K_ESCAPE)
    event = game.session.pending.event
    available = game.session.available()
    choice = event.historical_option if event.historical_option >= 0 else 0
    if not available[choice]:
        choice = available.index(True)
    key(pygame.K_1 + choice)
    key(pygame.K_RETURN)
    key(pygame.K_RETURN)
    turn += 1
for _ in range(5):
    key(pygame.K_RIGHT)
app.draw()
gc.collect()
with open("/proc/self/status", encoding="ascii") as status:
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
print("rss-kb", rss, turn, type(app.top).__name__, flush=True)
"""


def measure_rss() -> float:
    """Resident memory (MB) of a window game after a whole campaign with the odds, the branches and the debrief."""
    child = subprocess.run([sys.executable, "-c", _MEMORY_CHILD], capture_output=True, text=True, timeout=600,
                           env={**os.environ, "XDG_DATA_HOME": "/tmp/partnership-bench-data",
                                "XDG_CONFIG_HOME": "/tmp/partnership-bench-config"})
    line = next((x for x in child.stdout.splitlines() if x.startswith("rss-kb")), None)
    if line is None:
        raise SystemExit(f"benchmarks/ui.py: error: the memory run failed:\n{child.stderr[-2000:]}")
    return int(line.split()[1]) / 1024


def measure_startup(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", _STARTUP_CHILD], stdout=subprocess.PIPE, text=True,
                                 env={**os.environ, "XDG_DATA_HOME": "/tmp/partnership-bench-data",
                                      "XDG_CONFIG_HOME": "/tmp/partnership-bench-config"})
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("first-frame"):
                times.append(time.perf_counter() - started)
                break
        child.wait(timeout=30)
    return statistics.median(times)


def _turn_app(width: int, height: int):  # type: ignore[no-untyped-def]
    import pygame

    from partnership_game import paths
    from partnership_game.scenario.discovery import resolve
    from partnership_game.ui.app import App
    from partnership_game.ui.game import Game
    from partnership_game.ui.run import Services
    from partnership_game.ui.screens.turn import TurnScreen
    from partnership_game.ui.settings import Settings

    pygame.display.init()
    pygame.font.init()
    app = App(Settings(width=width, height=height), Services())
    scenario = resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir())
    screen = TurnScreen(app, Game.new(scenario, 1))
    app.push(screen)
    app.frame(0.016)
    return app, screen


def measure_frames(frames: int) -> tuple[float, float]:
    import pygame

    app, screen = _turn_app(1280, 720)
    cards = screen.card_rects
    points = []
    for k in range(frames):
        rect = cards[k // 10 % len(cards)]
        points.append((rect.left + (k * 37) % rect.width, rect.centery))
    times = []
    for point in points:
        started = time.perf_counter()
        app.dispatch(pygame.event.Event(pygame.MOUSEMOTION, pos=point, rel=(1, 0), buttons=(0, 0, 0)))
        app.frame(1 / 60)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def measure_idle(seconds: float) -> float:
    import pygame

    app, _ = _turn_app(1280, 720)
    # Let the window's opening events (shown, exposed, focus) pass first: the figure is for a player reading.
    for _ in range(30):
        for event in pygame.event.get():
            app.dispatch(event)
        app.frame(1 / 60)
    app.busy_until = 0.0
    timer = threading.Timer(seconds, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    cpu = time.process_time()
    wall = time.perf_counter()
    timer.start()
    app.run()
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def measure_mouse_move(seconds: float, rate_hz: float = 120.0) -> float:
    """CPU (% of one core) while the mouse moves over the turn screen for `seconds`: a thread posts motion events
    at `rate_hz` across the story, the option cards and the meters, and the window's own loop runs (as for idle)."""
    import pygame

    app, screen = _turn_app(1280, 720)
    for _ in range(30):
        for event in pygame.event.get():
            app.dispatch(event)
        app.frame(1 / 60)
    app.busy_until = 0.0
    lay = screen.lay
    path = [(lay.story.left + 20, lay.story.top + 20), (lay.story.right - 40, lay.story.bottom - 20),
            (lay.options.left + 30, lay.options.top + 10), (lay.options.right - 30, lay.options.bottom - 10),
            (lay.meters.left + 20, lay.meters.top + 40), (lay.meters.right - 20, lay.meters.bottom - 20)]
    stop = threading.Event()

    def mover() -> None:
        k = 0
        while not stop.wait(1 / rate_hz):
            a, b = path[(k // 60) % len(path)], path[(k // 60 + 1) % len(path)]
            share = (k % 60) / 60
            pos = (round(a[0] + (b[0] - a[0]) * share), round(a[1] + (b[1] - a[1]) * share))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
            k += 1
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    thread = threading.Thread(target=mover)
    timer = threading.Timer(seconds, stop.set)
    cpu = time.process_time()
    wall = time.perf_counter()
    thread.start()
    timer.start()
    app.run()
    thread.join()
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--idle-seconds", type=float, default=5.0)
    args = parser.parse_args()
    startup = measure_startup(5)
    median, p99 = measure_frames(args.frames)
    idle = measure_idle(args.idle_seconds)
    result = {"startup_s": round(startup, 3), "frame_ms_median": round(median, 3), "frame_ms_p99": round(p99, 3),
              "idle_cpu_percent": round(idle, 2)}
    result["mouse_move_cpu_percent"] = round(measure_mouse_move(args.idle_seconds), 2)  # target <= 10 (issue 12)
    result["rss_mb"] = round(measure_rss(), 1)  # target <= 200 (issue 12)
    print(json.dumps(result) if args.json else "\n".join(f"{k:18} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
