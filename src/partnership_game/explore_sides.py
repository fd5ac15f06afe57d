"""`explore` with counterparts: which temperament plays each side (`--side ROLE=TEMPERAMENT`) and every pair of
temperaments of a two-sided scenario (`--pairs`), each side looking one step ahead or K futures (`--lookahead`)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # cli.py imports this module for --lookahead's type: the engine waits for the command itself
    from partnership_game.engine.policies import Policy
    from partnership_game.engine.rules import Engine
    from partnership_game.scenario.compiled import CompiledScenario
    from partnership_game.scenario.sides import Temperament

# Said in the output and in docs/balance.md: what the batch counterpart is, so nobody takes the table for the
# live counterpart's (which looks ahead through simulated futures and costs up to 100 ms a decision).
ONE_STEP = ("each side with a temperament looks one step ahead: it takes the option whose own expected effects are "
            "worth most under its weights, as its side counts each meter (historical: history's option where there "
            "is one)")
LOOKAHEAD = ("each side with a temperament rates every option by {k} futures per game from what it believes, played "
             "by its lookahead, and takes the best under its weights, goals and verdicts (historical: history's "
             "option where there is one), as the counterpart does in play with 256")


def lookahead_count(text: str) -> int:
    """`--lookahead K`: a whole number of futures per option, 1 to 1024 (argparse's type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 1024:
        raise argparse.ArgumentTypeError("the lookahead must be from 1 to 1024 futures per option")
    return value


def how_sides_play(lookahead: int | None) -> str:
    """One sentence for the output and docs/balance.md: which batch counterpart made the numbers."""
    return ONE_STEP if lookahead is None else LOOKAHEAD.format(k=lookahead)


@dataclass(frozen=True)
class Pair:
    """One temperament per side, in role order."""

    temperaments: tuple[Temperament, ...]

    @property
    def label(self) -> str:
        return " / ".join(t.id for t in self.temperaments)


def parse_sides(compiled: CompiledScenario, given: list[str]) -> dict[int, Temperament]:
    """`ROLE=TEMPERAMENT` words as {role index: temperament}; ValueError with a did-you-mean for a role or a
    temperament that is not in the scenario, or a role given twice."""
    from partnership_game.scenario.diagnostics import did_you_mean

    sides = compiled.sides
    roles = {role.id: role.index for role in sides.roles}
    chosen: dict[int, Temperament] = {}
    for word in given:
        role_id, equals, temperament_id = word.partition("=")
        if not equals or not role_id or not temperament_id:
            raise ValueError(f"--side {word}: write ROLE=TEMPERAMENT (roles: {', '.join(roles)})")
        if role_id not in roles:
            raise ValueError(f"--side {word}: no role '{role_id}'{did_you_mean(role_id, roles)} "
                             f"(roles: {', '.join(roles)})")
        role = roles[role_id]
        if role in chosen:
            raise ValueError(f"--side {word}: {role_id} is already played by '{chosen[role].id}'")
        known = [t.id for t in sides.temperaments_of(role)]
        if temperament_id not in known:
            raise ValueError(f"--side {word}: {role_id} has no temperament '{temperament_id}'"
                             f"{did_you_mean(temperament_id, known)} (temperaments: {', '.join(known)})")
        chosen[role] = sides.temperament(role, temperament_id)
    return chosen


def every_pair(compiled: CompiledScenario) -> list[Pair]:
    """Every temperament of the first role against every temperament of the second (built-ins first, then the
    file's, each in file order); ValueError unless the scenario has exactly two roles."""
    sides = compiled.sides
    if len(sides.roles) != 2:
        raise ValueError(f"--pairs needs a scenario with two sides; '{compiled.model.id}' has {len(sides.roles)}")
    first, second = (sides.temperaments_of(role.index) for role in sides.roles)
    return [Pair((a, b)) for a in first for b in second]


def sides_policy(engine: Engine, temperaments: Mapping[int, Temperament], lookahead: int | None,
                 others: Literal["historical", "random"]) -> Policy:
    """The batch counterpart for `explore`: one step ahead, or K futures per option and game (`lookahead`)."""
    from partnership_game.engine.side_lookahead import lookahead_sides_policy
    from partnership_game.engine.side_policies import greedy_sides_policy

    if lookahead is None:
        return greedy_sides_policy(engine.scenario, temperaments, others)
    return lookahead_sides_policy(engine, temperaments, lookahead, others)
