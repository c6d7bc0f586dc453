"""The decks shipped with quizapp load cleanly, are big and varied enough, and state facts right.

The fact checks compare card text with literals taken from the papers themselves (years, authors,
hyperparameters) and with answers worked out by hand, so a careless edit to a deck fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from quizapp.decks import load_deck, load_decks
from quizapp.judge import Verdict, check_typed
from quizapp.model import Card, CardKind, Deck
from quizapp.paths import bundled_decks_dir
from quizapp.tui.mathtext import plain_math

DECK_IDS = ("dl-history", "ensembles", "generalization", "optimizers")


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Loading must not touch the learner's real directories (cache, config).
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


def _deck_file(deck_id: str) -> Path:
    return bundled_decks_dir() / f"{deck_id}.yaml"


def _load(deck_id: str) -> Deck:
    result = load_deck(_deck_file(deck_id))
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.deck is not None
    return result.deck


def _card(deck_id: str, card_id: str) -> Card:
    card = _load(deck_id).card(card_id)
    assert card is not None, f"{deck_id} has no card {card_id!r}"
    return card


def _texts(card: Card) -> Iterator[str]:
    yield from (card.front, card.back, card.text, card.answer)
    yield from card.choices
    yield from card.accept
    yield from card.items


def test_the_four_decks_are_bundled() -> None:
    files = {p.name for p in bundled_decks_dir().glob("*.yaml")}
    assert {f"{deck_id}.yaml" for deck_id in DECK_IDS} <= files


def test_the_bundled_folder_loads_with_no_problem(tmp_path: Path) -> None:
    deck_set = load_decks([bundled_decks_dir()], cache_dir=tmp_path / "cache")
    assert deck_set.problems == [], "\n".join(str(p) for p in deck_set.problems)
    assert set(DECK_IDS) <= {deck.id for deck in deck_set.decks}


@pytest.mark.parametrize("deck_id", DECK_IDS)
def test_deck_loads_without_errors_or_warnings(deck_id: str) -> None:
    deck = _load(deck_id)
    assert deck.id == deck_id
    assert deck.title
    assert deck.description


@pytest.mark.parametrize("deck_id", DECK_IDS)
def test_deck_is_big_and_varied(deck_id: str) -> None:
    cards = [c for c in _load(deck_id).cards if c.kind is not CardKind.EXERCISE]
    assert len(cards) >= 25
    kinds = {c.kind for c in cards}
    assert len(kinds) >= 3, kinds


@pytest.mark.parametrize("deck_id", DECK_IDS)
def test_every_card_has_its_own_written_id(deck_id: str) -> None:
    cards = _load(deck_id).cards
    assert [c.id for c in cards if c.id_derived] == []
    ids = [c.id for c in cards]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("deck_id", DECK_IDS)
def test_cards_is_the_last_key(deck_id: str) -> None:
    # Exercise cards are appended at the end of the file: `cards:` must stay last.
    data = yaml.safe_load(_deck_file(deck_id).read_text(encoding="utf-8"))
    assert list(data)[-1] == "cards"


@pytest.mark.parametrize("deck_id", DECK_IDS)
def test_every_math_span_is_closed(deck_id: str) -> None:
    # A stray or line-broken `$...$` would be shown raw; after rendering no dollar may be left.
    for card in _load(deck_id).cards:
        for text in _texts(card):
            assert "$" not in plain_math(text), f"{card.id}: {text!r}"


# --- facts, from the papers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deck_id", "card_id", "needles"),
    [
        ("dl-history", "alexnet-paper", ["Krizhevsky", "Sutskever", "Hinton", "2012"]),
        ("dl-history", "dqn-paper", ["Mnih", "Playing Atari with Deep Reinforcement", "2013"]),
        ("dl-history", "seq2seq-paper", ["Sutskever, Vinyals & Le", "2014"]),
        ("dl-history", "attention-paper", ["Bahdanau, Cho & Bengio", "Jointly Learning", "2014"]),
        ("dl-history", "resnet-paper", ["He, Zhang, Ren & Sun", "Deep Residual Learning", "2015"]),
        ("dl-history", "bert-paper", ["Devlin", "2018"]),
        ("dl-history", "simclr-paper", ["Chen, Kornblith, Norouzi & Hinton", "2020"]),
        ("dl-history", "dropout-papers", ["Srivastava", "JMLR", "2014", "2012"]),
        ("dl-history", "gan-paper", ["Goodfellow", "2014"]),
        ("dl-history", "transformer-paper", ["Attention Is All You Need", "Vaswani", "2017"]),
        ("dl-history", "gpt3-paper", ["Brown", "Language Models are", "Few-Shot Learners", "2020"]),
        ("optimizers", "adam-paper", ["Kingma", "2014", "A Method for Stochastic"]),
        ("ensembles", "bagging-name", ["Breiman", "1996"]),
    ],
)
def test_papers_are_cited_with_their_real_authors_and_years(
    deck_id: str, card_id: str, needles: list[str]
) -> None:
    text = " ".join(" ".join(_texts(_card(deck_id, card_id))).split())
    for needle in needles:
        assert needle in text, f"{card_id} should mention {needle!r}"


def test_gans_are_dated_2014_not_the_notes_2015() -> None:
    card = _card("dl-history", "gan-paper")
    assert "{{c3::2014}}" in card.text
    assert "2015" not in card.text


def test_gpt3_has_175_billion_parameters_in_english_and_korean() -> None:
    card = _card("dl-history", "gpt3-parameters")
    assert card.answer == "175 billion"
    for typed in ("175 billion", "175B", "1,750억"):
        assert check_typed(typed, card.answer, card.accept).verdict is Verdict.RIGHT, typed


def test_gpt3_year_is_2020() -> None:
    card = _card("dl-history", "gpt3-year")
    assert [card.choices[i] for i in card.correct] == ["2020"]


def test_adam_defaults_are_the_papers() -> None:
    text = _card("optimizers", "adam-defaults").text
    for deletion in ("{{c1::0.001}}", "{{c2::0.9}}", "{{c3::0.999}}", "{{c4::$10^{-8}$}}"):
        assert deletion in text
    assert _card("optimizers", "default-beta2").answer == "0.999"
    epsilon = _card("optimizers", "default-epsilon")
    assert check_typed("1e-8", epsilon.answer, epsilon.accept).verdict is Verdict.RIGHT


def test_adam_first_step_worked_by_hand() -> None:
    # g = 0.5, beta1 = 0.9, beta2 = 0.999, alpha = 0.001, from zero moments:
    # m1 = 0.1 * 0.5 = 0.05, v1 = 0.001 * 0.25 = 0.00025, m_hat = 0.5, v_hat = 0.25,
    # step = -0.001 * 0.5 / 0.5 = -0.001.
    text = _card("optimizers", "worked-first-step").text
    for deletion in (
        "{{c1::0.05}}",
        "{{c2::0.00025}}",
        "{{c3::0.5}}",
        "{{c4::0.25}}",
        "{{c5::-0.001}}",
    ):
        assert deletion in text


@pytest.mark.parametrize(
    ("deck_id", "card_id", "right"),
    [
        ("ensembles", "bagging-reduces", ["Variance"]),
        ("ensembles", "boosting-reduces", ["Bias"]),
        ("ensembles", "compare-parallel", ["Bagging", "Voting"]),
        ("ensembles", "compare-same-algorithm", ["Bagging", "Boosting"]),
        # Votes A, B, B -> hard B; mean P(A) = (0.9 + 0.4 + 0.4) / 3 = 0.567 -> soft A.
        ("ensembles", "hard-vs-soft-example", ["Hard: B, soft: A"]),
        ("generalization", "constant-model", ["High bias, zero variance"]),
        ("generalization", "diagnose-high-variance", ["High variance (overfitting)"]),
        ("generalization", "diagnose-high-bias", ["High bias (underfitting)"]),
    ],
)
def test_choice_answers(deck_id: str, card_id: str, right: list[str]) -> None:
    card = _card(deck_id, card_id)
    assert card.kind is CardKind.CHOICE
    assert [card.choices[i] for i in card.correct] == right


def test_majority_of_three_worked_by_hand() -> None:
    # 0.7^3 + 3 * 0.7^2 * 0.3 = 0.343 + 0.441 = 0.784
    assert "{{c1::0.784}}" in _card("ensembles", "majority-of-three").text


def test_bias_variance_worked_by_hand() -> None:
    # Predictions 2, 4, 4, 6 with truth 3: mean 4, bias^2 = 1, variance = (4+0+0+4)/4 = 2, MSE 3.
    text = _card("generalization", "worked-bias-variance").text
    assert "{{c1::1}}" in text and "{{c2::2}}" in text and "{{c3::3}}" in text


@pytest.mark.parametrize(
    ("deck_id", "card_id", "typed"),
    [
        ("ensembles", "bagging-term", "배깅"),
        ("ensembles", "compare-sequential", "부스팅"),
        ("ensembles", "compare-different-algorithms", "보팅"),
        ("generalization", "overfitting-term", "과적합"),
        ("generalization", "underfitting-term", "과소적합"),
        ("dl-history", "gan-discriminator", "판별기"),
        ("dl-history", "gan-generator", "생성기"),
    ],
)
def test_korean_terms_are_accepted(deck_id: str, card_id: str, typed: str) -> None:
    card = _card(deck_id, card_id)
    assert card.kind is CardKind.TYPED
    assert check_typed(typed, card.answer, card.accept).verdict is Verdict.RIGHT


def test_milestones_in_chronological_order() -> None:
    # AlexNet 2012, DQN 2013, GANs 2014, ResNet 2015, Transformer 2017.
    items = _card("dl-history", "chronology-2012-2017").items
    firsts = [item.split()[0] for item in items]
    assert firsts == ["AlexNet", "DQN", "Generative", "ResNet", "The"]
    assert "Transformer" in items[-1]


@pytest.mark.parametrize("deck_id", ["ensembles", "generalization", "optimizers"])
def test_a_new_learner_meets_an_exercise_on_the_first_day(deck_id: str, tmp_path: Path) -> None:
    """With the default daily limit, the first day's new cards of a deck with exercises include
    one (QA: they all sat at the end, weeks away), after the card that teaches its rule."""
    from quizapp.config import Config
    from quizapp.session import Collection

    deck = _load(deck_id)
    with Collection.from_decks([deck], db_url=f"sqlite:///{tmp_path / 'r.sqlite3'}") as collection:
        session = collection.start([deck_id])
        kinds = []
        while (item := session.current()) is not None and not item.is_repeat:
            kinds.append(item.prompt.card.kind)
            session.answer(5, 1000)
    assert len(kinds) == Config().new_per_deck
    assert CardKind.EXERCISE in kinds
