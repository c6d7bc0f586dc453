"""The session's undo stack: each action taken on a card (an answer, a suspension, a burial),
newest last, with what taking it back needs: the card's state row before it, and the queue and
the item as they stood, so the card is asked again exactly as it was (an exercise with the same
numbers).

`u` takes back the newest action whatever its kind, and again for the one before, back to the
start of the session (Anki's undo does the same). Taking an action back in this order never
needs to know about a later one: by then it has been taken back already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.scheduling.queue import StudyQueue
    from quizapp.session.views import StudyItem
    from quizapp.store.collection_store import StateRecord


class Action(StrEnum):
    """What the learner did to a card."""

    ANSWER = "answer"
    SUSPEND = "suspend"
    BURY = "bury"


@dataclass(frozen=True)
class Answered:
    """An answer, recorded: what undo needs to take it back exactly."""

    #: The queue and the item (with its exercise seed) as they were when the card was answered.
    queue: StudyQueue[int]
    shown: tuple[StudyQueue[int], StudyItem]
    review_id: str
    before: StateRecord
    grade: int
    passed: bool
    response_ms: int
    #: Siblings this answer buried until tomorrow, each with the burial it had before.
    buried: tuple[tuple[int, date | None], ...] = ()
    #: The answer made the card a leech and suspended it.
    leech_suspended: bool = False
    #: The answer gave the card the stored leech tag (it had none).
    leech_tagged: bool = False

    @property
    def action(self) -> Action:
        return Action.ANSWER


@dataclass(frozen=True)
class SetAside:
    """A card suspended or buried from the session."""

    queue: StudyQueue[int]
    shown: tuple[StudyQueue[int], StudyItem]
    #: The card's state row before (its `suspended` and `buried_until` are put back).
    before: StateRecord
    action: Action
    #: Its batch in the store's card events (undo takes that batch back).
    batch: str | None = None


Step = Answered | SetAside


@dataclass(frozen=True)
class Undone:
    """What an undo took back; the card it was about is the current one again."""

    action: Action
    item: StudyItem
    #: The rating of the answer taken back (None for a suspension or a burial).
    grade: int | None = None

    @property
    def message(self) -> str:
        """What was taken back, in a line for the learner."""
        if self.action is Action.SUSPEND:
            return "Suspension taken back: the card is in the session again."
        if self.action is Action.BURY:
            return "Burial taken back: the card is in the session again."
        if self.grade is None:
            return "Answer taken back."
        # The rating the item's scheduler accepted when the card was answered.
        return f"Answer ({self.item.scheduler.rating(self.grade).label}) taken back."


class UndoStack:
    """The session's actions, newest last."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def push(self, step: Step) -> None:
        self._steps.append(step)

    def last(self) -> Step | None:
        """The newest action (None: nothing to take back)."""
        return self._steps[-1] if self._steps else None

    def replace_last(self, step: Step) -> None:
        """Put `step` in the newest action's place (an answer that then buried or suspended)."""
        self._steps[-1] = step

    def __len__(self) -> int:
        return len(self._steps)

    def pop(self) -> Step:
        return self._steps.pop()

    def answers(self) -> list[Answered]:
        """The answers among the actions, oldest first."""
        return [step for step in self._steps if isinstance(step, Answered)]
