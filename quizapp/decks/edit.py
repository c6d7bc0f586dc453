"""Writing deck files back: add ids to cards, append a card, and replace a file atomically.

A deck file is the learner's own text, kept in git, so an edit changes only what it must: the id
line it adds, or the new card's lines at the end of `cards:`. Every other line stays byte for byte
as it was (comments, quoting, blank lines, line endings). To get that, edits are made *textually*
at positions found by composing the YAML node tree (PyYAML's C composer: it keeps line and column
of every node, builds no Python objects from tags, and is fast on big decks); a full round-trip
dump would re-flow and re-quote things the learner wrote on purpose.

Each edit is checked before anything is written: the new text must parse, must hold what the edit
meant to put there, and must pass the deck loader with no errors. Writes go through
`atomic_write`, so a crash or a full disk leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

#: What a card id may be made of (docs/decks.md).
ID_PATTERN = re.compile(r"[A-Za-z0-9._-]+")


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


def make_card_id(
    text: str, taken: Collection[str], *, max_length: int = 40, fallback: str = "card"
) -> str:
    """A stable, readable id for a new card: a slug of its text, made unique among `taken`.

    ``"What does **bagging** stand for?"`` gives ``what-does-bagging-stand-for``; accents are
    dropped. Text with no Latin letters or digits (``배깅``) gives `fallback` (``card``), a dash
    and 8 hex digits of its sha256: the same text gets the same id in any file and any order of
    import (not ``card``, ``card-2``... by position). A clash gets ``-2``, ``-3``... The id is
    written into the file, so it never changes after that.
    """
    from quizapp.model import CLOZE_PATTERN

    text = CLOZE_PATTERN.sub(lambda m: m.group(2), text)  # a cloze's id reads as its sentence
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at a word boundary when one is near, so the id stays readable.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
        slug = slug.strip("-")
    if not slug:
        slug = f"{fallback}-{hashlib.sha256(text.strip().encode('utf-8')).hexdigest()[:8]}"
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


#: The kinds a card can be built from form fields (`quizapp add`, the TUI's add-card form);
#: exercise cards have too many fields for a form: they are written in the file.
KINDS = ("basic", "reverse", "cloze", "choice", "typed", "order")


class CardInputError(Exception):
    """The fields given do not make a card; the message says which field and what to do."""


def build_card(
    *,
    kind: str,
    front: str = "",
    back: str = "",
    text: str = "",
    choices: Sequence[str] = (),
    answer: str = "",
    accept: Sequence[str] = (),
    items: Sequence[str] = (),
    tags: Sequence[str] = (),
    card_id: str,
) -> dict[str, object]:
    """The card's fields as they go into the file, or `CardInputError` saying what is missing."""
    front, back, text, answer = front.strip(), back.strip(), text.strip(), answer.strip()
    card: dict[str, object] = {"id": card_id}
    if kind != "basic":
        card["kind"] = kind
    if kind not in KINDS:
        raise CardInputError(f"unknown kind {kind!r}; pick one of {', '.join(KINDS)}")
    if kind == "cloze":
        from quizapp.model import CLOZE_PATTERN

        if not text:
            raise CardInputError("a cloze card needs --text, e.g. 'Adam came out in {{c1::2014}}'")
        if not CLOZE_PATTERN.search(text):
            raise CardInputError("the cloze text has no deletion; mark one as {{c1::answer}}")
        card["text"] = text
    else:
        if not front:
            raise CardInputError(f"a {kind} card needs a front (--front)")
        card["front"] = front
    if kind in ("basic", "reverse") and not back:
        raise CardInputError(f"a {kind} card needs a back (--back)")
    if kind == "choice":
        options = [c.strip() for c in choices if c.strip()]
        if len(options) < 2:
            raise CardInputError("a choice card needs at least two options (--choice, repeated)")
        numbers = _choice_numbers(answer, len(options))
        card["choices"] = options
        card["answer"] = numbers[0] if len(numbers) == 1 else numbers
    elif kind == "typed":
        if not answer:
            raise CardInputError("a typed card needs the expected answer (--answer)")
        card["answer"] = answer
        others = [a.strip() for a in accept if a.strip()]
        if others:
            card["accept"] = others
    elif kind == "order":
        entries = [i.strip() for i in items if i.strip()]
        if len(entries) < 2:
            raise CardInputError("an order card needs at least two items (--item, repeated)")
        if len(set(entries)) != len(entries):
            raise CardInputError("an order card's items must all differ")
        card["items"] = entries
    if back:
        card["back"] = back
    clean_tags = [t.strip() for t in tags if t.strip()]
    if clean_tags:
        card["tags"] = clean_tags
    return card


