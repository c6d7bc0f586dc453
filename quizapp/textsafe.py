"""Deck text made safe for a terminal: control characters shown as escapes, never sent raw.

Deck files are untrusted. A title such as ``"Esc \\e]0;owned\\a\\e[2J deck"`` printed as it is
would retitle and clear the learner's terminal, and bidirectional overrides (U+202E) can make a
line read differently from what it holds. Every front end that prints text coming from a deck
(titles, card text, ids, paths, problem messages quoting them) passes it through `printable`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

#: Bidirectional embedding, override and isolate controls, and the invisible direction marks.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: Code points a terminal acts on, or that reorder or break what is shown around them:
#: C0 controls, DEL, C1 controls (0x9B is a one-byte CSI), the Unicode line and paragraph
#: separators, and the bidi controls.
_UNSAFE = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *_BIDI)


_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_ONE_LINE = {code: _escape(code) for code in _UNSAFE}
_MULTI_LINE = {code: text for code, text in _ONE_LINE.items() if code not in (0x09, 0x0A)}


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character written as a visible escape (ESC as ``\\x1b``).

    Only what a terminal would act on is replaced; letters of every script, emoji and
    combining marks are kept. `multiline` keeps newlines and tabs (card text on screen);
    otherwise they are escaped too, so one deck value always prints as one line.
    """
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


def is_printable(text: str) -> bool:
    """True when `printable` would leave `text` as it is (single-line rules)."""
    return text == printable(text)


class GuardedStream:
    """A text stream that writes everything through `printable` (newlines and tabs kept).

    The command line puts one over stdout and stderr while a command runs, so that no deck
    text reaches the terminal raw, whatever the command prints it with. Output that is meant
    to drive the terminal (rich's colours, a progress bar) is written to `raw(stream)`.
    """

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        self.raw.write(printable(text, multiline=True))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno (so input() still uses readline), isatty, encoding...
        return getattr(self.raw, name)


def raw(stream: TextIO) -> TextIO:
    """The stream under a `GuardedStream` (or `stream` itself), for deliberate control codes."""
    return stream.raw if isinstance(stream, GuardedStream) else stream


@contextmanager
def guarded_output() -> Iterator[None]:
    """Guard sys.stdout and sys.stderr for the duration of the block (then put them back)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, GuardedStream(sys.stdout))
    sys.stderr = cast(TextIO, GuardedStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
