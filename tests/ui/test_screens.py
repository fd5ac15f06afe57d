"""The window game driven like a player: key presses and clicks through `App.dispatch`, frames in between.

Structural assertions (which screen is on top, what the session holds, what a save contains) come first; the few
picture checks only look for a colour in a known place.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game import paths
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session, read_save, write_save
from partnership_game.session.autosaves import latest_autosave
from partnership_game.ui import rich
from partnership_game.ui.settings import Settings, load_settings, settings_path
from partnership_game.ui.strings import t
from partnership_game.ui.theme import COLOUR_SAFE

SEED = 2001
DATA = Path(__file__).resolve().parent.parent / "data"
CTRL = pygame.KMOD_LCTRL

Driver = Any  # conftest.Driver; test modules cannot import conftest under --import-mode=importlib


# ---- helpers --------------------------------------------------------------------------------------------------


def historical_ending(driver: Driver) -> str:
    return next(e.id for e in driver.game.scenario.model.endings if e.historical)


def finished_save(folder: Path, scenario: str = "new_partnership", seed: int = SEED) -> Path:
    """A save of a campaign played to its end on the historical road (through the session, not the window)."""
    loaded = resolve(scenario, paths.builtin_scenarios_dir(), paths.mods_dir())
    session = Session(loaded, seed)
    while session.pending is not None:
        event = session.pending.event
        available = session.available()
        choice = event.historical_option if event.historical_option >= 0 else 0
        session.choose(choice if available[choice] else available.index(True))
    path = folder / "finished.json"
    write_save(path, session)
    return path


def title_item(driver: Driver, item: str) -> None:
    """On the title screen: move the focus to an item with Down and press Enter (as a keyboard player would)."""
    screen = driver.top
    assert driver.top_name == "TitleScreen"
    items = list(screen.buttons.values())
    for _ in range(items.index(item)):
        driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)


def open_dropdown_and_pick(driver: Driver, menu: Any, text: str) -> None:
    """Click a drop-down open, then click one of its items: how a player changes a setting."""
    driver.click(menu.rect.center)
    state = menu.current_state
    assert type(state).__name__ == "UIExpandedDropDownState", "the drop-down did not open on a click"
    items = [i for i in state.options_selection_list.item_list if i["text"] == text]
    assert items, f"{text!r} is not among {[i['text'] for i in state.options_selection_list.item_list]}"
    driver.click(items[0]["button_element"].rect.center)


def link_chunk_pos(box: Any, chunk: Any) -> tuple[int, int]:
    """Where on the window a hyperlink chunk of a UITextBox is (mirrors pygame_gui's own hover test)."""
    x = box.rect.x + box.padding[0] + box.border_width["left"] + box.shadow_width + box.rounded_corner_width_offsets[0]
    y = box.rect.y + box.padding[1] + box.border_width["top"] + box.shadow_width + box.rounded_corner_height_offsets[0]
    return (x + chunk.centerx, y + chunk.centery)


def colour_pixels(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int], tol: int = 30) -> int:
    """How many pixels in rect are close to colour."""
    array = pygame.surfarray.array3d(surface.subsurface(rect)).astype(int)
    return int((np.abs(array - np.array(colour)).max(axis=2) <= tol).sum())


# ---- a whole campaign -----------------------------------------------------------------------------------------


def test_whole_campaign_from_title_with_keys(title: Driver) -> None:
    title.new_game_from_title(SEED)
    game = title.game
    assert game.session.seed == SEED
    assert game.scenario.model.id == "new_partnership"
    decisions = title.play_to_end()

    assert title.names() == ["DebriefScreen"]
    session = game.session
    assert session.over and session.pending is None
    assert decisions == len(session.decisions) > 10
    assert all(d.historical for d in session.decisions if d.event.historical_option >= 0)
    assert session.ending is not None and session.ending.id == historical_ending(title)

    autosave = game.autosave_path  # this game's own autosave, and the one the title's Continue would open
    assert autosave.is_file(), sorted(p.name for p in paths.saves_dir().glob("*"))
    assert latest_autosave(paths.saves_dir(), "new_partnership") == autosave
    saved = read_save(autosave)
    assert saved.over and saved.ending is not None and saved.ending.id == session.ending.id
    assert saved.seed == SEED and len(saved.decisions) == len(session.decisions)
    assert saved.meters() == session.meters()


