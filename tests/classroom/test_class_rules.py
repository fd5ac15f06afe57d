"""What a class file does to a game in the window: the start date, rollback modes and hidden help."""

from __future__ import annotations

from pathlib import Path

from partnership_game.classroom.classfile import ClassFile, LoadedClass, Show
from partnership_game.classroom.lesson import Lesson, lesson_for
from partnership_game.ui.game import Game


def classroom(tiny, **changes: object) -> Lesson:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"format_version": 1, "title": "Lesson", "scenario": "tiny", "seed": 3}
    values.update(changes)
    return lesson_for(LoadedClass(Path("lesson.yaml"), ClassFile.model_validate(values)), tiny)


def test_a_start_date_plays_history_up_to_it_and_no_further_back(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new_class(classroom(tiny, start="2001-09-22"))
    assert game.session.state.turn == 1  # the second turn (Sept 22)
    assert [d.event.options[d.option].id for d in game.session.decisions] == ["help"]
    assert not game.back()  # the lesson starts here
    assert game.session.state.turn == 1


def test_look_only_lets_students_look_back_and_return_but_not_change(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new_class(classroom(tiny, rollback="look_only"))
    game.choose(0)
    game.choose(1)
    present = game.session.timeline.current
    assert game.back()
    assert game.reviewing
    assert game.session.state.turn == 1
    game.return_to_present()
    assert not game.reviewing
    assert game.session.timeline.current == present
    assert len(game.session.timeline.nodes) == 2  # nothing new was opened


def test_rollback_off_refuses_every_way_back(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new_class(classroom(tiny, rollback="off"))
    game.choose(0)
    assert not game.back()
    assert not game.go_to_turn(0)
    assert not game.go_to_node(None)
    assert len(game.session.decisions) == 1


def test_hidden_help_is_hidden_until_the_debrief(tiny) -> None:  # type: ignore[no-untyped-def]
    rules = classroom(tiny, show=Show(previews=False, odds=False, historical_marks=False, ghost=True))
    game = Game.new_class(rules)
    assert not game.shows("previews") and not game.shows("odds") and not game.shows("historical_marks")
    assert game.shows("ghost")
    while game.session.pending is not None:
        game.choose(game.session.available().index(True))
    assert game.shows("previews") and game.shows("odds") and game.shows("historical_marks")


def test_without_a_class_everything_is_allowed(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, 3)
    game.choose(0)
    assert game.shows("odds") and game.rollback_mode == "allowed"
    assert game.back() and not game.reviewing
