"""Plans for playing many games: a base policy plus options forced at named decisions, read from NAME.plans.json.

A scenario may ship its plans beside it (scenarios/new_partnership.plans.json): `analyze` and the balance benchmark
play each of them. The file is strict JSON: {"plan name": {"policy": "historical" | "random", "force":
{"decision id": "option id", ...}}, ...}. A forced option is taken wherever it is available; elsewhere the base
policy chooses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partnership_game.engine.policies import POLICIES, Policy, forcing
from partnership_game.files import loads_strict_json, read_regular
from partnership_game.scenario.compiled import CompiledScenario
from partnership_game.scenario.diagnostics import did_you_mean

MAX_PLANS_BYTES = 1_000_000
MAX_PLANS = 50
PLANS_SUFFIX = ".plans.json"


class PlanError(ValueError):
    """A plans file that cannot be used; the message names the plan and what is wrong with it."""


@dataclass(frozen=True)
class Plan:
    name: str
    policy: str
    force: tuple[tuple[str, str], ...]  # (decision id, option id)


def plans_beside(scenario_path: str) -> Path:
    """Where a scenario's own plans live: NAME.plans.json in its folder."""
    path = Path(scenario_path)
    return path.with_name(path.stem + PLANS_SUFFIX)


def parse_plans(data: object, scenario: CompiledScenario) -> list[Plan]:
    """The plans in a decoded plans file, each checked against the scenario's decisions and options."""
    if not isinstance(data, dict):
        raise PlanError("a plans file holds one object: {\"plan name\": {\"policy\": ..., \"force\": {...}}}")
    if len(data) > MAX_PLANS:
        raise PlanError(f"{len(data)} plans; at most {MAX_PLANS} are allowed")
    decisions = {e.id: [o.id for o in e.options] for e in scenario.events if e.is_decision}
    plans = []
    for name, body in data.items():
        where = f"plan '{name}'"
        if not isinstance(body, dict) or set(body) - {"policy", "force"}:
            raise PlanError(f"{where}: a plan is an object with 'policy' and 'force' only")
        policy = body.get("policy")
        if policy not in POLICIES:
            raise PlanError(f"{where}: policy must be one of {', '.join(sorted(POLICIES))}, not {policy!r}")
        force = body.get("force", {})
        if not isinstance(force, dict):
            raise PlanError(f"{where}: 'force' maps decision ids to option ids")
        for event_id, option_id in force.items():
            if event_id not in decisions:
                raise PlanError(f"{where}: no decision '{event_id}'{did_you_mean(event_id, decisions)}")
            if option_id not in decisions[event_id]:
                raise PlanError(f"{where}: '{event_id}' has no option {option_id!r} "
                                f"(options: {', '.join(decisions[event_id])})")
        if name in POLICIES and (policy != name or force):
            raise PlanError(f"{where}: '{name}' is the name of a plain policy; give this plan another name")
        plans.append(Plan(str(name), str(policy), tuple((str(e), str(o)) for e, o in force.items())))
    return plans


def read_plans(path: Path, scenario: CompiledScenario) -> list[Plan]:
    """A plans file read and checked; FileProblem, TextProblem or PlanError saying why not."""
    return parse_plans(loads_strict_json(read_regular(path, MAX_PLANS_BYTES, "plans file")), scenario)


def plan_policy(plan: Plan, scenario: CompiledScenario) -> Policy:
    """The policy that plays a (checked) plan."""
    options = {e.id: [o.id for o in e.options] for e in scenario.events if e.is_decision}
    forced = {event_id: options[event_id].index(option_id) for event_id, option_id in plan.force}
    return forcing(POLICIES[plan.policy], forced) if forced else POLICIES[plan.policy]
