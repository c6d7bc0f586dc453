"""A deck file's text and where things are in it, for edits that change only what they must.

The positions come from PyYAML's C composer (line and column of every node, no Python objects
built from tags); `EditError` says what keeps a file from being edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml


class EditError(Exception):
    """A deck file cannot be edited as asked; the message says which file, what, and what to do.

    `problems` holds the loader's error lines (``path:line:col: error: ...``) when the edit would
    have made the deck invalid.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        text = super().__str__()
        return "\n".join([text, *("  " + p for p in self.problems)])


class DeckText:
    """A deck file's text split into lines (line endings kept), and how it ends its lines."""

    def __init__(self, path: Path, raw: bytes) -> None:
        self.path = path
        self.raw = raw
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EditError(
                f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 and retry"
            ) from None
        self.lines = text.splitlines(keepends=True)
        first = self.lines[0] if self.lines else ""
        self.newline = "\r\n" if first.endswith("\r\n") else "\n"

    def joined(self) -> str:
        return "".join(self.lines)


def read_deck_text(path: Path) -> DeckText:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EditError(f"{path}: no such deck file") from None
    except IsADirectoryError:
        raise EditError(f"{path}: is a folder; give a deck file (*.yaml)") from None
    except OSError as exc:
        raise EditError(f"{path}: cannot read the deck file: {exc.strerror}") from None
    return DeckText(path, raw)


def compose_nodes(text: str, path: Path) -> yaml.Node:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditError(
            f"{where}: not valid YAML ({problem}); run `quizapp check {path}` and fix it first"
        ) from None
    if node is None:
        raise EditError(f"{path}: the file is empty; start one with `quizapp new {path}`")
    refuse_alias_bombs(node, budget=len(text) + 1_000, path=path)
    return node


def refuse_alias_bombs(root: yaml.Node, budget: int, path: Path) -> None:
    """Refuse a tree that expands far beyond its text (aliases of aliases, "billion laughs").

    Without aliases a tree has fewer nodes than its text has characters; the checks after an
    edit read the whole deck back, which must not take exponential time.
    """
    import yaml

    stack: list[yaml.Node] = [root]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > budget:
            raise EditError(
                f"{path}: the deck expands far beyond its size through YAML aliases (&/*); "
                "write the cards out in full"
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


def cards_node(root: yaml.Node, path: Path) -> tuple[yaml.SequenceNode, yaml.Node | None]:
    """The `cards:` sequence, and the top-level key that follows it (None when it is last)."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        raise EditError(f"{path}: a deck file is a mapping with `deck:`, `title:` and `cards:`")
    for index, (key, value) in enumerate(root.value):
        if isinstance(key, yaml.ScalarNode) and key.value == "cards":
            if not isinstance(value, yaml.SequenceNode):
                line = value.start_mark.line + 1
                raise EditError(f"{path}:{line}: `cards:` must be a list of cards")
            following = root.value[index + 1][0] if index + 1 < len(root.value) else None
            return value, following
    raise EditError(f"{path}: the deck has no `cards:` list")


def mapping_keys(item: yaml.MappingNode) -> list[str]:
    import yaml

    return [k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)]


def dash_line(lines: list[str], item: yaml.Node, dash_col: int) -> int:
    """0-based line of the `-` that opens a block sequence item (at or above the item's node)."""
    line = item.start_mark.line
    while line >= 0:
        text = lines[line] if line < len(lines) else ""
        if text[:dash_col].strip() == "" and text[dash_col : dash_col + 1] == "-":
            return line
        line -= 1
    return item.start_mark.line


def end_of_cards(lines: list[str], limit: int, dash_col: int) -> int:
    """Where a new card goes: after the last card and the comments glued to it (no blank line
    between), but before a blank line or an outer comment that opens what follows (the next
    top-level key, or the file's closing remarks)."""
    start = limit
    while start > 0 and (
        lines[start - 1].strip() == "" or lines[start - 1].lstrip().startswith("#")
    ):
        start -= 1
    for offset, line in enumerate(lines[start:limit]):
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() == "" or indent < dash_col:
            return start + offset
    return limit
