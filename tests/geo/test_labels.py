"""Label placement: no two labels overlap, none covers a marker or leaves the map, and a label is dropped only when
every spot it could take is taken; on the 2001 map at the turn screen's sizes and over random boxes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnership_game.geo.basemap import base_map
from partnership_game.geo.labels import SIDES, Box, Label, Placement, candidates, place_labels
from partnership_game.geo.view import fit

# The turn screen's map (width, height) and its small text size at 1024×600 and at 1280×720.
SIZES = [((380, 127), 10), ((475, 150), 12)]
# The places the 2001 campaign marks (its map moves into the scenario file; these are the same points).
PLACES = [("Moscow", "Moscow", 37.6, 55.75, 3), ("Kabul", "Kabul", 69.2, 34.5, 2),
          ("Brussels", "Brussels", 4.35, 50.85, 2), ("Rome", "Rome", 12.5, 41.9, 1),
          ("Karshi-Khanabad (K2)", "K2", 65.5, 38.8, 5), ("Manas", "Manas", 74.5, 43.06, 5),
          ("Kulob", "Kulob", 69.8, 37.9, 5), ("Cam Ranh", "Cam Ranh", 109.2, 11.9, 4),
          ("Tashkent", "Tashkent", 69.3, 41.3, 0), ("Dushanbe", "Dushanbe", 68.8, 38.6, 0),
          ("Bishkek", "Bishkek", 74.6, 42.9, 0), ("Termez", "Termez", 67.3, 37.2, 0)]


def text_size(words: str, px: int) -> tuple[float, float]:
    """A stand-in for the font: bold-ish sans runs about 0.6 em a character; a line is 1.25 em tall."""
    return (len(words) * px * 0.6 + 2, px * 1.25 + 2)


def marker(point: tuple[float, float], r: float) -> Box:
    return Box(point[0] - r, point[1] - r, 2 * r, 2 * r)


def assert_sound(labels: list[Label], bounds: Box, obstacles: list[Box], result: Placement) -> None:
    boxes = [p.box for p in result.placed]
    assert len(result.placed) + len(result.dropped) == len(labels)
    for i, a in enumerate(boxes):
        assert a.within(bounds), result.placed[i]
        assert not any(a.overlaps(o) for o in obstacles), result.placed[i]
        assert not any(a.overlaps(b) for b in boxes[i + 1:]), result.placed[i]
    for p in result.placed:
        if p.leader:
            assert not any(other.box.crossed_by(*p.leader) for other in result.placed if other is not p)
    # A label left out had no free spot at all: every candidate was off the map, on something placed before it, or
    # on a leader line drawn before it.
    order = sorted(range(len(labels)), key=lambda i: -labels[i].priority)
    for rank, i in enumerate(order):
        label = labels[i]
        if label.key not in result.dropped:
            continue
        earlier = {labels[j].key for j in order[:rank]}
        before = [*obstacles, *(p.box for p in result.placed if p.key in earlier)]
        lines = [p.leader for p in result.placed if p.key in earlier and p.leader]
        for wording in range(len(label.sizes)):
            for box in candidates(label, wording, 0, bounds):
                blocked = any(box.overlaps(o) for o in before) or any(box.crossed_by(*line) for line in lines)
                assert not box.within(bounds) or blocked, (label.key, box)


@pytest.mark.parametrize(("size", "px"), SIZES)
def test_the_2001_places_never_overlap_at_the_turn_screens_sizes(size: tuple[int, int], px: int) -> None:
    world = base_map()
    frame = fit(world.view("eurasia"), (0, 0, *size))
    r = max(2.0, px * 0.22)
    labels, obstacles = [], []
    for name, short, lon, lat, priority in PLACES:
        point = frame.point(lon, lat)
        obstacles.append(marker(point, r))
        labels.append(Label(name, point, (text_size(name, px), text_size(short, px)), priority, gap=r + 2))
    # The Cuba inset box in the bottom-left corner: no label of the main map may sit on it.
    obstacles.append(Box(3, size[1] - 60, size[0] * 0.22, 57))
    bounds = Box(2, 2, size[0] - 4, size[1] - 4)
    result = place_labels(labels, bounds, obstacles)
    assert_sound(labels, bounds, obstacles, result)
    placed = {p.key for p in result.placed}
    assert {"Moscow", "Karshi-Khanabad (K2)", "Manas", "Kulob"} <= placed  # the bases and the capital first


def test_priority_decides_who_gets_a_crowded_spot() -> None:
    bounds = Box(0, 0, 60, 20)
    low = Label("low", (30, 10), ((50, 14),), priority=0, gap=0, spots=("centre",))
    high = Label("high", (30, 10), ((50, 14),), priority=5, gap=0, spots=("centre",))
    result = place_labels([low, high], bounds)
    assert [p.key for p in result.placed] == ["high"] and result.dropped == ("low",)


def test_a_shorter_wording_then_a_leader_line_before_giving_up() -> None:
    bounds = Box(0, 0, 200, 100)
    blocker = Box(60, 0, 140, 100)  # everything right of x = 60 is taken
    label = Label("k2", (40, 50), ((80, 12), (20, 12)), gap=3, spots=("left",))
    result = place_labels([label], bounds, [blocker, marker((40, 50), 2)])
    assert result.placed[0].wording == 1 and result.placed[0].leader is None
    crowd = [Box(0, 0, 38, 100), Box(42, 0, 158, 100)]  # only a column through the anchor is free
    label = Label("k2", (40, 20), ((4, 4),), gap=3)
    result = place_labels([label], bounds, crowd)
    assert result.placed[0].box == Box(38, 13, 4, 4)  # above: right and left are taken
    far = Label("far", (40, 20), ((4, 4),), gap=3, spots=("below",))
    result = place_labels([far], bounds, [*crowd, Box(38, 22, 4, 5), Box(38, 12, 4, 6)])
    assert result.placed[0].leader is not None  # stood off a label-height further out, below as it prefers
    assert result.placed[0].box == Box(38, 27, 4, 4)
    result = place_labels([Label("none", (40, 20), ((4, 4),), gap=3, leader=False)], bounds,
                          [*crowd, Box(38, 22, 4, 5), Box(38, 12, 4, 6)])
    assert result.dropped == ("none",)


boxes = st.builds(Box, st.floats(0, 300), st.floats(0, 200), st.floats(2, 40), st.floats(2, 16))
labels_st = st.lists(
    st.builds(Label, key=st.text(min_size=1, max_size=6), anchor=st.tuples(st.floats(0, 320), st.floats(0, 180)),
              sizes=st.lists(st.tuples(st.floats(4, 120), st.floats(6, 18)), min_size=1, max_size=3).map(tuple),
              priority=st.integers(0, 3), gap=st.floats(0, 8),
              spots=st.sampled_from([SIDES, ("above", "below"), ("centre", "centre-below")]), leader=st.booleans()),
    max_size=25, unique_by=lambda label: label.key)


@settings(max_examples=150, deadline=None)
@given(labels_st, st.lists(boxes, max_size=8), st.sampled_from([(380, 127), (475, 150)]))
def test_random_labels_never_overlap(labels: list[Label], obstacles: list[Box], size: tuple[int, int]) -> None:
    bounds = Box(2, 2, size[0] - 4, size[1] - 4)
    assert_sound(labels, bounds, obstacles, place_labels(labels, bounds, obstacles))
