"""Synthesize the game's sounds with numpy into assets/sound/ (mono 22,050 Hz 16-bit WAV) and check them; JSON.

    python scripts/make_sounds.py            # write the files, then check them
    python scripts/make_sounds.py --check    # only check the committed files

Every sound is made here from sine waves and seeded noise: nothing is sampled, so every sound is the project's own.
Effects (a typewriter key, a rubber stamp, a page turning, a teleprinter) are short and share one loudness (the
loudest 100 ms at -18 dBFS RMS, peaks softly held under -1 dBFS); the ambient bed is three string-like layers of
different lengths, each an exact loop (every frequency and every modulation makes whole cycles over the layer,
noise is made periodic in the frequency domain), mixed by tension, each at -30 dBFS RMS under the effects. Nothing
is left above about 7 kHz (small speakers make it harsh), and every effect starts and ends in silence.
"""

from __future__ import annotations

import argparse
import json
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sound"
EFFECT_LOUDNESS_DB = -18.0  # the loudest 100 ms of every effect, RMS (see loudness_db)
BED_RMS_DB = -30.0  # each bed layer's RMS: quiet under the effects, and the music volume is the player's
LEVEL_TOLERANCE_DB = 1.0  # how far a file may sit from its target level
PEAK_LIMIT = 0.9  # -0.9 dBFS: room for the 16-bit rounding and the mixer
TOP_HZ = 6500  # the top of every sound: an 8th-order roll-off from here leaves nothing harsh above 8 kHz
HARSH_HZ, HARSH_SHARE = 8000, 0.002  # at most 0.2 % of a sound's energy above 8 kHz
EDGE_MS, EDGE_DB = 2, -40.0  # an effect's first and last 2 ms stay 40 dB under its peak: no click at either end
LEAD_S = 0.003  # every effect begins with this much silence, so its first sample is never its attack
SEAM_MS = 10
F = np.float64


# ---- building blocks -----------------------------------------------------------------------------------------

def times(seconds: float) -> np.ndarray:
    return np.arange(round(seconds * RATE), dtype=F) / RATE


def decay(t: np.ndarray, tau: float, start: float = 0.0, attack: float = 0.0005) -> np.ndarray:
    """An exponential decay from `start`, with a short linear attack so nothing begins with a click."""
    local = t - start
    env = np.where(local >= 0, np.exp(-np.maximum(local, 0) / tau), 0.0)
    return env * np.clip(local / attack, 0.0, 1.0)


def band(signal: np.ndarray, low: float, high: float, circular: bool = False) -> np.ndarray:
    """Band-pass in the frequency domain (soft edges); zero-padded unless the signal is a loop (circular)."""
    n = len(signal)
    size = n if circular else 2 * n
    spectrum = np.fft.rfft(signal, size)
    freqs = np.fft.rfftfreq(size, 1 / RATE)
    gain = np.ones_like(freqs)
    if low > 0:
        gain *= 1 / (1 + (low / np.maximum(freqs, 1e-9)) ** 4)
    if high < RATE / 2:
        gain *= 1 / (1 + (freqs / high) ** 4)
    return np.fft.irfft(spectrum * gain, size)[:n]


def ring(t: np.ndarray, freq: float, tau: float, start: float = 0.0, phase: float = 0.0) -> np.ndarray:
    """A damped sine: a struck resonance (key lever, platen, bell partial, table)."""
    return np.sin(2 * np.pi * freq * (t - start) + phase) * decay(t, tau, start)


def fade_ends(x: np.ndarray, fade_in: float = 0.002, fade_out: float = 0.02) -> np.ndarray:
    n_in, n_out = max(1, round(fade_in * RATE)), max(1, round(fade_out * RATE))
    x = x.copy()
    x[:n_in] *= np.linspace(0, 1, n_in)
    x[-n_out:] *= np.linspace(1, 0, n_out)
    return x


# ---- the effects -----------------------------------------------------------------------------------------------

def key_strike(t: np.ndarray, at: float, rng: np.random.Generator, bright: float = 1.0) -> np.ndarray:
    """One typewriter type-bar hitting the platen: a sharp tick, a metallic ring, a low knock of the body."""
    tick = band(rng.standard_normal(len(t)), 2000, 5500) * decay(t, 0.0015, at, attack=0.001)
    metal = ring(t, 1450 * bright, 0.012, at) * 0.35 + ring(t, 3150 * bright, 0.006, at) * 0.2
    body = ring(t, 150, 0.025, at) * 0.5 + ring(t, 620, 0.018, at) * 0.25
    return tick * 1.4 + metal + body


