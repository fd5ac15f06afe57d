"""Where things live: the built-in scenarios and assets (repository or wheel), and the user's mods and saves."""

from __future__ import annotations

from pathlib import Path

from partnership_game import APP_NAME

_PACKAGE = Path(__file__).resolve().parent


def _data_root() -> Path:
    # A wheel carries scenarios/ and assets/ inside the package (pyproject's force-include); an editable install
    # or a source checkout finds them at the top of the repository, two levels above src/partnership_game.
    bundled = _PACKAGE / "_data"
    if (bundled / "scenarios").is_dir():
        return bundled
    return _PACKAGE.parent.parent


def builtin_scenarios_dir() -> Path:
    return _data_root() / "scenarios"


def assets_dir() -> Path:
    return _data_root() / "assets"


def user_data_dir() -> Path:
    """The platform's user data folder for the game (on Linux it follows XDG_DATA_HOME)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def mods_dir() -> Path:
    return user_data_dir() / "mods"


def saves_dir() -> Path:
    return user_data_dir() / "saves"