def test_debrief_tabs_and_back_to_title(driver: Driver, tmp_path: Path) -> None:
    driver.start(load=finished_save(tmp_path))
    assert driver.names() == ["DebriefScreen"]
    screen = driver.top
    seen = [screen.tab]
    for _ in range(5):
        driver.key(pygame.K_RIGHT)
        seen.append(driver.top.tab)
    assert seen == ["ending", "charts", "path", "sources", "questions", "ending"]
    assert t("debrief.historical") in driver.visible_text(driver.top)
    driver.click(driver.top.title_button.rect.center)
    assert driver.names() == ["TitleScreen"]


def test_ctrl_z_on_the_debrief_goes_back_to_the_last_decision(driver: Driver, tmp_path: Path) -> None:
    driver.start(load=finished_save(tmp_path))
    count = len(driver.game.session.decisions)
    driver.ctrl(pygame.K_z)
    assert driver.names() == ["TurnScreen"]
    assert len(driver.game.session.decisions) == count - 1 and driver.game.session.pending is not None


# ---- the mouse ------------------------------------------------------------------------------------------------


def test_click_a_card_then_decide_then_continue(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    screen = driver.top
    assert driver.top_name == "TurnScreen" and screen.selected is None
    first_event = driver.game.session.pending.event.id
    driver.click(screen.card_rects[1].center)
    assert screen.selected == 1
    assert driver.top_name == "TurnScreen", "one click selects, it does not decide"

    driver.click(screen.decide_button.rect.center)
    assert driver.names() == ["TurnScreen", "ConsequencesScreen"]
    assert [d.option for d in driver.game.session.decisions] == [1]
    assert driver.game.session.decisions[0].event.id == first_event

    driver.click(driver.top.button.rect.center)
    assert driver.names() == ["TurnScreen"]
    assert driver.top.selected is None
    assert driver.game.session.pending.event.id != first_event


def test_decide_without_a_selection_only_says_so(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.click(driver.top.decide_button.rect.center)
    assert driver.names() == ["TurnScreen"]
    assert driver.game.session.decisions == []
    assert driver.top.status == t("turn.pick_first", count=len(driver.top.card_rects))


class Ticks:
    """A stand-in for pygame.time.get_ticks, which the turn screen times double-clicks with."""

    def __init__(self) -> None:
        self.ms = 10_000

    def __call__(self) -> int:
        return self.ms


def test_a_quick_second_click_on_a_card_decides(driver: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = Ticks()
    monkeypatch.setattr(pygame.time, "get_ticks", ticks)
    driver.start("new_partnership", SEED)
    rect = driver.top.card_rects[0]
    driver.click(rect.center)
    ticks.ms += 250
    driver.click(rect.center)
    assert driver.top_name == "ConsequencesScreen"


def test_a_slow_second_click_on_a_card_does_not_decide(driver: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = Ticks()
    monkeypatch.setattr(pygame.time, "get_ticks", ticks)
    driver.start("new_partnership", SEED)
    rect = driver.top.card_rects[0]
    driver.click(rect.center)
    ticks.ms += 600  # longer than DOUBLE_CLICK_S (0.4 s)
    driver.click(rect.center)
    assert driver.names() == ["TurnScreen"], "two clicks 0.6 s apart are not a double click"
    assert driver.game.session.decisions == [] and driver.top.selected == 0


def test_a_double_click_that_decided_is_not_the_first_half_of_the_next(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = Ticks()
    monkeypatch.setattr(pygame.time, "get_ticks", ticks)
    driver.start("new_partnership", SEED)
    rect = driver.top.card_rects[0]
    driver.click(rect.center)
    ticks.ms += 100
    driver.click(rect.center)
    assert driver.top_name == "ConsequencesScreen"
    driver.key(pygame.K_RETURN)  # the outcome is read and closed
    assert driver.top_name == "TurnScreen"
    ticks.ms += 100  # a quick click on the next turn's first card: one click, not the end of the last double
    driver.click(driver.top.card_rects[0].center)
    assert driver.names()[-1] == "TurnScreen" and len(driver.game.session.decisions) == 1
    assert driver.top.selected == 0


def test_the_game_clock_runs_without_pygame_init(driver: Driver) -> None:
    # The double-click timing above relies on it: run_window initialises only the display and fonts.
    driver.start("new_partnership", SEED)
    before = pygame.time.get_ticks()
    time.sleep(0.05)
    assert pygame.time.get_ticks() > before


# ---- rollback and branches ------------------------------------------------------------------------------------


def test_ctrl_z_steps_back_and_the_dice_do_not_reroll(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    session = driver.game.session
    driver.ctrl(pygame.K_z)
    assert driver.top.status == t("status.at_start") and session.decisions == []

    # Play the historical road up to a decision where some option's outcome is drawn by the dice.
    drawn = None
    for _ in range(30):
        available = session.available()
        drawn = next((k for k, ok in enumerate(available) if ok and driver.game.preview(k).drawn), None)
        if drawn is not None:
            break
        driver.decide(driver.historical_choice())
    assert drawn is not None, "no decision with a drawn outcome on the historical road"

    before = (session.meters(), session.state.turn, len(session.decisions), session.pending.event.id)
    driver.decide(drawn)
    after = session.meters()
    assert len(session.decisions) == before[2] + 1

    driver.ctrl(pygame.K_z)
    assert driver.names() == ["TurnScreen"]
    assert (session.meters(), session.state.turn, len(session.decisions), session.pending.event.id) == before
    assert driver.top.status.startswith("Stepped back")

    driver.decide(drawn)
    assert session.meters() == after, "the same choice after a step back must give the same meters"
    assert len(session.timeline.nodes) == before[2] + 1, "choosing the same again follows the old branch"


def test_choosing_differently_after_a_step_back_opens_a_branch(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    session = driver.game.session
    driver.decide(driver.historical_choice())
    node = session.timeline.current
    first = driver.historical_choice()
    driver.decide(first)
    old_leaf = session.timeline.current
    driver.ctrl(pygame.K_z)
    assert session.timeline.current == node
    other = next(k for k, ok in enumerate(session.available()) if ok and k != first)
    driver.decide(other)

    children = session.timeline.children(node)
    assert len(children) == 2, children
    assert old_leaf in {c.id for c in children}, "the old branch is kept"
    assert session.timeline.current != old_leaf
    assert driver.top.status == t("status.branch")
    assert driver.game.branches_at(), "the timeline strip counts the branch"


def test_clicking_a_past_date_on_the_timeline_goes_back_to_that_turn(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    session = driver.game.session
    while session.state.turn < 3:
        driver.decide(driver.historical_choice())
    nodes = len(session.timeline.nodes)
    first_event = session.timeline.path()[0].event
    driver.shot()  # the strip's clickable rects are laid out when it is drawn
    marks = dict((turn, rect) for rect, turn in driver.top.mark_rects)
    assert set(marks) >= {0, 1, 2}, marks
    assert 3 not in marks, "the current turn is not a past date"

    driver.click(marks[1].center)
    assert driver.names() == ["TurnScreen"]
    assert session.state.turn == 1
    assert all(d.turn < 1 for d in session.decisions)
    assert driver.top.status.startswith("Stepped back")

    driver.shot()
    marks = dict((turn, rect) for rect, turn in driver.top.mark_rects)
    driver.click(marks[0].center)
    assert session.state.turn == 0 and session.decisions == []
    assert session.pending.event.id == first_event
    assert len(session.timeline.nodes) == nodes, "going back loses nothing"


# ---- save, quit, load -----------------------------------------------------------------------------------------


def test_ctrl_s_saves_ctrl_q_quits_and_the_save_resumes(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    driver.start("new_partnership", SEED)
    for _ in range(2):
        driver.decide(driver.historical_choice())
    session = driver.game.session
    meters, turn, pending = session.meters(), session.state.turn, session.pending.event.id

    driver.ctrl(pygame.K_s)
    assert driver.names() == ["TurnScreen", "SaveScreen"]
    name = driver.top.entry.get_text()
    driver.key(pygame.K_RETURN)
    path = paths.saves_dir() / f"{name}.json"
    assert path.is_file(), sorted(p.name for p in paths.saves_dir().glob("*"))
    assert driver.top.message == t("save.done", path=path)
    saved = read_save(path)
    assert saved.meters() == meters and saved.pending is not None and saved.pending.event.id == pending

    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]
    driver.ctrl(pygame.K_q)
    assert driver.app.running is False

    again = make_app()
    again.start(load=path)
    assert again.names() == ["TurnScreen"]
    resumed = again.game.session
    assert resumed.meters() == meters
    assert resumed.state.turn == turn and resumed.pending.event.id == pending
    assert resumed.seed == SEED and len(resumed.decisions) == 2
    assert again.game.note is None


def test_save_under_a_typed_name(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.ctrl(pygame.K_s)
    entry = driver.top.entry
    entry.set_text("")
    driver.type_text("My game/../x")
    driver.key(pygame.K_RETURN)
    files = sorted(p.name for p in paths.saves_dir().glob("*.json") if not p.name.startswith("autosave-"))
    assert files == ["My-game-x.json"], "the typed name becomes a safe file name inside the saves folder"


def test_continue_on_the_title_resumes_the_autosave(make_app: Callable[..., Driver]) -> None:
    first = make_app()
    first.start("new_partnership", SEED)
    first.decide(first.historical_choice())
    meters = first.game.session.meters()

    second = make_app()
    second.start()
    assert "continue" in second.top.buttons.values()
    title_item(second, "continue")
    assert second.names() == ["TurnScreen"]
    assert second.game.session.meters() == meters and len(second.game.session.decisions) == 1
    assert second.game.autosave_path == first.game.autosave_path  # the game goes on in its own autosave


def test_load_screen_lists_saves_and_a_damaged_one_with_its_reason(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    driver.start("new_partnership", SEED)
    driver.decide(driver.historical_choice())
    driver.ctrl(pygame.K_s)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_ESCAPE)
    driver.decide(driver.historical_choice())  # the autosave moves on: its entry differs from the named save's
    broken = paths.saves_dir() / "broken.json"
    broken.write_bytes(b"\x00\xff\xfe garbage {{{ not a save")

    driver = make_app()
    driver.start()
    title_item(driver, "load")
    assert driver.names() == ["TitleScreen", "LoadScreen"]
    screen = driver.top
    labels = [i["text"] for i in screen.list.item_list]
    assert len(labels) == len(set(labels)) == 3, labels  # the autosave, the named save, the damaged one
    damaged = [label for label in labels if label.startswith("broken.json: cannot be loaded: ")]
    assert len(damaged) == 1, labels
    summary = next(s for s in screen.saves if s.path == broken)
    assert summary.error and summary.error in damaged[0]

    # Select the damaged one with the arrow keys and load it: a message, never an exception.
    for _ in range(len(labels)):
        if screen.list.get_single_selection() == damaged[0]:
            break
        driver.key(pygame.K_DOWN)
    assert screen.list.get_single_selection() == damaged[0]
    driver.key(pygame.K_RETURN)
    assert driver.names() == ["TitleScreen", "LoadScreen", "MessageScreen"]
    assert "broken.json" in driver.visible_text(driver.top)
    driver.key(pygame.K_RETURN)
    assert driver.names() == ["TitleScreen", "LoadScreen"]

    # The named save (one decision in) loads with the Load button.
    named = next(s for s in screen.saves if not s.error and not s.path.name.startswith("autosave-"))
    for _ in range(len(labels)):
        if screen.list.get_single_selection() == screen.label(named):
            break
        driver.key(pygame.K_DOWN)
    driver.click(screen.button.rect.center)
    assert driver.names() == ["TurnScreen"]
    assert len(driver.game.session.decisions) == 1


def test_load_screen_with_two_saves_of_the_same_moment(make_app: Callable[..., Driver], monkeypatch: Any) -> None:
    from partnership_game.session import saves

    monkeypatch.setattr(saves, "_now", lambda: "2026-01-05T10:00:00+00:00")  # both writes in the same minute
    driver = make_app()
    driver.start("new_partnership", SEED)
    driver.decide(driver.historical_choice())  # writes the autosave
    driver.ctrl(pygame.K_s)
    driver.key(pygame.K_RETURN)  # a named save of the same moment
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_ESCAPE)  # the menu
    driver.click(next(b for b, item in driver.top.buttons.items() if item == "load").rect.center)
    assert driver.top_name == "LoadScreen"
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    assert driver.names() == ["TurnScreen"]


def test_a_damaged_save_given_at_start_shows_a_message(driver: Driver, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(os.urandom(300))
    driver.start(load=path)
    assert driver.names() == ["TitleScreen", "MessageScreen"]
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TitleScreen"]


def test_a_save_whose_mod_scenario_changed_since_loads_with_a_note(make_app: Callable[..., Driver]) -> None:
    paths.mods_dir().mkdir(parents=True)
    mod = paths.mods_dir() / "tiny.yaml"
    shutil.copy(DATA / "tiny.yaml", mod)

    driver = make_app()
    driver.start(str(mod), 7)  # as `play --scenario <path>` does
    assert driver.top_name == "TurnScreen" and driver.game.scenario.model.id == "tiny"
    driver.decide(0)
    meters = driver.game.session.meters()
    driver.ctrl(pygame.K_s)
    driver.key(pygame.K_RETURN)
    path = paths.saves_dir() / f"{driver.top.entry.get_text()}.json"
    assert path.is_file()

    unchanged = make_app()
    unchanged.start(load=path)
    assert unchanged.top_name == "TurnScreen" and unchanged.game.note is None

    mod.write_text(mod.read_text(encoding="utf-8").replace("Something happens.", "Something else."), encoding="utf-8")
    changed = make_app()
    changed.start(load=path)
    assert changed.names() == ["TurnScreen"]
    assert changed.game.note == t("load.changed")
    assert rich.escape(t("load.changed")) in changed.visible_text(changed.top)
    assert changed.game.session.meters() == meters, "it plays on the save's own copy"
    assert changed.game.scenario.model.events[0].situation == "Something happens."


# ---- menu, help, settings -------------------------------------------------------------------------------------


def test_esc_opens_the_menu_and_esc_closes_it(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen", "MenuScreen"]
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]
    driver.click(driver.top.menu_button.rect.center)
    assert driver.names() == ["TurnScreen", "MenuScreen"]
    driver.key(pygame.K_RETURN)  # the focus starts on Resume
    assert driver.names() == ["TurnScreen"]


def test_menu_title_screen_item(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_ESCAPE)
    menu = driver.top
    button = next(b for b, item in menu.buttons.items() if item == "title")
    driver.click(button.rect.center)
    assert driver.names() == ["TitleScreen"]


def test_f1_opens_help_with_the_glossary(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_F1)
    assert driver.names() == ["TurnScreen", "HelpScreen"]
    text = driver.visible_text(driver.top)
    assert t("help.glossary") in text
    glossary = driver.game.scenario.model.glossary
    assert glossary
    for term in glossary:
        assert rich.escape(term.term) in text, term.term
    driver.key(pygame.K_F1)
    assert driver.names() == ["TurnScreen"]


def test_f1_on_the_title_opens_help_without_a_glossary(title: Driver) -> None:
    title.key(pygame.K_F1)
    assert title.names() == ["TitleScreen", "HelpScreen"]
    assert t("help.glossary") not in title.visible_text(title.top)
    title.key(pygame.K_ESCAPE)
    assert title.names() == ["TitleScreen"]


def test_f11_toggles_fullscreen_and_keeps_the_screens(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_F11)
    assert driver.app.settings.fullscreen is True
    assert json.loads(settings_path().read_text(encoding="utf-8"))["fullscreen"] is True
    assert driver.names() == ["TurnScreen"]
    driver.shot()
    driver.key(pygame.K_F11)
    assert driver.app.settings.fullscreen is False
    assert load_settings().fullscreen is False
    driver.shot()
    assert driver.names() == ["TurnScreen"]


def test_f11_inside_the_settings_dialog(title: Driver) -> None:
    title.key(pygame.K_ESCAPE)  # Esc on the title opens the settings
    assert title.names() == ["TitleScreen", "SettingsScreen"]
    title.key(pygame.K_F11)
    assert title.app.settings.fullscreen is True
    assert title.names() == ["TitleScreen", "SettingsScreen"]
    title.shot()
    title.key(pygame.K_F11)
    assert title.app.settings.fullscreen is False


def test_settings_dialog_changes_persist(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    driver.start("new_partnership", SEED)
    driver.key(pygame.K_ESCAPE)
    menu = driver.top
    driver.click(next(b for b, item in menu.buttons.items() if item == "settings").rect.center)
    assert driver.top_name == "SettingsScreen"

    open_dropdown_and_pick(driver, driver.top.controls["text"], "120 %")
    assert driver.app.settings.text_scale == 1.2
    open_dropdown_and_pick(driver, driver.top.controls["palette"], t("settings.palette.colour_safe"))
    assert driver.app.settings.palette == "colour_safe" and driver.app.palette is COLOUR_SAFE
    open_dropdown_and_pick(driver, driver.top.controls["previews"], t("settings.off"))
    assert driver.app.settings.show_previews is False
    assert driver.names() == ["TurnScreen", "MenuScreen", "SettingsScreen"]

    stored = json.loads(settings_path().read_text(encoding="utf-8"))
    assert stored["text_scale"] == 1.2 and stored["palette"] == "colour_safe" and stored["show_previews"] is False
    expected = Settings(width=1280, height=720, text_scale=1.2, palette="colour_safe", show_previews=False)
    assert load_settings() == expected

    driver.click(driver.top.done.rect.center)
    assert driver.names() == ["TurnScreen", "MenuScreen"]

    relaunched = make_app(load_settings())
    assert relaunched.app.settings == expected and relaunched.app.palette is COLOUR_SAFE


def test_settings_window_size_dropdown(title: Driver) -> None:
    title.key(pygame.K_ESCAPE)
    open_dropdown_and_pick(title, title.top.controls["window"], "1024 × 600")
    assert (title.app.settings.width, title.app.settings.height) == (1024, 600)
    assert title.app.size == (1024, 600) and title.app.window.get_size() == (1024, 600)
    assert title.names() == ["TitleScreen", "SettingsScreen"]
    title.key(pygame.K_RETURN)  # Enter on the focused drop-down opens it; it does not close the dialog
    assert title.names() == ["TitleScreen", "SettingsScreen"] and title.top.focus.is_open()
    title.key(pygame.K_ESCAPE)  # the list closes
    title.key(pygame.K_ESCAPE)  # then the dialog
    assert title.names() == ["TitleScreen"]


def _previews_off(driver: Driver) -> None:
    driver.app.apply_settings(replace(driver.app.settings, show_previews=False))
    driver.settle()


def test_previews_off_hide_the_effects(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    historical = driver.game.session.pending.event.historical_option
    driver.digit(historical)
    # The effects show in words under the options and as ghost segments on the meters.
    label = driver.game.scenario.model.meters[0].label
    assert label in driver.top.effects_shown() and t("turn.preview_hidden") not in driver.top.effects_shown()
    assert any(view.preview for view in driver.top._meter_views())

    _previews_off(driver)
    driver.digit(historical)
    assert driver.top.effects_shown() == f"{historical + 1}. {t('turn.preview_hidden')}"
    assert not any(view.preview for view in driver.top._meter_views())


def _history_tag_pixels(driver: Driver, option: int) -> int:
    """Stamp-coloured pixels where a card's "what history chose" tag is drawn (its top right corner)."""
    card = driver.top.card_rects[option]
    driver.move((2, 2))  # hover nothing
    return colour_pixels(driver.shot(), pygame.Rect(card.right - 200, card.top + 2, 195, 22), driver.app.palette.stamp)


def test_previews_on_show_the_history_mark(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    historical = driver.game.session.pending.event.historical_option
    assert historical >= 0
    driver.digit(historical)
    assert t("turn.history_mark") in driver.visible_text(driver.top)
    assert _history_tag_pixels(driver, historical) > 20


def test_history_marks_off_hide_the_history_mark_but_previews_off_do_not(driver: Driver) -> None:
    """The settings keep two switches: 'Effect previews' hides effects only; 'Historical marks' hides the marks."""
    driver.start("new_partnership", SEED)
    historical = driver.game.session.pending.event.historical_option
    _previews_off(driver)
    driver.digit(historical)
    assert t("turn.history_mark") in driver.visible_text(driver.top)
    driver.app.apply_settings(replace(driver.app.settings, show_history=False))
    driver.settle()
    driver.digit(historical)
    assert t("turn.history_mark") not in driver.visible_text(driver.top), "the preview text names history's choice"
    assert _history_tag_pixels(driver, historical) == 0, "the card carries the mark"


# ---- resizing -------------------------------------------------------------------------------------------------


def _title(d: Driver, tmp: Path) -> None:
    d.start()


def _picker(d: Driver, tmp: Path) -> None:
    d.start()
    d.key(pygame.K_RETURN)


def _briefing(d: Driver, tmp: Path) -> None:
    _picker(d, tmp)
    d.key(pygame.K_RETURN)


def _turn(d: Driver, tmp: Path) -> None:
    d.start("new_partnership", SEED)
    d.digit(0)


def _consequences(d: Driver, tmp: Path) -> None:
    _turn(d, tmp)
    d.key(pygame.K_RETURN)


def _menu(d: Driver, tmp: Path) -> None:
    _turn(d, tmp)
    d.key(pygame.K_ESCAPE)


def _help(d: Driver, tmp: Path) -> None:
    _turn(d, tmp)
    d.key(pygame.K_F1)


def _save(d: Driver, tmp: Path) -> None:
    _turn(d, tmp)
    d.ctrl(pygame.K_s)


def _load(d: Driver, tmp: Path) -> None:
    (paths.saves_dir()).mkdir(parents=True, exist_ok=True)
    (paths.saves_dir() / "broken.json").write_bytes(b"nonsense")
    d.start()
    title_item(d, "load")


def _settings(d: Driver, tmp: Path) -> None:
    d.start()
    d.key(pygame.K_ESCAPE)


def _message(d: Driver, tmp: Path) -> None:
    (tmp / "bad.json").write_bytes(b"nonsense")
    d.start(load=tmp / "bad.json")


def _debrief(d: Driver, tmp: Path) -> None:
    d.start(load=finished_save(tmp))


SCREENS: dict[str, tuple[Callable[[Driver, Path], None], str]] = {
    "title": (_title, "TitleScreen"),
    "picker": (_picker, "PickerScreen"),
    "briefing": (_briefing, "BriefingScreen"),
    "turn": (_turn, "TurnScreen"),
    "consequences": (_consequences, "ConsequencesScreen"),
    "menu": (_menu, "MenuScreen"),
    "help": (_help, "HelpScreen"),
    "save": (_save, "SaveScreen"),
    "load": (_load, "LoadScreen"),
    "settings": (_settings, "SettingsScreen"),
    "message": (_message, "MessageScreen"),
    "debrief": (_debrief, "DebriefScreen"),
}


def assert_inside_window(driver: Driver) -> None:
    window = pygame.Rect((0, 0), driver.app.size)
    assert driver.app.size == driver.app.window.get_size()
    problems = []
    for screen in driver.app.stack:
        for element in screen.elements:
            if not element.alive():
                problems.append(f"{type(screen).__name__}: {type(element).__name__} was killed but kept")
            elif not window.contains(element.rect):
                problems.append(f"{type(screen).__name__}: {type(element).__name__} {element.rect} outside {window}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(SCREENS))
def test_resize_rebuilds_every_screen_inside_the_window(driver: Driver, tmp_path: Path, name: str) -> None:
    setup, expected = SCREENS[name]
    setup(driver, tmp_path)
    assert driver.top_name == expected, driver.names()
    stack = driver.names()
    tabs = 5 if name == "debrief" else 1
    for size in ((1024, 600), (3840, 2160), (1280, 720)):
        before = [e for s in driver.app.stack for e in s.elements]  # kept alive, so no id is reused
        driver.resize(*size)
        assert driver.app.size == size
        assert driver.names() == stack
        after = [e for s in driver.app.stack for e in s.elements]
        assert after and not {id(e) for e in before} & {id(e) for e in after}, "widgets are built anew"
        for _ in range(tabs):
            assert_inside_window(driver)
            driver.shot()
            if tabs > 1:
                driver.key(pygame.K_RIGHT)


def test_resize_while_a_card_is_selected_and_hovered(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    driver.digit(1)
    driver.move(driver.top.card_rects[0].center)
    driver.resize(1024, 600)
    driver.shot()
    driver.key(pygame.K_RETURN)
    assert driver.top_name in ("TurnScreen", "ConsequencesScreen")
    assert_inside_window(driver)


def test_going_to_a_branch_with_fewer_options_keeps_running(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    session = driver.game.session
    assert len(session.pending.event.options) == 4  # e01: four options
    driver.decide(0)
    assert len(session.pending.event.options) == 3  # e02: three
    driver.ctrl(pygame.K_z)  # back to e01
    driver.key(pygame.K_4, unicode="4")  # select the fourth option
    driver.key(pygame.K_b, unicode="b")  # the branch tree
    assert driver.top_name == "BranchesScreen"
    driver.key(pygame.K_RETURN)  # go to the branch's end: e02, three options
    assert driver.names() == ["TurnScreen"]
    assert len(session.pending.event.options) == 3 and driver.top.selected is None


def test_every_option_card_is_inside_its_panel_and_clickable_at_default_text_size(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    screen = driver.top
    assert len(screen.card_rects) == 4
    for k, rect in enumerate(screen.card_rects):
        assert screen.lay.options.contains(rect), (k, rect, screen.lay.options)
        driver.click(rect.center)
        assert screen.selected == k


@pytest.mark.parametrize("text_scale", [1.2, 1.4])
def test_every_option_card_is_inside_its_panel_and_clickable_at_larger_text(
    make_app: Callable[..., Driver], text_scale: float
) -> None:
    driver = make_app(Settings(width=1280, height=720, text_scale=text_scale))
    driver.start("new_partnership", SEED)
    screen = driver.top
    assert len(screen.card_rects) == 4
    problems = []
    for k, rect in enumerate(screen.card_rects):
        if not screen.lay.options.contains(rect):
            problems.append(f"card {k + 1} {rect} is not inside the options panel {screen.lay.options}")
        driver.click(rect.center)
        if screen.selected != k:
            problems.append(f"a click on card {k + 1} at {rect.center} selected {screen.selected}")
    assert not problems, "\n".join(problems)


# ---- the picker -----------------------------------------------------------------------------------------------


def test_picker_lists_a_broken_mod_with_its_first_error(title: Driver) -> None:
    paths.mods_dir().mkdir(parents=True)
    (paths.mods_dir() / "zz_broken.yaml").write_text("format_version: 1\nid: broken\ntitle: [unclosed\n")
    (paths.mods_dir() / "zz_empty_turns.yaml").write_text("format_version: 1\nid: nothing\n")
    title.key(pygame.K_RETURN)
    picker = title.top
    assert title.top_name == "PickerScreen"
    labels = [i["text"] for i in picker.list.item_list]
    broken = [e for e in picker.entries if e.loaded is None]
    assert {e.path.name for e in broken} == {"zz_broken.yaml", "zz_empty_turns.yaml"}
    for entry in broken:
        # The row names the file and says it cannot be played (with its first error when that fits the row)...
        label = next(label for label in labels if label.startswith(entry.path.name))
        assert entry.first_error is not None
        assert t("picker.broken_short") in label or t("picker.broken", error=entry.first_error.format()) in label
        # ...and the detail beside the list gives the error in full.
        shown, picker.index = picker.index, picker.entries.index(entry)
        assert rich.escape(entry.first_error.format()) in picker.detail_html()
        picker.index = shown

    # Select a broken one with the arrow keys: its problems show, and Enter does not start it.
    target = next(k for k, e in enumerate(picker.entries) if e.path.name == "zz_broken.yaml")
    while title.top.index != target:
        title.key(pygame.K_DOWN)
    assert "zz_broken.yaml" in title.visible_text(title.top)
    title.key(pygame.K_RETURN)
    assert title.names() == ["PickerScreen"]
    title.click(title.top.start.rect.center)
    assert title.names() == ["PickerScreen"]

    # Clicking it in the list does not crash either; the good one still starts.
    item = next(i for i in title.top.list.item_list if i["text"].startswith("zz_empty_turns.yaml"))
    title.click(item["button_element"].rect.center)
    assert title.top.entries[title.top.index].path.name == "zz_empty_turns.yaml"
    assert "zz_empty_turns.yaml" in title.visible_text(title.top)
    good = next(k for k, e in enumerate(title.top.entries) if e.loaded is not None)
    while title.top.index != good:
        title.key(pygame.K_UP)
    title.key(pygame.K_RETURN)
    assert title.names() == ["BriefingScreen"]


def test_picker_and_briefing_back_buttons(title: Driver) -> None:
    title.key(pygame.K_RETURN)
    title.key(pygame.K_RETURN)
    assert title.names() == ["BriefingScreen"]
    title.click(title.top.back_button.rect.center)
    assert title.names() == ["PickerScreen"]
    title.click(title.top.back.rect.center)
    assert title.names() == ["TitleScreen"]


# ---- the glossary ---------------------------------------------------------------------------------------------


def test_hovering_a_glossary_link_shows_a_tooltip(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    screen = driver.top
    box = screen.story_box
    assert box.link_hover_chunks, "the first event's story has a glossary link"
    chunk = box.link_hover_chunks[0]
    driver.move(link_chunk_pos(box, chunk))
    assert screen.tooltip is not None
    index = int(chunk.href.split(":")[1])
    term = driver.game.scenario.model.glossary[index]
    assert screen.tooltip_term == index
    assert term.term in screen.tooltip.text_block.html_text
    window = pygame.Rect((0, 0), driver.app.size)
    assert window.contains(screen.tooltip.rect)

    driver.move((2, 2))
    assert screen.tooltip is None


def test_clicking_a_glossary_link_explains_the_term(driver: Driver) -> None:
    driver.start("new_partnership", SEED)
    screen = driver.top
    box = screen.story_box
    chunk = box.link_hover_chunks[0]
    term = driver.game.scenario.model.glossary[int(chunk.href.split(":")[1])]
    driver.click(link_chunk_pos(box, chunk))
    assert driver.names() == ["TurnScreen"]
    assert f"<b>{term.term}</b>" in driver.visible_text(screen)


# ---- no display -----------------------------------------------------------------------------------------------


def test_no_display_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "play --text" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not result.stdout.strip()


# ---- a second window in one process ---------------------------------------------------------------------------


def test_a_second_window_in_the_same_process_draws(driver: Driver) -> None:
    from partnership_game.ui.app import App
    from partnership_game.ui.run import Services, open_first_screens

    driver.start()
    driver.shot()
    pygame.quit()  # what run_window does in its finally
    pygame.display.init()
    pygame.font.init()
    app = App(Settings(), Services())
    open_first_screens(app, None, None, None)
    app.draw()