def choose(rng: np.random.Generator) -> np.ndarray:
    """Choosing an option: a single soft typewriter key, short enough to repeat while moving through the options."""
    t = times(0.14)
    return key_strike(t, 0.0, rng)


def decide(rng: np.random.Generator) -> np.ndarray:
    """Deciding: a rubber stamp pressed onto a dossier on a wooden desk, a low thud with a paper slap."""
    t = times(0.42)
    # The thud's pitch drops as the desk settles; it ends near 95 Hz, low enough to be a desk and high enough for a
    # laptop's speakers to carry (a 60 Hz thud was all but lost there, though it measured loudest of the effects).
    sweep = 2 * np.pi * np.cumsum(95 + 60 * np.exp(-t / 0.03)) / RATE
    thud = np.sin(sweep) * decay(t, 0.07, 0.0, attack=0.002)
    slap = band(rng.standard_normal(len(t)), 300, 3200) * decay(t, 0.022, 0.0, attack=0.0015)
    desk = ring(t, 210, 0.09, 0.002) * 0.3 + ring(t, 340, 0.05, 0.002) * 0.15
    lift = band(rng.standard_normal(len(t)), 800, 2600) * decay(t, 0.01, 0.16, attack=0.004) * 0.12
    return thud * 1.0 + slap * 0.55 + desk + lift


def page(rng: np.random.Generator) -> np.ndarray:
    """Paging: a sheet of paper turned over, a swish that brightens as it lifts and a soft flap as it lands."""
    t = times(0.5)
    shape = np.sin(np.pi * np.clip(t / 0.42, 0, 1)) ** 2 * np.exp(-t / 0.5)
    low = band(rng.standard_normal(len(t)), 400, 1800)
    high = band(rng.standard_normal(len(t)), 1800, 4800)  # a hiss above this is what made the page harsh
    lift = np.clip(t / 0.3, 0, 1)
    swish = (low * (1 - lift) + high * lift * 0.8) * shape
    grains = np.zeros(len(t))  # the crinkle: sparse ticks, densest where the sheet bends most
    for at in np.sort(rng.uniform(0.03, 0.4, 40)):
        i = round(at * RATE)
        if rng.random() < shape[i] * 1.6:
            grains[i] = rng.choice([-1.0, 1.0]) * rng.uniform(0.3, 1.0)
    crinkle = band(grains, 2000, 5500) * 6
    flap = band(rng.standard_normal(len(t)), 150, 900) * decay(t, 0.03, 0.4, attack=0.01)
    return swish + crinkle * shape + flap * 0.7


def news(rng: np.random.Generator) -> np.ndarray:
    """News arriving: the teleprinter's bell, then a line of type clattering out over the hum of its motor."""
    t = times(1.35)
    bell = sum(ring(t, 1320 * ratio, tau, 0.0) * amp
               for ratio, tau, amp in ((1.0, 0.35, 1.0), (2.32, 0.18, 0.5), (4.25, 0.09, 0.25), (6.63, 0.05, 0.12)))
    clatter = np.zeros(len(t))
    at = 0.22
    while at < 1.18:  # about ten characters a second, each a hammer blow and the type box shifting
        clatter += key_strike(t, at, rng, bright=rng.uniform(0.9, 1.15)) * rng.uniform(0.55, 1.0)
        clatter += band(rng.standard_normal(len(t)), 900, 3000) * decay(t, 0.004, at + 0.018) * 0.4
        at += 0.1 + rng.uniform(-0.012, 0.012)
    motor = (np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 100 * t + 1.0)
             + 0.3 * band(rng.standard_normal(len(t)), 80, 400))
    motor *= np.clip(t / 0.15, 0, 1) * np.clip((1.35 - t) / 0.15, 0, 1) * 0.08
    return bell * 0.45 + clatter * 0.7 + motor


EFFECTS: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "choose": choose, "decide": decide, "page": page, "news": news}


# ---- the ambient bed (exact loops) ----------------------------------------------------------------------------

def whole(freq: float, length: float) -> float:
    """The nearest frequency that makes whole cycles over the loop, so the loop has no seam."""
    return max(1, round(freq * length)) / length


