"""The condition language's tokens: what may be written in a condition, and a hint for the commonest slips."""

from __future__ import annotations

import re
from dataclasses import dataclass


class ConditionError(Exception):
    """A condition that is not in the language; `offset` is the 0-based character where it goes wrong."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d+)?|\.\d+)
    | (?P<slip>>>|<<|=>|=<|<>|===)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op><=|>=|==|!=|<|>|\+|-|\*(?!\*)|\(|\))
    | (?P<bad>\*\*|:=|//|/|%|\.|\[|\]|\{|\}|,|'|"|=|!|&&|&|\|\||\||\^|~|@|:|;|\S)
    )""",
    re.VERBOSE,
)

_BAD_HINTS = {
    ">>": "'>>' is not a comparison; write '>' or '>='",
    "<<": "'<<' is not a comparison; write '<' or '<='",
    "=>": "'=>' is not a comparison; write '>='",
    "=<": "'=<' is not a comparison; write '<='",
    "<>": "'<>' is not a comparison; write '!='",
    "===": "'===' is not a comparison; write '=='",
    "%": "'%' is not allowed (no remainders or percentages; a share is a fraction: 0.25 for 25%)",
    "**": "the power operator '**' is not allowed",
    ":=": "assignment (':=') is not allowed",
    "/": "division is not allowed; multiply by a fraction instead (0.5 * x)",
    "//": "division is not allowed; multiply by a fraction instead (0.5 * x)",
    ".": "attribute access ('.') is not allowed",
    "[": "subscripts ('[ ]') are not allowed",
    "]": "subscripts ('[ ]') are not allowed",
    "{": "'{' is not allowed",
    "}": "'}' is not allowed",
    ",": "',' is not allowed (no calls or tuples)",
    "'": "text in quotes is not allowed; conditions compare numbers and flags",
    '"': "text in quotes is not allowed; conditions compare numbers and flags",
    "=": "'=' is not a comparison; write '=='",
    "!": "'!' is not allowed; write 'not'",
    "&&": "'&&' is not allowed; write 'and'",
    "&": "'&' is not allowed; write 'and'",
    "||": "'||' is not allowed; write 'or'",
    "|": "'|' is not allowed; write 'or'",
}
_FORBIDDEN_WORDS = {
    "lambda": "'lambda' is not allowed",
    "if": "'if' expressions are not allowed",
    "else": "'else' is not allowed",
    "in": "'in' is not allowed",
    "is": "'is' is not allowed; write '=='",
    "import": "'import' is not allowed",
    "True": "write 'true' in lower case",
    "False": "write 'false' in lower case",
}
KEYWORDS = {"and", "or", "not", "true", "false"}
COMPARE = {"<", "<=", ">", ">=", "==", "!="}


@dataclass(frozen=True)
class Token:
    kind: str  # number, name, op, keyword, end
    text: str
    offset: int


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`, ending with an `end` token; a character or word outside the language raises
    ConditionError with a hint at its offset."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if match is None:  # pragma: no cover - the last alternative matches any non-space character
            raise ConditionError("unexpected character", pos)
        kind = match.lastgroup or "bad"
        text = match.group(kind)
        offset = match.start(kind)
        if kind == "bad" and text == "%" and tokens and tokens[-1].kind == "number":
            number = tokens[-1]
            raise ConditionError(f"'%' is not allowed: write {float(number.text) / 100:g} for {number.text}%, "
                                 "a share as a fraction", number.offset)
        if kind in ("bad", "slip"):
            raise ConditionError(_BAD_HINTS.get(text, f"'{text}' is not allowed in a condition"), offset)
        if kind == "name":
            if text in _FORBIDDEN_WORDS:
                raise ConditionError(_FORBIDDEN_WORDS[text], offset)
            if text in KEYWORDS:
                kind = "keyword"
        tokens.append(Token(kind, text, offset))
        pos = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens
