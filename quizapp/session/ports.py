"""What the session's parts need of the collection they study: a protocol, so a sitting
(`study`) and its queue (`queue`) depend on no concrete class above them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from quizapp.clock import Clock
from quizapp.config import Config
from quizapp.model import Deck, Prompt
from quizapp.scheduling.days import StudyCalendar
from quizapp.session.index import DeckIndex

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler
    from quizapp.store.collection_store import CollectionStore


class StudiedCollection(Protocol):
    """What a session needs of its collection (`quizapp.session.collection.Collection`)."""

    store: CollectionStore
    index: DeckIndex
    config: Config
    clock: Clock

    @property
    def calendar(self) -> StudyCalendar: ...

    @property
    def schedulers(self) -> Callable[[str], Scheduler]:
        """Each deck's scheduler, by deck id."""
        ...

    def today_study_day(self) -> date: ...

    def prompt(self, deck_id: str, key: str) -> tuple[Deck, Prompt] | None: ...

    def draw_seed(self) -> int: ...

    def unsuspend(self, deck_id: str, key: str) -> bool: ...
