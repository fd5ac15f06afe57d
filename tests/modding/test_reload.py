"""Hot reload (F5): the edited file replays as far as it still fits, and a broken edit changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_path
from partnership_game.ui.game import Game


@pytest.fixture
def copy(tmp_path: Path, tiny_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def played(path: Path) -> Game:
    game = Game.new(load_path(path), 3)
    game.choose(0)  # first/help
    game.choose(1)  # second/safe
    return game


def played_before_edit_meters(path: Path) -> dict[str, float]:
    original = path.read_text(encoding="utf-8").replace("amount: 12}", "amount: 10}", 1)
    other = path.with_name("original.yaml")
    other.write_text(original, encoding="utf-8")
    return played(other).session.meters()


def test_an_edit_that_keeps_every_decision_replays_them_all(copy: Path) -> None:
    game = played(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("amount: 10}", "amount: 12}", 1), encoding="utf-8")
    message = game.reload()
    assert message == "Reloaded tiny: replayed all 2 decisions."
    fresh = played(copy)  # the same choices on the edited file from the start
    assert game.session.meters() == fresh.session.meters()
    assert game.session.meters() != played_before_edit_meters(copy)


def test_an_edit_that_removes_an_option_stops_there_and_says_so(copy: Path) -> None:
    game = played(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("id: safe", "id: careful"), encoding="utf-8")
    message = game.reload()
    assert message == (
        "Reloaded tiny: replayed 1 of 2 decisions; stopped because 'second' has no option 'safe' any more."
    )
    assert len(game.session.decisions) == 1
    assert game.session.pending is not None and game.session.pending.event.id == "second"


def test_a_broken_edit_raises_every_problem_and_keeps_the_last_good_version(copy: Path) -> None:
    game = played(copy)
    before = game.session
    copy.write_text(copy.read_text(encoding="utf-8").replace("meter: trust, amount: 10", "meter: trst, amount: 10"),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        game.reload()
    assert "'trst' is not a declared meter (did you mean 'trust'?)" in str(caught.value)
    assert game.session is before and len(game.session.decisions) == 2
