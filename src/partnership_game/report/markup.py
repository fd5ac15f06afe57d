"""HTML built so that text is escaped by default: only `Markup` made here passes through unescaped."""

from __future__ import annotations

import html
from collections.abc import Iterable

from partnership_game.inert import inert


class Markup(str):
    """HTML this module made (or a literal in the report's own code); every other string is text to escape."""

    __slots__ = ()


def esc(value: object) -> Markup:
    """Text as HTML: `&`, `<`, `>`, `"` and `'` escaped, control characters as `\\x1b`; Markup passes unchanged;
    None is empty; lists are joined."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, str):
        # A control character is an HTML parse error and would be obeyed by a terminal showing the file: escape.
        return Markup(html.escape(inert(value), quote=True))
    if isinstance(value, Iterable):
        return Markup("".join(esc(v) for v in value))
    return Markup(html.escape(str(value), quote=True))


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")  # class_ -> class, aria_label -> aria-label
        parts.append(f" {key}" if value is True else f' {key}="{esc(value)}"')
    return "".join(parts)


def el(tag: str, *children: object, **attrs: object) -> Markup:
    """`<tag attrs>children</tag>`; children and attribute values are escaped unless they are Markup."""
    return Markup(f"<{tag}{_attrs(attrs)}>{esc(children)}</{tag}>")


def void(tag: str, **attrs: object) -> Markup:
    """An element without content (`<img>`, `<meta>`)."""
    return Markup(f"<{tag}{_attrs(attrs)}>")


def join(parts: Iterable[object], separator: str = "\n") -> Markup:
    return Markup(separator.join(esc(p) for p in parts))


def table(headers: Iterable[object], rows: Iterable[Iterable[object]], class_: str | None = None,
          numeric: Iterable[int] = ()) -> Markup:
    """A table with a header row; columns listed in `numeric` are right-aligned."""
    right = set(numeric)
    head = el("tr", *(el("th", h, class_="num" if k in right else None) for k, h in enumerate(headers)))
    body = [el("tr", *(el("td", c, class_="num" if k in right else None) for k, c in enumerate(row))) for row in rows]
    return el("table", el("thead", head), el("tbody", *body), class_=class_)


def link(url: str, text: object | None = None) -> Markup:
    """An outbound reference the reader may follow: shown as text, nothing loaded; only http(s) becomes a link."""
    if not url.startswith(("http://", "https://")):
        return esc(text if text is not None else url)
    return el("a", text if text is not None else url, href=url, rel="noopener noreferrer")


def paragraphs(text: str, class_: str | None = None) -> Markup:
    """Scenario prose as paragraphs: a blank line parts them, other line breaks are only the writer's wrapping."""
    blocks = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return join(el("p", block, class_=class_) for block in blocks if block)