def strings(t: np.ndarray, length: float, notes: list[float], rng: np.random.Generator, *, bright: float = 1.0,
            swells: int = 1, tremolo: float = 0.0) -> np.ndarray:
    """A small string section: per note two voices a hair apart, a saw-like tone rolled off above `bright`·1 kHz,
    a slow vibrato and bow swells; every rate is a whole number of cycles over `length`."""
    out = np.zeros(len(t))
    vib = whole(4.7, length)
    for note in notes:
        for detune in (-1, 1):  # a beat of 2/length Hz between the two voices: an ensemble, not a single oscillator
            f0 = whole(note, length) + detune / length
            vphase = rng.uniform(0, 2 * np.pi)
            depth = 0.0035 * f0 / vib  # ±0.35 % vibrato, written as phase modulation so it stays periodic
            swell_phase = rng.uniform(0, 2 * np.pi)
            swell = 0.6 + 0.4 * np.sin(2 * np.pi * swells * t / length + swell_phase)
            for n in range(1, 40):
                if n * f0 > 5000:
                    break
                amp = (1 / n) / (1 + (n * f0 / (1000 * bright)) ** 2)
                phase = 2 * np.pi * n * f0 * t + n * depth * np.sin(2 * np.pi * vib * t + vphase)
                out += amp * np.sin(phase + rng.uniform(0, 2 * np.pi)) * swell
    if tremolo:
        rate = whole(tremolo, length)
        out *= 0.55 + 0.45 * np.sin(2 * np.pi * rate * t) ** 2
    return out


def loop_noise(n: int, low: float, high: float, rng: np.random.Generator) -> np.ndarray:
    """Noise that repeats exactly every n samples: random phases in the frequency domain, band-limited."""
    return band(rng.standard_normal(n), low, high, circular=True)


def calm(rng: np.random.Generator, length: float = 13.0) -> np.ndarray:
    """The bed at rest: an open fifth on D low in the cellos and violas, and the faint air of a quiet office."""
    t = times(length)
    pad = strings(t, length, [73.42, 110.0, 146.83], rng, bright=0.7, swells=2)
    air = loop_noise(len(t), 60, 500, rng) * 0.6
    return pad / np.std(pad) + air


def unease(rng: np.random.Generator, length: float = 11.0) -> np.ndarray:
    """Unease: a minor sixth and a flat ninth over the D, higher and thinner, swelling in and out twice."""
    t = times(length)
    voices = strings(t, length, [116.54, 155.56, 311.13], rng, bright=1.4, swells=2)
    breath = 0.5 - 0.5 * np.cos(2 * np.pi * 2 * t / length)  # two long swells: the chord comes and goes
    wind = loop_noise(len(t), 300, 900, rng) * (0.4 + 0.6 * breath)
    return voices / np.std(voices) * (0.35 + 0.65 * breath) + wind * 0.5


def tension(rng: np.random.Generator, length: float = 12.0) -> np.ndarray:
    """Tension: a tritone in the low strings played as a bowed tremolo, a sub-bass pulse, a clock ticking."""
    t = times(length)
    low = strings(t, length, [36.71, 73.42, 103.83], rng, bright=0.9, tremolo=6.0)
    pulse = np.zeros(len(t))
    tick = np.zeros(len(t))
    for beat in range(round(length)):  # one a second, placed on whole samples so the loop stays exact
        since = (t - beat) % length  # wrapped: the last beat's tail runs on into the loop's start
        pulse += np.sin(2 * np.pi * 46 * since) * decay(since, 0.12, attack=0.01)
        tick += band(rng.standard_normal(len(t)), 2500, 6000, circular=True) * decay((since - 0.5) % length, 0.003)
    return low / np.std(low) + pulse * 0.9 + tick * 0.35


BED: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "bed_calm": calm, "bed_unease": unease, "bed_tension": tension}


# ---- measuring -----------------------------------------------------------------------------------------------

def loudness_db(x: np.ndarray) -> float:
    """The loudest 100 ms of a sound, RMS in dBFS (a short effect's level: its whole-file RMS would mostly measure
    how long its tail is)."""
    y = x - x.mean()
    win = round(0.1 * RATE)
    energy = np.convolve(y * y, np.ones(win) / win, mode="valid") if len(y) > win else np.array([np.mean(y * y)])
    return float(10 * np.log10(max(float(energy.max()), 1e-20)))


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(max(float(np.mean(x * x)), 1e-20)))


