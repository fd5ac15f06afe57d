"""Students' names in a class report: "Group A, B, ..." when the report is anonymous, and names given twice."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Sequence


def group_letters(k: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA', 27 → 'AB' (as spreadsheet columns count)."""
    letters = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def anonymous_name(k: int) -> str:
    return f"Group {group_letters(k)}"


def same_name_key(name: str | None) -> str | None:
    """A name as two hand-ins would share it: case, accents' forms and spacing aside; None for no name."""
    if not name or not name.strip():
        return None
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def duplicates(names: Sequence[str | None]) -> list[list[int]]:
    """For each name, the indices of the other names that are the same (empty when it is unique or missing)."""
    keys = [same_name_key(n) for n in names]
    return [[j for j, other in enumerate(keys) if j != k and key is not None and other == key]
            for k, key in enumerate(keys)]
