"""The deck format's rules: a composed YAML tree in, a `Deck` and every problem found out.

This module holds the deck-level rules (its fields, its cards' ids); one card's rules are in
`card_schema`, reading single values in `values`.

docs/decks.md is the prose version of this module; keep them in step. Validation goes on after
the first problem so that one run of `quizapp check` lists everything wrong with a file, each
problem at the line and column of the value (or field name) it is about.
"""

from __future__ import annotations

from quizapp.decks.card_schema import (
    KIND_FIELDS,
    NO_ID_HINT,
    NO_ID_WARNING,
    REQUIRED_FIELDS,
    CardKey,
    CardReader,
    SpecChecker,
)
from quizapp.decks.ids import ID_PATTERN, derive_id
from quizapp.decks.values import describe, did_you_mean
from quizapp.decks.yamltree import Map, Node, Refused, Scalar, Seq
from quizapp.model import COMMON_FIELDS, Card, Deck

__all__ = [
    "COMMON_FIELDS",
    "DECK_FIELDS",
    "ID_PATTERN",
    "KIND_FIELDS",
    "NO_ID_HINT",
    "NO_ID_WARNING",
    "REQUIRED_FIELDS",
    "CardKey",
    "DeckValidator",
    "SpecChecker",
    "derive_id",
]

DECK_FIELDS = ("deck", "title", "description", "tags", "scheduler", "cards")
_ALL_CARD_FIELDS = sorted({*COMMON_FIELDS, *(f for fs in KIND_FIELDS.values() for f in fs)})


class DeckValidator(CardReader):
    """Turns the tree of one deck file into a `Deck`, collecting every problem on the way."""

    def __init__(self, path: str, check_spec: SpecChecker | None = None) -> None:
        super().__init__(path, check_spec)
        #: Where the `deck:` id is (a clash of deck ids between files is reported there).
        self.deck_at = (0, 0)

    # -- the deck -------------------------------------------------------------------------------

    def deck(self, root: Node | None, content_hash: str) -> Deck | None:
        if root is None:
            self.error(
                (1, 1),
                "the file is empty",
                "a deck needs at least 'deck', 'title' and 'cards'; see docs/decks.md",
            )
            return None
        if isinstance(root, Refused):
            return None
        if not isinstance(root, Map):
            hint = (
                "put the cards under 'cards:' and add 'deck:' and 'title:' above"
                if isinstance(root, Seq)
                else "a deck starts with lines such as 'deck: my-deck' and 'title: My deck'"
            )
            self.error(root, f"a deck file must be a mapping of fields, not {describe(root)}", hint)
            return None
        fields = self.fields(root, "the deck")
        for name, (key, _) in fields.items():
            if name not in DECK_FIELDS:
                self.error(
                    key,
                    f"unknown deck field '{name}'",
                    "card fields go in a list entry under 'cards:' (check the indentation)"
                    if name in _ALL_CARD_FIELDS
                    else did_you_mean(name, DECK_FIELDS),
                )
        missing = [f"'{name}'" for name in ("deck", "title", "cards") if name not in fields]
        if missing:
            listed = (
                ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
            )
            self.error(root, f"missing {listed}: every deck needs deck, title and cards")

        deck_id = None
        if "deck" in fields:
            node = fields["deck"][1]
            self.deck_at = (node.line, node.col)
            deck_id = self.identifier(node, "deck id")
        title = self.text(fields["title"][1], "title") if "title" in fields else None
        description = ""
        if "description" in fields:
            description = self.text(fields["description"][1], "description", required=False) or ""
        tags = self.tags(fields["tags"][1]) if "tags" in fields else ()
        scheduler = self.scheduler(fields["scheduler"][1]) if "scheduler" in fields else None
        cards = self.cards(fields["cards"][1]) if "cards" in fields else None
        if self.errors or deck_id is None or title is None or cards is None:
            return None
        return Deck(
            id=deck_id,
            title=title.strip(),
            cards=cards,
            description=description.strip(),
            tags=tags,
            scheduler=scheduler,
            content_hash=content_hash,
        )

    def scheduler(self, node: Node) -> str | None:
        """The deck's `scheduler:`, one of the schedulers quizapp knows."""
        from quizapp.scheduling.registry import names

        name = self.text(node, "scheduler")
        if name is None:
            return None
        if name.strip() not in names():
            known = ", ".join(names())
            self.error(
                node,
                f"unknown scheduler {name.strip()!r}",
                f"use one of: {known} (or leave 'scheduler:' out: config.toml decides)",
            )
            return None
        return name.strip()

    def cards(self, node: Node) -> tuple[Card, ...] | None:
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Seq):
            self.error(node, f"'cards' must be a list of cards, not {describe(node)}")
            return None
        if not node.items:
            self.error(node, "the deck has no cards", "add at least one card under 'cards:'")
            return None
        cards: list[Card] = []
        first_line: dict[str, int] = {}
        for item in node.items:
            card, key = self.card(item)
            # A card with errors still claims its id: the clash is there whatever else is fixed.
            if key is not None and key.id in first_line:
                if key.derived:
                    self.error(
                        (item.line, item.col),
                        f"this card has no id and the same content as the card on line "
                        f"{first_line[key.id]} (both derive the id '{key.id}')",
                        "give each of them an 'id'",
                    )
                else:
                    self.error(
                        self._id_position(item),
                        f"duplicate card id '{key.id}' (first used on line {first_line[key.id]})",
                        "card ids must be unique within a deck",
                    )
                continue
            if key is not None:
                first_line[key.id] = item.line
            if card is not None:
                cards.append(card)
        return tuple(cards)

    @staticmethod
    def _id_position(item: Node) -> tuple[int, int]:
        if isinstance(item, Map):
            for key, value in item.pairs:
                if isinstance(key, Scalar) and key.value == "id":
                    return value.line, value.col
        return item.line, item.col
