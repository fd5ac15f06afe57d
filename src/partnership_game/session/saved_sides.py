"""What a save keeps of a game's sides: who took each decision, both halves of a joint one, what a counterpart
expected (session/saves.py writes it in version 2 saves; version 1 saves have none of it)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from partnership_game.session.session import Session
from partnership_game.session.timeline import Expected, Node

Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Share = Annotated[float, Field(ge=0, le=1)]
_BY = r"(player|counterpart:[a-z][a-z0-9_]{0,39})"
# "player", "counterpart:cautious", or a joint decision's sides joined by "+" in the event's side order.
By = Annotated[str, Field(pattern=rf"^{_BY}(\+{_BY}){{0,7}}$")]


class DropsUnset(BaseModel):
    """A strict model whose `optional` keys are left out of the file when unset, so a save without sides is written
    exactly as before."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    optional: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _without_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        return {k: v for k, v in data.items() if v is not None or k not in self.optional}


class SavedExpected(DropsUnset):
    """What a counterpart expected of its decision: shares of its futures per goal id and per ending id."""

    goals: Annotated[dict[Ident, Share], Field(max_length=64)]
    endings: Annotated[dict[Ident, Share], Field(max_length=256)]


def sides_of_node(session: Session, node: Node) -> tuple[str, dict[str, str] | None, SavedExpected | None]:
    """A node's `by`, its joint halves ({role id: that side's option id}, None for a side's own decision) and what
    a counterpart expected. Only taken decisions are nodes: a sealed half waiting for the other side never is."""
    compiled = session.compiled
    event = compiled.events[compiled.event_index(node.event)]
    joint = compiled.sides.joint.get(event.index)
    choices = None
    if joint is not None:
        option = next(k for k, o in enumerate(event.options) if o.id == node.option)
        halves = joint.choices_of(option)
        choices = {compiled.sides.roles[role].id: joint.side_of(role).options[k].id for role, k in halves.items()}
    expected = None
    if node.expected is not None:
        expected = SavedExpected(goals=dict(node.expected.goals), endings=dict(node.expected.endings))
    return node.by, choices, expected


def expected_of(saved: SavedExpected | None) -> Expected | None:
    if saved is None:
        return None
    return Expected(tuple(saved.goals.items()), tuple(saved.endings.items()))
