"""The dialogs a side's turn opens, by name: a screen never imports another screen to open it (the modules are
loaded when first opened, which also keeps the window's start quick)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

DIALOGS: dict[str, tuple[str, str]] = {
    "side_odds": ("partnership_game.ui.screens.side_odds", "SideOddsScreen"),
    "side_branches": ("partnership_game.ui.screens.side_branches", "SideBranchesScreen"),
    "menu": ("partnership_game.ui.screens.menu", "MenuScreen"),
    "save": ("partnership_game.ui.screens.saves", "SaveScreen"),
    "help": ("partnership_game.ui.screens.help", "HelpScreen"),
    "message": ("partnership_game.ui.screens.message", "MessageScreen"),
}


def open_dialog(app: Any, name: str, *args: Any, on_result: Callable[[Any], None] | None = None) -> Any:
    """Push the dialog called `name` (a key of DIALOGS) over the top screen, made with (app, *args)."""
    module, cls = DIALOGS[name]
    screen = getattr(importlib.import_module(module), cls)(app, *args)
    return app.push(screen, on_result=on_result)
