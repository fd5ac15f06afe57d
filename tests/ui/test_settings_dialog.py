"""The Settings dialog in groups: every control fits inside the dialog at every window and text size, none overlaps
another, an open list stays in the dialog and off Done; every setting changes by mouse and persists; a class
file's mute reaches the sound and the dialog says so."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pygame
import pytest

from partnership_game.ui.settings import Settings, load_settings
from partnership_game.ui.strings import t

Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)
SIZES = ((920, 540), (1024, 600), (1280, 720), (1920, 1080), (2560, 1440))


def _open(driver: Driver) -> Any:
    from partnership_game.ui.screens.settings_screen import SettingsScreen

    driver.app.push(SettingsScreen(driver.app))
    driver.settle()
    return driver.top


def pick(driver: Driver, key: str, text: str) -> None:
    """Click a setting's drop-down open and click one of its choices, as a player does."""
    menu = driver.top.controls[key]
    driver.click(menu.rect.center)
    state = menu.current_state
    assert type(state).__name__ == "UIExpandedDropDownState", f"{key}: the drop-down did not open on a click"
    listing = state.options_selection_list
    assert driver.top.panel_rect().contains(listing.rect), f"{key}: the open list leaves the dialog"
    assert not listing.rect.colliderect(driver.top.done.rect), f"{key}: the open list covers Done"
    items = [i for i in listing.item_list if i["text"] == text]
    assert items, f"{text!r} is not among {[i['text'] for i in listing.item_list]}"
    button = items[0]["button_element"]
    assert listing.rect.contains(button.rect), f"{key}: {text!r} is scrolled out of sight"
    driver.click(button.rect.center)


def test_every_control_fits_in_the_dialog_at_every_size(make_app: Callable[..., Driver]) -> None:
    driver = make_app(Settings(width=1280, height=720))
    driver.start(None, None, None)
    _open(driver)
    for scale, (width, height) in itertools.product((1.0, 1.2, 1.4), SIZES):
        driver.app.apply_settings(replace(driver.app.settings, text_scale=scale))
        driver.resize(width, height)
        screen = driver.top
        panel = screen.panel_rect()
        where = f"{width}×{height} {round(scale * 100)} %"
        assert panel.width <= width and panel.height <= height, where
        boxes = [e.rect for e in screen.elements if type(e).__name__ in ("UILabel", "UIDropDownMenu", "UIButton")]
        assert len(screen.controls) == 11 and len(boxes) >= 2 * 11 + 3, where  # rows, group titles, heading, Done
        for box in boxes:
            assert panel.contains(box), (where, box)
        for a, b in itertools.combinations(boxes, 2):
            assert not a.colliderect(b), (where, a, b)


def test_every_setting_by_mouse_alone_and_it_persists(make_app: Callable[..., Driver]) -> None:
    driver = make_app(Settings(width=1024, height=600, text_scale=1.4))
    driver.start(None, None, None)
    driver.click(next(b for b, name in driver.top.buttons.items() if name == "settings").rect.center)
    assert driver.top_name == "SettingsScreen"
    on, off = t("settings.on"), t("settings.off")
    picks = [("text", "120 %"), ("palette", t("settings.palette.colour_safe")), ("motion", on),
             ("previews", off), ("history", off), ("mute", on), ("master", "40 %"), ("music", "0 %"),
             ("effects", "60 %"), ("fullscreen", on), ("fullscreen", off)]
    for key, text in picks:
        pick(driver, key, text)
        assert driver.names() == ["TitleScreen", "SettingsScreen"], key
    expected = Settings(width=1024, height=600, text_scale=1.2, palette="colour_safe", reduce_motion=True,
                        show_previews=False, show_history=False, mute=True, master_volume=0.4, music_volume=0.0,
                        effects_volume=0.6)
    assert driver.app.settings == expected and load_settings() == expected
    assert driver.app.volumes.effects_gain == 0.0  # muted
    pick(driver, "mute", off)
    assert driver.app.volumes.effects_gain == pytest.approx(0.4 * 0.6) and driver.app.volumes.music_gain == 0.0
    driver.click(driver.top.done.rect.center)
    assert driver.names() == ["TitleScreen"]


def test_a_class_files_mute_silences_the_game_and_the_dialog_says_so(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    driver.start(None, None, None)
    screen = _open(driver)
    assert "#settings_class_mute" not in {e.most_specific_combined_id.split(".")[-1] for e in screen.elements}
    assert driver.app.volumes.effects_gain > 0
    driver.app.lesson = SimpleNamespace(model=SimpleNamespace(mute=True))
    assert driver.app.volumes.effects_gain == 0.0 and driver.app.volumes.music_gain == 0.0
    screen.rebuild()
    notes = [e for e in screen.elements if e.most_specific_combined_id.endswith("#settings_class_mute")]
    assert len(notes) == 1 and notes[0].text == t("settings.class_mute")
    assert driver.app.settings.mute is False  # the player's own setting is left alone
    driver.app.lesson = None
    assert driver.app.volumes.effects_gain > 0
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TitleScreen"]
