"""A UI-free study session: what the TUI and the tests drive.

- `collection`: the learner's decks and review store, opened once per run (home, stats,
  suspended cards, reloads); `opener`: the two-step open of the TUI's start-up.
- `queue`: today's queue; `custom`: custom study (review ahead, forgotten today, more new
  cards, chosen cards, cram); `study`: one sitting — reveal, answer, undo, suspend, bury,
  summary; `ports`: what those need of the collection; `schedulers`: each deck's scheduler;
  `load`: cards due per day (FSRS's load balancing); `leeches`: the leech rule.
- `reload`: live reload of edited deck files; `reader`: the store opened read-only (stats).
- `index`: the loaded decks' prompts by key; `home`: the home screen's counts; `views`: the
  plain values handed to the front ends; `browse`: search the cards and change what a search
  selects (`quizapp cards`).

The session talks to the store through `quizapp.store.collection_store.CollectionStore` only,
and to the scheduler through `quizapp.scheduling.base.Scheduler` only.
"""

from quizapp.session.collection import Collection
from quizapp.session.custom import CustomStudy
from quizapp.session.home import home_view
from quizapp.session.ids import review_uuid
from quizapp.session.opener import CollectionOpener
from quizapp.session.study import StudySession
from quizapp.session.views import (
    DeckSummary,
    GradeChoice,
    HomeView,
    SessionProgress,
    SessionSummary,
    StudyItem,
    SuspendedCard,
    Today,
)

__all__ = [
    "Collection",
    "CollectionOpener",
    "CustomStudy",
    "DeckSummary",
    "GradeChoice",
    "HomeView",
    "SessionProgress",
    "SessionSummary",
    "StudyItem",
    "StudySession",
    "SuspendedCard",
    "Today",
    "home_view",
    "review_uuid",
]
