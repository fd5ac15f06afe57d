"""A whole campaign by the keyboard alone and by the mouse alone: title, picker, briefing, every turn, the debrief;
and every scrollable text read to its end with either."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
import pytest

from partnership_game.ui.strings import t

SEED = 2001
SCENARIO = "new_partnership"

# pygame_gui notes each font size it loads on demand: a hint about speed, not a fault here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)


# ---- looking at the screen on top ------------------------------------------------------------------------------


def widgets(driver: Driver, kind: type) -> list[Any]:
    manager = driver.app.manager
    return [e for e in manager.get_sprite_group().sprites() if isinstance(e, kind) and e.visible
            and any(s.owns(e) or s.owns(getattr(getattr(e, "ui_container", None), "parent_element", None))
                    for s in driver.app.stack[-1:])]


def button(driver: Driver, text: str) -> Any:
    buttons = widgets(driver, pygame_gui.elements.UIButton)
    found = [b for b in buttons if b.text == text]
    assert found, f"no button {text!r} on {driver.top_name}: {[b.text for b in buttons]}"
    return found[0]


def scrollable(driver: Driver) -> list[Any]:
    return [b for b in widgets(driver, pygame_gui.elements.UITextBox) if b.scroll_bar is not None]


def at_end(box: Any) -> bool:
    bar = box.scroll_bar
    return bar is None or bar.start_percentage + bar.visible_percentage >= 0.995


def choice(driver: Driver) -> int:
    session = driver.game.session
    event = session.pending.event
    available = session.available()
    k = event.historical_option if event.historical_option >= 0 else 0
    return k if available[k] else available.index(True)


def past_the_guide_offer(driver: Driver, by_mouse: bool) -> None:
    """The first game offers a guided first turn; these tests play on without it (by Esc, or by "Not now")."""
    if driver.top_name == "GuideOffer":
        if by_mouse:
            driver.click(button(driver, t("guide.offer.later")).rect.center)
        else:
            driver.key(pygame.K_ESCAPE)
    assert driver.top_name == "TurnScreen", driver.names()


def wait_for_no_mouse(driver: Driver) -> None:
    """Keyboard play: the pointer stays parked in the corner, so nothing is hovered or clicked."""
    assert pygame.mouse.get_pos() == (0, 0)


# ---- the keyboard --------------------------------------------------------------------------------------------


def test_a_whole_campaign_by_keyboard_alone(title: Driver) -> None:
    driver = title
    driver.app.services.new_seed = lambda: SEED
    driver.key(pygame.K_RETURN)  # the focused first button: a new game
    assert driver.top_name == "PickerScreen", driver.names()
    for _ in range(len(driver.top.entries)):
        if driver.top.entries[driver.top.index].id == SCENARIO:
            break
        driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "BriefingScreen", driver.names()
    driver.key(pygame.K_RETURN)
    past_the_guide_offer(driver, by_mouse=False)
    turns = 0
    while driver.game.session.pending is not None and turns < 60:
        assert driver.top_name == "TurnScreen", driver.names()
        driver.digit(choice(driver))
        driver.key(pygame.K_RETURN)
        assert driver.top_name == "ConsequencesScreen", driver.names()
        driver.key(pygame.K_RETURN)
        turns += 1
    wait_for_no_mouse(driver)
    assert driver.names() == ["DebriefScreen"] and driver.game.session.over
    assert turns == len(driver.game.session.decisions) > 10
    tabs = [driver.top.tab]
    for _ in range(4):
        driver.key(pygame.K_RIGHT)
        tabs.append(driver.top.tab)
    assert len(set(tabs)) == 5, tabs


def read_to_the_end_by_keys(driver: Driver) -> list[str]:
    """Tab through the areas; in each, End (then PageDown, in case End is taken) must reach the end of its text."""
    boxes = scrollable(driver)
    for _ in range(2 * len(boxes) + 8):
        driver.key(pygame.K_END)
        for _ in range(3):
            driver.key(pygame.K_PAGEDOWN)
        if all(at_end(b) for b in scrollable(driver)):
            break
        driver.key(pygame.K_TAB)
    return [f"{driver.top_name} {b.object_ids[-1]}" for b in scrollable(driver) if not at_end(b)]


def test_every_scrollable_text_reads_to_its_end_by_keyboard(driver: Driver) -> None:
    from partnership_game.ui.settings import Settings

    driver.app.apply_settings(Settings(width=1024, height=600, text_scale=1.4))  # small and large: things scroll
    driver.start()
    driver.key(pygame.K_RETURN)
    unread = read_to_the_end_by_keys(driver)  # the picker
    driver.key(pygame.K_RETURN)
    unread += read_to_the_end_by_keys(driver)  # the briefing
    driver.start(SCENARIO, SEED)
    driver.digit(0)
    unread += read_to_the_end_by_keys(driver)  # the turn
    assert not unread, unread


# ---- the mouse -----------------------------------------------------------------------------------------------


def wheel_to_the_end(driver: Driver) -> list[str]:
    for box in scrollable(driver):
        for _ in range(200):
            if at_end(box):
                break
            driver.move(box.rect.center, settle=False)
            driver.app.dispatch(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                                                   precise_y=-1.0, touch=False))
            driver.settle(1)
    return [f"{driver.top_name} {b.object_ids[-1]}" for b in scrollable(driver) if not at_end(b)]


class HumanClock:
    """pygame's tick count, a human half second further on at every look: no two clicks make a double click."""

    def __init__(self) -> None:
        self.ms = 0

    def __call__(self) -> int:
        self.ms += 500
        return self.ms


