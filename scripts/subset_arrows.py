"""Makes assets/fonts/PartnershipArrows-*.ttf: the arrows Noto Sans lacks, cut from pygame_gui's Noto Sans KR (OFL).

Run by hand after changing ARROWS (needs fontTools, a tool for this script only: `pip install fonttools`):
    python scripts/subset_arrows.py
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

ARROWS = "\u2191\u2193"  # ↑ ↓: the consequences' way up or down, beside the sign and the word
FAMILY = "Partnership Arrows"  # a modified version may not keep the source's reserved name (OFL §3)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"


def make(source: str, reference: str, style: str) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data = resources.files("pygame_gui.data")
    with resources.as_file(data.joinpath(source)) as path:
        font = TTFont(str(path))
    options = subset.Options()
    options.name_IDs = [0, 13, 14]  # the copyright and the licence travel with the glyphs
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=ARROWS)
    subsetter.subset(font)
    # Noto Sans's vertical metrics, so a line holding an arrow is as tall as one without and shares its baseline.
    with resources.as_file(data.joinpath(reference)) as path:
        noto = TTFont(str(path), lazy=True)
        for table, fields in (("hhea", ("ascent", "descent", "lineGap")),
                              ("OS/2", ("usWinAscent", "usWinDescent", "sTypoAscender", "sTypoDescender",
                                        "sTypoLineGap"))):
            for field in fields:
                setattr(font[table], field, getattr(noto[table], field))
    names = font["name"]
    for name_id, value in ((1, FAMILY), (2, style), (4, f"{FAMILY} {style}"), (6, f"PartnershipArrows-{style}")):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"PartnershipArrows-{style}.ttf"
    font.save(str(target))
    return target


def main() -> int:
    for source, reference, style in (("NotoSansKR-Regular.ttf", "NotoSans-Regular.ttf", "Regular"),
                                     ("NotoSansKR-Bold.ttf", "NotoSans-Bold.ttf", "Bold")):
        target = make(source, reference, style)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
