"""Which screen comes next in a game of two sides: the hand-over, a side's turn, the reveal, or the debrief."""

from __future__ import annotations

from typing import Any

from partnership_game.classroom.start import class_seating
from partnership_game.inert import inert_line
from partnership_game.scenario import LoadedScenario
from partnership_game.session.seating import Seating
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t


def advance(app: Any, game: SidesGame, note: str = "") -> None:
    """Show what the game waits for now: a hand-over first whenever the side at a hot seat changes (`note`: what
    the hand-over tells the side taking the screen)."""
    game.run_counterparts()
    if game.session.stopped or game.play.to_act() is None:
        app.open_alone("debrief", game)
        return
    role = game.play.to_act()
    assert role is not None
    if game.hotseat and role != game.last_shown:
        seat = game.play.seating.of(role)
        app.open_alone("handover", game.role_label(role), seat.name, lambda: show_turn(app, game, role), game,
                       note=note)
        return
    show_turn(app, game, role)


def ask_back(app: Any, game: SidesGame, role: int) -> None:
    """A step back at a hot seat (design §9): each other person is handed the screen and asked; refused, the
    screen goes back to `role` with the answer and nothing changes; allowed by all, the step back is taken and
    play goes on with a hand-over to whoever decides then."""
    others = game.play.other_people(role)
    said: list[str] = []

    def ask(k: int) -> None:
        if k == len(others):
            game.back(role)
            game.last_shown = None
            advance(app, game, " ".join(said))
            return
        other = others[k]

        def answered(allowed: bool) -> None:
            label = inert_line(game.role_label(other))
            if allowed:
                said.append(t("consent.allowed", label=label))
                ask(k + 1)
                return
            refused = t("consent.refused", label=label)
            app.open_alone("handover", game.role_label(role), game.play.seating.of(role).name,
                           lambda: show_turn(app, game, role, refused), game, note=refused)

        app.open_alone("handover", game.role_label(other), game.play.seating.of(other).name,
                       lambda: app.open_alone("consent", game, role, other, answered), game)

    ask(0)


def play_on(app: Any, game: Any) -> None:
    """Back into play after the debrief (a step back, another branch): the turn screen, or a side's view."""
    if isinstance(game, SidesGame):
        game.last_shown = None  # whoever sits at the screen now, a hot seat hands it over first
        advance(app, game)
        return
    app.open_alone("turn", game)


def show_turn(app: Any, game: SidesGame, role: int, status: str = "") -> None:
    game.last_shown = role
    screen = app.open_alone("sides_turn", game, role)
    if status:  # said on the turn too, under the options, until the side does something else
        screen.status = status
        screen.rebuild()


def after_pick(app: Any, game: SidesGame, role: int, title: str, label: str, taken: tuple[Any, Any, str]) -> None:
    """After a person's pick (`taken`: what SidesGame.pick returned): the reveal of a joint decision, what a side's
    own decision did, or (a sealed half) straight on to the next side, which sees nothing of it."""
    entries, reveal, result = taken
    if reveal is not None:  # both sides at the screen: each one's changes, as the design's reveal has it
        outcome = app.call("reveal.Outcome", reveal.title, reveal.picks, reveal.result, list(reveal.entries))
        viewers = tuple(game.play.seating.people) or (role,)
    elif entries:  # a side's own decision: only its own view (the other player is not looking, or not there)
        outcome = app.call("reveal.Outcome", title, ((role, label),), result, list(entries))
        viewers = (role,)
    else:
        advance(app, game)
        return
    app.open_alone("reveal", game, outcome, viewers=viewers)


def start_seated(app: Any, scenario: LoadedScenario, seating: Seating | None, player: str | None = None,
                 seed: int | None = None) -> None:
    """A new game of sides: the class's when a class is in force on this scenario (its seed, start, rules and
    clock; its own seats when `seating` is None), else an ordinary one with `seed` or fresh dice."""
    lesson = app.lesson
    in_class = lesson is not None and lesson.scenario.model.id == scenario.model.id
    if in_class or seed is None:
        session = app.call("classroom.new_game", app, scenario, player).session
    else:
        from partnership_game.session import Session

        session = Session(scenario, seed, player=player)
    seats = seating if seating is not None else class_seating(session, player or None)
    assert seats is not None, "a game of sides is seated by the player or by the class file"
    game = SidesGame(session, seats)
    game.autosave()
    advance(app, game)


def class_seats_sides(app: Any, scenario: LoadedScenario) -> bool:
    """Whether a class in force on this scenario seats the sides itself (then the side choice is skipped)."""
    lesson = app.lesson
    return lesson is not None and lesson.scenario.model.id == scenario.model.id and lesson.seats is not None


def resume(app: Any, game: Any, loaded_from: Any = None) -> bool:
    """A loaded game of seated sides goes on at its side's hand-over or turn (a sealed half is never saved, so the
    side that had sealed one is asked again), or at its debrief; False for any other game."""
    session = game.session
    if session.seating is None or not app.call("sides_choice.two_sided", game.scenario):
        return False
    advance(app, SidesGame(session, session.seating, game.note, loaded_from=loaded_from))
    return True
