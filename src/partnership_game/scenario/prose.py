"""Where a scenario's player-read texts are, and how a text with variants picks the one to show."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

from partnership_game.scenario.conditions import Compiled, Context
from partnership_game.scenario.models import (
    DelayedEffect,
    Effect,
    Prose,
    Scenario,
    ShortProse,
    ShortVariant,
    Variant,
)
from partnership_game.scenario.yaml_tree import Path

AnyProse = Prose | ShortProse
AnyVariant = Variant | ShortVariant
# When a text is read, which fixes the state its `when` and `assumes` are tested in:
#   offered: while its decision waits (situation, counsel, option label and text);
#   chosen:  as a choice lands, before its effects (an option's result, an option's outcome);
#   drawn:   as a happening lands, before its effects (a happening's outcome);
#   landed:  as a delayed effect lands, before its effects;
#   ended:   once the game has ended (an ending's text).
Moment = Literal["offered", "chosen", "drawn", "landed", "ended"]


def plain(value: AnyProse | None) -> str:
    """The wording shown where no game state applies (indexes, the scenario's own listings): a plain text as it
    is, or the last variant (the one without `when`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value[-1].text


def variants(value: AnyProse) -> Sequence[AnyVariant]:
    """The variants of a text; a plain text is one variant with no condition."""
    return [Variant(text=value)] if isinstance(value, str) else value


def pick(value: AnyProse | None, conditions: Mapping[str, Compiled], context: Context) -> str:
    """The text game 0 of `context` reads: the first variant whose `when` holds (conditions keyed by source)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for variant in value:
        if variant.when is None:
            return variant.text
        result = conditions[variant.when].evaluate(context)
        held = result[0] if hasattr(result, "shape") and result.shape else result
        if bool(held):
            return variant.text
    return value[-1].text  # unreachable for a checked scenario: its last variant has no `when`


def _effect_sites(effects: Sequence[Effect], path: Path) -> Iterator[tuple[Path, AnyProse, Moment]]:
    for n, effect in enumerate(effects):
        if isinstance(effect, DelayedEffect):
            yield (*path, n, "text"), effect.text, "landed"
            yield from _effect_sites(effect.effects, (*path, n, "effects"))


def sites(scenario: Scenario) -> Iterator[tuple[Path, AnyProse, Moment]]:
    """Every player-read text that may have variants: its path in the file, its value and when it is read."""
    for i, e in enumerate(scenario.events):
        here: Path = ("events", i)
        yield (*here, "situation"), e.situation, "offered"
        for j, counsel in enumerate(e.advisors):
            yield (*here, "advisors", j, "text"), counsel.text, "offered"
        for j, o in enumerate(e.options):
            at: Path = (*here, "options", j)
            yield (*at, "label"), o.label, "offered"
            if o.text is not None:
                yield (*at, "text"), o.text, "offered"
            if o.result is not None:
                yield (*at, "result"), o.result, "chosen"
            yield from _effect_sites(o.effects, (*at, "effects"))
            for k, outcome in enumerate(o.outcomes):
                if outcome.text is not None:
                    yield (*at, "outcomes", k, "text"), outcome.text, "chosen"
                yield from _effect_sites(outcome.effects, (*at, "outcomes", k, "effects"))
        yield from _effect_sites(e.effects, (*here, "effects"))
        for k, outcome in enumerate(e.outcomes):
            if outcome.text is not None:
                yield (*here, "outcomes", k, "text"), outcome.text, "drawn"
            yield from _effect_sites(outcome.effects, (*here, "outcomes", k, "effects"))
    for i, ending in enumerate(scenario.endings):
        yield ("endings", i, "text"), ending.text, "ended"
