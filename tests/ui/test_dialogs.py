"""Issue 12 for the dialogs and the other screens: every dialog by keyboard only and by mouse only, Settings by
keyboard, every scrollable area read to its end, branch names, the picker's choice, the title, Continue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from partnership_game import paths
from partnership_game.session.saves import parse_save, read_save_bytes
from partnership_game.ui.focus import FocusRing, at_end
from partnership_game.ui.settings import Settings, load_settings
from partnership_game.ui.strings import t

SEED = 2001
Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)


def ring_around(driver: Driver, element: Any) -> bool:
    """A focus ring is drawn and it encloses the element (the ring is the game's, not a colour change)."""
    rings = [e for e in driver.top.elements if isinstance(e, FocusRing) and e.alive()]
    return len(rings) == 1 and rings[0].rect.contains(element.rect)


def read_to_end(driver: Driver, box: Any) -> None:
    """PageDown until the last line shows; fails if PageDown does not get there."""
    for _ in range(200):
        if at_end(box):
            return
        driver.key(pygame.K_PAGEDOWN)
    raise AssertionError("PageDown never reached the end")


def scrolls_by_keys(driver: Driver, box: Any) -> None:
    """A box that scrolls: End shows its end, Home its start again, and PageDown gets to the end too."""
    bar = box.scroll_bar
    assert bar is not None, "the text fits: nothing to scroll (make the test's text longer)"
    assert not at_end(box)
    driver.key(pygame.K_END)
    assert at_end(box)
    driver.key(pygame.K_HOME)
    assert bar.start_percentage == 0 and not at_end(box)
    read_to_end(driver, box)


# ---- keyboard only -------------------------------------------------------------------------------------------


def test_settings_by_keyboard_alone(title: Driver) -> None:
    title.key(pygame.K_ESCAPE)  # Esc on the title: the settings
    screen = title.top
    assert title.top_name == "SettingsScreen"
    keys = list(screen.controls)
    assert "motion" in keys  # reduce motion is a setting
    assert ring_around(title, screen.controls[keys[0]])  # the focus starts inside, on the first control
    expected = {
        "fullscreen": ("fullscreen", True),
        "text": ("text_scale", 1.2),
        "palette": ("palette", "colour_safe"),
        "previews": ("show_previews", False),
        "history": ("show_history", False),
        "motion": ("reduce_motion", True),
        "mute": ("mute", True),
        "master": ("master_volume", 1.0),
        "music": ("music_volume", 0.6),  # from 50 %, kept in its place among the 20 % steps
        "effects": ("effects_volume", 1.0),
    }
    assert set(keys) == {"window", *expected}  # every setting has its control, and this test changes each one
    for index, key in enumerate(keys):
        if key == "window":
            continue  # the window size is W3's to check (the desktop may hold it back)
        screen = title.top
        while screen.focus.index != index:
            title.key(pygame.K_TAB)
            screen = title.top
        title.key(pygame.K_RETURN)  # Enter opens the list; it does not close the dialog
        assert title.names() == ["TitleScreen", "SettingsScreen"]
        assert title.top.focus.is_open()
        done = title.top.done
        listing = title.top.controls[key].current_state.options_selection_list
        assert not listing.rect.colliderect(done.rect), "the open list covers Done"
        assert title.top.panel_rect().contains(listing.rect), "the open list leaves the dialog"
        title.key(pygame.K_DOWN)
        title.key(pygame.K_RETURN)  # Enter takes the value and closes the list, not the dialog
        assert title.names() == ["TitleScreen", "SettingsScreen"]
        field, value = expected[key]
        assert getattr(title.app.settings, field) == value, key
        assert title.top.focus.index == index  # the dialog was rebuilt; the focus stayed on the control
    stored = load_settings()
    assert (stored.text_scale, stored.palette, stored.reduce_motion) == (1.2, "colour_safe", True)
    assert (stored.mute, stored.master_volume, stored.music_volume, stored.effects_volume) == (True, 1.0, 0.6, 1.0)
    # The arrows step a closed control's value: Left from 100 % is 80 %.
    screen = title.top
    screen.focus.focus(keys.index("effects"))
    title.key(pygame.K_LEFT)
    assert title.app.settings.effects_volume == 0.8 and not title.top.focus.is_open()
    assert title.app.volumes.effects_gain == 0.0  # still muted: the sound hears the mute, not just the levels
    title.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    title.key(pygame.K_RIGHT)
    assert title.app.settings.music_volume == 0.8
    # Esc closes an open list first, then the dialog.
    title.key(pygame.K_RETURN)
    assert title.top.focus.is_open()
    title.key(pygame.K_ESCAPE)
    assert title.names() == ["TitleScreen", "SettingsScreen"] and not title.top.focus.is_open()
    title.key(pygame.K_ESCAPE)
    assert title.names() == ["TitleScreen"]


def test_every_dialog_by_keyboard_alone(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    for _ in range(2):
        driver.decide(driver.historical_choice())
    game = driver.game
    game.back()  # a second branch, so the branches dialog has two roads and a comparison
    driver.app.replace(type(driver.top)(driver.app, game))
    driver.settle()
    driver.decide(0 if driver.historical_choice() != 0 else 1)

    # Help: opens with the focus on its text; the keyboard reads it to its end; Esc closes it.
    driver.key(pygame.K_F1)
    help_screen = driver.top
    assert driver.top_name == "HelpScreen" and ring_around(driver, help_screen.box)
    assert t("help.legend") in help_screen.box.html_text
    scrolls_by_keys(driver, help_screen.box)
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]

    # The menu, then Save: the name field has the focus; Tab reaches Cancel; Esc closes.
    driver.key(pygame.K_ESCAPE)
    assert driver.top_name == "MenuScreen"
    items = list(driver.top.buttons.values())
    for _ in range(items.index("save")):
        driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    save = driver.top
    assert driver.top_name == "SaveScreen" and ring_around(driver, save.entry) and save.entry.is_focused
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB)
    assert ring_around(driver, save.close_button)
    driver.key(pygame.K_RETURN)  # Cancel
    assert driver.names() == ["TurnScreen", "MenuScreen"]

    # Load: the list has the focus; Down moves the selection; Esc closes.
    menu = driver.top
    menu.focus.focus(list(menu.buttons.values()).index("load"))
    driver.key(pygame.K_RETURN)
    load = driver.top
    assert driver.top_name == "LoadScreen" and ring_around(driver, load.list)
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen", "MenuScreen"]
    driver.key(pygame.K_ESCAPE)

    # Branches: named, the tree told by keys, then compare, whose texts scroll to their ends.
    driver.key(pygame.K_b)
    branches = driver.top
    assert driver.top_name == "BranchesScreen" and ring_around(driver, branches.list)
    driver.key(pygame.K_TAB)
    assert branches.focus.current is branches.tree
    driver.key(pygame.K_RIGHT)
    assert branches.node_focus == 0 and branches.shown_node() is not None
    driver.key(pygame.K_h)
    compare = driver.top
    assert driver.top_name == "CompareScreen"
    for _ in range(2):  # the decisions, then the differences
        driver.key(pygame.K_RIGHT)
        compare = driver.top
        if compare.text is not None and compare.text.scroll_bar is not None:
            read_to_end(driver, compare.text)
    driver.key(pygame.K_ESCAPE)
    assert driver.top_name == "BranchesScreen"
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]

    # Odds: the focus is on Close; Tab to the other policy and back; Esc closes.
    driver.key(pygame.K_o)
    odds = driver.top
    assert driver.top_name == "OddsScreen" and ring_around(driver, odds.close)
    driver.key(pygame.K_TAB)
    assert ring_around(driver, odds.switch)
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]


