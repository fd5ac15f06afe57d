"""Scenario text to pygame_gui's HTML subset: escaped first (a scenario is someone else's file), then glossary links."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from partnership_game.scenario.models import GlossaryTerm

LINK_PREFIX = "gloss:"


def escape(value: str) -> str:
    """Plain text as safe markup: no tag or entity a modder writes can reach the renderer."""
    paragraphs = [" ".join(p.split()) for p in value.strip().split("\n\n")]
    return "<br><br>".join(html.escape(p, quote=True) for p in paragraphs if p)


def _pattern(glossary: Sequence[GlossaryTerm]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    names: dict[str, int] = {}
    for index, entry in enumerate(glossary):
        for name in (entry.term, *entry.aliases):
            names.setdefault(html.escape(name, quote=True), index)
    if not names:
        return None, names
    # Longest first, so "ABM Treaty" wins over "ABM"; whole words only.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w&;])({alternatives})(?!\w)"), names


def link_glossary(markup: str, glossary: Sequence[GlossaryTerm], seen: set[int] | None = None) -> str:
    """Turn the first mention of each glossary term into a link whose target names the term."""
    pattern, names = _pattern(glossary)
    if pattern is None:
        return markup
    seen = set() if seen is None else seen

    def replace(match: re.Match[str]) -> str:
        index = names[match.group(1)]
        if index in seen:
            return match.group(1)
        seen.add(index)
        return f'<a href="{LINK_PREFIX}{index}">{match.group(1)}</a>'

    # Only text outside tags is searched: split on tags and rejoin.
    parts = re.split(r"(<[^>]*>)", markup)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            inside_link = part.startswith("<a ") or (inside_link and not part.startswith("</a"))
            continue
        if not inside_link:
            parts[i] = pattern.sub(replace, part)
    return "".join(parts)


def glossary_index(target: str) -> int | None:
    if target.startswith(LINK_PREFIX) and target[len(LINK_PREFIX) :].isdigit():
        return int(target[len(LINK_PREFIX) :])
    return None
