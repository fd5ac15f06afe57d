"""The bars moving on the turn screen after the consequences close: short, eased, skippable, off with reduce motion."""

from __future__ import annotations


class BarMotion:
    """The bars moving from where they stood to where the decision left them: short, eased, skippable."""

    DURATION_S = 0.7

    def __init__(self, before: dict[str, float], after: dict[str, float]) -> None:
        self.before = before
        self.after = after
        self.elapsed = 0.0

    @property
    def done(self) -> bool:
        return self.elapsed >= self.DURATION_S or self.before == self.after

    def advance(self, dt: float) -> None:
        self.elapsed += dt

    def skip(self) -> None:
        self.elapsed = self.DURATION_S

    def values(self) -> dict[str, float]:
        share = min(1.0, self.elapsed / self.DURATION_S)
        eased = 1 - (1 - share) ** 3
        return {k: self.before.get(k, v) + (v - self.before.get(k, v)) * eased for k, v in self.after.items()}
