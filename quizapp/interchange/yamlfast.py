"""Writing imported cards as YAML quickly, each value in a form the deck loader reads back as it.

An import of 100,000 rows spent most of its time in PyYAML: its representer, then the loader's
re-reading of the file (libyaml's events alone take longer than Anki's whole CSV import). Most
imported cards are a few one-line strings and a list of tags; those are written here directly,
each value plain when it is unmistakably a string, else double-quoted (escaping what YAML may
not hold as it is). That the loader reads back exactly the text written is a property of this
module, checked by tests that load random and hostile cards' text with the deck loader; the
import relies on it to check such cards' values (`quizapp.interchange.card_check`) without
parsing their text again. A card of any other shape (several lines, nested values) goes to
`quizapp.decks.render`, as before, and is then read back by the loader's own YAML reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Double-quoted text that is its own YAML form between the quotes (nothing to escape).
_QUOTABLE = re.compile(f'[^\\\\"{_UNSAFE}]*')


@cache
def _plain_key(key: str) -> bool:
    return _PLAIN.fullmatch(key) is not None and key not in _NOT_STRINGS


def _scalar(value: str, blocks: bool = True) -> tuple[str, str | None] | None:
    """`value` as a one-line YAML scalar and its style (None: plain), or None when it needs a
    block (with `blocks=False`: lines escaped too, None only for what UTF-8 cannot hold)."""
    if _PLAIN.fullmatch(value) and value not in _NOT_STRINGS:
        return value, None
    if _QUOTABLE.fullmatch(value):
        return f'"{value}"', '"'
    if (_NOT_ONE_LINE if blocks else _SURROGATE).search(value):
        return None
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = _NEEDS_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return f'"{quoted}"', '"'


#: A list item's form: most are tags, the same few over and over.
_entry = lru_cache(maxsize=4096)(_scalar)


def _card(card: Mapping[str, object], dash: str, pad: str, blocks: bool = True) -> str | None:
    """One card's lines, or None when it is not that simple (a key or value needs more than one
    plain or double-quoted line; with `blocks=False` several lines are escaped, not that)."""
    out: list[str] = []
    for key, value in card.items():
        if not _plain_key(key):
            return None
        if type(value) is str:
            if not (_PLAIN.fullmatch(value) and value not in _NOT_STRINGS):  # the common case
                written = _scalar(value, blocks)
                if written is None:
                    return None
                value = written[0]
            out.append(f"{pad}{key}: {value}\n")
        elif isinstance(value, list | tuple):
            parts: list[str] = []
            for entry in value:
                written = _entry(entry, blocks) if isinstance(entry, str) else None
                if written is None:
                    return None
                parts.append(written[0])
            out.append(f"{pad}{key}: [{', '.join(parts)}]\n")
        else:
            return None
    if not out:
        return None
    out[0] = dash + out[0][len(pad) :]
    return "".join(out)


@dataclass(slots=True)
class Rendered:
    """The cards' YAML text, card by card, with where each starts and how it was written."""

    #: Each card's lines, in order; the file's cards part is their concatenation.
    parts: list[str]
    #: The file line each card starts on.
    starts: list[int]
    #: Whether each card was written here (else by `quizapp.decks.render`, for PyYAML's styles).
    fast: list[bool]
    #: The cards written.
    cards: Sequence[Mapping[str, object]]

    @property
    def text(self) -> str:
        return "".join(self.parts)


def render_cards(
    cards: Sequence[Mapping[str, object]], *, dash_col: int, item_col: int, first_line: int = 1
) -> Rendered:
    """The cards as block YAML, as `quizapp.decks.render.render_card` lays them out, starting
    on file line `first_line`."""
    from quizapp.decks.render import render_cards as render_slowly

    dash = " " * dash_col + "-" + " " * (item_col - dash_col - 1)
    pad = " " * item_col
    parts: list[str] = []
    starts: list[int] = []
    fast: list[bool] = []
    line = first_line
    for card in cards:
        text = _card(card, dash, pad)
        fast.append(text is not None)
        if text is None:
            text = render_slowly([card], dash_col=dash_col, item_col=item_col, fast=True)
            if not reads_back(card, text):  # PyYAML's styles fold some line breaks: escape them
                text = _card(card, dash, pad, blocks=False) or text
        parts.append(text)
        starts.append(line)
        line += text.count("\n")
    return Rendered(parts, starts, fast, cards)


def read_values(item: Node) -> dict[str, object] | None:
    """A card entry's text values as the loader read them: field -> text, or list of texts
    (other values left out); None when it is not a mapping."""
    if not isinstance(item, Map):
        return None
    values: dict[str, object] = {}
    for key, value in item.pairs:
        if isinstance(key, Scalar) and isinstance(value, Scalar):
            values[key.value] = value.value
        elif isinstance(key, Scalar) and isinstance(value, Seq):
            values[key.value] = [v.value if isinstance(v, Scalar) else v for v in value.items]
    return values


def same_text(card: Mapping[str, object], read: dict[str, object] | None) -> bool:
    """Whether every text value of `card` (and list of texts) is what the loader read."""
    if read is None:
        return False
    for name, value in card.items():
        if isinstance(value, str) or (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        ):
            wanted = value if isinstance(value, str) else list(value)
            if read.get(name) != wanted:
                return False
    return True


def reads_back(card: Mapping[str, object], text: str) -> bool:
    """Whether the loader's YAML reader reads `text` (one card's lines) as `card`'s texts."""
    from quizapp.decks.yamltree import compose

    root, _ = compose(text, "card")
    return (
        isinstance(root, Seq)
        and len(root.items) == 1
        and same_text(card, read_values(root.items[0]))
    )
