"""`play --text` in a real 80×24 pseudo-terminal: a whole campaign far from history, every command, wrong keys."""

from __future__ import annotations

import re
from typing import Any

from partnership_game.text.layout import is_link

COMMANDS = ["?", "h", "c", "m", "l", "w", "g", "g trust", "g nosuchterm", "o", "t", "r", "d", "s my_copy"]
WRONG = ["zz", "²", "①", "99", "0", "s bad/name", "t 99", "\x7f"]
DECISION = re.compile(r"Choose 1-(\d+) \(\? for commands\): $")


def lines_of(text: str) -> list[str]:
    """The lines a chunk of output fills on the screen (its last line may be the prompt, without a line end)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _too_wide(chunk: str, width: int) -> list[str]:
    return [line for line in lines_of(chunk) if len(line) > width and not is_link(line.strip())]


def _last_choice(chunk: str) -> int:
    """The last option that is not marked unavailable in a folded turn (the hawkish end of most decisions)."""
    count = int(DECISION.search(chunk).group(1))  # type: ignore[union-attr]
    listing = chunk[chunk.rindex("1. "):]
    blocks = re.split(r"^(?=\d+\. )", listing, flags=re.M)
    unavailable = {int(b.split(".", 1)[0]) for b in blocks if b[:1].isdigit() and "Not available" in b}
    return max(k for k in range(1, count + 1) if k not in unavailable)


def test_a_whole_campaign_fits_80_by_24_with_every_command_and_wrong_key(pty_game: Any) -> None:
    game = pty_game("play", "--text", "--seed", "2001", "--new")
    chunk = game.start()
    turns_seen = 0
    commands_tried = False
    debrief_seen = False
    one_screen = 0
    previous = ""
    for _ in range(400):
        assert not _too_wide(chunk, 80), _too_wide(chunk, 80)
        assert len(lines_of(chunk)) <= 24, f"{len(lines_of(chunk))} lines between two answers:\n{chunk}"
        if chunk.endswith("-- ") or "Press Enter" in chunk.rsplit("\n", 1)[-1]:
            previous, chunk = chunk, game.send("")
            continue
        if DECISION.search(chunk):
            turns_seen += 1
            if re.search(r"^Turn \d+ of \d+", chunk, re.M):
                one_screen += 1
            else:  # paged only because the whole view could not fit one screen
                assert previous.endswith("-- ") and "Turn " in previous, chunk
                shown = lines_of(previous[previous.index("Turn "):])
                assert len(shown) - 1 + len(lines_of(chunk)) > 24
            if not commands_tried:
                for command in COMMANDS:
                    answer = game.send(command)
                    while answer.endswith("-- "):  # a long answer pages; the rest of it is not needed here
                        answer = game.send("q")
                    assert not _too_wide(answer, 80)
                    assert len(lines_of(answer)) <= 24
                    assert DECISION.search(answer), f"{command!r} did not come back to the prompt:\n{answer}"
                    assert "Turn " not in answer or command == "r", f"{command!r} reprinted the turn"
                for wrong in WRONG:
                    answer = game.send(wrong)
                    assert len(lines_of(answer)) <= 3, f"{wrong!r} printed {len(lines_of(answer))} lines:\n{answer}"
                    assert DECISION.search(answer)
                commands_tried = True
            else:
                answer = game.send("zz")
                assert len(lines_of(answer)) <= 3
            chunk = game.send(str(_last_choice(chunk)))
            continue
        if chunk.endswith("Choose 1-5, or q: ") or re.search(r"Choose 1-\d+, or q: $", chunk):
            debrief_seen = True
            sections = int(re.search(r"Choose 1-(\d+), or q: $", chunk).group(1))  # type: ignore[union-attr]
            for number in range(1, sections + 1):
                answer = game.send(str(number))
                while answer.endswith("-- "):
                    assert len(lines_of(answer)) <= 24 and not _too_wide(answer, 80)
                    answer = game.send("")
                assert not _too_wide(answer, 80)
            goodbye = game.send("q")
            assert "Autosaved to" in goodbye, goodbye
            break
        raise AssertionError(f"unexpected screen:\n{chunk}")
    assert game.wait() == 0
    assert turns_seen >= 10 and commands_tried and debrief_seen
    assert one_screen >= turns_seen - 2, f"only {one_screen} of {turns_seen} decisions fit one screen"


def test_a_turn_shows_header_story_and_options_in_one_screen(pty_game: Any) -> None:
    game = pty_game("play", "--text", "--seed", "2001", "--new")
    chunk = game.start()
    while not DECISION.search(chunk):
        chunk = game.send("")
    assert "Turn 1 of" in chunk and "1. " in chunk and "-- more" not in chunk
    assert len(lines_of(chunk)) <= 24
    # A wrong key answers in one line and the prompt; the turn is not printed again.
    answer = game.send("x")
    assert len(lines_of(answer)) == 2 and "Turn 1" not in answer
