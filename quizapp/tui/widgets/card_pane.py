"""The browser's card pane: the selected prompt, where it is, and its scheduling history.

Every value from a deck file is shown through `printable` in a Rich `Text` (never as markup),
so a card's text cannot restyle the screen or send the terminal a control sequence.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from quizapp.session.card_info import CardInfo
    from quizapp.store.card_history import LoggedReview


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _memory(review: LoggedReview) -> str:
    """Interval and ease, or stability and difficulty, after an answer."""
    after = review.state_after
    parts = []
    if "interval" in after:
        parts.append(f"ivl {after['interval']}d")
    if "easiness" in after:
        parts.append(f"ease {float(after['easiness']):.2f}")
    if "stability" in after:
        parts.append(f"S {float(after['stability']):.1f}")
    if "difficulty" in after:
        parts.append(f"D {float(after['difficulty']):.1f}")
    return " ".join(parts)


def card_pane_text(info: CardInfo) -> Text:
    """What the pane shows of one prompt."""
    row, state = info.row, info.state
    text = Text()
    text.append(printable(row.text, multiline=True), style="bold")
    back = getattr(row.prompt.card, "back", "")
    if back and back != row.text:
        text.append("\n\n" + printable(back, multiline=True))
    text.append(f"\n\n{printable(row.deck_id)} · {printable(row.key)} · {row.kind}\n", "dim")
    text.append(f"{printable(row.where)}\n", "dim")
    if row.tags:
        text.append("tags: " + printable(" ".join(row.tags)) + "\n")
    text.append(f"\nAdded          {_when(info.added)}\n")
    text.append(f"First review   {_when(info.first_review)}\n")
    text.append(f"Last review    {_when(info.last_review)}\n")
    due = "new" if state.due_at is None else _when(state.due_at)
    text.append(f"State          {row.state}, due {due}\n")
    text.append(
        f"{info.scheduler_title:<14} ivl {state.interval}d · reps {state.repetitions} · "
        f"lapses {state.lapses}\n"
    )
    if info.recall_now is not None:
        text.append(f"Recall now     {info.recall_now:.0%}\n")
    text.append(f"\nHistory ({len(info.reviews)} answers)\n", "bold")
    for review in reversed(info.reviews):
        label = info.labels.get((review.scheduler, review.grade), str(review.grade))
        repeat = " (repeat)" if review.repeat else ""
        text.append(
            f"{_when(review.reviewed_at)}  {label:<6} {_memory(review)}  "
            f"{review.response_ms / 1000:.1f}s{repeat}\n"
        )
    return text


class CardPane(Static):
    """The selected prompt's details (`show`), or a line saying why there are none."""

    DEFAULT_CSS = """
    CardPane { height: auto; padding: 0 1; }
    """

    def show(self, info: CardInfo | None, reason: str = "No card selected.") -> None:
        self.update(Text(reason, style="dim") if info is None else card_pane_text(info))