def test_a_whole_campaign_by_mouse_alone(title: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pygame.time, "get_ticks", HumanClock())
    driver = title
    driver.app.services.new_seed = lambda: SEED
    driver.click(button(driver, t("title.play")).rect.center)
    assert driver.top_name == "PickerScreen", driver.names()
    picker = driver.top
    wanted = next(e for e in picker.entries if e.id == SCENARIO).loaded.model.title
    items = [i for i in picker.list.item_list if i["text"].startswith(wanted)]
    assert items and items[0]["button_element"] is not None, [i["text"] for i in picker.list.item_list]
    driver.click(items[0]["button_element"].rect.center)
    assert driver.top.entries[driver.top.index].id == SCENARIO
    driver.click(button(driver, t("picker.start")).rect.center)
    assert driver.top_name == "BriefingScreen", driver.names()
    driver.click(button(driver, t("briefing.begin")).rect.center)
    past_the_guide_offer(driver, by_mouse=True)
    turns = 0
    while driver.game.session.pending is not None and turns < 60:
        assert driver.top_name == "TurnScreen", driver.names()
        screen = driver.top
        driver.click(screen.card_rects[choice(driver)].center)
        driver.click(button(driver, t("turn.decide")).rect.center)
        assert driver.top_name == "ConsequencesScreen", driver.names()
        key = "consequences.ending" if driver.game.session.over else "consequences.continue"
        driver.click(button(driver, t(key)).rect.center)
        turns += 1
    assert driver.names() == ["DebriefScreen"] and driver.game.session.over
    assert turns == len(driver.game.session.decisions) > 10
    tabs = {driver.top.tab}
    for tab_button in list(driver.top.tab_buttons):
        driver.click(tab_button.rect.center)
        tabs.add(driver.top.tab)
    assert len(tabs) == 5, tabs


def test_every_scrollable_text_reads_to_its_end_by_the_wheel(driver: Driver) -> None:
    from partnership_game.ui.settings import Settings

    driver.app.apply_settings(Settings(width=1024, height=600, text_scale=1.4))
    driver.start()
    driver.click(button(driver, t("title.play")).rect.center)
    unread = wheel_to_the_end(driver)
    driver.click(button(driver, t("picker.start")).rect.center)
    unread += wheel_to_the_end(driver)
    driver.start(SCENARIO, SEED)
    driver.click(driver.top.card_rects[0].center)
    unread += wheel_to_the_end(driver)
    assert not unread, unread
