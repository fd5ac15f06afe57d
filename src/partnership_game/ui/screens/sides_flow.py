"""Which screen comes next in a game of two sides: the hand-over, a side's turn, the reveal, or the debrief."""

from __future__ import annotations

from typing import Any

from partnership_game.ui.sides_game import SidesGame


def advance(app: Any, game: SidesGame) -> None:
    """Show what the game waits for now: a hand-over first whenever the side at a hot seat changes."""
    game.run_counterparts()
    if game.session.stopped or game.play.to_act() is None:
        from partnership_game.ui.screens.debrief import DebriefScreen

        app.replace(DebriefScreen(app, game))
        return
    role = game.play.to_act()
    assert role is not None
    if game.hotseat and role != game.last_shown:
        from partnership_game.ui.screens.handover import HandoverScreen

        seat = game.play.seating.of(role)
        app.replace(HandoverScreen(app, game.role_label(role), seat.name, lambda: show_turn(app, game, role)))
        return
    show_turn(app, game, role)


def play_on(app: Any, game: Any) -> None:
    """Back into play after the debrief (a step back, another branch): the turn screen, or a side's view."""
    if isinstance(game, SidesGame):
        game.last_shown = None  # whoever sits at the screen now, a hot seat hands it over first
        advance(app, game)
        return
    from partnership_game.ui.screens.turn import TurnScreen

    app.replace(TurnScreen(app, game))


def show_turn(app: Any, game: SidesGame, role: int) -> None:
    from partnership_game.ui.screens.sides_turn import SidesTurnScreen

    game.last_shown = role
    app.replace(SidesTurnScreen(app, game, role))


def after_pick(app: Any, game: SidesGame, role: int, title: str, label: str, taken: tuple[Any, Any, str]) -> None:
    """After a person's pick (`taken`: what SidesGame.pick returned): the reveal of a joint decision, what a side's
    own decision did, or (a sealed half) straight on to the next side, which sees nothing of it."""
    from partnership_game.ui.screens.reveal import Outcome, RevealScreen

    entries, reveal, result = taken
    if reveal is not None:  # both sides at the screen: each one's changes, as the design's reveal has it
        outcome = Outcome(reveal.title, reveal.picks, reveal.result, list(reveal.entries))
        viewers = tuple(game.play.seating.people) or (role,)
    elif entries:  # a side's own decision: only its own view (the other player is not looking, or not there)
        outcome = Outcome(title, ((role, label),), result, list(entries))
        viewers = (role,)
    else:
        advance(app, game)
        return
    app.replace(RevealScreen(app, game, outcome, viewers=viewers))
