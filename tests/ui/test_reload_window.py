"""F5 in the window: the scenario again from its file; a broken edit shows its errors and the game stays."""

from __future__ import annotations

from pathlib import Path

import pygame

from .conftest import Driver


def test_f5_reloads_an_edited_scenario_and_a_broken_edit_shows_its_errors(driver: Driver, tmp_path: Path,
                                                                         tiny_path: Path) -> None:
    mod = tmp_path / "tiny.yaml"
    mod.write_text(tiny_path.read_text(encoding="utf-8"), encoding="utf-8")
    driver.start(str(mod), 3)
    driver.decide(0)
    assert len(driver.game.session.decisions) == 1
    mod.write_text(mod.read_text(encoding="utf-8").replace("title: Second decision", "title: Second, edited"),
                   encoding="utf-8")
    driver.key(pygame.K_F5)
    assert driver.top_name == "TurnScreen"
    assert driver.top.status == "Reloaded tiny: replayed all 1 decisions."
    assert driver.game.session.pending.event.title == "Second, edited"
    good = driver.game.session
    mod.write_text(mod.read_text(encoding="utf-8").replace("meter: gains, amount: 5", "meter: gans, amount: 5"),
                   encoding="utf-8")
    driver.key(pygame.K_F5)
    assert driver.top_name == "MessageScreen"
    assert "'gans' is not a declared meter (did you mean 'gains'?)" in driver.top.message
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "TurnScreen" and driver.game.session is good
