"""Sound: short effects and an ambient bed whose layers follow tension, played by a worker so no frame waits."""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from partnership_game.ui.sound_mood import BED, bed_mix, tension_of  # noqa: F401  (tension_of: the screens' way in)
from partnership_game.ui.sound_mood import unit as _unit

EFFECTS = ("choose", "decide", "page", "news")
RATE = 22050
STALE_S = 0.25  # an effect asked for while the device was still opening is dropped: late clicks confuse
REPEAT_S = 0.04  # the same effect twice within this is one (a key held down over the options)
GLIDE_S = 2.5  # the bed takes this long to swing from one mix to another: tension creeps in, it never jumps
GLIDE_STEP_S = 0.05
MAX_DELAY_S = 5.0
MAX_WAITING = 32  # delayed effects held at once; more are dropped (a screen in a loop must not fill memory)


@dataclass(frozen=True)
class Volumes:
    """The player's levels, each 0..1; mute silences both effects and bed without forgetting the levels."""

    master: float = 0.8
    music: float = 0.5
    effects: float = 0.8
    mute: bool = False

    @property
    def effects_gain(self) -> float:
        return 0.0 if self.mute else _unit(self.master) * _unit(self.effects)

    @property
    def music_gain(self) -> float:
        return 0.0 if self.mute else _unit(self.master) * _unit(self.music)


def _finite(value: float) -> float:
    value = float(value)
    return value if value - value == 0 else 0.0  # NaN and infinities are nothing


def volumes_from(settings: Any, class_mute: bool = False) -> Volumes:
    """The volumes in a Settings; a class file's `mute: true` silences the game for the whole lesson."""
    return Volumes(settings.master_volume, settings.music_volume, settings.effects_volume,
                   bool(settings.mute or class_mute))


def audio_available(allow_dummy: bool = False) -> bool:
    """Whether opening an audio device is worth trying. SDL's dummy (and disk) drivers play to nowhere and cost a
    mixing thread, so they are skipped; on Linux with no sound card and no sound server SDL would fall back to
    ALSA, which prints a screenful of errors to the terminal: a game without sound should say nothing."""
    driver = os.environ.get("SDL_AUDIODRIVER", "").strip().lower()
    if driver in ("dummy", "disk"):
        return allow_dummy
    if driver or not sys.platform.startswith("linux"):
        return True
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    if os.environ.get("PULSE_SERVER") or (runtime / "pulse" / "native").exists() or (runtime / "pipewire-0").exists():
        return True
    snd = Path("/dev/snd")
    return snd.is_dir() and any(snd.glob("pcmC*"))


class Backend(Protocol):
    """What the worker needs from an audio library; PygameBackend is the real one, tests bring their own."""

    def open(self) -> None: ...
    def load(self, path: Path) -> Any: ...
    def play(self, sound: Any, volume: float) -> None: ...
    def loop(self, layer: int, sound: Any) -> None: ...
    def set_layer(self, layer: int, volume: float) -> None: ...
    def stop_layers(self) -> None: ...
    def close(self) -> None: ...
    def on_quit(self, callback: Callable[[], None]) -> None: ...


class PygameBackend:
    """pygame.mixer, opened by the worker: three reserved channels for the bed, the rest for effects."""

    def open(self) -> None:
        import pygame

        # Mono, as every file is: a Sound holds its whole PCM in the mixer's format, and stereo would double it
        # (the bed and effects: 4.0 MB resident in stereo, 1.8 MB in mono); SDL spreads it over the speakers.
        pygame.mixer.init(frequency=RATE, size=-16, channels=1, buffer=512)
        pygame.mixer.set_num_channels(12)
        pygame.mixer.set_reserved(len(BED))
        self._mixer = pygame.mixer

    def load(self, path: Path) -> Any:
        return self._mixer.Sound(str(path))

    def play(self, sound: Any, volume: float) -> None:
        channel = sound.play()
        if channel is not None:  # every effect channel busy: this one goes unheard
            channel.set_volume(volume)

    def loop(self, layer: int, sound: Any) -> None:
        channel = self._mixer.Channel(layer)
        channel.set_volume(0.0)
        channel.play(sound, loops=-1)

    def set_layer(self, layer: int, volume: float) -> None:
        self._mixer.Channel(layer).set_volume(volume)

    def stop_layers(self) -> None:
        for layer in range(len(BED)):
            self._mixer.Channel(layer).stop()

    def close(self) -> None:
        self._mixer.quit()

    def on_quit(self, callback: Callable[[], None]) -> None:
        import pygame

        pygame.register_quit(callback)  # pygame.quit() runs it before the mixer goes (it was registered later)


