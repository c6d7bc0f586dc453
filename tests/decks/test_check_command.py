# ruff: noqa: E501 - the expected output lines are kept whole, as the learner sees them
"""`quizapp check` as a learner runs it: a subprocess on real files, its output and exit status.

The expected lines were written from the broken files in tests/decks/broken by counting lines
and columns by hand; one line per problem, no traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

#: `quizapp check tests/decks/broken`, path prefix removed; the generator line without its hint,
#: which lists the exercise registry's generators (owned elsewhere, and growing).
BROKEN = [
    "alias-bomb.yaml:3:1: error: unknown deck field 'a'",
    "alias-bomb.yaml:4:1: error: unknown deck field 'b'",
    "alias-bomb.yaml:4:8: error: aliases (*a) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:5:1: error: unknown deck field 'c'",
    "alias-bomb.yaml:5:8: error: aliases (*b) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:6:1: error: unknown deck field 'd'",
    "alias-bomb.yaml:6:8: error: aliases (*c) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:7:1: error: unknown deck field 'e'",
    "alias-bomb.yaml:7:8: error: aliases (*d) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:8:1: error: unknown deck field 'f'",
    "alias-bomb.yaml:8:8: error: aliases (*e) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:9:1: error: unknown deck field 'g'",
    "alias-bomb.yaml:9:8: error: aliases (*f) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:10:1: error: unknown deck field 'h'",
    "alias-bomb.yaml:10:8: error: aliases (*g) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:11:1: error: unknown deck field 'i'",
    "alias-bomb.yaml:11:8: error: aliases (*h) are not allowed in deck files (write the value out in full)",
    "alias-bomb.yaml:13:5: warning: card has no id; editing it will reset its progress (run `quizapp check --fix`)",
    "alias-bomb.yaml:14:11: error: aliases (*i) are not allowed in deck files (write the value out in full)",
    "bad-ids.yaml:1:7: error: deck id 'my deck' may hold only letters a-z, digits, '-', '_' and '.' (e.g. 'my-deck')",
    "bad-ids.yaml:4:9: error: card id 'my card' may hold only letters a-z, digits, '-', '_' and '.' (e.g. 'my-card')",
    "choice-out-of-range.yaml:8:13: error: answer 5 is out of range: there are 4 choices (choices count from 1)",
    "choice-out-of-range.yaml:13:14: error: answer 0 is out of range: there are 2 choices (choices count from 1)",
    "cloze-without-deletions.yaml:6:11: error: a cloze card needs at least one deletion (mark each blank as {{c1::answer}}; blanks sharing a number are asked together)",
    "cloze-without-deletions.yaml:9:11: error: malformed deletion '{{c1:2014}}' (write {{c1::answer}} or {{c1::answer::hint}})",
    "derived-duplicate.yaml:4:5: warning: card has no id; editing it will reset its progress (run `quizapp check --fix`)",
    "derived-duplicate.yaml:6:5: warning: card has no id; editing it will reset its progress (run `quizapp check --fix`)",
    "derived-duplicate.yaml:6:5: error: this card has no id and the same content as the card on line 4 (both derive the id 'what-is-bagging-9f89792edf') (give each of them an 'id')",
    "duplicate-deck-b.yaml:1:7: error: deck id 'shared-id' is already used by tests/decks/broken/duplicate-deck-a.yaml (every deck file needs its own deck id; this file was skipped)",
    "duplicate-field.yaml:6:5: error: field 'front' appears twice in this card (first on line 5) (keep one of them)",
    "duplicate-ids.yaml:7:9: error: duplicate card id 'adam' (first used on line 4) (card ids must be unique within a deck)",
    "duplicates-among-errors.yaml:6:5: error: unknown field 'bakc' (did you mean 'back'?)",
    "duplicates-among-errors.yaml:7:9: error: duplicate card id 'adam' (first used on line 4) (card ids must be unique within a deck)",
    "duplicates-among-errors.yaml:11:13: error: answer 3 is out of range: there are 2 choices (choices count from 1)",
    "duplicates-among-errors.yaml:12:9: error: duplicate card id 'adam' (first used on line 4) (card ids must be unique within a deck)",
    "duplicates-among-errors.yaml:13:11: error: unknown card kind 'clozee' (did you mean 'cloze'?)",
    "duplicates-among-errors.yaml:15:9: error: card id 'bagging 1' may hold only letters a-z, digits, '-', '_' and '.' (e.g. 'bagging-1')",
    "duplicates-among-errors.yaml:17:11: error: 'back' is empty",
    "duplicates-among-errors.yaml:19:11: error: 'back' must be text, not a list (quote text holding ': ' or starting with '[', '{', '-'; use | for several lines)",
    "duplicates-among-errors.yaml:20:5: error: this card has no id and the same content as the card on line 18 (both derive the id 'what-is-bagging-9f89792edf') (give each of them an 'id')",
    "duplicates-among-errors.yaml:22:11: error: 'tags' must be a list, not 'bagging' (write a list: [bagging])",
    "empty-text.yaml:5:12: error: 'front' is empty",
    "empty-text.yaml:9:10: error: 'back' is empty",
    "empty.yaml:1:1: error: the file is empty (a deck needs at least 'deck', 'title' and 'cards'; see docs/decks.md)",
    "exercise-bad.yaml:7:16: error: unknown exercise generator 'adam_stepp'",
    "exercise-bad.yaml:12:13: error: 'params' must be a mapping of parameter names to values, not a list",
    "exercise-bad.yaml:13:10: error: 'ask' must be a list, not 'm' (write a list: [m])",
    "exercise-bad.yaml:14:22: error: 'tolerance.rel' must be a number ≥ 0, not -0.1",
    "exercise-bad.yaml:14:28: error: unknown tolerance 'abss' (did you mean 'abs'?)",
    "missing-deck-fields.yaml:1:1: error: missing 'deck', 'title' and 'cards': every deck needs deck, title and cards",
    "missing-front-back.yaml:4:5: error: missing 'front': a basic card needs 'front' and 'back'",
    "missing-front-back.yaml:6:5: error: missing 'back': a basic card needs 'front' and 'back'",
    "not-utf8.yaml:4:15: error: the file is not UTF-8 text (byte 0xe9 at offset 57) (save the file as UTF-8 in your editor)",
    "order-too-few.yaml:8:7: error: an order card needs at least two items, not 1 (list the items in their right order)",
    "python-tag.yaml:5:12: error: the YAML tag '!!python/object/apply:os.system' is not allowed in deck files (deck files hold plain text, numbers, lists and mappings; remove the tag)",
    "syntax.yaml:5:15: error: YAML syntax error: mapping values are not allowed in this context (a value holding ': ' must be quoted, e.g. front: \"Q: why?\")",
    "tabs.yaml:5:1: error: a tab in the indentation (YAML indents with spaces only) (replace the tab with spaces; most editors can do it for the whole file)",
    "top-level-list.yaml:1:1: error: a deck file must be a mapping of fields, not a list (put the cards under 'cards:' and add 'deck:' and 'title:' above)",
    "two-documents.yaml:5:1: error: a second YAML document ('---') in a deck file (one file holds one deck; put another deck in a file of its own)",
    "unknown-field.yaml:6:5: error: unknown field 'bakc' (did you mean 'back'?)",
    "unknown-field.yaml:10:5: error: field 'choices' is not used by basic cards (it belongs to choice cards: set 'kind: choice')",
    "unknown-field.yaml:11:1: error: unknown deck field 'titel' (did you mean 'title'?)",
    "unknown-kind.yaml:5:11: error: unknown card kind 'clozee' (did you mean 'cloze'?)",
    "wrong-types.yaml:2:8: error: 'title' must be text, not a list (quote text holding ': ' or starting with '[', '{', '-'; use | for several lines)",
    "wrong-types.yaml:3:7: error: 'tags' must be a list, not 'adam' (write a list: [adam])",
    "wrong-types.yaml:6:7: error: 'front' must be text, not a mapping (quote text holding ': ' or starting with '[', '{', '-'; use | for several lines)",
    "wrong-types.yaml:8:5: error: a card must be a mapping of fields, not 'just a string, not a card' (write a card as 'front: ...' and 'back: ...' lines after the '-')",
]


def _check(*args: str, home: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZAPP_HOME": str(home)}
    env.pop("QUIZAPP_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_broken_decks_one_precise_message_per_problem(tmp_path: Path) -> None:
    result = _check("tests/decks/broken", home=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    prefix = "tests/decks/broken/"
    assert all(line.startswith(prefix) for line in lines[:-1])
    shown = [line.removeprefix(prefix) for line in lines[:-1]]
    generator = next(i for i, line in enumerate(shown) if "adam_stepp" in line)
    assert shown[generator].startswith(BROKEN[generator] + " (did you mean 'adam_step'?")
    shown[generator] = BROKEN[generator]
    assert shown == BROKEN
    assert (
        lines[-1] == "1 deck, 1 card (basic 1); 64 errors, 3 warnings; 24 files with errors skipped"
    )


def test_every_broken_file_is_refused() -> None:
    from quizapp.decks import load_deck

    for path in sorted((HERE / "broken").glob("*.yaml")):
        result = load_deck(path)
        if path.name == "duplicate-deck-a.yaml":  # broken only next to its twin
            assert result.deck is not None
            continue
        assert result.deck is None or path.name == "duplicate-deck-b.yaml", path.name
        assert any(p.severity == "error" for p in result.problems) or path.name.startswith(
            "duplicate-deck"
        ), path.name


def test_good_decks_pass_with_a_summary(tmp_path: Path) -> None:
    result = _check("tests/decks/good", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "tests/decks/good/every-kind.yaml:68:5: warning: card has no id; editing it will reset "
        "its progress (run `quizapp check --fix`)",
        "1 deck, 10 cards (basic 2, choice 2, cloze 1, exercise 1, order 1, reverse 1, typed 2); "
        "1 warning",
    ]


def test_the_bundled_decks_are_the_default(tmp_path: Path) -> None:
    result = _check(home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("4 decks, ")
    assert result.stdout.splitlines()[-1].endswith("; no problems")


def test_a_missing_path(tmp_path: Path) -> None:
    result = _check(str(tmp_path / "nowhere.yaml"), home=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'nowhere.yaml'}: error: no such file or folder (check the path)",
        "0 decks, 0 cards; 1 error; 1 file with errors skipped",
    ]


def test_fix_writes_the_derived_ids_and_keeps_the_rest(tmp_path: Path) -> None:
    deck = tmp_path / "every-kind.yaml"
    shutil.copy(HERE / "good" / "every-kind.yaml", deck)
    before = deck.read_text(encoding="utf-8").splitlines()
    result = _check(str(deck), "--fix", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{deck}: wrote 1 card id",
        "1 deck, 10 cards (basic 2, choice 2, cloze 1, exercise 1, order 1, reverse 1, typed 2); "
        "no problems",
    ]
    after = deck.read_text(encoding="utf-8").splitlines()
    # The card on line 68 gets its derived id (worked out in test_load.py); nothing else moves.
    assert after == [
        *before[:67],
        "  - id: a-card-without-an-id-3f7b8000ea",
        "    front: A card without an id",
        *before[68:],
    ]


def test_fix_leaves_files_with_errors_alone(tmp_path: Path) -> None:
    deck = tmp_path / "broken.yaml"
    text = "deck: d\ntitle: T\ncards:\n  - front: Q\n    back: A\n  - front: Q2\n"
    deck.write_text(text, encoding="utf-8")
    result = _check(str(deck), "--fix", home=tmp_path)
    assert result.returncode == 1
    assert deck.read_text(encoding="utf-8") == text
    assert f"{deck}: ids not written: fix the errors in this file first" in result.stdout
