"""Deck YAML into a small tree of nodes that know their file position; nothing in it is executed.

Parser errors become problems in `yamlerrors`; the few scalars that must be numbers are read in
`scalars`.

Why not `yaml.load`:
- The loader needs the line and column of every value to point at mistakes, which plain Python
  values do not carry.
- Speed: PyYAML's composer and constructor run in Python and resolve every plain scalar with
  regular expressions. Building this tree straight from the C parser's events and resolving only
  the few values that must be numbers is about three times faster than `yaml.load` with the C
  loader, which leaves room for validation within the benchmark's budget.
- Safety: aliases are refused where they stand (so an alias bomb costs nothing: no alias is ever
  expanded), YAML tags other than the plain core ones are refused, and nesting depth is bounded
  while parsing. PyYAML's C composer recurses in C and kills the interpreter on ~100,000 nested
  brackets; this one keeps an explicit stack.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events

from quizapp.decks.problems import Problem
from quizapp.decks.yamlerrors import position, syntax_problems

#: Deeper than any sensible deck (a card's parameter mapping sits at depth 5).
MAX_DEPTH = 40
#: Deck files are hand-written text; anything this big is a mistake (or an attack).
MAX_BYTES = 64 * 1024 * 1024

#: The prefix of YAML's own tags ('tag:yaml.org,2002:str'...).
CORE_TAG = "tag:yaml.org,2002:"
#: Explicit tags a deck may use: the plain JSON-like core of YAML.
_ALLOWED_TAGS = frozenset(
    {None, "!"}
    | {CORE_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}
)

try:  # libyaml's parser when PyYAML was built with it (the usual wheels are)
    from yaml._yaml import CParser as _Parser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - only on a PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    HAS_LIBYAML = False


class Scalar:
    """A scalar as written: its text (`value`), explicit tag, style and 1-based position."""

    __slots__ = ("col", "line", "style", "tag", "value")

    def __init__(self, value: str, tag: str | None, style: str | None, line: int, col: int):
        self.value = value
        self.tag = tag
        #: None for a plain scalar, else the quote or block indicator: ' " | >
        self.style = style
        self.line = line
        self.col = col


class Seq:
    """A sequence: its items in file order."""

    __slots__ = ("col", "items", "line")

    def __init__(self, line: int, col: int):
        self.items: list[Node] = []
        self.line = line
        self.col = col


class Map:
    """A mapping: its (key, value) pairs in file order, repeats kept (the loader reports them)."""

    __slots__ = ("col", "key", "line", "pairs")

    def __init__(self, line: int, col: int):
        self.pairs: list[tuple[Node, Node]] = []
        #: The key read and still waiting for its value, while composing.
        self.key: Node | None = None
        self.line = line
        self.col = col


class Refused:
    """Stands where a value was refused (an alias, a foreign tag); already reported."""

    __slots__ = ("col", "line")

    def __init__(self, line: int, col: int):
        self.line = line
        self.col = col


Node = Scalar | Seq | Map | Refused


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that keeps it from being text (not UTF-8, too big)."""
    if len(data) > MAX_BYTES:
        return None, [
            Problem(
                path,
                0,
                0,
                "error",
                f"the file is {len(data) // (1024 * 1024)} MB; deck files are limited to "
                f"{MAX_BYTES // (1024 * 1024)} MB",
                "split it into several decks",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, [
            Problem(
                path,
                line,
                col,
                "error",
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                "save the file as UTF-8 in your editor",
            )
        ]
    if text.startswith("\ufeff"):  # a byte-order mark some editors write: not content
        text = text[1:]
    return text, []


def _tag_text(tag: str) -> str:
    return "!!" + tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag


def compose(text: str, path: str) -> tuple[Node | None, list[Problem]]:
    """The tree of the file's single YAML document (None when it has none), and its problems.

    A syntax error ends the reading (the parser cannot go on past it); refused aliases and tags
    are reported and replaced by `Refused`, and reading goes on.
    """
    problems: list[Problem] = []
    parser = _Parser(text)
    stack: list[Seq | Map] = []
    root: Node | None = None
    documents = 0
    aliased: set[str] = set()

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        if isinstance(top, Seq):
            top.items.append(node)
        elif top.key is None:
            top.key = node
        else:
            top.pairs.append((top.key, node))
            top.key = None

    def refuse_tag(tag: str, line: int, col: int) -> None:
        problems.append(
            Problem(
                path,
                line,
                col,
                "error",
                f"the YAML tag '{_tag_text(tag)}' is not allowed in deck files",
                "deck files hold plain text, numbers, lists and mappings; remove the tag",
            )
        )

    scalar_event = events.ScalarEvent
    mapping_start = events.MappingStartEvent
    sequence_start = events.SequenceStartEvent
    mapping_end = events.MappingEndEvent
    sequence_end = events.SequenceEndEvent
    alias_event = events.AliasEvent
    document_start = events.DocumentStartEvent
    allowed = _ALLOWED_TAGS
    try:
        while True:
            # Any: the stubs type events loosely, and this loop is the hot path.
            event: Any = parser.get_event()
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                if event.tag in allowed:
                    attach(
                        Scalar(
                            event.value,
                            event.tag,
                            event.style or None,
                            mark.line + 1,
                            mark.column + 1,
                        )
                    )
                else:
                    refuse_tag(event.tag, mark.line + 1, mark.column + 1)
                    attach(Refused(mark.line + 1, mark.column + 1))
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                node: Seq | Map = Map(line, col) if kind is mapping_start else Seq(line, col)
                if event.tag in allowed:
                    attach(node)
                else:  # still read its content (to stay in step), but keep it out of the tree
                    refuse_tag(event.tag, line, col)
                    attach(Refused(line, col))
                stack.append(node)
                if len(stack) > MAX_DEPTH:
                    return None, [*problems, too_deep(path, line, col)]
            elif kind is mapping_end or kind is sequence_end:
                stack.pop()
            elif kind is alias_event:
                mark = event.start_mark
                attach(Refused(mark.line + 1, mark.column + 1))
                if event.anchor in aliased:
                    continue  # one report per anchor: a bomb repeats the same few aliases
                aliased.add(event.anchor)
                problems.append(
                    Problem(
                        path,
                        mark.line + 1,
                        mark.column + 1,
                        "error",
                        f"aliases (*{event.anchor}) are not allowed in deck files",
                        "write the value out in full",
                    )
                )
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.append(
                        Problem(
                            path,
                            mark.line + 1,
                            mark.column + 1,
                            "error",
                            "a second YAML document ('---') in a deck file",
                            "one file holds one deck; put another deck in a file of its own",
                        )
                    )
                    return None, problems
            elif kind is events.StreamEndEvent:
                return root, problems
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMIT in (exc.problem or "") and exc.problem_mark is not None:
            # The parser's own depth limit (libyaml since PyYAML 6.0.4, at 1,000 levels) can
            # stop before our check sees level 41: its scanner reads up to 1,024 characters
            # ahead. Same refusal, where the parser stopped.
            mark = exc.problem_mark
            return None, [*problems, too_deep(path, mark.line + 1, mark.column + 1)]
        return None, [*problems, *syntax_problems(exc, text, path)]
    except yaml.reader.ReaderError as exc:
        line, col = position(text, exc.position)
        return None, [
            *problems,
            Problem(
                path,
                line,
                col,
                "error",
                f"a character that YAML does not allow in a file ({exc.reason})",
                "remove control characters; text may hold tabs and newlines only",
            ),
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error is one of the above
        return None, [*problems, Problem(path, 1, 1, "error", f"YAML error: {exc}")]
    finally:
        parser.dispose()


#: How libyaml words its own refusal of deep nesting ("exceeded maximum nesting depth").
_NESTING_LIMIT = "maximum nesting depth"


def too_deep(path: str, line: int, col: int) -> Problem:
    """The refusal of a file nested too deeply, whichever layer (ours or the parser's) saw it."""
    return Problem(
        path,
        line,
        col,
        "error",
        f"values are nested more than {MAX_DEPTH} levels deep",
        "a deck needs only a few levels (deck, cards, card, field): look for unclosed '[' or '{' "
        "or runaway indentation here",
    )
