"""The JSON cache of validated decks: a hit skips parsing, an edit misses, damage is survived."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quizapp.decks import load_deck, load_decks, loader
from quizapp.decks.cache import Entry

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "decks" / "every-kind.yaml"
    path.parent.mkdir()
    shutil.copy(HERE / "good" / "every-kind.yaml", path)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the loader really parsed (a cache hit parses nothing)."""
    seen: list[str] = []
    real = loader.parse_deck

    def counting(
        data: bytes, path: str, digest: str | None = None, *, check_exercises: bool = True
    ) -> Entry:
        seen.append(path)
        return real(data, path, digest, check_exercises=check_exercises)

    monkeypatch.setattr(loader, "parse_deck", counting)
    return seen


def test_a_hit_gives_the_same_deck_without_parsing(
    deck_file: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    cold = load_deck(deck_file, cache_dir=cache_dir)
    assert parses == [str(deck_file)]
    assert len(list(cache_dir.glob("deck-*.json"))) == 1
    warm = load_deck(deck_file, cache_dir=cache_dir)
    assert parses == [str(deck_file)]  # not parsed again
    assert warm == cold
    assert warm.deck is not None and warm.deck.cards == cold.deck.cards  # type: ignore[union-attr]
    # The warning about the card without an id survives the cache.
    assert [p.message for p in warm.problems] == [
        "card has no id; editing it will reset its progress"
    ]


def test_the_cache_is_keyed_by_content_not_path(
    deck_file: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    load_deck(deck_file, cache_dir=cache_dir)
    moved = tmp_path / "moved.yaml"
    shutil.copy(deck_file, moved)
    result = load_deck(moved, cache_dir=cache_dir)
    assert parses == [str(deck_file)]
    assert result.deck is not None and result.deck.path == str(moved)
    assert {p.path for p in result.problems} == {str(moved)}


def test_an_edit_misses(deck_file: Path, tmp_path: Path, parses: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    load_deck(deck_file, cache_dir=cache_dir)
    text = deck_file.read_text(encoding="utf-8")
    deck_file.write_text(text.replace("Boosting\n", "Gradient boosting\n"), encoding="utf-8")
    result = load_deck(deck_file, cache_dir=cache_dir)
    assert parses == [str(deck_file), str(deck_file)]
    assert result.deck is not None
    card = result.deck.card("term-boosting")
    assert card is not None and card.front == "Gradient boosting"


def test_a_broken_file_is_cached_with_its_problems(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("deck: d\ntitle: T\ncards:\n  - {id: a, front: Q, bakc: A}\n", "utf-8")
    first = load_deck(path, cache_dir=tmp_path / "cache")
    second = load_deck(path, cache_dir=tmp_path / "cache")
    assert len(parses) == 1
    assert second == first
    assert second.deck is None
    assert [str(p) for p in second.problems] == [
        f"{path}:4:23: error: unknown field 'bakc' (did you mean 'back'?)"
    ]


@pytest.mark.parametrize(
    "damage",
    ["", "{not json", "[]", '{"format": 999}', "\x00\x01garbage"],
    ids=["empty", "truncated", "list", "old-format", "binary"],
)
def test_a_damaged_entry_is_validated_afresh_and_replaced(
    deck_file: Path, tmp_path: Path, parses: list[str], damage: str
) -> None:
    cache_dir = tmp_path / "cache"
    good = load_deck(deck_file, cache_dir=cache_dir)
    (entry,) = cache_dir.glob("deck-*.json")
    entry.write_text(damage, encoding="utf-8")
    assert load_deck(deck_file, cache_dir=cache_dir) == good
    assert len(parses) == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] >= 1
    assert load_deck(deck_file, cache_dir=cache_dir) == good
    assert len(parses) == 2  # the rewritten entry is used


def test_a_wrongly_shaped_card_row_is_a_miss(
    deck_file: Path, tmp_path: Path, parses: list[str]
) -> None:
    cache_dir = tmp_path / "cache"
    good = load_deck(deck_file, cache_dir=cache_dir)
    (entry,) = cache_dir.glob("deck-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["deck"]["cards"][0] = data["deck"]["cards"][0][:-1]
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_deck(deck_file, cache_dir=cache_dir) == good
    assert len(parses) == 2


def test_an_entry_made_without_the_exercise_registry_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    path = tmp_path / "exercise.yaml"
    path.write_text(
        "deck: d\ntitle: T\ncards:\n"
        "  - {id: a, kind: exercise, front: Q, generator: no_such_generator}\n",
        encoding="utf-8",
    )
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(loader, "spec_checker", lambda: None)
    unchecked = load_deck(path, cache_dir=cache_dir)
    assert unchecked.deck is not None  # nothing could check the generator's name
    assert load_deck(path, cache_dir=cache_dir).deck is not None
    assert len(parses) == 1
    monkeypatch.undo()
    monkeypatch.setattr(loader, "parse_deck", _counting(parses))
    checked = load_deck(path, cache_dir=cache_dir)
    assert len(parses) == 2
    assert checked.deck is None
    assert checked.problems[0].message == "unknown exercise generator 'no_such_generator'"


def _counting(seen: list[str]) -> object:
    real = loader.parse_deck

    def counting(
        data: bytes, path: str, digest: str | None = None, *, check_exercises: bool = True
    ) -> Entry:
        seen.append(path)
        return real(data, path, digest, check_exercises=check_exercises)

    return counting


def test_an_unwritable_cache_only_costs_speed(deck_file: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    result = load_deck(deck_file, cache_dir=blocked / "cache")
    assert result.deck is not None


def test_load_decks_uses_the_cache(deck_file: Path, tmp_path: Path, parses: list[str]) -> None:
    first = load_decks([deck_file.parent], cache_dir=tmp_path / "cache")
    second = load_decks([deck_file.parent], cache_dir=tmp_path / "cache")
    assert len(parses) == 1
    assert second == first


def test_a_load_without_exercise_checks_is_checked_again_by_a_full_load(tmp_path: Path) -> None:
    # `quizapp import` lists the deck ids in use without the exercise registry (numpy): a deck
    # whose only fault is an exercise's generator still counts, and its cache entry does not
    # spare the next full load the check.
    path = tmp_path / "exercise.yaml"
    path.write_text(
        "deck: d\ntitle: T\ncards:\n"
        "  - {id: a, kind: exercise, front: Q, generator: no_such_generator}\n",
        encoding="utf-8",
    )
    cache_dir = tmp_path / "cache"
    assert load_deck(path, cache_dir=cache_dir, check_exercises=False).deck is not None
    assert load_deck(path, cache_dir=cache_dir).deck is None
    assert load_deck(path, cache_dir=cache_dir, check_exercises=False).deck is None
