"""The player's settings, kept as JSON in the platform's user config folder; a damaged file falls back to defaults."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from partnership_game import APP_NAME

WINDOW_SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160))
TEXT_SCALES = (0.85, 1.0, 1.2, 1.4)
PALETTE_NAMES = ("dossier", "colour_safe")
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass(frozen=True)
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    text_scale: float = 1.0
    palette: str = "dossier"
    show_previews: bool = True
    show_history: bool = True  # the historical marks and the ghost line (a class file can hide them as well)
    reduce_motion: bool = False  # no animation: the bars after a decision, the map's changes of state, dialogs
    last_scenario: str = ""  # the id of the scenario last started, which the picker offers first
    guide_seen: bool = False  # the guided first turn was offered (ui/screens/guide.py): not offered again
    master_volume: float = 0.8  # sound (ui/sound.py): each 0..1, the bed's and the effects' levels times the master
    music_volume: float = 0.5
    effects_volume: float = 0.8
    mute: bool = False

    def validated(self) -> Settings:
        """Clamp anything out of range back to something the window can show (no smaller than its minimum size)."""
        from partnership_game.ui.app import MIN_SIZE  # here: the app module imports this one

        return replace(
            self,
            width=min(max(self.width, MIN_SIZE[0]), 7680),
            height=min(max(self.height, MIN_SIZE[1]), 4320),
            text_scale=self.text_scale if self.text_scale in TEXT_SCALES else 1.0,
            palette=self.palette if self.palette in PALETTE_NAMES else "dossier",
            master_volume=_volume(self.master_volume, 0.8),
            music_volume=_volume(self.music_volume, 0.5),
            effects_volume=_volume(self.effects_volume, 0.8),
        )


def _volume(value: float, default: float) -> float:
    """A volume within 0..1; anything that is not a number there (NaN from a hand-edited file) is the default."""
    return min(max(value, 0.0), 1.0) if value == value else default


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    from partnership_game.files import FileProblem, TextProblem, loads_strict_json, read_regular

    path = path or settings_path()
    try:
        # Read like every other file (a pipe or device here must not hang the window's start); a damaged file,
        # duplicate keys included, gives the defaults: settings are the player's to set again, nothing is lost.
        raw = loads_strict_json(read_regular(path, MAX_SETTINGS_BYTES, "settings file"))
    except (FileProblem, TextProblem):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        value = raw.get(f.name, getattr(defaults, f.name))
        expected = type(getattr(defaults, f.name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        values[f.name] = value if type(value) is expected else getattr(defaults, f.name)
    return Settings(**values).validated()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    from partnership_game.files import write_atomic

    path = path or settings_path()
    write_atomic(path, json.dumps(asdict(settings), indent=1).encode("utf-8"))