def test_briefing_reads_to_its_end_and_lists_its_terms_by_key(title: Driver) -> None:
    title.key(pygame.K_RETURN)
    title.key(pygame.K_RETURN)
    briefing = title.top
    assert title.top_name == "BriefingScreen" and ring_around(title, briefing.box)
    if briefing.box.scroll_bar is not None:
        scrolls_by_keys(title, briefing.box)
    title.key(pygame.K_g)
    assert title.top_name == "GlossaryScreen"
    listed = title.top.box.html_text
    terms = briefing.tips.on_screen()
    assert terms, "the briefing links no glossary term"
    for entry in terms:
        assert entry.term.split()[0] in listed
    title.key(pygame.K_ESCAPE)
    assert title.names() == ["BriefingScreen"]


def test_briefing_glossary_link_explains_on_hover_and_click(title: Driver) -> None:
    title.key(pygame.K_RETURN)
    title.key(pygame.K_RETURN)
    briefing = title.top
    chunk = briefing.box.link_hover_chunks[0]
    box = briefing.box
    x = box.rect.x + box.padding[0] + box.border_width["left"] + box.shadow_width + box.rounded_corner_width_offsets[0]
    y = box.rect.y + box.padding[1] + box.border_width["top"] + box.shadow_width + box.rounded_corner_height_offsets[0]
    title.move((x + chunk.centerx, y + chunk.centery))
    assert briefing.tips.tip is not None and not briefing.tips.pinned
    title.click((x + chunk.centerx, y + chunk.centery))
    assert briefing.tips.tip is not None
    assert briefing.tips.glossary[briefing.tips.term].term in briefing.tips.tip.text_block.html_text


