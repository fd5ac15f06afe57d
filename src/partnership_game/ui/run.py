"""Starting the window: check for a display, load the settings, open the first screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnership_game.ui.app import App

EXIT_NO_DISPLAY = 2
TEXT_HINT = "play in the terminal with 'partnership-game play --text'"


def display_available() -> bool:
    """On Linux and other X11/Wayland systems a window needs DISPLAY or WAYLAND_DISPLAY, unless a driver is forced.

    Without this check SDL falls back to an invisible offscreen window and the player sees nothing.
    """
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


class Services:
    """What screens need from outside the UI: scenarios, saves and fresh seeds (the map reads its base on first
    draw, ui/widgets/map_draw.py)."""

    def scenarios(self) -> list[Any]:
        from partnership_game import paths
        from partnership_game.scenario.discovery import discover

        return discover(paths.builtin_scenarios_dir(), paths.mods_dir())

    def scenario_changed(self, scenario: Any) -> bool:
        """Whether the installed scenario with this id differs from (or no longer matches) the given copy."""
        from partnership_game import paths
        from partnership_game.scenario import ScenarioError
        from partnership_game.scenario.discovery import resolve

        try:
            installed = resolve(scenario.model.id, paths.builtin_scenarios_dir(), paths.mods_dir())
        except ScenarioError:
            return True
        return bool(installed.content_hash != scenario.content_hash)

    def new_seed(self) -> int:
        from partnership_game.text.play import seed_from_entropy

        return seed_from_entropy()

    def latest_autosave(self) -> Any:
        """The most recently played game's autosave (any scenario, finished or not), for the title's Continue."""
        from partnership_game import paths
        from partnership_game.session.autosaves import summaries

        return next((s for s in summaries(paths.saves_dir()) if s.error is None), None)


def run_window(scenario: str | None = None, seed: int | None = None, load: Path | None = None,
               classroom: Path | None = None) -> int:
    """Open the window and play; returns the exit status."""
    if not display_available():
        return _no_window("no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import warnings

    # pygame_gui notes each font size it loads on demand; they are for its developers, not for players.
    warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\.")
    import pygame

    from partnership_game.ui.settings import load_settings

    app: App | None = None
    try:
        try:
            pygame.display.init()
            pygame.font.init()
            app = open_app(load_settings(), Services())
        except pygame.error as exc:
            # SDL refused a video driver (unknown, or set but empty) or the window itself (a display that does not
            # answer); a pygame error once a window is open is a real fault and goes on.
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                raise
            return _no_window(f"cannot open a window ({_sdl_reason(exc)})")
        open_first_screens(app, scenario, seed, load, classroom)
        return app.run()
    finally:
        if app is not None:
            app.sound.close()  # before pygame.quit(), which would pull the mixer from under a playing sound
        pygame.quit()


def open_app(settings: Any, services: Any) -> App:
    """The App in a window that fits this desktop: the remembered size, at most 90 % of the screen."""
    from dataclasses import replace

    from partnership_game.ui.app import App, desktop_sizes, fit_to_desktop

    if not settings.fullscreen:
        width, height = fit_to_desktop((settings.width, settings.height), desktop_sizes())
        settings = replace(settings, width=width, height=height)
    return App(settings, services)


def _sdl_reason(exc: Exception) -> str:
    """SDL's own words, with the driver it was told to use: an empty SDL_VIDEODRIVER is easy to overlook."""
    from partnership_game.inert import inert_line

    reason = inert_line(str(exc))[:200] or "no reason given"
    driver = os.environ.get("SDL_VIDEODRIVER")
    if driver is None:
        return reason
    if not driver:
        return f"SDL_VIDEODRIVER is set but empty: {reason}"
    return f"SDL_VIDEODRIVER={inert_line(driver)[:40]}: {reason}"


def _no_window(reason: str) -> int:
    print(f"partnership-game: {reason}; {TEXT_HINT}", file=sys.stderr)
    return EXIT_NO_DISPLAY


def open_first_screens(app: Any, scenario: str | None, seed: int | None, load: Path | None,
                       classroom: Path | None = None) -> None:
    """The title screen; or, with --load, --scenario or --class, straight into the game (a problem shows as a
    message over the title screen)."""
    from partnership_game import paths
    from partnership_game.scenario import ScenarioError
    from partnership_game.scenario.discovery import resolve
    from partnership_game.session import SaveError, read_save
    from partnership_game.ui.game import Game
    from partnership_game.ui.strings import t

    app.open("title")
    app.frame_hooks.append(_sound_after_first_frame)
    if classroom is not None:
        # The class file, its scenario and the lesson on it; errors with positions.
        app.call("classroom.open_lesson", app, classroom)
        return
    if load is not None:
        try:
            session = read_save(load)
        except SaveError as exc:
            app.open("message", t("error.heading"), f"{load}: {exc}")
            return
        note = t("load.changed") if app.services.scenario_changed(session.scenario) else None
        game = Game(session, note, loaded_from=load)
        app.call("classroom.adopt", app, game)  # a class game stays one: its class, rules and clock
    elif scenario is not None:
        try:
            loaded = resolve(scenario, paths.builtin_scenarios_dir(), paths.mods_dir())
        except ScenarioError as exc:
            app.open("message", t("error.heading"), "\n".join(d.format() for d in exc.diagnostics[:5]))
            return
        if app.call("sides_choice.two_sided", loaded):  # issue 16: the sides are chosen first
            app.open_alone("sides_choice", loaded, seed)
            return
        game = Game.new(loaded, seed if seed is not None else app.services.new_seed())
    else:
        return
    if game.session.seating is not None and app.call("sides_choice.two_sided", game.scenario):  # a saved game of sides
        from partnership_game.ui.sides_game import SidesGame

        app.call("sides_flow.advance", app, SidesGame(game.session, game.session.seating, game.note, loaded_from=load))
        return
    if game.session.stopped:  # the campaign's end, or the lesson's
        app.open_alone("debrief", game)
    else:
        app.open_alone("turn", game)


def _sound_after_first_frame(app: Any) -> None:
    """Once the first screen shows, open the audio device in the background (so the first click is heard, and
    start-up never waits for it); the title gets the calm bed (a turn screen has already set its own mood)."""
    app.frame_hooks.remove(_sound_after_first_frame)
    app.sound.warm_up()
    if isinstance(app.top, app.screen_class("title")):
        app.sound.set_tension(0.0)