def _choice_numbers(answer: str, count: int) -> list[int]:
    parts = [p for p in answer.replace(",", " ").split() if p]
    if not parts:
        raise CardInputError(f"a choice card needs --answer: the right option's number, 1–{count}")
    numbers: list[int] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= count:
            raise CardInputError(f"answer {part!r} is not an option number from 1 to {count}")
        if int(part) not in numbers:
            numbers.append(int(part))
    return numbers


# --- writing --------------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temp file in the same folder, fsync, then `os.replace`.

    Readers see the old file or the new one, never a truncated mix. A symlinked deck stays a
    symlink (its target is replaced), and an existing file keeps its permission bits.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    directory = target.parent
    try:
        mode: int | None = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            # mkstemp creates 0600; a new deck file should be as readable as any file the user
            # creates, so apply the usual default filtered by the umask.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    # Make the rename itself durable; not every platform lets a directory be opened.
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# --- reading and locating -------------------------------------------------------------------


class _Text:
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


def _read(path: Path) -> _Text:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EditError(f"{path}: no such deck file") from None
    except IsADirectoryError:
        raise EditError(f"{path}: is a folder; give a deck file (*.yaml)") from None
    except OSError as exc:
        raise EditError(f"{path}: cannot read the deck file: {exc.strerror}") from None
    return _Text(path, raw)


def _compose(text: str, path: Path) -> yaml.Node:
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
    _refuse_alias_bombs(node, budget=len(text) + 1_000, path=path)
    return node


def _refuse_alias_bombs(root: yaml.Node, budget: int, path: Path) -> None:
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


def _cards_node(root: yaml.Node, path: Path) -> tuple[yaml.SequenceNode, yaml.Node | None]:
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


def _keys(item: yaml.MappingNode) -> list[str]:
    import yaml

    return [k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)]


def _dash_line(lines: list[str], item: yaml.Node, dash_col: int) -> int:
    """0-based line of the `-` that opens a block sequence item (at or above the item's node)."""
    line = item.start_mark.line
    while line >= 0:
        text = lines[line] if line < len(lines) else ""
        if text[:dash_col].strip() == "" and text[dash_col : dash_col + 1] == "-":
            return line
        line -= 1
    return item.start_mark.line


