"""Cards the judging tests share, in the session (as `Card`s) and in the TUI (as deck YAML)."""

from __future__ import annotations

import yaml

from quizapp.model import Card, CardKind

CHOICE = Card(
    id="bagging-reduces",
    kind=CardKind.CHOICE,
    front="What does bagging mainly reduce?",
    choices=("Bias", "Variance", "Noise in the labels", "Training time"),
    correct=(1,),
)
SCALE = Card(
    id="gpt3-year",
    kind=CardKind.CHOICE,
    front="GPT-3 was published in…",
    choices=("2018", "2019", "2020", "2021"),
    correct=(2,),
    shuffle=False,
)
OVERFITTING = Card(
    id="overfitting",
    kind=CardKind.TYPED,
    front="Low training error, high test error: the model is…",
    answer="overfitting",
    accept=("overfit", "과적합"),
)
UNDERFITTING = Card(
    id="underfitting",
    kind=CardKind.TYPED,
    front="High training and test error: the model is…",
    answer="underfitting",
    accept=("underfit", "과소적합"),
)


def card_yaml(*cards: Card) -> str:
    """The cards as the entries of a deck file's `cards:` list (choice answers count from 1)."""
    entries = []
    for card in cards:
        entry: dict[str, object] = {"id": card.id, "kind": card.kind.value, "front": card.front}
        if card.kind is CardKind.CHOICE:
            entry["choices"] = list(card.choices)
            entry["answer"] = card.correct[0] + 1
            if not card.shuffle:
                entry["shuffle"] = False
        else:
            entry["answer"] = card.answer
            entry["accept"] = list(card.accept)
        entries.append(entry)
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
