"""Writing imported cards as YAML quickly: the common card by string formatting, others by PyYAML.

An import of 100,000 rows spent most of its time in PyYAML's representer. Most imported cards
are a few one-line strings and a list of tags; those are written here directly, each value
plain when it is unmistakably a string, else double-quoted. Anything else (several lines,
control characters, numbers, nested values) goes to `quizapp.decks.render`, as before. What is
written is read back and checked by the deck loader before any file is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: A string YAML reads back as itself when written plain, in block or flow context: it starts
#: with a letter and holds no indicator, quote, comment or separator character.
_PLAIN = re.compile(r"[^\W\d_][^:#\[\]{},\"'\\|>&*!%@`\s]*(?: [^:#\[\]{},\"'\\|>&*!%@`\s]+)*")
#: YAML 1.1 words that read as booleans or null, not as strings.
_NOT_STRINGS = frozenset(
    w
    for word in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    for w in (word, word.capitalize(), word.upper())
)
#: What a double-quoted scalar cannot hold as it is: written as a \uXXXX escape there (YAML
#: would read U+2028 or U+0085 as a line break and fold it to a space).
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
#: Text written as a literal block, by PyYAML: several lines, or what UTF-8 cannot hold.
_NOT_ONE_LINE = re.compile("[\n\r\ud800-\udfff]")


def _scalar(value: str) -> str | None:
    if _PLAIN.fullmatch(value) and value not in _NOT_STRINGS:
        return value
    if _NOT_ONE_LINE.search(value):
        return None
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return f'"{quoted}"'


def _card_lines(card: Mapping[str, object], dash: str, pad: str) -> str | None:
    lines = []
    for key, value in card.items():
        if not _PLAIN.fullmatch(key):
            return None
        if isinstance(value, str):
            text = _scalar(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            items = [_scalar(v) for v in value]
            if any(item is None for item in items):
                return None
            text = "[" + ", ".join(item for item in items if item is not None) + "]"
        else:
            return None
        if text is None:
            return None
        lines.append(f"{pad}{key}: {text}\n")
    if not lines:
        return None
    lines[0] = dash + lines[0][len(pad) :]
    return "".join(lines)


def render_cards(cards: Sequence[Mapping[str, object]], *, dash_col: int, item_col: int) -> str:
    """The cards as block YAML, as `quizapp.decks.render.render_card` lays them out."""
    from quizapp.decks.render import render_cards as render_slowly

    dash = " " * dash_col + "-" + " " * (item_col - dash_col - 1)
    pad = " " * item_col
    out: list[str] = []
    for card in cards:
        text = _card_lines(card, dash, pad)
        if text is None:
            text = render_slowly([card], dash_col=dash_col, item_col=item_col, fast=True)
        out.append(text)
    return "".join(out)
