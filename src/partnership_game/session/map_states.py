"""Each map feature's state in the game as it stands, with its words, for every front end (one place decides it)."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.scenario.compiled_map import MapFeature
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.map_models import Shows
from partnership_game.session.session import Session
from partnership_game.session.texts import shown


@dataclass(frozen=True)
class FeatureNow:
    """A feature as the map shows it now: how it is drawn, the word beside its label ('' for none), what it is and
    why it is in this state (for hover and focus; '' for none), and which of its states this is (a change of
    `state` is what a transition animates)."""

    feature: MapFeature
    shows: Shows
    status: str
    description: str
    note: str
    state: int


def map_now(session: Session) -> dict[str, FeatureNow]:
    """Every feature of the scenario's map in the session's current state, in the order the file lists them."""
    game_map = session.compiled.map
    state = session.state
    context = Context(state.meters[:1], state.flags[:1], state.turn + 1)
    found: dict[str, FeatureNow] = {}
    for feature in game_map.features:
        index = int(feature.pick(context)[0])
        chosen = feature.states[index]
        found[feature.id] = FeatureNow(feature, chosen.shows, shown(session, chosen.status),
                                       shown(session, feature.description), shown(session, chosen.note), index)
    return found
