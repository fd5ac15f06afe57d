"""Scenario text to pygame_gui's HTML subset: escaped first (a scenario is someone else's file), then glossary links;
and the arrows Noto Sans lacks, set in the bundled arrows font."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from partnership_game import paths
from partnership_game.scenario.models import GlossaryTerm

LINK_PREFIX = "gloss:"
ARROW_FACE = "partnership_arrows"  # assets/fonts/PartnershipArrows-*.ttf: ↑ and ↓ only (assets/README.md)
ARROW_UP, ARROW_DOWN = "\u2191", "\u2193"


def arrow_font_path(bold: bool = False) -> str:
    return str(paths.assets_dir() / "fonts" / f"PartnershipArrows-{'Bold' if bold else 'Regular'}.ttf")


def use_arrows(manager: Any) -> None:
    """Let `manager`'s rich text set arrows (each manager has its own fonts; a settings change makes a new one)."""
    fonts = manager.get_theme().get_font_dictionary()
    if ARROW_FACE in fonts.known_font_paths:
        return
    regular, bold = arrow_font_path(), arrow_font_path(bold=True)
    manager.add_font_paths(ARROW_FACE, regular, bold, regular, bold)
    # Loaded now at every size the text font was (ids end in their size), not mid-layout; each face is 2 kB.
    sizes = sorted({int(key.rsplit("_", 1)[1]) for key in fonts.loaded_fonts
                    if key.startswith("noto_sans_") and key.rsplit("_", 1)[1].isdigit()})
    manager.preload_fonts([{"name": ARROW_FACE, "point_size": size, "style": style}
                           for size in sizes for style in ("regular", "bold")])


def use_size(manager: Any, px: int) -> None:
    """Load the text face at `px` now if it is not yet (a paragraph gap set small), not mid-layout with a warning."""
    if f"noto_sans_regular_aa_{px}" not in manager.get_theme().get_font_dictionary().loaded_fonts:
        manager.preload_fonts([{"name": "noto_sans", "point_size": px, "style": "regular"}])


def arrow(up: bool) -> str:
    """↑ or ↓ as markup, in the arrows font at the size, weight and colour of the text around it."""
    return f"<font face='{ARROW_FACE}'>{ARROW_UP if up else ARROW_DOWN}</font>"


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
