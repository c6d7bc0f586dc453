"""Writing imported cards as YAML quickly, with the tree the deck loader would read back from it.

An import of 100,000 rows spent most of its time in PyYAML: its representer, then the loader's
re-reading of the file (libyaml's events alone take longer than Anki's whole CSV import). Most
imported cards are a few one-line strings and a list of tags; those are written here directly,
each value plain when it is unmistakably a string, else double-quoted, and for each such card
the writer also builds the loader's tree of what it wrote (`quizapp.decks.yamltree` nodes, with
their lines and columns), so that the deck rules can check the cards without parsing the text
again. That the tree is what the loader reads from the text is a property of this module,
checked by tests that compose random cards' text with the loader's own reader. A card of any
other shape (several lines, nested values) goes to `quizapp.decks.render`, as before, and then
the whole file is read back by the loader instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from quizapp.decks.yamltree import Map, Node, Scalar, Seq

#: What a YAML file may not hold as it is (YAML's printable characters are the others), and
#: what YAML would read as a line break or a byte-order mark: written as \uXXXX escapes.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
#: A string YAML reads back as itself when written plain, in block or flow context: it starts
#: with a letter and holds no indicator, quote, comment or separator character, and nothing
#: unsafe.
_WORD = rf"[^:#\[\]{{}},\"'\\|>&*!%@`\s{_UNSAFE}]"
_PLAIN = re.compile(rf"[^\W\d_]{_WORD}*(?: {_WORD}+)*")
#: YAML 1.1 words that read as booleans or null, not as strings.
_NOT_STRINGS = frozenset(
    w
    for word in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    for w in (word, word.capitalize(), word.upper())
)
#: What a double-quoted scalar cannot hold as it is: written as a \uXXXX escape there (YAML
#: would read U+2028 or U+0085 as a line break and fold it to a space, and refuses U+FFFE).
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: Text written as a literal block, by PyYAML: several lines, or what UTF-8 cannot hold.
_NOT_ONE_LINE = re.compile("[\n\r\ud800-\udfff]")
#: Double-quoted text that is its own YAML form between the quotes (nothing to escape).
_QUOTABLE = re.compile(f'[^\\\\"{_UNSAFE}]*')


@cache
def _plain_key(key: str) -> bool:
    return _PLAIN.fullmatch(key) is not None and key not in _NOT_STRINGS


def _scalar(value: str) -> tuple[str, str | None] | None:
    """`value` as a one-line YAML scalar and its style (None: plain), or None when it needs a
    block."""
    if _PLAIN.fullmatch(value) and value not in _NOT_STRINGS:
        return value, None
    if _QUOTABLE.fullmatch(value):
        return f'"{value}"', '"'
    if _NOT_ONE_LINE.search(value):
        return None
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return f'"{quoted}"', '"'


def _card(card: Mapping[str, object], line: int, dash: str, pad: str) -> tuple[str, Map] | None:
    """One card's lines from file line `line` on, and its tree; None when it is not that simple.

    Columns are 1-based, as the loader reports them: a key starts after `pad`, its value after
    ``key: ``; the items of a flow list after ``[`` and each ``, ``.
    """
    col = len(pad) + 1
    node = Map(line, col)
    pairs = node.pairs
    out: list[str] = []
    item: Node
    for key, value in card.items():
        if not _plain_key(key):
            return None
        at = col + len(key) + 2
        if type(value) is str:
            if _PLAIN.fullmatch(value) and value not in _NOT_STRINGS:  # the common case first
                text, item = value, Scalar(value, None, None, line, at)
            else:
                written = _scalar(value)
                if written is None:
                    return None
                text, item = written[0], Scalar(value, None, written[1], line, at)
        elif isinstance(value, list | tuple):
            seq = Seq(line, at)
            items = seq.items
            parts: list[str] = []
            spot = at + 1
            for entry in value:
                written = _scalar(entry) if isinstance(entry, str) else None
                if written is None:
                    return None
                items.append(Scalar(entry, None, written[1], line, spot))
                parts.append(written[0])
                spot += len(written[0]) + 2
            text, item = "[" + ", ".join(parts) + "]", seq
        else:
            return None
        pairs.append((Scalar(key, None, None, line, col), item))
        out.append(f"{pad}{key}: {text}\n")
        line += 1
    if not out:
        return None
    out[0] = dash + out[0][len(pad) :]
    return "".join(out), node


@dataclass(slots=True)
class Rendered:
    """The cards' YAML text, and the loader's tree of it when every card was written here."""

    text: str
    #: The `cards:` list as the loader reads it from `text`; None when a card went to PyYAML.
    tree: Seq | None
    #: The cards written.
    cards: Sequence[Mapping[str, object]]


def render_cards(
    cards: Sequence[Mapping[str, object]], *, dash_col: int, item_col: int, first_line: int = 1
) -> Rendered:
    """The cards as block YAML, as `quizapp.decks.render.render_card` lays them out, starting
    on file line `first_line` (for the tree's positions)."""
    from quizapp.decks.render import render_cards as render_slowly

    dash = " " * dash_col + "-" + " " * (item_col - dash_col - 1)
    pad = " " * item_col
    out: list[str] = []
    tree: Seq | None = Seq(first_line, dash_col + 1)
    line = first_line
    for card in cards:
        fast = _card(card, line, dash, pad)
        if fast is None:
            text = render_slowly([card], dash_col=dash_col, item_col=item_col, fast=True)
            tree = None
        else:
            text, node = fast
            if tree is not None:
                tree.items.append(node)
        out.append(text)
        line += text.count("\n")
    return Rendered("".join(out), tree, cards)