def spectrum(x: np.ndarray) -> dict[str, float]:
    """Where the sound's energy sits: its spectral centroid and the share of its energy above HARSH_HZ."""
    power = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    total = max(float(power.sum()), 1e-30)
    harsh = float(power[freqs > HARSH_HZ].sum())
    return {"centroid_hz": float((power * freqs).sum() / total), "harsh_share": harsh / total}


def edges_db(x: np.ndarray) -> tuple[float, float]:
    """The peak of the first and of the last EDGE_MS, in dB under the whole sound's peak."""
    n = round(EDGE_MS / 1000 * RATE)
    peak = max(float(np.abs(x).max()), 1e-12)
    return tuple(float(20 * np.log10(max(float(np.abs(part).max()), 1e-12) / peak)) for part in (x[:n], x[-n:]))


def seam(x: np.ndarray) -> dict[str, float]:
    """How the end of a loop runs into its start, against every other place in the loop: the step across the
    seam against the steps inside, and the level change from the last 10 ms to the first 10 ms against the same
    change across every 10 ms boundary inside (a low drone's 10 ms levels wander on their own: a 110 Hz tone
    makes barely one cycle in 10 ms, so the level test takes the 99.9th percentile, the step and click the 99th)."""
    steps = np.abs(np.diff(x))
    n = round(SEAM_MS / 1000 * RATE)
    blocks = np.array([rms_db(x[i:i + n]) for i in range(0, len(x) - n + 1, n)])
    inside = np.abs(np.diff(blocks))
    # A seam that does not join shows as a click: broadband energy. Roll the loop so the seam sits in the middle,
    # keep what is above 4 kHz, and compare the 10 ms around the seam with every other 10 ms.
    half = len(x) // 2
    clicks = band(np.roll(x, half), 4000, RATE / 2)
    click_blocks = np.array([rms_db(clicks[i:i + n]) for i in range(0, len(x) - n + 1, n)])
    return {
        "seam_click_db": float(rms_db(clicks[half - n // 2:half + n // 2])),
        "click_p99_db": float(np.percentile(click_blocks, 99)),
        "seam_step": float(abs(x[0] - x[-1])),
        "step_p99": float(np.percentile(steps, 99)),
        "seam_level_db": float(abs(rms_db(x[:n]) - rms_db(x[-n:]))),
        "level_p999_db": float(np.percentile(inside, 99.9)),
    }


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as f:
        if (f.getnchannels(), f.getsampwidth(), f.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path}: error: not mono 16-bit {RATE} Hz")
        return np.frombuffer(f.readframes(f.getnframes()), dtype="<i2").astype(F) / 32768


def write_wav(path: Path, x: np.ndarray, rng: np.random.Generator) -> None:
    dither = (rng.random(len(x)) - rng.random(len(x))) / 32768  # TPDF: fades end in noise, not in distortion
    pcm = np.clip(np.round((x + dither) * 32767), -32767, 32767).astype("<i2")
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes(pcm.tobytes())
    tmp.replace(path)


def measure(path: Path) -> dict[str, float]:
    x = read_wav(path)
    peak = float(np.abs(x).max())
    shape = spectrum(x)
    start, end = edges_db(x)
    row = {
        "bytes": path.stat().st_size, "seconds": round(len(x) / RATE, 3), "peak": round(peak, 4),
        "peak_db": round(20 * np.log10(max(peak, 1e-12)), 2), "clipped": int(np.sum(np.abs(x) >= 0.999)),
        "dc": round(float(x.mean()), 6), "loudness_db": round(loudness_db(x), 2), "rms_db": round(rms_db(x), 2),
        "centroid_hz": round(shape["centroid_hz"]), "harsh_share": round(shape["harsh_share"], 5),
        "start_db": round(start, 1), "end_db": round(end, 1)}
    if path.stem.startswith("bed_"):
        row.update({k: round(v, 5) for k, v in seam(x).items()})
    return row


# ---- making ----------------------------------------------------------------------------------------------------

def top_cut(x: np.ndarray, circular: bool = False) -> np.ndarray:
    """An 8th-order low-pass at TOP_HZ (-14 dB at 8 kHz, -30 dB at 10 kHz), zero-phase, as band() does it."""
    size = len(x) if circular else 2 * len(x)
    freqs = np.fft.rfftfreq(size, 1 / RATE)
    return np.fft.irfft(np.fft.rfft(x, size) / np.sqrt(1 + (freqs / TOP_HZ) ** 16), size)[:len(x)]


def soft_limit(x: np.ndarray, ceiling: float = PEAK_LIMIT * 0.98, knee: float = 0.6) -> np.ndarray:
    """Peaks above `knee` bent smoothly under `ceiling` (a tanh curve with slope 1 at the knee): a typewriter's tick
    or a crinkle's grain is a few samples, so bending them is not heard, and the rest is untouched."""
    over = np.abs(x) - knee
    room = ceiling - knee
    bent = np.sign(x) * (knee + room * np.tanh(np.maximum(over, 0) / room))
    return np.where(over > 0, bent, x)


def finish_effect(x: np.ndarray) -> np.ndarray:
    """Silence first, nothing harsh, no DC, faded ends, the shared loudness, peaks held under the limit."""
    x = np.concatenate([np.zeros(round(LEAD_S * RATE)), x])
    x = fade_ends(top_cut(x - x.mean()), fade_in=LEAD_S)
    for _ in range(4):  # the limiter takes a little off the loudness: aim again
        x = soft_limit(x * 10 ** ((EFFECT_LOUDNESS_DB - loudness_db(x)) / 20))
    return x - x.mean()


def finish_bed(x: np.ndarray) -> np.ndarray:
    x = band(x - x.mean(), 25, RATE / 2, circular=True)  # below 25 Hz is felt, not heard: and it is where DC hides
    x = top_cut(x, circular=True)  # circular, so the loop still joins
    return x * 10 ** ((BED_RMS_DB - rms_db(x)) / 20)


def make(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for seed, (name, build) in enumerate(EFFECTS.items()):
        rng = np.random.default_rng(1000 + seed)
        write_wav(out / f"{name}.wav", finish_effect(build(rng)), rng)
    for seed, (name, build) in enumerate(BED.items()):
        rng = np.random.default_rng(2000 + seed)
        write_wav(out / f"{name}.wav", finish_bed(build(rng)), rng)


def check(out: Path) -> tuple[dict[str, object], list[str]]:
    """Every figure for every file, and what is wrong: clipping, DC, a seam, loudness spread, length, size."""
    rows = {p.stem: measure(p) for p in sorted(out.glob("*.wav"))}
    problems = []
    for name, row in rows.items():
        if row["peak"] > PEAK_LIMIT or row["clipped"]:
            problems.append(f"{name}: peak {row['peak']} above {PEAK_LIMIT} ({row['clipped']} samples clipped)")
        if abs(row["dc"]) > 0.001:
            problems.append(f"{name}: DC offset {row['dc']}")
        if row["harsh_share"] > HARSH_SHARE:
            problems.append(f"{name}: {row['harsh_share']:.1%} of its energy above {HARSH_HZ} Hz")
        level, target = (row["rms_db"], BED_RMS_DB) if name.startswith("bed_") else (row["loudness_db"],
                                                                                      EFFECT_LOUDNESS_DB)
        if abs(level - target) > LEVEL_TOLERANCE_DB:
            problems.append(f"{name}: level {level} dBFS, not {target}")
        if name.startswith("bed_"):
            if row["seam_step"] > row["step_p99"]:
                problems.append(f"{name}: a step at the loop's seam")
            if row["seam_click_db"] > row["click_p99_db"]:
                problems.append(f"{name}: a click at the loop's seam")
            if row["seam_level_db"] > row["level_p999_db"]:
                problems.append(f"{name}: first and last {SEAM_MS} ms differ in level")
        else:
            if row["seconds"] > 1.5:
                problems.append(f"{name}: longer than 1.5 s")
            if max(row["start_db"], row["end_db"]) > EDGE_DB:
                problems.append(f"{name}: a click at its start or end ({row['start_db']}, {row['end_db']} dB)")
    levels = [r["loudness_db"] for n, r in rows.items() if not n.startswith("bed_")]
    if levels and max(levels) - min(levels) > 3:
        problems.append(f"effects' loudness spreads over {max(levels) - min(levels):.1f} dB")
    total = int(sum(r["bytes"] for r in rows.values()))
    if total > 2_000_000:
        problems.append(f"{total} bytes in all, over 2 MB")
    return {"sounds": rows, "total_bytes": total, "problems": problems}, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the files already in the folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.check:
        make(args.out)
    report, problems = check(args.out)
    print(json.dumps(report, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
