"""Scenario files: strict loading, validation with positions, and compilation for the engine."""

from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.loader import LoadedScenario, content_hash, load_bytes, load_path

__all__ = [
    "CompiledEvent",
    "CompiledScenario",
    "Diagnostic",
    "LoadedScenario",
    "ScenarioError",
    "content_hash",
    "load_bytes",
    "load_path",
]
