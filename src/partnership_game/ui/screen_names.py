"""Screens by name: the one table of the window's screens (and the few flow functions screens call), so screens
open each other through the app instead of importing each other; modules load on first use, keeping start-up fast."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnership_game.ui.screen import Screen

_PACKAGE = "partnership_game.ui.screens"

# name -> "module:attribute" under ui/screens. Screens are named by what they show; functions by module.function.
SCREENS: dict[str, str] = {
    "branches": "branches:BranchesScreen",
    "briefing": "briefing:BriefingScreen",
    "compare": "compare:CompareScreen",
    "consent": "consent:ConsentScreen",
    "consequences": "consequences:ConsequencesScreen",
    "debrief": "debrief:DebriefScreen",
    "handover": "handover:HandoverScreen",
    "help": "help:HelpScreen",
    "load": "saves:LoadScreen",
    "menu": "menu:MenuScreen",
    "message": "message:MessageScreen",
    "name": "classroom:NameScreen",
    "odds": "odds:OddsScreen",
    "picker": "picker:PickerScreen",
    "reveal": "reveal:RevealScreen",
    "save": "saves:SaveScreen",
    "settings": "settings_screen:SettingsScreen",
    "side_branches": "side_branches:SideBranchesScreen",
    "side_odds": "side_odds:SideOddsScreen",
    "sides_choice": "sides_choice:SidesChoiceScreen",
    "sides_turn": "sides_turn:SidesTurnScreen",
    "title": "title:TitleScreen",
    "turn": "turn:TurnScreen",
    "classroom.adopt": "classroom:adopt",
    "classroom.hand_in": "classroom:hand_in",
    "classroom.new_game": "classroom:new_game",
    "classroom.open_class_file": "classroom:open_class_file",
    "classroom.open_lesson": "classroom:open_lesson",
    "classroom.start_class": "classroom:start_class",
    "classroom.time_is_up": "classroom:time_is_up",
    "guide.add_tour_button": "guide:add_tour_button",
    "guide.offer": "guide:offer",
    "guide.tour_pressed": "guide:tour_pressed",
    "reveal.Outcome": "reveal:Outcome",
    "saves.open_save": "saves:open_save",
    "sides_choice.two_sided": "sides_choice:two_sided",
    "sides_flow.advance": "sides_flow:advance",
    "sides_flow.after_pick": "sides_flow:after_pick",
    "sides_flow.ask_back": "sides_flow:ask_back",
    "sides_flow.class_seats_sides": "sides_flow:class_seats_sides",
    "sides_flow.play_on": "sides_flow:play_on",
    "sides_flow.resume": "sides_flow:resume",
    "sides_flow.start_seated": "sides_flow:start_seated",
}


def resolve(name: str) -> Any:
    """The class or function a name stands for (a KeyError names an unknown screen at once)."""
    module, attribute = SCREENS[name].split(":")
    return getattr(importlib.import_module(f"{_PACKAGE}.{module}"), attribute)


class OpensScreens:
    """The App's side of the table: build a screen by name and push it, or show it alone, or call a flow function."""

    if TYPE_CHECKING:
        def push(self, screen: Screen, on_result: Callable[[Any], None] | None = None) -> Screen: ...
        def replace(self, screen: Screen) -> Screen: ...

    def screen_class(self, name: str) -> type[Screen]:
        found: type[Screen] = resolve(name)
        return found

    def open(self, name: str, *args: Any, on_result: Callable[[Any], None] | None = None, **kwargs: Any) -> Screen:
        """Build the named screen (the app first, then the arguments) and push it over the others."""
        return self.push(self.screen_class(name)(self, *args, **kwargs), on_result)

    def open_alone(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """Build the named screen and show it alone (the stack cleared), as `replace` does."""
        return self.replace(self.screen_class(name)(self, *args, **kwargs))

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return resolve(name)(*args, **kwargs)
