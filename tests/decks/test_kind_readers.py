"""The loader has its own checks for every card kind of the core's registry."""

from __future__ import annotations

from quizapp.decks.card_schema import KIND_FIELDS, KIND_READERS, REQUIRED_FIELDS
from quizapp.model import KIND_SPECS, CardKind


def test_every_kind_has_a_reader() -> None:
    assert set(KIND_READERS) == set(CardKind)


def test_the_field_tables_are_the_registrys() -> None:
    assert {kind: spec.fields + spec.settings for kind, spec in KIND_SPECS.items()} == KIND_FIELDS
    assert {kind: spec.required for kind, spec in KIND_SPECS.items()} == REQUIRED_FIELDS
    # As docs/decks.md lists them.
    assert KIND_FIELDS[CardKind.TYPED] == ("front", "answer", "accept")
    assert REQUIRED_FIELDS[CardKind.TYPED] == ("front", "answer")
    assert KIND_FIELDS[CardKind.CHOICE] == ("front", "choices", "answer", "shuffle")
