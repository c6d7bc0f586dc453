"""Cards as YAML text: the lines of a new card, plain scalars, and reading YAML back safely."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from quizapp.decks.filetext import EditError


def safe_load(text: str) -> Any:
    """YAML to Python with the safe loader (PyYAML's C one when it is there): no tags, no code."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def scalar_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    import yaml

    try:
        if safe_load(f"k: {value}\n") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def safe_cards(text: str) -> list[Any] | None:
    import yaml

    try:
        data = safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        return None
    cards: list[Any] = data["cards"]
    return cards


def plain(value: object) -> Any:
    """`value` as PyYAML reads it back: tuples become lists, mappings dicts."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def render_card(
    card: Mapping[str, object], *, dash_col: int = 2, item_col: int = 4, newline: str = "\n"
) -> str:
    """A card as block YAML lines: ``- key: value`` with the dash at `dash_col` and keys at
    `item_col`. Multi-line text becomes a literal block (``|``); short lists and small mappings
    of plain values are written inline (``tags: [a, b]``), as docs/decks.md writes them.
    """
    return render_cards([card], dash_col=dash_col, item_col=item_col, newline=newline)


def render_cards(
    cards: Sequence[Mapping[str, object]],
    *,
    dash_col: int = 2,
    item_col: int = 4,
    newline: str = "\n",
    fast: bool = False,
) -> str:
    """Many cards as `render_card` writes each, in one pass of the YAML writer.

    `fast` uses PyYAML's C emitter when it is there (an import of 100,000 rows spends most of
    its time writing YAML otherwise); the text reads back the same, and its layout matches
    except in rare choices of quoting.
    """
    import yaml

    base: Any = yaml.SafeDumper
    if fast and getattr(yaml, "__with_libyaml__", False):
        base = yaml.CSafeDumper

    class CardDumper(base):  # type: ignore[misc]
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
            [CardMapping(plain(card)) for card in cards],
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
    return newline.join(out) + newline if out else ""
