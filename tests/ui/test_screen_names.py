"""The app's one table of screens (ui/screen_names.py): every name leads somewhere, and screens are screens."""

from __future__ import annotations

import pytest

from partnership_game.ui.screen import Screen
from partnership_game.ui.screen_names import SCREENS, resolve


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_name_in_the_table_resolves_to_what_it_says(name: str) -> None:
    found = resolve(name)
    if "." in name:  # a flow function (or the reveal's Outcome) a screen calls through app.call
        assert callable(found) and found.__name__ == SCREENS[name].split(":")[1]
    else:
        assert isinstance(found, type) and issubclass(found, Screen), found


def test_an_unknown_name_is_refused_by_name() -> None:
    with pytest.raises(KeyError, match="odd"):
        resolve("odd")