def _safe_load(text: str) -> Any:
    """YAML to Python with the safe loader (PyYAML's C one when it is there): no tags, no code."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def _scalar_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    import yaml

    try:
        if _safe_load(f"k: {value}\n") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- validating -----------------------------------------------------------------------------


def _loader_errors(path: Path, text: str) -> tuple[str, ...]:
    """The deck loader's errors for `text` as if it were `path` (empty when it loads cleanly).

    The text is written to a private temp folder under the file's own name, so no folder scan
    sees a half-made deck and messages name the learner's file.
    """
    # Looked up at run time: edit.py landed before the loader, and must work either way.
    load_deck = getattr(importlib.import_module("quizapp.decks"), "load_deck", None)
    if load_deck is None:
        return ()
    with tempfile.TemporaryDirectory(prefix="quizapp-edit-") as folder:
        probe = Path(folder) / path.name
        probe.write_text(text, encoding="utf-8", newline="")
        result = load_deck(probe)
        errors: list[str] = []
        for problem in result.problems:
            if problem.severity != "error":
                continue
            line = f"{path}:{problem.line}:{problem.col}: error: {problem.message}"
            if problem.hint:
                line += f" ({problem.hint})"
            errors.append(line)
    return tuple(errors)


def _check_and_write(target: _Text, new_text: str, what: str) -> None:
    errors = _loader_errors(target.path, new_text)
    if errors:
        raise EditError(f"{target.path}: not written: {what} would leave the deck invalid", errors)
    # Someone (an editor, git) may have changed the file while we worked: do not overwrite that.
    try:
        current = target.path.read_bytes()
    except OSError:
        current = b""
    if current != target.raw:
        raise EditError(f"{target.path}: the file changed while it was being edited; try again")
    atomic_write(target.path, new_text.encode("utf-8"))


# --- add_ids --------------------------------------------------------------------------------


def add_ids(path: Path, ids: Mapping[int, str]) -> None:
    """Write ids into cards that have none. `ids` maps a card's line (1-based, as `Card.line`:
    the line of its `-` or of its first key) to the id to write.

    The id becomes the card's first key. For a block card only the card's first line changes
    (``- front: x`` becomes ``- id: ...`` and ``  front: x``); for a flow card (``- {front: x}``)
    ``id: ..., `` is inserted after the brace. Every other line is unchanged byte for byte.
    """
    import yaml

    path = Path(path)
    if not ids:
        return
    target = _read(path)
    cards, _ = _cards_node(_compose(target.joined(), path), path)
    dash_col = cards.start_mark.column

    by_line: dict[int, yaml.MappingNode] = {}
    for item in cards.value:
        if isinstance(item, yaml.MappingNode):
            by_line[item.start_mark.line + 1] = item
            if not cards.flow_style:
                by_line.setdefault(_dash_line(target.lines, item, dash_col) + 1, item)

    edits: dict[int, tuple[yaml.MappingNode, str]] = {}
    for line, new_id in ids.items():
        item = by_line.get(line)
        if item is None:
            raise EditError(f"{path}:{line}: no card starts on this line; run `quizapp check`")
        if not isinstance(new_id, str) or not ID_PATTERN.fullmatch(new_id):
            raise EditError(
                f"{path}:{line}: {new_id!r} is not a valid card id "
                "(letters, digits, '-', '_' and '.' only)"
            )
        if "id" in _keys(item):
            raise EditError(f"{path}:{line}: this card already has an id")
        if id(item) in edits:
            raise EditError(f"{path}:{line}: two ids given for the same card")
        edits[id(item)] = (item, new_id)

    lines = list(target.lines)
    # Bottom to top, so the positions of the cards still to edit stay valid.
    for item, new_id in sorted(edits.values(), key=lambda e: e[0].start_mark.index, reverse=True):
        _insert_id(lines, item, _scalar_text(new_id), target)
    new_text = "".join(lines)

    # The result must hold each id in the card it was meant for, and nothing else may move.
    new_cards, _ = _cards_node(_compose(new_text, path), path)
    if len(new_cards.value) != len(cards.value):
        raise EditError(f"{path}: adding ids changed the number of cards; nothing written")
    wanted = {cards.value.index(item): new_id for item, new_id in edits.values()}
    for index, new_id in wanted.items():
        node = new_cards.value[index]
        found = [v.value for k, v in node.value if k.value == "id"]
        if found != [new_id]:
            raise EditError(f"{path}: could not place id {new_id!r}; nothing written")
    _check_and_write(target, new_text, "adding ids")


def _insert_id(lines: list[str], item: yaml.MappingNode, id_text: str, target: _Text) -> None:
    row, col = item.start_mark.line, item.start_mark.column
    line = lines[row]
    where = f"{target.path}:{row + 1}"
    if item.flow_style:
        if line[col : col + 1] != "{":
            raise EditError(f"{where}: cannot find the card's opening brace")
        rest = line[col + 1 :]
        lines[row] = line[: col + 1] + f"id: {id_text}, " + rest.lstrip(" ")
        return
    prefix = line[:col]
    if prefix.strip() == "":
        # The card's first key starts its own line: the id goes on a new line above it.
        lines.insert(row, " " * col + f"id: {id_text}" + target.newline)
    elif set(prefix) <= {" ", "-"} and prefix.rstrip().endswith("-"):
        # `  - front: x` -> `  - id: ...` then `    front: x` (the key keeps its column).
        lines[row] = prefix + f"id: {id_text}" + target.newline + " " * col + line[col:]
    else:
        raise EditError(f"{where}: the card's layout is unusual; add `id: {id_text}` by hand")


# --- append_card ----------------------------------------------------------------------------


def append_card(path: Path, card: Mapping[str, object]) -> None:
    """Append `card` (plain values: str, int, float, bool, lists, mappings) at the end of the
    deck's `cards:` list, indented like the cards already there. The lines before and after the
    new card are unchanged byte for byte.
    """
    import yaml

    path = Path(path)
    if not isinstance(card, Mapping) or not card or not all(isinstance(k, str) for k in card):
        raise EditError(f"{path}: a card is a mapping of field names to values")
    target = _read(path)
    cards, following = _cards_node(_compose(target.joined(), path), path)
    if cards.flow_style or not cards.value:
        raise EditError(
            f"{path}:{cards.start_mark.line + 1}: `cards:` is written as a flow list ([...]); "
            "write it as a block list (one `- ` entry per card) to add cards"
        )
    dash_col = cards.start_mark.column
    first = cards.value[0]
    item_col = dash_col + 2
    if (
        isinstance(first, yaml.MappingNode)
        and not first.flow_style
        and _dash_line(target.lines, first, dash_col) == first.start_mark.line
    ):
        item_col = first.start_mark.column

    lines = list(target.lines)
    at = _end_of_cards(lines, following.start_mark.line if following else len(lines), dash_col)
    if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
        lines[at - 1] += target.newline

    block = render_card(card, dash_col=dash_col, item_col=item_col, newline=target.newline)
    if len(cards.value) > 1:
        # Follow the file's habit: cards set apart by a blank line get one before the new card.
        above = _dash_line(target.lines, cards.value[-1], dash_col) - 1
        while above >= 0 and target.lines[above].lstrip()[:1] == "#":
            above -= 1
        if above >= 0 and not target.lines[above].strip():
            block = target.newline + block
    lines[at:at] = block.splitlines(keepends=True)
    new_text = "".join(lines)

    # The result must read back as the old cards, unchanged, then the new card as asked.
    old_cards = _safe_cards(target.joined())
    new_cards = _safe_cards(new_text)
    if old_cards is None or new_cards is None or new_cards != [*old_cards, _plain(card)]:
        raise EditError(f"{path}: the card could not be appended cleanly; nothing written")
    _check_and_write(target, new_text, "this card")


def _safe_cards(text: str) -> list[Any] | None:
    import yaml

    try:
        data = _safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        return None
    cards: list[Any] = data["cards"]
    return cards


def _end_of_cards(lines: list[str], limit: int, dash_col: int) -> int:
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


def _plain(value: object) -> Any:
    """`value` as PyYAML reads it back: tuples become lists, mappings dicts."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def render_card(
    card: Mapping[str, object], *, dash_col: int = 2, item_col: int = 4, newline: str = "\n"
) -> str:
    """A card as block YAML lines: ``- key: value`` with the dash at `dash_col` and keys at
    `item_col`. Multi-line text becomes a literal block (``|``); short lists and small mappings
    of plain values are written inline (``tags: [a, b]``), as docs/decks.md writes them.
    """
    import yaml

    class CardDumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def represent_tuple(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
        return dumper.represent_list(list(data))

    class CardMapping(dict[str, Any]):
        """The card itself: always a block mapping, even when every value is plain."""

    def represent_card(dumper: yaml.SafeDumper, data: CardMapping) -> yaml.MappingNode:
        node = dumper.represent_dict(data)
        node.flow_style = False
        return node

    CardDumper.add_representer(str, represent_str)
    CardDumper.add_representer(tuple, represent_tuple)
    CardDumper.add_representer(CardMapping, represent_card)
    indent = min(max(item_col - dash_col, 2), 9)
    try:
        dumped = yaml.dump(
            [CardMapping(_plain(card))],
            Dumper=CardDumper,
            default_flow_style=None,
            sort_keys=False,
            allow_unicode=True,
            width=1_000_000,
            indent=indent,
        )
    except yaml.YAMLError as exc:
        raise EditError(f"cannot write this card as YAML: {exc}") from None
    pad = " " * dash_col
    out = [(pad + line if line.strip() else line) for line in dumped.splitlines()]
    return newline.join(out) + newline
