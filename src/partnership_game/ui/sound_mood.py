"""The ambient bed's mood: how tense the state of play is, and the mix of the bed's three layers for a tension."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

BED = ("bed_calm", "bed_unease", "bed_tension")  # the layers, calmest first: each loops on its own channel


def unit(value: float) -> float:
    """The value clamped to 0..1; NaN is silence."""
    return min(max(float(value), 0.0), 1.0) if value == value else 0.0  # NaN (value != value) is silence


def bed_mix(tension: float) -> tuple[float, float, float]:
    """The bed layers' gains (calm, unease, tension) for a tension 0..1: calm recedes, unease comes in from 0.15,
    the tremolo and the clock from 0.5; equal-power curves, so the whole stays about as loud."""
    x = unit(tension)
    unease = unit((x - 0.15) / 0.45)
    strain = unit((x - 0.5) / 0.5)
    return (
        float((1 - 0.6 * x) ** 0.5),
        float(unease**0.5) * 0.8,
        float(strain**0.5) * 0.9,
    )


class MeterLike(Protocol):
    value: float
    minimum: float
    maximum: float
    start: float
    good: str


def tension_of(meters: Iterable[MeterLike]) -> float:
    """How tense the state of play is, 0..1, from how far the meters have gone the bad way since the start: each
    meter's share of the road from its start to its bad end, mostly the worst one, a little the average.
    (widgets.meters.MeterView rows fit: `tension_of(views.meter_views(game))`.)"""
    shares = []
    for m in meters:
        span = m.maximum - m.minimum
        if not span > 0:
            continue
        bad = (m.value - m.minimum) / span if m.good == "down" else (m.maximum - m.value) / span
        start = (m.start - m.minimum) / span if m.good == "down" else (m.maximum - m.start) / span
        room = 1.0 - start
        shares.append(unit((bad - start) / room) if room > 1e-9 else 0.0)
    if not shares:
        return 0.0
    return unit(0.7 * max(shares) + 0.3 * sum(shares) / len(shares))
