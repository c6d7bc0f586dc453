"""One sitting: the queue in memory, reveal, answer, undo, suspend and bury, each answer committed
as it is given; undo takes back the newest action of any kind (`quizapp.session.undo`).

The queue holds due cards (most overdue first), then new cards in deck order within the daily
limits, then the repeats the deck's scheduler asks for (SM-2's step 7); learning steps (FSRS's
minutes) come back as soon as they are due (`quizapp.scheduling.queue`). Each card follows its
deck's scheduler (`Collection.schedulers`); FSRS's fuzz is seeded by the card and balanced over
the cards already due each day (`quizapp.session.load`). Every answer is written
(new state and review row) in one transaction, committed before `answer()` returns, so a crash
never loses an answer the learner has seen accepted. Ratings, labels, which ratings pass and
which repeat: all of it is the scheduler's (`quizapp.scheduling.base.Scheduler`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from quizapp.model import CardKind
from quizapp.session.ids import review_uuid
from quizapp.session.leeches import Leech, is_leech_lapse
from quizapp.session.load import DayLoad
from quizapp.session.outcomes import answered_state, given_json, grade_choices
from quizapp.session.ports import StudiedCollection
from quizapp.session.set_aside import set_aside, take_back_set_aside
from quizapp.session.siblings import bury_siblings
from quizapp.session.undo import Action, Answered, SetAside, Undone, UndoStack
from quizapp.session.views import GradeChoice, SessionProgress, SessionSummary, StudyItem

if TYPE_CHECKING:
    from quizapp.scheduling.queue import StudyQueue
    from quizapp.store.collection_store import StateRecord


#: Answers of one card by other sessions that one answer may meet before it gives up (each
#: meeting means answering again from the newer state; more than a few is not a learner).
_MAX_CONFLICTS = 10


class StudySession:
    """One sitting: the queue in memory, each answer committed as it is given."""

    def __init__(
        self,
        collection: StudiedCollection,
        deck_ids: Sequence[str],
        queue: StudyQueue[int],
        where: dict[int, tuple[str, str]],
        *,
        reschedule: bool = True,
    ) -> None:
        """`reschedule` False: a cram session, whose answers are logged but change no card's
        scheduling (Anki's filtered deck without "reschedule cards based on my answers")."""
        from quizapp.store.collection_store import READ_AHEAD, ReviewRecord, StateConflict

        # Imported once here, not on each answer (nor with this module: its import stays light).
        self._records = (ReviewRecord, StateConflict, READ_AHEAD)
        self._collection = collection
        self._reschedule = reschedule
        self._store = collection.store
        self._schedulers = collection.schedulers
        #: Cards due per day (FSRS's load balancing), read as needed.
        self._load = DayLoad(collection.store, collection.calendar)
        self._deck_ids = list(deck_ids)
        self._queue = queue
        #: The newest state of the queued cards read so far (card id -> state row).
        self._states: dict[int, StateRecord] = {}
        #: card id -> (deck id, key)
        self._where = where
        #: Every action of the session (answers, suspensions, burials), for undo.
        self._undo = UndoStack()
        #: What the last answer made of its card, when it became a leech (the TUI says so).
        self.last_leech: Leech | None = None
        #: The current item, made once per queue position (it holds the exercise's seed).
        self._shown: tuple[StudyQueue[int], StudyItem] | None = None

    def current(self) -> StudyItem | None:
        """The card to ask now; None when the session is finished."""
        while True:
            entry = self._queue.current()
            if entry is None:
                return None
            found = self._collection.prompt(*self._where[entry.key])
            if found is None:
                # Gone from its deck file since the queue was built (see reload_changed).
                self._queue = self._queue.without([entry.key])
                continue
            deck, prompt = found
            shown = self._shown
            if shown is not None and shown[0] is self._queue:
                if shown[1].prompt is prompt and shown[1].deck_title == deck.title:
                    return shown[1]
                seed = shown[1].seed  # the deck file was edited: same card, same numbers
            else:
                seed = None
            if seed is None and prompt.card.kind is CardKind.EXERCISE:
                seed = self._collection.draw_seed()
            kind = prompt.card.kind
            if shown is not None and shown[0] is self._queue:
                showing = shown[1].showing  # an edited deck file: the same showing
            else:
                showing = self._store.review_count(entry.key) if kind is CardKind.CHOICE else 0
            known = self._collection.index.terms(entry.deck_id) if kind is CardKind.TYPED else ()
            item = StudyItem(
                prompt=prompt,
                deck_title=deck.title,
                deck_path=deck.path,
                scheduler=self._schedulers(entry.deck_id),
                tags=tuple(dict.fromkeys((*deck.tags, *prompt.card.tags))),
                is_new=entry.kind == "new",
                is_repeat=entry.kind == "repeat",
                seed=seed,
                showing=showing,
                known=known,
            )
            self._shown = (self._queue, item)
            return item

    def preview(self) -> list[GradeChoice]:
        """Each rating of the current card's scheduler, with when it would bring the card back."""
        item, card_id = self._require_current()
        collection = self._collection
        return grade_choices(
            item,
            self._state(card_id),
            collection.clock.now(),
            collection.calendar,
            self._load,
            changes=not item.is_repeat and self._reschedule,
        )

    def answer(
        self,
        grade: int,
        response_ms: int,
        *,
        given: Mapping[str, str] | str | None = None,
    ) -> str:
        """Record the answer to the current card (durably) and move on; returns the review id.

        `grade` is a rating of the deck's scheduler (`GradeChoice.grade`).
        """
        item, card_id = self._require_current()
        scheduler = item.scheduler
        rating = scheduler.rating(grade)
        if isinstance(response_ms, bool) or not isinstance(response_ms, int) or response_ms < 0:
            raise ValueError(f"response_ms must be a whole number >= 0, not {response_ms!r}")
        ReviewRecord, StateConflict, _ = self._records
        collection = self._collection
        now = collection.clock.now()
        today = collection.calendar.day_of(now)
        review_id = review_uuid(now, os.urandom(10))
        # A cram answer is logged as a repeat is: it leaves the card's state as it was.
        unchanged = item.is_repeat or not self._reschedule
        # Cramming, a failed card comes back before the end, whatever the scale.
        again = rating.repeats or (not self._reschedule and not rating.passed)
        before = self._state(card_id)
        for _attempt in range(_MAX_CONFLICTS):
            after, again_at = answered_state(
                item, before, grade, now, collection.calendar, self._load, changes=not unchanged
            )
            review = ReviewRecord(
                id=review_id,
                card_id=card_id,
                reviewed_at=now,
                study_day=today,
                grade=grade,
                response_ms=response_ms,
                scheduler=after.scheduler,
                state_before=before.state,
                state_after=after.state,
                seed=item.seed,
                given=given_json(given),
                repeat=unchanged,
            )
            following = self._queue.answered(again, again_at=again_at, now=now)
            try:
                # A repeat leaves the card's state as it was: only its review row is written.
                ahead = self._store.record(
                    review, None if unchanged else after, self._to_read_ahead(following)
                )
                break
            except StateConflict as conflict:
                # Another session answered this card since its state was read: the same answer
                # again, from the state as that session left it (nothing was written).
                before = conflict.current
        else:
            from quizapp.store import StoreError

            raise StoreError(
                f"{self._store.url}: card {card_id} keeps being changed by another session; "
                "the answer was not recorded, try again"
            )
        # Only now, with the answer committed, does the session move on.
        assert self._shown is not None
        answered = Answered(
            self._queue, self._shown, review_id, before, grade, rating.passed, response_ms
        )
        self._undo.push(answered)
        self._states.update(ahead)
        self._states[card_id] = after
        self._queue = following
        self._load.moved(before.due_at, after.due_at)
        options = self._collection.config.deck_options(self._where[card_id][0])
        self.last_leech = None
        if after.lapses > before.lapses and is_leech_lapse(after.lapses, options.leech_threshold):
            from quizapp.store.collection_store import LEECH_TAG

            # Tagged in the store, whatever the action, so `is:leech` finds it.
            if self._store.tag(card_id, LEECH_TAG, True):
                answered = replace(answered, leech_tagged=True)
                self._undo.replace_last(answered)
            suspend = options.leech_action == "suspend"
            if suspend:
                self._store.set_suspended(card_id, True)
                self._states[card_id] = replace(after, suspended=True)
                self._queue = self._queue.without([card_id])
                answered = replace(answered, leech_suspended=True)
                self._undo.replace_last(answered)
            self.last_leech = Leech(after.lapses, suspend)
        if not unchanged and options.bury_siblings:
            buried = self._bury_siblings(item, card_id, today + timedelta(days=1))
            if buried:
                self._undo.replace_last(replace(answered, buried=buried))
        return review_id

    def _bury_siblings(
        self, item: StudyItem, card_id: int, tomorrow: date
    ) -> tuple[tuple[int, date | None], ...]:
        """Put the other prompts of the answered card off until tomorrow (`siblings`); they
        leave this session's queue. Returns each one's card id and day buried until before."""
        deck_id = self._where[card_id][0]
        buried = []
        for sibling, state in bury_siblings(self._store, item, deck_id, tomorrow, self._state):
            self._states[sibling] = replace(state, buried_until=tomorrow)
            buried.append((sibling, state.buried_until))
        if buried:
            self._queue = self._queue.without(sibling for sibling, _ in buried)
        return tuple(buried)

    @property
    def undo_steps(self) -> int:
        """How many actions `undo` can take back."""
        return len(self._undo)

    def undo(self) -> Undone | None:
        """Take back the newest action of the session, whatever it was (None: nothing to undo).

        An answer: its review row goes and the card's state row is put back as it was; a
        suspension or a burial: the card's flag or day is put back. Each is committed before
        this returns. The card is current again, shown as it was (an exercise with the same
        numbers), with the queue as it stood then.
        """
        step = self._undo.last()
        if step is None:
            return None
        if isinstance(step, Answered):
            self._take_back_answer(step)
            undone = Undone(Action.ANSWER, step.shown[1], step.grade)
        else:
            self._take_back_set_aside(step)
            undone = Undone(step.action, step.shown[1])
        self._undo.pop()
        self.last_leech = None
        self._queue = step.queue
        self._shown = (step.queue, step.shown[1])
        return undone

    def _take_back_answer(self, last: Answered) -> None:
        card_id = last.before.card_id
        restore = None if last.shown[1].is_repeat else last.before
        self._store.take_back(last.review_id, restore)
        if last.leech_suspended:
            self._store.set_suspended(card_id, False)
        if last.leech_tagged:
            from quizapp.store.collection_store import LEECH_TAG

            self._store.tag(card_id, LEECH_TAG, False)
        for sibling, until in last.buried:
            self._store.bury(sibling, until)
            state = self._states.get(sibling)
            if state is not None:
                self._states[sibling] = replace(state, buried_until=until)
        answered = self._states.get(card_id, last.before)
        self._load.moved(answered.due_at, last.before.due_at)
        # The row is back as it was, under the next version (`take_back` bumps it).
        bump = 0 if restore is None else 1
        self._states[card_id] = replace(last.before, version=answered.version + bump)

    def _take_back_set_aside(self, step: SetAside) -> None:
        before = step.before
        current = self._states.get(before.card_id, before)
        self._states[before.card_id] = take_back_set_aside(self._store, step, current)

    def suspend(self) -> None:
        """Never show the current card again (until unsuspended); move on."""
        self._set_aside(suspend=True)

    def bury(self) -> None:
        """Hide the current card until tomorrow's study day; move on."""
        self._set_aside(suspend=False)

    def unsuspend(self, deck_id: str, key: str) -> bool:
        """`Collection.unsuspend`, also from a session: the card comes in the next session."""
        unsuspended = self._collection.unsuspend(deck_id, key)
        if unsuspended:
            # A state this session read before is stale now; read it again if it is needed.
            self._states = {
                card_id: state
                for card_id, state in self._states.items()
                if self._where.get(card_id) != (deck_id, key)
            }
        return unsuspended

    def progress(self) -> SessionProgress:
        self.current()  # drop cards whose deck file no longer has them
        return SessionProgress(done=len(self._undo.answers()), left=self._queue.left)

    def summary(self) -> SessionSummary:
        calendar = self._collection.calendar
        today = self._collection.today_study_day()
        next_due = self._store.next_due(self._deck_ids, calendar.end_of(today))
        answers = self._undo.answers()
        right = sum(1 for answered in answers if answered.passed)
        waiting = self._queue.learning
        # Each answer counts for at most `max_answer_seconds` (a card left on screen during a
        # break would count for the break); the review log keeps the time as measured.
        cap_ms = self._collection.config.max_answer_seconds * 1000
        return SessionSummary(
            reviewed=len({answered.before.card_id for answered in answers}),
            answers=len(answers),
            right=right,
            wrong=len(answers) - right,
            seconds=sum(min(answered.response_ms, cap_ms) for answered in answers) / 1000,
            next_due=None if next_due is None else calendar.day_of(next_due),
            due_tomorrow=self._store.due_by(self._deck_ids, today + timedelta(days=1), calendar),
            learning_later=len(waiting),
            next_learning=waiting[0][0] if waiting else None,
        )

    # -- internals -----------------------------------------------------------------------------

    def _state(self, card_id: int) -> StateRecord:
        """The card's state, read when the session first reaches the card.

        One primary-key lookup on the study connection (some tens of microseconds): reading
        each card as it comes keeps a session's start fast whatever the queue's length, with no
        batch read to make one answer in many slower than the rest.
        """
        state = self._states.get(card_id)
        if state is None:
            state = self._states[card_id] = self._store.state(card_id)
        return state

    def _to_read_ahead(self, queue: StudyQueue[int]) -> list[int]:
        """The next cards of `queue` whose states are not read yet, if the very next is not."""
        READ_AHEAD = self._records[2]
        entry = queue.current()
        if entry is None or entry.key in self._states:
            return []
        start = queue.position
        upcoming = queue.keys[start : start + READ_AHEAD]
        return [key for key in dict.fromkeys((entry.key, *upcoming)) if key not in self._states][
            :READ_AHEAD
        ]

    def _require_current(self) -> tuple[StudyItem, int]:
        item = self.current()
        entry = self._queue.current()
        if item is None or entry is None:
            raise RuntimeError("the session is finished: there is no current card")
        return item, entry.key

    def _set_aside(self, *, suspend: bool) -> None:
        _item, card_id = self._require_current()
        state = self._state(card_id)
        assert self._shown is not None
        action = Action.SUSPEND if suspend else Action.BURY
        # A card event, as `quizapp cards --suspend` and the browser log theirs.
        after, batch = set_aside(self._collection, state, suspend=suspend)
        self._states[card_id] = after
        self._undo.push(SetAside(self._queue, self._shown, state, action, batch))
        # The card leaves the queue, any repeat it still owes today included.
        self._queue = self._queue.skipped(self._collection.clock.now())