class _Gone(Exception):
    """The mixer was shut (pygame.quit, or close): nothing more may reach it."""


class _Guarded:
    """A backend behind a lock. pygame.quit() in the main thread frees the mixer, and a Sound played after that
    crashes the process; so pygame.quit() first runs release(), which waits for the worker's call in progress
    and lets no later call through."""

    def __init__(self, backend: Backend) -> None:
        self.inner = backend
        self.lock = threading.Lock()
        self.gone = False

    def call(self, method: str, *args: Any) -> Any:
        with self.lock:
            if self.gone:
                raise _Gone
            return getattr(self.inner, method)(*args)

    def open(self) -> None:
        self.call("open")
        self.inner.on_quit(self.release)

    def release(self) -> None:
        with self.lock:
            self.gone = True

    def close(self) -> None:
        with self.lock:
            if not self.gone:
                self.gone = True
                self.inner.close()


class Sound:
    """The game's sound. Nothing happens until the first call (the window starts as fast without sound); then a
    worker thread opens the device and loads the files, and every later call only leaves a message for it, so
    play() returns at once, never raises, and a missing device, driver or file simply means silence."""

    def __init__(self, folder: Path | None = None, volumes: Volumes | None = None,
                 backend: Callable[[], Backend] | None = None, allow_dummy: bool = False) -> None:
        self._folder = folder
        self._volumes = volumes or Volumes()
        self._backend_factory = backend or PygameBackend
        self._allow_dummy = allow_dummy
        self._messages: queue.SimpleQueue[tuple[str, Any, float]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.state = "idle"  # idle → opening → ready, or → silent (no device, no files, an error); closed at the end

    # ---- what the screens call -------------------------------------------------------------------------------

    def play(self, name: str, delay: float = 0.0) -> None:
        """Play an effect (one of EFFECTS), after `delay` seconds if given (so the teleprinter can follow the stamp
        instead of masking it); unknown names and every failure are silence."""
        if not isinstance(name, str):
            return
        try:
            delay = min(max(_finite(delay), 0.0), MAX_DELAY_S)
        except (TypeError, ValueError):
            delay = 0.0
        self._post("play", name, delay)

    def set_tension(self, tension: float) -> None:
        """Start the bed if it is not playing and glide its layers to the mix for this tension (0..1)."""
        try:
            self._post("tension", _unit(tension))
        except (TypeError, ValueError):
            return

    def stop_bed(self) -> None:
        """Fade the bed out (the debrief, a finished game)."""
        self._post("tension", None)

    def set_volumes(self, volumes: Volumes) -> None:
        self._volumes = volumes
        self._post("volumes", volumes)

    def warm_up(self) -> None:
        """Open the device now, in the background (e.g. after the title's first frame), so the first click is heard."""
        self._post("nothing", None)

    def close(self, wait_s: float = 0.5) -> None:
        """Stop and let go of the device; call before pygame.quit(). Waits at most `wait_s` for the worker."""
        thread = self._thread
        if self.state in ("silent", "closed") or thread is None:
            self.state = "closed"
            return
        self._messages.put(("close", None, time.monotonic()))
        thread.join(wait_s)
        self.state = "closed"

    # ---- the worker ------------------------------------------------------------------------------------------

    def _post(self, kind: str, value: Any, delay: float = 0.0) -> None:
        try:
            if self.state in ("silent", "closed"):
                return
            if self._thread is None:
                with self._start_lock:
                    if self._thread is None:
                        self.state = "opening"
                        self._thread = threading.Thread(target=self._run, name="sound", daemon=True)
                        self._thread.start()
            self._messages.put((kind, value, time.monotonic() + delay))
        except Exception:  # sound is never worth a crash (a thread refused at exit, say)
            self.state = "silent"

    def _run(self) -> None:
        worker = _Worker(self._folder, self._backend_factory, self._allow_dummy, self._volumes)
        if not worker.open():
            self.state = "silent"
            return
        if self.state == "opening":
            self.state = "ready"
        while True:
            try:
                kind, value, posted = self._messages.get(timeout=worker.wait_s())
            except queue.Empty:
                kind, value, posted = "nothing", None, time.monotonic()
            if kind == "close":
                worker.close()
                return
            if not worker.handle(kind, value, posted):
                self.state = "silent"
                worker.close()
                return


class _Worker:
    """The worker thread's side: the backend, the loaded sounds and the bed's gliding gains."""

    def __init__(self, folder: Path | None, factory: Callable[[], Backend], allow_dummy: bool,
                 volumes: Volumes) -> None:
        self.folder = folder
        self.factory = factory
        self.allow_dummy = allow_dummy
        self.volumes = volumes
        self.backend: _Guarded | None = None
        self.sounds: dict[str, Any] = {}
        self.last_played: dict[str, float] = {}
        self.later: list[tuple[float, str]] = []  # effects asked for with a delay: (when, name)
        self.tension: float | None = None
        self.mix = [0.0] * len(BED)
        self.looping = False
        self.last_step = time.monotonic()

    def open(self) -> bool:
        try:
            if not audio_available(self.allow_dummy):
                return False
            folder = self.folder
            if folder is None:
                from partnership_game import paths

                folder = paths.assets_dir() / "sound"
            backend = self.backend = _Guarded(self.factory())
            backend.open()
            for name in (*EFFECTS, *BED):
                path = folder / f"{name}.wav"
                if path.is_file():
                    try:
                        self.sounds[name] = backend.call("load", path)
                    except _Gone:
                        raise
                    except Exception:  # a damaged file is one sound missing, not all of them
                        continue
            if not self.sounds:
                self.close()
                return False
            return True
        except Exception:
            self.close()
            return False

    def wait_s(self) -> float | None:
        """How long the worker may sleep: until the next delayed effect or glide step; forever when nothing moves."""
        waits = [GLIDE_STEP_S] if self.gliding else []
        if self.later:
            waits.append(max(min(due for due, _ in self.later) - time.monotonic(), 0.0))
        return min(waits) if waits else None

    @property
    def gliding(self) -> bool:
        return self.looping and any(abs(m - t) > 1e-4 for m, t in zip(self.mix, self.targets(), strict=True))

    def targets(self) -> list[float]:
        """Where the layers' mix is heading; the music volume is applied on top, at once (a mute is instant)."""
        return [0.0] * len(BED) if self.tension is None else list(bed_mix(self.tension))

    def handle(self, kind: str, value: Any, posted: float) -> bool:
        """One message; False if the backend failed (the device went away, pygame quit under us)."""
        try:
            now = time.monotonic()
            if kind == "play" and len(self.later) < MAX_WAITING:
                self.later.append((posted, value))
            elif kind == "tension":
                self.tension = value
            elif kind == "volumes":
                self.volumes = value
            due = sorted(item for item in self.later if item[0] <= now)
            self.later = [item for item in self.later if item[0] > now]
            for when, name in due:
                self._play(name, when, now)
            self._glide(now)
            return True
        except Exception:
            return False

    def _play(self, name: str, posted: float, now: float) -> None:
        sound = self.sounds.get(name) if name in EFFECTS else None
        gain = self.volumes.effects_gain
        if sound is None or gain <= 0 or now - posted > STALE_S or now - self.last_played.get(name, -1.0) < REPEAT_S:
            return
        self.last_played[name] = now
        assert self.backend is not None
        self.backend.call("play", sound, gain)

    def _glide(self, now: float) -> None:
        assert self.backend is not None
        step = min(now - self.last_step, 0.25) / GLIDE_S
        self.last_step = now
        targets = self.targets()
        volume = self.volumes.music_gain
        if not self.looping:
            if not any(targets) or volume <= 0 or not all(name in self.sounds for name in BED):
                return
            for layer, name in enumerate(BED):  # all three start together and keep running: their lengths
                self.backend.call("loop", layer, self.sounds[name])  # differ, so together they rarely repeat
            self.looping = True
            self.mix = [0.0] * len(BED)
            step = GLIDE_STEP_S / GLIDE_S
        for layer, target in enumerate(targets):
            mix = self.mix[layer]
            self.mix[layer] = min(target, mix + step) if target > mix else max(target, mix - step)
            self.backend.call("set_layer", layer, self.mix[layer] * volume)
        if volume <= 0 or not (any(targets) or any(self.mix)):
            self.backend.call("stop_layers")  # a silent bed still costs mixing: stop it
            self.looping = False
            self.mix = [0.0] * len(BED)

    def close(self) -> None:
        backend, self.backend = self.backend, None
        if backend is not None:
            with contextlib.suppress(Exception):
                backend.close()