# ---- mouse only ----------------------------------------------------------------------------------------------


def _outside(driver: Driver) -> tuple[int, int]:
    panel = driver.top.panel_rect()
    return (panel.left // 2, driver.app.size[1] // 2) if panel.left > 8 else (4, 4)


@pytest.mark.parametrize("how", ["button", "outside"])
def test_every_dialog_closes_by_mouse(title: Driver, how: str) -> None:
    title.new_game_from_title(SEED)
    title.decide(title.historical_choice())
    turn = title.top

    def open_from_menu(item: str) -> None:
        title.click(turn.menu_button.rect.center)
        button = next(b for b, name in title.top.buttons.items() if name == item)
        title.click(button.rect.center)

    def close(expected: list[str]) -> None:
        screen = title.top
        if how == "button":
            assert screen.close_button is not None, type(screen).__name__
            title.click(screen.close_button.rect.center)
        else:
            title.click(_outside(title))
        assert title.names() == expected, (type(screen).__name__, title.names())

    for item in ("save", "load", "settings", "help"):
        open_from_menu(item)
        close(["TurnScreen", "MenuScreen"])
        close(["TurnScreen"])  # the menu itself: Resume is its close button
    open_from_menu("branches")
    assert title.top_name == "BranchesScreen"
    compare = next(b for b, action in title.top.buttons.items() if action == "history")
    title.click(compare.rect.center)
    assert title.top_name == "CompareScreen"
    close(["TurnScreen", "BranchesScreen"])
    close(["TurnScreen"])
    title.key(pygame.K_o)
    close(["TurnScreen"])


def test_a_click_inside_a_dialog_does_not_close_it(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_F1)
    panel = driver.top.panel_rect()
    driver.click((panel.centerx, panel.top + 5))
    assert driver.names() == ["TurnScreen", "HelpScreen"]


# ---- branches ------------------------------------------------------------------------------------------------


def test_branches_are_named_by_where_they_left_and_the_first_road_keeps_its_name(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    for _ in range(3):
        driver.decide(driver.historical_choice())
    driver.key(pygame.K_b)
    only = driver.top
    assert only.label(0).startswith(t("branches.first_road"))
    assert t("branches.count_many", count=3) in only.label(0)
    driver.key(pygame.K_ESCAPE)
    # Back one decision and take another option: a new branch, named by its date and its choice.
    game = driver.game
    game.back()
    event = game.session.pending.event
    other = next(k for k, ok in enumerate(game.session.available()) if ok and k != driver.historical_choice())
    driver.app.replace(type(driver.top)(driver.app, game))
    driver.settle()
    driver.decide(other)
    driver.key(pygame.K_b)
    screen = driver.top
    names = [screen.name(k) for k in range(len(screen.leaves))]
    assert len(names) == 2
    assert t("branches.first_road") in names  # the old road is not renamed "Branch 2"
    new = next(n for n in names if n != t("branches.first_road"))
    assert event.options[other].label in new
    assert new.split(":")[0].split()[0] in {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept",
                                            "Oct", "Nov", "Dec"}
    assert screen.label(0).startswith(new) and "in play" in screen.label(0)
    assert "decisions" not in t("branches.count_one") and t("branches.count_one") == "1 decision"


# ---- the picker, the title, Continue -------------------------------------------------------------------------


def test_the_picker_preselects_the_main_campaign_then_the_last_one_played(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    driver.start(None, None, None)
    driver.key(pygame.K_RETURN)
    picker = driver.top
    assert picker.entries[picker.index].id == "new_partnership"  # the campaign, not the four-turn side scenario
    labels = [i["text"] for i in picker.list.item_list]
    assert all(".yaml" not in label for label in labels), labels
    assert any(t("picker.builtin") in label and t("picker.valid") in label for label in labels)
    detail = picker.detail.html_text
    model = picker.entries[picker.index].loaded.model
    assert str(len(model.turns)) in detail and "turns" in detail
    # Start the other one: next time, it is offered first.
    other = next(k for k, e in enumerate(picker.entries) if e.loaded is not None and e.id != "new_partnership")
    while driver.top.index != other:
        driver.key(pygame.K_DOWN)
    chosen = driver.top.entries[other].id
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "BriefingScreen"
    assert load_settings().last_scenario == chosen
    again = make_app(load_settings())
    again.start(None, None, None)
    again.key(pygame.K_RETURN)
    assert again.top.entries[again.top.index].id == chosen


@pytest.mark.parametrize("size", [(1280, 720, 1.0), (1024, 600, 1.0), (1024, 600, 1.4)])
def test_the_title_lays_out_with_continue_and_its_hint_follows_the_focus(
        make_app: Callable[..., Driver], size: tuple[int, int, float]) -> None:
    width, height, scale = size
    first = make_app()
    first.start(None, None, None)
    first.new_game_from_title(SEED)  # an autosave: Continue shows
    driver = make_app(Settings(width=width, height=height, text_scale=scale))
    driver.start(None, None, None)
    title = driver.top
    assert "continue" in title.buttons.values()
    stamp = title.stamp_rect()
    cover = title.cover()
    rects = [b.rect for b in title.buttons]
    for k, rect in enumerate(rects):
        assert not rect.colliderect(stamp), "a button covers the date stamp"
        assert cover.contains(rect) and rect.bottom <= title.hint_top()
        assert all(not rect.colliderect(other) for other in rects[k + 1:])
    assert title.hint().startswith(t("title.hint", action=t("title.hint.play")).split("·")[0])
    driver.key(pygame.K_DOWN)
    assert driver.top.focus.current is next(b for b, item in title.buttons.items() if item == "continue")
    assert "left off" in driver.top.hint()
    driver.key(pygame.K_TAB)
    assert t("title.hint.load") in driver.top.hint()


def test_continue_shows_the_outcome_screen_the_player_had_not_closed(make_app: Callable[..., Driver]) -> None:
    first = make_app()
    first.start(None, None, None)
    first.new_game_from_title(SEED)
    first.digit(first.historical_choice())
    first.key(pygame.K_RETURN)
    assert first.top_name == "ConsequencesScreen"
    shown = first.top.box.html_text
    autosave = first.game.autosave_path
    header = json.loads(read_save_bytes(autosave))
    assert header["outcome"] is not None  # the autosave knows the outcome screen is open
    # The game stops here (a crash); the next start's Continue shows the same outcome screen over its turn.
    second = make_app()
    second.start(None, None, None)
    title = second.top
    continue_button = next(b for b, item in title.buttons.items() if item == "continue")
    second.click(continue_button.rect.center)
    assert second.names() == ["TurnScreen", "ConsequencesScreen"]
    assert second.top.box.html_text == shown
    second.key(pygame.K_RETURN)  # closed now: the autosave no longer asks for it
    assert second.names() == ["TurnScreen"]
    assert parse_save(read_save_bytes(second.game.autosave_path)).outcome is None
    third = make_app()
    third.start(None, None, None)
    third.click(next(b for b, item in third.top.buttons.items() if item == "continue").rect.center)
    assert third.names() == ["TurnScreen"]


def test_an_old_save_without_the_outcome_field_still_loads(driver: Driver, tmp_path: Path) -> None:
    driver.start("new_partnership", SEED)
    driver.decide(driver.historical_choice())
    data = json.loads(read_save_bytes(driver.game.autosave_path))
    data.pop("outcome", None)
    old = paths.saves_dir() / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    from partnership_game.ui.screens.saves import open_save

    assert open_save(driver.app, old)
    driver.settle()
    assert driver.names() == ["TurnScreen"]
