"""A message in the window (a damaged save, a broken scenario): read it, press OK."""

from __future__ import annotations

from typing import Any

from partnership_game.ui import rich
from partnership_game.ui.screen import TextDialog


class MessageScreen(TextDialog):
    width_share = 0.5
    height_share = 0.42

    def __init__(self, app: Any, heading: str, message: str) -> None:
        super().__init__(app)
        self.heading = heading
        self.message = message

    def html(self) -> str:
        heading = f"<font pixel_size={self.app.px(22)}><b>{rich.escape(self.heading)}</b></font>"
        return f"{heading}<br><br>{rich.escape(self.message)}"
