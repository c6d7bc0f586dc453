"""The card-kind registry: one frozen entry per kind, consistent with the `Card` it describes."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.model import (
    COMMON_FIELDS,
    KIND_SPECS,
    REVERSE_VARIANT,
    Card,
    CardKind,
    Judge,
    kind_spec,
)
from quizapp.model.content_hash import HASH_LAYOUT


def test_every_kind_has_exactly_one_entry_under_its_own_name() -> None:
    assert list(KIND_SPECS) == list(CardKind)
    assert all(spec.kind is kind for kind, spec in KIND_SPECS.items())


def test_entries_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        kind_spec(CardKind.BASIC).required = ()  # type: ignore[misc]


@pytest.mark.parametrize("kind", list(CardKind))
def test_required_fields_are_fields_of_the_kind(kind: CardKind) -> None:
    spec = kind_spec(kind)
    assert set(spec.required) <= {*COMMON_FIELDS, *spec.fields}
    assert not set(spec.fields) & set(COMMON_FIELDS)


@pytest.mark.parametrize("kind", list(CardKind))
def test_hashed_fields_are_card_attributes_and_always_include_the_back(kind: CardKind) -> None:
    hashed = kind_spec(kind).hashed
    assert set(hashed) <= set(HASH_LAYOUT)
    assert "back" in hashed
    assert not {"id", "tags", "line", "id_derived"} & set(hashed)
    assert {f.name for f in dataclasses.fields(Card)} >= set(HASH_LAYOUT)


def test_the_kinds_asked_in_several_ways() -> None:
    cloze = Card(id="c", kind=CardKind.CLOZE, text="{{c2::b}} {{c1::a}} {{c2::c}}")
    assert cloze.variants() == ("c1", "c2")
    assert Card(id="r", kind=CardKind.REVERSE).variants() == ("", REVERSE_VARIANT)
    once = [k for k in CardKind if k not in (CardKind.CLOZE, CardKind.REVERSE)]
    assert all(Card(id="x", kind=k).variants() == ("",) for k in once)


def test_only_recall_kinds_are_self_graded_and_only_exercises_cannot_be_authored() -> None:
    self_graded = {k for k, s in KIND_SPECS.items() if s.judge is Judge.SELF}
    assert self_graded == {CardKind.BASIC, CardKind.REVERSE, CardKind.CLOZE}
    assert [k for k, s in KIND_SPECS.items() if not s.authorable] == [CardKind.EXERCISE]
