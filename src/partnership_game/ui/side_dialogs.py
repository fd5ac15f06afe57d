"""The dialogs a side's turn opens, by name: now the app's one table (ui/screen_names.py, `app.open`); this
shim stays until the side's turn screen calls `app.open` itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def open_dialog(app: Any, name: str, *args: Any, on_result: Callable[[Any], None] | None = None) -> Any:
    """Push the screen called `name` (a key of screen_names.SCREENS) over the top screen, made with (app, *args)."""
    return app.open(name, *args, on_result=on_result)
