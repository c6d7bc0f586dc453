"""Editing deck files in place: add ids to cards (`add_ids`), append a card (`append_card`).

The pieces live beside it: `filetext` finds positions in the text, `render` writes a card as
YAML, `atomic` replaces the file, `ids` makes card ids (their public names are re-exported here,
where the callers have always found them); `authoring` builds a card from form fields and calls
`append_card`.

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

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.decks.atomic import atomic_write
from quizapp.decks.filetext import (
    DeckText,
    EditError,
    cards_node,
    compose_nodes,
    dash_line,
    end_of_cards,
    mapping_keys,
    read_deck_text,
)
from quizapp.decks.ids import ID_PATTERN, make_card_id
from quizapp.decks.render import plain, render_card, safe_cards, scalar_text

if TYPE_CHECKING:
    import yaml

__all__ = [
    "ID_PATTERN",
    "EditError",
    "add_ids",
    "append_card",
    "atomic_write",
    "make_card_id",
    "render_card",
]


# --- validating -----------------------------------------------------------------------------


def _loader_errors(path: Path, text: str) -> tuple[str, ...]:
    """The deck loader's errors for `text` as if it were `path` (empty when it loads cleanly).

    The text is written to a private temp folder under the file's own name, so no folder scan
    sees a half-made deck and messages name the learner's file.
    """
    from quizapp.decks.loader import load_deck

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


def _check_and_write(target: DeckText, new_text: str, what: str) -> None:
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
    target = read_deck_text(path)
    cards, _ = cards_node(compose_nodes(target.joined(), path), path)
    dash_col = cards.start_mark.column

    by_line: dict[int, yaml.MappingNode] = {}
    for item in cards.value:
        if isinstance(item, yaml.MappingNode):
            by_line[item.start_mark.line + 1] = item
            if not cards.flow_style:
                by_line.setdefault(dash_line(target.lines, item, dash_col) + 1, item)

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
        if "id" in mapping_keys(item):
            raise EditError(f"{path}:{line}: this card already has an id")
        if id(item) in edits:
            raise EditError(f"{path}:{line}: two ids given for the same card")
        edits[id(item)] = (item, new_id)

    lines = list(target.lines)
    # Bottom to top, so the positions of the cards still to edit stay valid.
    for item, new_id in sorted(edits.values(), key=lambda e: e[0].start_mark.index, reverse=True):
        _insert_id(lines, item, scalar_text(new_id), target)
    new_text = "".join(lines)

    # The result must hold each id in the card it was meant for, and nothing else may move.
    new_cards, _ = cards_node(compose_nodes(new_text, path), path)
    if len(new_cards.value) != len(cards.value):
        raise EditError(f"{path}: adding ids changed the number of cards; nothing written")
    wanted = {cards.value.index(item): new_id for item, new_id in edits.values()}
    for index, new_id in wanted.items():
        node = new_cards.value[index]
        found = [v.value for k, v in node.value if k.value == "id"]
        if found != [new_id]:
            raise EditError(f"{path}: could not place id {new_id!r}; nothing written")
    _check_and_write(target, new_text, "adding ids")


def _insert_id(lines: list[str], item: yaml.MappingNode, id_text: str, target: DeckText) -> None:
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
    target = read_deck_text(path)
    cards, following = cards_node(compose_nodes(target.joined(), path), path)
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
        and dash_line(target.lines, first, dash_col) == first.start_mark.line
    ):
        item_col = first.start_mark.column

    lines = list(target.lines)
    at = end_of_cards(lines, following.start_mark.line if following else len(lines), dash_col)
    if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
        lines[at - 1] += target.newline

    block = render_card(card, dash_col=dash_col, item_col=item_col, newline=target.newline)
    if len(cards.value) > 1:
        # Follow the file's habit: cards set apart by a blank line get one before the new card.
        above = dash_line(target.lines, cards.value[-1], dash_col) - 1
        while above >= 0 and target.lines[above].lstrip()[:1] == "#":
            above -= 1
        if above >= 0 and not target.lines[above].strip():
            block = target.newline + block
    lines[at:at] = block.splitlines(keepends=True)
    new_text = "".join(lines)

    # The result must read back as the old cards, unchanged, then the new card as asked.
    old_cards = safe_cards(target.joined())
    new_cards = safe_cards(new_text)
    if old_cards is None or new_cards is None or new_cards != [*old_cards, plain(card)]:
        raise EditError(f"{path}: the card could not be appended cleanly; nothing written")
    _check_and_write(target, new_text, "this card")
