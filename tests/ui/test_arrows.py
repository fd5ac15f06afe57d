"""Issue 12: a change on the consequences screen shows its sign, a real arrow and a word; the arrows come from the
bundled arrows font (Noto Sans has none), and the layout audit checks each run of rich text against its own font."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
import pytest

from partnership_game import paths
from partnership_game.ui import rich, theme
from partnership_game.ui.audit import audit, missing_glyphs
from partnership_game.ui.screen import Screen
from partnership_game.ui.strings import t

SEED = 2001
Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")


def test_the_arrows_font_has_both_arrows_in_both_weights_and_noto_sans_has_neither() -> None:
    arrows = rich.ARROW_UP + rich.ARROW_DOWN
    for bold in (False, True):
        assert missing_glyphs(arrows, rich.arrow_font_path(bold)) == ""
        assert missing_glyphs(arrows, theme.font_path(bold)) == arrows  # why the arrows font exists at all
    # Its licence travels with it, and the assets' README says where it came from.
    licence = (paths.assets_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "PartnershipArrows" in (paths.assets_dir() / "README.md").read_text(encoding="utf-8")


def test_each_change_has_its_sign_an_arrow_and_a_word(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "ConsequencesScreen"
    markup = driver.top.numbers()
    words = (f"<b>{t('consequences.good')}</b>", f"<b>{t('consequences.bad')}</b>")
    changes = [line for line in markup.split("<br>") if any(word in line for word in words)]
    assert len(changes) >= 2, markup
    for line in changes:  # every change told good or bad has its arrow, and the arrow agrees with the sign
        assert (rich.arrow(True) in line and " +" in line) or (rich.arrow(False) in line and " −" in line), line
    # What the player sees: the arrows drawn in the arrows font, no glyph missing anywhere on the screen.
    shown = "".join(chunk.text for row in driver.top.box.text_box_layout.layout_rows for chunk in row.items
                    if hasattr(chunk, "text"))
    assert rich.ARROW_UP in shown
    assert audit(driver.app) == []


def test_the_audit_checks_an_arrow_against_the_font_it_is_set_in(driver: Driver) -> None:
    """An arrow typed in Noto Sans is a missing glyph; the same arrow in the arrows font is not."""
    driver.start(None, None, None)

    class Boxes(Screen):
        def build(self) -> None:
            rich.use_arrows(self.app.manager)
            self.add(pygame_gui.elements.UITextBox(f"<b>Trust +5 {rich.ARROW_UP}</b>", pygame.Rect(40, 40, 300, 60),
                                                   self.app.manager))
            self.add(pygame_gui.elements.UITextBox(f"<b>Trust +5 {rich.arrow(True)}</b>",
                                                   pygame.Rect(40, 200, 300, 60), self.app.manager))

    driver.app.push(Boxes(driver.app))
    driver.settle()
    glyphs = [p for p in audit(driver.app) if p.kind == "glyph"]
    assert len(glyphs) == 1 and rich.ARROW_UP in glyphs[0].text, [str(p) for p in glyphs]
