"""The loader reads every card kind as docs/decks.md describes it, and reports problems precisely.

Expected values are written out by hand from the fixture files (tests/decks/good, broken).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quizapp.decks import DeckSet, Problem, load_deck, load_decks
from quizapp.model import Card, CardKind, Deck, ExerciseSpec

HERE = Path(__file__).parent
EVERY_KIND = HERE / "good" / "every-kind.yaml"


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def deck() -> Deck:
    result = load_deck(EVERY_KIND)
    assert result.deck is not None, [str(p) for p in result.problems]
    return result.deck


def _card(deck: Deck, card_id: str) -> Card:
    card = deck.card(card_id)
    assert card is not None
    return card


def _write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    return [f"{p.line}:{p.col}: {p.severity}: {p.message}" for p in load_deck(path).problems]


# --- every kind, read right ----------------------------------------------------------------------


def test_deck_fields(deck: Deck) -> None:
    assert deck.id == "every-kind"
    assert deck.title == "Every kind of card"
    assert deck.description == "A deck that holds one card of each kind."
    assert deck.tags == ("fixture", "배깅")
    assert deck.path == str(EVERY_KIND)
    assert len(deck.content_hash) == 64
    assert [c.id for c in deck.cards][:3] == ["bagging-idea", "term-boosting", "adam-year"]
    assert len(deck.cards) == 10


def test_basic(deck: Deck) -> None:
    assert _card(deck, "bagging-idea") == Card(
        id="bagging-idea",
        kind=CardKind.BASIC,
        front="What does **bagging** stand for?",
        back="Bootstrap aggregating (배깅).",
        tags=("ensembles",),
        line=8,
    )


def test_reverse_is_asked_both_ways(deck: Deck) -> None:
    card = _card(deck, "term-boosting")
    assert (card.kind, card.front, card.back, card.line) == (
        CardKind.REVERSE,
        "Boosting",
        "부스팅",
        13,
    )
    assert [p.key for p in deck.prompts() if p.card is card] == [
        "term-boosting",
        "term-boosting#reverse",
    ]


def test_cloze(deck: Deck) -> None:
    card = _card(deck, "adam-year")
    assert card.kind is CardKind.CLOZE
    assert (
        card.text == "Adam was published by {{c1::Kingma}} and {{c1::Ba}} in {{c2::2014::a year}}."
    )
    assert card.back == '"Adam: A Method for Stochastic Optimization", arXiv:1412.6980.'
    assert card.front == ""
    assert card.variants() == ("c1", "c2")


def test_choice_one_and_several(deck: Deck) -> None:
    one = _card(deck, "bagging-reduces")
    assert one.choices == ("Bias", "Variance", "Noise", "Training time")
    assert one.correct == (1,)  # the file's 2, counted from 0
    several = _card(deck, "ensembles-several")
    assert several.choices == ("Bagging", "Boosting", "Random forest")
    assert several.correct == (0, 2)


def test_typed(deck: Deck) -> None:
    card = _card(deck, "term-bagging")
    assert (card.answer, card.accept) == ("bagging", ("배깅", "bootstrap aggregating"))
    # A number written plainly is the answer's text, as written.
    assert _card(deck, "year-typed").answer == "2014"


def test_order_keeps_file_order(deck: Deck) -> None:
    assert _card(deck, "milestones-2012-2015").items == (
        "AlexNet (2012)",
        "DQN on Atari (2013)",
        "Adam (2014)",
        "ResNet (2015)",
    )


def test_exercise_spec(deck: Deck) -> None:
    card = _card(deck, "adam-one-step")
    assert card.exercise == ExerciseSpec(
        generator="adam_step",
        params={
            "theta": {"range": [-1, 1], "step": 0.1},
            "grad": {"choices": [-0.5, 0.2, 0.4]},
            "t": 1,
            "lr": 0.1,
        },
        ask=("m", "v", "m_hat", "v_hat", "theta"),
        rel_tol=0.01,
        abs_tol=0.0001,
    )
    assert card.exercise is not None and card.exercise.params["theta"]["range"] == [-1, 1]


def test_derived_id_is_a_slug_and_a_content_hash(deck: Deck) -> None:
    card = deck.cards[-1]
    # sha256("basic\0A card without an id") starts 3f7b8000ea (worked out with sha256sum).
    assert card.id == "a-card-without-an-id-3f7b8000ea"
    assert card.id_derived and card.line == 68
    assert load_deck(EVERY_KIND).problems == [
        Problem(
            str(EVERY_KIND),
            68,
            5,
            "warning",
            "card has no id; editing it will reset its progress",
            "run `quizapp check --fix`",
        )
    ]


def test_basic_and_reverse_derive_the_same_id(tmp_path: Path) -> None:
    text = "deck: d\ntitle: T\ncards:\n  - {kind: %s, front: What is bagging?, back: B}\n"
    basic = load_deck(_write(tmp_path, text % "basic", "a.yaml")).deck
    reverse = load_deck(_write(tmp_path, text % "reverse", "b.yaml")).deck
    assert basic is not None and reverse is not None
    assert basic.cards[0].id == reverse.cards[0].id == "what-is-bagging-9f89792edf"


# --- text as written ------------------------------------------------------------------------------


def test_plain_scalars_stay_text(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: 2014\ntitle: yes\ncards:\n  - id: 1\n    front: no\n    back: 0.10\n",
    )
    result = load_deck(path)
    assert result.deck is not None
    assert (result.deck.id, result.deck.title) == ("2014", "yes")
    card = result.deck.cards[0]
    assert (card.id, card.front, card.back) == ("1", "no", "0.10")


def test_a_byte_order_mark_is_not_content(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfdeck: bom\ntitle: T\ncards:\n  - {id: a, front: F, back: B}\n")
    result = load_deck(path)
    assert result.deck is not None and result.deck.id == "bom"


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    # '  - {front: 배깅, ' is 16 characters (20 bytes in UTF-8): 'bakc' starts at column 17.
    path = _write(tmp_path, "deck: d\ntitle: T\ncards:\n  - {front: 배깅, bakc: x, id: a}\n")
    # 'back' is not reported missing as well: the hint already says where it went.
    assert _problems(path) == ["4:17: error: unknown field 'bakc'"]


def test_latex_in_double_quotes_is_warned_about(tmp_path: Path) -> None:
    path = _write(
        tmp_path, 'deck: d\ntitle: T\ncards:\n  - id: a\n    front: "$\\beta$"\n    back: B\n'
    )
    assert _problems(path) == [
        "5:12: warning: 'front' holds a control character made by a backslash escape"
    ]


# --- problems -------------------------------------------------------------------------------------


def test_problem_text() -> None:
    assert str(
        Problem("d.yaml", 3, 7, "error", "unknown field 'bakc'", "did you mean 'back'?")
    ) == ("d.yaml:3:7: error: unknown field 'bakc' (did you mean 'back'?)")
    assert str(Problem("d.yaml", 0, 0, "error", "no such file")) == "d.yaml: error: no such file"
    assert str(Problem("d.yaml", 4, 0, "warning", "w")) == "d.yaml:4: warning: w"


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: d\n"
        "title: T\n"
        "cards:\n"
        "  - id: a\n"
        "    front: Q\n"
        "    bakc: A\n"
        "  - id: b\n"
        "    kind: choice\n"
        "    front: Q\n"
        "    choices: [x, y]\n"
        "    answer: 3\n"
        "  - id: a\n"
        "    kind: order\n"
        "    front: Q\n"
        "    items: [one]\n",
    )
    assert _problems(path) == [
        "6:5: error: unknown field 'bakc'",
        "11:13: error: answer 3 is out of range: there are 2 choices",
        "12:9: error: duplicate card id 'a' (first used on line 4)",
        "15:12: error: an order card needs at least two items, not 1",
    ]
    assert load_deck(path).deck is None


def test_duplicate_ids_are_found_among_valid_cards(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: d\ntitle: T\ncards:\n"
        "  - {id: a, front: Q1, back: A}\n"
        "  - {id: b, front: Q2, back: A}\n"
        "  - {id: a, front: Q3, back: A}\n",
    )
    assert _problems(path) == ["6:10: error: duplicate card id 'a' (first used on line 4)"]


def test_a_duplicate_id_is_found_on_a_card_with_other_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: dup\n"
        "title: Dup\n"
        "cards:\n"
        "  - id: a\n"
        "    front: Q1\n"
        "    back: A1\n"
        "  - id: a\n"
        "    kind: choice\n"
        "    front: Pick\n"
        "    choices: [x, y]\n"
        "    answer: 3\n",
    )
    result = load_deck(path)
    assert [(p.line, p.col, p.severity, p.message, p.hint) for p in result.problems] == [
        (
            7,
            9,
            "error",
            "duplicate card id 'a' (first used on line 4)",
            "card ids must be unique within a deck",
        ),
        (11, 13, "error", "answer 3 is out of range: there are 2 choices", "choices count from 1"),
    ]
    assert result.deck is None


def test_a_card_with_errors_claims_its_id_for_the_cards_after_it(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: dup\n"
        "title: Dup\n"
        "cards:\n"
        "  - id: a\n"
        "    kind: choice\n"
        "    front: Pick\n"
        "    choices: [x, y]\n"
        "    answer: 3\n"
        "  - id: a\n"
        "    front: Q1\n"
        "    back: A1\n",
    )
    assert _problems(path) == [
        "8:13: error: answer 3 is out of range: there are 2 choices",
        "9:9: error: duplicate card id 'a' (first used on line 4)",
    ]


def test_cards_without_ids_clash_on_content_despite_other_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: d\ntitle: T\ncards:\n"
        "  - {front: What is bagging?, back: [A]}\n"
        "  - {front: What is bagging?, back: A, bakc: A}\n"
        "  - {kind: exercise, front: One step, generator: nope, tolerance: {rel: -1}}\n"
        "  - {kind: exercise, front: One step, generator: nope, ask: m}\n"
        "  - {kind: exercise, front: One step, generator: other, params: [1]}\n",
    )
    assert _problems(path) == [
        "4:37: error: 'back' must be text, not a list",
        "5:5: error: this card has no id and the same content as the card on line 4"
        " (both derive the id 'what-is-bagging-9f89792edf')",
        "5:40: error: unknown field 'bakc'",
        "6:50: error: unknown exercise generator 'nope'",
        "6:73: error: 'tolerance.rel' must be a number ≥ 0, not -1",
        "7:5: error: this card has no id and the same content as the card on line 6"
        " (both derive the id 'one-step-nope-71888d1596')",
        "7:61: error: 'ask' must be a list, not 'm'",
        "8:65: error: 'params' must be a mapping of parameter names to values, not a list",
    ]


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        (
            "  - {id: a b, front: Q1, back: A}\n  - {id: a b, front: Q2, back: A}\n",
            [
                "4:10: error: card id 'a b' may hold only letters a-z, digits, '-', '_' and '.'",
                "5:10: error: card id 'a b' may hold only letters a-z, digits, '-', '_' and '.'",
            ],
        ),
        (
            "  - {id: [a], front: Q, back: A}\n  - {id: [a], front: Q, back: A}\n",
            [
                "4:10: error: 'card id' must be text, not a list",
                "5:10: error: 'card id' must be text, not a list",
            ],
        ),
        (
            "  - {id: a b, front: Q, back: A}\n  - {front: Q, back: A}\n",
            [
                "4:10: error: card id 'a b' may hold only letters a-z, digits, '-', '_' and '.'",
                "5:5: warning: card has no id; editing it will reset its progress",
            ],
        ),
        (
            "  - {front: '', back: A}\n  - {front: '', back: B}\n",
            ["4:13: error: 'front' is empty", "5:13: error: 'front' is empty"],
        ),
        (
            "  - {kind: clozee, front: Q}\n  - {kind: clozee, front: Q}\n",
            [
                "4:12: error: unknown card kind 'clozee'",
                "5:12: error: unknown card kind 'clozee'",
            ],
        ),
        (
            "  - {id: a, kind: clozee, text: x}\n  - {id: a, kind: [cloze], text: x}\n",
            [
                "4:19: error: unknown card kind 'clozee'",
                "5:10: error: duplicate card id 'a' (first used on line 4)",
                "5:19: error: 'kind' must be text, not a list",
            ],
        ),
    ],
    ids=[
        "bad-ids-alike",
        "ids-not-text",
        "bad-id-is-not-derived",
        "empty-fronts",
        "unknown-kinds",
        "unknown-kinds-same-id",
    ],
)
def test_only_valid_ids_and_contents_can_clash(
    tmp_path: Path, cards: str, expected: list[str]
) -> None:
    path = _write(tmp_path, "deck: d\ntitle: T\ncards:\n" + cards)
    assert _problems(path) == expected


def test_a_choice_answer_given_as_text(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: d\ntitle: T\ncards:\n"
        "  - {id: a, kind: choice, front: Q, choices: [Bias, Variance], answer: Variance}\n",
    )
    result = load_deck(path)
    assert [(p.line, p.col, p.message, p.hint) for p in result.problems] == [
        (
            4,
            72,
            "'answer' must be a choice number, not 'Variance'",
            "answers are numbers: 1 for the first choice, or a list such as [1, 3]",
        )
    ]


def test_nothing_is_constructed_from_tags(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "deck: d\ntitle: !!python/name:os.system x\ncards:\n"
        "  - {id: a, front: !!binary aGk=, back: !custom B}\n",
    )
    assert _problems(path) == [
        "2:8: error: the YAML tag '!!python/name:os.system' is not allowed in deck files",
        "4:20: error: the YAML tag '!!binary' is not allowed in deck files",
        "4:41: error: the YAML tag '!custom' is not allowed in deck files",
    ]


def test_an_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    # 30 levels of 10 aliases each would expand to 10**30 strings.
    lines = ["deck: bomb", "title: T", 'l0: &l0 ["lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 30)]
    lines += ["cards:", "  - {id: a, front: Q, back: *l29}"]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    result = load_deck(path)
    assert time.perf_counter() - start < 2.0
    assert result.deck is None
    aliases = [p for p in result.problems if p.message.startswith("aliases")]
    assert len(aliases) == 30  # each anchor once
    assert (aliases[-1].line, aliases[-1].col) == (34, 29)
    assert aliases[-1].message == "aliases (*l29) are not allowed in deck files"


TOO_DEEP = "values are nested more than 40 levels deep"


def test_deep_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    # PyYAML's own C composer recurses and kills the interpreter on this. Before PyYAML 6.0.4
    # our check stops it at the 41st '[' (column 46); since then libyaml's scanner, reading
    # ahead, stops it first at its 1,000th (column 1006). Either way the learner reads our words.
    path = _write(tmp_path, "deck: " + "[" * 200_000 + "]" * 200_000 + "\n")
    start = time.perf_counter()
    result = load_deck(path)
    assert time.perf_counter() - start < 5.0
    assert [(p.line, p.message) for p in result.problems] == [(1, TOO_DEEP)]
    assert result.problems[0].col in (46, 1006)
    assert result.problems[0].hint is not None and "unclosed '['" in result.problems[0].hint


def test_nesting_deeper_than_ours_but_within_the_parsers_is_refused_by_our_check(
    tmp_path: Path,
) -> None:
    # 100 levels: under libyaml's limit (1,000) on every PyYAML, so only our check fires.
    path = _write(tmp_path, "deck: " + "[" * 100 + "]" * 100 + "\n")
    assert [(p.line, p.col, p.message) for p in load_deck(path).problems] == [(1, 46, TOO_DEEP)]


def test_deep_block_nesting_is_refused_at_the_41st_level(tmp_path: Path) -> None:
    lines = ["deck:"] + [" " * level + "- " for level in range(1, 60)]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    assert [(p.line, p.col, p.message) for p in load_deck(path).problems] == [(41, 41, TOO_DEEP)]


def test_the_parsers_own_depth_refusal_is_reported_in_our_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PyYAML 6.0.4's refusal, simulated so that it is tested on any PyYAML: libyaml raises this
    # ScannerError before the parser hands out the brackets.
    import yaml

    from quizapp.decks import yamltree

    real = vars(yamltree)["_Parser"]  # the parser in use: libyaml's, or the pure-Python one

    class LimitedParser:
        def __init__(self, text: str) -> None:
            self.parser = real(text)
            self.events = 0

        def get_event(self) -> object:
            self.events += 1
            if self.events > 3:
                mark = yaml.Mark("<unicode string>", 1005, 0, 1005, None, 0)
                raise yaml.scanner.ScannerError(
                    "while increasing flow level", mark, "exceeded maximum nesting depth", mark
                )
            return self.parser.get_event()

        def dispose(self) -> None:
            self.parser.dispose()

    monkeypatch.setattr(yamltree, "_Parser", LimitedParser)
    path = _write(tmp_path, "deck: [[[]]]\n")
    problems = load_deck(path).problems
    assert [(p.path, p.line, p.col, p.severity, p.message) for p in problems] == [
        (str(path), 1, 1006, "error", TOO_DEEP)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["1:1: error: the file is empty"]),
        ("# only a comment\n", ["1:1: error: the file is empty"]),
        ("just text\n", ["1:1: error: a deck file must be a mapping of fields, not 'just text'"]),
        (
            "deck: d\ntitle: T\ncards: []\n",
            ["3:8: error: the deck has no cards"],
        ),
        (
            "deck: d\ntitle: T\ncards: {a: b}\n",
            ["3:8: error: 'cards' must be a list of cards, not a mapping"],
        ),
        (
            "deck: d\ntitle: T\nfront: Q\ncards:\n  - {id: a, front: Q, back: A}\n",
            ["3:1: error: unknown deck field 'front'"],
        ),
        (
            'deck: d\ntitle: "unclosed\ncards: []\n',
            ["4:1: error: YAML syntax error: found unexpected end of stream"],
        ),
        (
            "deck: d\ntitle: T\ncards:\n  - {id: a, kind: typed, front: Q, answer: [x]}\n",
            ["4:44: error: 'answer' must be text, not a list"],
        ),
        (
            "deck: d\ntitle: T\ncards:\n  - {id: a, kind: choice, front: Q, choices: [x, x],"
            " answer: 1}\n",
            ["4:50: error: choice 'x' is repeated (first on line 4)"],
        ),
        (
            "deck: d\ntitle: T\ncards:\n  - {id: a, kind: cloze, text: '{{c0::x}} {{c1:: }}'}\n",
            [
                "4:32: error: deletion '{{c0::x}}': numbers start at c1",
                "4:32: error: deletion '{{c1:: }}' has an empty answer",
            ],
        ),
    ],
    ids=[
        "empty",
        "comment-only",
        "scalar",
        "no-cards",
        "cards-mapping",
        "card-field-at-top",
        "unclosed-quote",
        "typed-answer-list",
        "repeated-choice",
        "cloze-numbers",
    ],
)
def test_problem_classes(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert _problems(_write(tmp_path, text)) == expected


def test_unreadable_paths(tmp_path: Path) -> None:
    assert [str(p) for p in load_deck(tmp_path / "missing.yaml").problems] == [
        f"{tmp_path / 'missing.yaml'}: error: no such file"
    ]
    assert [str(p) for p in load_deck(tmp_path).problems] == [
        f"{tmp_path}: error: this is a folder, not a deck file"
    ]


# --- several files --------------------------------------------------------------------------------


def _deck_text(deck_id: str) -> str:
    return f"deck: {deck_id}\ntitle: {deck_id}\ncards:\n  - {{id: a, front: Q, back: A}}\n"


def test_folders_are_searched_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    _write(tmp_path, _deck_text("b"), "b.yml")
    _write(tmp_path, _deck_text("a"), "a.yaml")
    _write(tmp_path, _deck_text("c"), "sub/c.yaml")
    _write(tmp_path, _deck_text("h"), ".hidden/h.yaml")
    _write(tmp_path, "not a deck", "notes.txt")
    deck_set = load_decks([tmp_path, tmp_path / "a.yaml"])
    assert [d.id for d in deck_set.decks] == ["a", "b", "c"]
    assert deck_set.problems == []


def test_a_bad_deck_leaves_the_others_loaded(tmp_path: Path) -> None:
    _write(tmp_path, _deck_text("good"), "good.yaml")
    _write(tmp_path, "deck: bad\n", "bad.yaml")
    deck_set = load_decks([tmp_path, tmp_path / "nowhere"])
    assert [d.id for d in deck_set.decks] == ["good"]
    assert [str(p) for p in deck_set.problems] == [
        f"{tmp_path / 'nowhere'}: error: no such file or folder (check the path)",
        f"{tmp_path / 'bad.yaml'}:1:1: error: missing 'title' and 'cards': "
        "every deck needs deck, title and cards",
    ]


def test_duplicate_deck_ids_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path, _deck_text("same"), "1.yaml")
    second = _write(tmp_path, _deck_text("same"), "2.yaml")
    deck_set = load_decks([tmp_path])
    assert isinstance(deck_set, DeckSet)
    assert [d.path for d in deck_set.decks] == [str(first)]
    assert deck_set.problems == [
        Problem(
            str(second),
            1,
            7,
            "error",
            f"deck id 'same' is already used by {first}",
            "every deck file needs its own deck id; this file was skipped",
        )
    ]
