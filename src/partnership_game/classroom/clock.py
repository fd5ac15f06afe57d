"""The class's clock: time used so far, kept in the save, so Load, Continue or a new game never restart it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

WARN_SECONDS = 5 * 60
Stage = Literal["warn", "zero"]


@dataclass
class ClassClock:
    """Counts the seconds a class game has been open; `limit` is the time box in seconds (None: no time box).

    Time runs only between `start` and `stop` (while a game is open), and `used` carries over from the save.
    """

    limit: float | None
    used: float = 0.0
    since: float | None = None  # time.monotonic() when it last started running
    told: set[str] = field(default_factory=set)  # the stages already announced in this sitting

    def start(self, now: float | None = None) -> None:
        if self.since is None:
            self.since = time.monotonic() if now is None else now

    def stop(self, now: float | None = None) -> None:
        self.used = self.used_at(now)
        self.since = None

    def used_at(self, now: float | None = None) -> float:
        if self.since is None:
            return self.used
        return self.used + max(0.0, (time.monotonic() if now is None else now) - self.since)

    def left(self, now: float | None = None) -> float | None:
        """Seconds left in the time box (never below 0); None without a time box."""
        if self.limit is None:
            return None
        return max(0.0, self.limit - self.used_at(now))

    def label(self, now: float | None = None) -> str | None:
        """What the corner shows: minutes and seconds left, 'Time is up' at zero; None without a time box."""
        left = self.left(now)
        if left is None:
            return None
        if left <= 0:
            return "Time is up"
        whole = int(left + 0.999)
        return f"{whole // 60}:{whole % 60:02d} left"

    def due(self, now: float | None = None) -> Stage | None:
        """The stage to announce now, once each per sitting: 'warn' at five minutes left, 'zero' when time is up."""
        left = self.left(now)
        if left is None:
            return None
        if left <= 0 and "zero" not in self.told:
            self.told.update(("warn", "zero"))
            return "zero"
        if left <= WARN_SECONDS and "warn" not in self.told:
            self.told.add("warn")
            return "warn"
        return None

    def seconds_to_next_change(self, now: float | None = None) -> float | None:
        """How long until the label changes (a front end sleeps that long, so an idle screen still ticks)."""
        left = self.left(now)
        if left is None or left <= 0:
            return None
        return left - int(left) or 1.0
