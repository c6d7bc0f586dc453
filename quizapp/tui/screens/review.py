"""The review screen: one card at a time, reveal, grade, and on to the next.

The screen owns the keys. Before the answer is shown, space/Enter reveals it (or, for a card that
checks an answer, checks it) and number keys go to the card view (choice cards pick with them);
after, the rating keys rate and space/Enter takes the rating the check suggests, or the
scheduler's default (SM-2: 4 "Good") when the learner grades themself. The ratings, their keys
and labels, which of them bring the card back in the session: all of it is the deck's
scheduler's. Answers go to the session, which schedules and records them: no scheduling here.
When the session is over the screen posts `SessionEnded`, and the app shows the summary.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, ProgressBar, Static

from quizapp.textsafe import printable
from quizapp.tui import startup
from quizapp.tui.deck_files import DeckFileStamps, report_problems
from quizapp.tui.messages import SessionEnded
from quizapp.tui.saving import save_or_ask
from quizapp.tui.screens.end_session import EndSessionScreen
from quizapp.tui.screens.held_keys import KeyHold
from quizapp.tui.screens.review_actions import edit_and_reload, set_aside, undo_last
from quizapp.tui.screens.review_keys import REVIEW_BINDINGS
from quizapp.tui.widgets import card_view
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_area import CardArea
from quizapp.tui.widgets.footer import KeyFooter
from quizapp.tui.widgets.grade_bar import GradeBar, choices_legend

if TYPE_CHECKING:
    from quizapp.clock import Clock
    from quizapp.session import Collection, StudyItem, StudySession

#: Seconds after a card is drawn at which the screen collects garbage (see `show_current`).
IDLE_GC_DELAY_S = 0.3
#: Seconds a confirmation ("Card buried until tomorrow.") stays on the line under the card.
CONFIRM_SECONDS = 3.0


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS

    def __init__(
        self,
        collection: Collection,
        session: StudySession,
        clock: Clock,
        *,
        said: str | None = None,
    ) -> None:
        """`said`: a line to show under the first card (what an undo on the summary took back)."""
        super().__init__()
        #: A line to say under the card once it has appeared.
        self._said = said
        self.collection = collection
        self.session = session
        #: The app's clock, for response times.
        self.clock = clock
        self.item: StudyItem | None = None
        self.view: CardView | None = None
        #: When the current card was shown, for the response time (from the app's clock, so
        #: tests with a fixed clock get the same times every run).
        self.shown_at: datetime | None = None
        self._gc_timer: Timer | None = None
        self._confirm_timer: Timer | None = None
        #: A card's view is mounted and not shown yet (`CardArea.show`).
        self._appearing = False
        #: Keys typed while a card appears, for it once it has (`held_keys`; the app holds them).
        self.key_hold = KeyHold()
        #: The deck files as last looked at, to reload them when they change.
        self.deck_files = DeckFileStamps()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-status"):
            yield ProgressBar(id="review-progress", show_eta=False, show_percentage=False)
            yield Static("", id="review-count")
        yield Static("", id="review-meta", markup=False)
        yield CardArea(id="card-area")
        yield Static("space: show answer", id="review-hint")
        ratings = [r for s in self.collection.schedulers.used() for r in s.ratings]
        yield GradeBar(ratings, id="grade-bar")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        self.deck_files.changed(self.collection)  # the first look: the files as the session starts
        self.show_current()

    # Showing cards

    def show_current(self) -> None:
        """Draw the session's current item, or hand over to the summary when it is done."""
        item = self.session.current()
        if item is None:
            self._finish()
            return
        self.item = item
        startup.release_render_caches()
        if startup.collect_when_idle():
            # While the card is read: a full collection (10-40 ms) then misses the key presses.
            if self._gc_timer is not None:
                self._gc_timer.stop()
            self._gc_timer = self.set_timer(IDLE_GC_DELAY_S, self._collect_garbage)
        self.view = card_view(item)
        # What is said meanwhile waits for the card (see `confirm`).
        self._appearing = True
        self.key_hold.hold()
        self.query_one(CardArea).show(self.view, self._card_shown)

    def _card_shown(self) -> None:
        """The current card's view has appeared (in place of the last one): the lines around
        it follow, in the same update."""
        self._appearing = False
        item, view = self.item, self.view
        assert item is not None and view is not None
        self.query_one("#grade-bar", GradeBar).display = False
        hint = self.query_one("#review-hint", Static)
        hint.display = True
        hint.update(view.hint)
        hint.remove_class("-confirm")
        if self._confirm_timer is not None:
            self._confirm_timer.stop()
            self._confirm_timer = None
        self._draw_status(item)
        self.call_after_refresh(self._focus_card, view)
        self.refresh_bindings()
        self.shown_at = self._now()
        said, self._said = self._said, None
        if said is not None:
            self.confirm(said)

    def _collect_garbage(self) -> None:
        gc.collect()

    def _now(self) -> datetime:
        return self.clock.now()

    def _draw_status(self, item: StudyItem) -> None:
        progress = self.session.progress()
        bar = self.query_one("#review-progress", ProgressBar)
        bar.update(total=max(1, progress.done + progress.left), progress=progress.done)
        self.query_one("#review-count", Static).update(
            f"{progress.done} done · {progress.left} left"
        )
        flags = []
        if item.is_new:
            flags.append("new")
        if item.is_repeat:
            flags.append("again today")
        tags = printable(" ".join(f"#{tag}" for tag in item.tags))
        parts = [printable(item.deck_title), *flags]
        if tags:
            parts.append(tags)
        self.query_one("#review-meta", Static).update(" · ".join(parts))

    def _show_grades(self) -> None:
        if self.view is None:
            return
        self.query_one("#review-hint", Static).display = False
        bar = self.query_one("#grade-bar", GradeBar)
        choices = self.session.preview()
        scheduler = self.view.item.scheduler
        suggested = self._suggested()
        # Which ratings bring the card back before the session ends (SM-2's step 7), else the
        # scale; the footer says what space does now.
        bar.show_choices(choices, suggested, choices_legend(scheduler, choices))
        default = scheduler.rating(scheduler.default_rating if suggested is None else suggested)
        self._label_accept(f"{default.label} ({default.key})")
        bar.display = True
        # Inputs are disabled after a check; take the focus away so the keys reach the screen.
        self.set_focus(None)
        self.refresh_bindings()
        self.call_after_refresh(self._scroll_to_answer)

    def _label_accept(self, label: str) -> None:
        """Name in the footer the rating space/Enter gives now ("Good (3)", "Hard (2)")."""
        bindings = self._bindings.key_to_bindings
        for key, listed in bindings.items():
            bindings[key] = [
                replace(binding, description=label) if binding.id == "review.accept" else binding
                for binding in listed
            ]

    def _scroll_to_answer(self) -> None:
        """Scroll as little as needed to show the answer side, from its top if it is long."""
        if self.view is None:
            return
        area = self.query_one("#card-area", VerticalScroll)
        backs = self.view.query(".card-back")
        if backs:
            # All of the answer side if it fits, else as much as fits from its first part.
            area.scroll_to_widget(backs.last(), animate=False)
            area.scroll_to_widget(backs.first(), animate=False)
        else:
            area.scroll_end(animate=False)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")

    @on(CardView.Checked)
    def _checked(self, _message: CardView.Checked) -> None:
        self._reveal_checked()

    def _reveal_checked(self) -> bool:
        """Reveal the card if its view has checked an answer; whether the card is revealed.

        The view's `Checked` message does this, but a key typed right after Enter (keys in a
        burst) may come first: it reveals the answer then, and the late message finds it done.
        A message from a card already graded finds the next card unchecked and leaves it be.
        """
        view = self.view
        if view is None:
            return False
        if not view.revealed and view.mark is not None:
            view.reveal()
            self._show_grades()
        return view.revealed

    # Keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Space/Enter reveals, then takes the suggested grade: the footer shows the one that
        # applies now, and a key press goes to whichever is enabled.
        revealed = self.view is not None and self.view.revealed
        if action == "reveal":
            return not revealed
        if action == "accept":
            return revealed
        return True

    def action_reveal(self) -> None:
        view = self.view
        if view is None or view.revealed:
            return
        if self._reveal_checked():
            # Enter had the answer checked, and this key came before the check's reveal (keys
            # in a burst): it means what it means once the answer shows, the suggested grade.
            self.action_accept()
            return
        if view.submit():
            return  # the view checked an answer and posts Checked
        view.reveal()
        self._show_grades()

    def action_to_field(self) -> None:
        view = self.view
        if view is not None and not view.revealed and view.query(Input):
            view.back_to_field()
        else:
            self.focus_next()

    def _suggested(self) -> int | None:
        """The rating the check of the learner's answer suggests (None: nothing was checked)."""
        mark = None if self.view is None else self.view.mark
        if mark is None or self.view is None:
            return None
        return self.view.item.scheduler.suggested(mark)

    def action_accept(self) -> None:
        view = self.view
        if view is not None and view.revealed:
            suggested = self._suggested()
            default = view.item.scheduler.default_rating
            self.grade(suggested if suggested is not None else default)

    def action_number(self, n: int) -> None:
        view = self.view
        if view is None:
            return
        if not self._reveal_checked():
            if view.takes_numbers:
                view.number(n)
            return
        for rating in view.item.scheduler.ratings:
            if rating.key == str(n):
                self.grade(rating.value)

    @on(GradeBar.Graded)
    def _graded(self, message: GradeBar.Graded) -> None:
        if self.view is not None and self.view.revealed:
            self.grade(message.grade)

    def grade(self, grade: int) -> None:
        view = self.view
        if view is None or not view.revealed:
            return
        shown_at = self.shown_at or self._now()
        response_ms = max(0, round((self._now() - shown_at).total_seconds() * 1000))
        given = view.given()
        done = self.session.progress().done

        def save() -> None:
            # Again after a refusal: the answer once only (it counts in `done` once committed).
            if self.session.progress().done == done:
                self.session.answer(grade, response_ms, given=given)
                leech = self.session.last_leech
                if leech is not None:
                    self.notify(leech.message, title="Leech", severity="warning", timeout=8)
            self.next_card()

        save_or_ask(self.app, "Your answer was not saved", save)

    def next_card(self) -> None:
        """Before the next card, pick up deck files edited meanwhile."""
        if self.deck_files.changed(self.collection):
            report_problems(self, self.collection.reload_changed())
        self.show_current()

    def action_undo(self) -> None:
        """Take back the session's newest action (an answer, a suspension, a burial)."""
        undo_last(self)

    def action_suspend_card(self) -> None:
        set_aside(self, "The card was not suspended", suspend=True)

    def action_bury(self) -> None:
        set_aside(self, "The card was not buried", suspend=False)

    def confirm(self, text: str) -> None:
        """Say what a key did, on the line under the card for a few seconds.

        A toast there would cover the card at 80×24 (two at once hid the question). When that
        line is not shown (the answer is, or the session has just ended) it is a toast after all.
        """
        if self._appearing:
            self._said = text  # said once the card it is about has appeared
            return
        hint = self.query_one("#review-hint", Static)
        if self.item is None or self.session.current() is None or not hint.display:
            self.app.notify(text, timeout=CONFIRM_SECONDS)
            return
        hint.update(f"{text}  ·  {self.view.hint_now()}" if self.view is not None else text)
        hint.add_class("-confirm")
        if self._confirm_timer is not None:
            self._confirm_timer.stop()
        self._confirm_timer = self.set_timer(CONFIRM_SECONDS, self._end_confirm)

    def _end_confirm(self) -> None:
        self._confirm_timer = None
        hint = self.query_one("#review-hint", Static)
        hint.remove_class("-confirm")
        if self.view is not None and not self.view.revealed:
            hint.update(self.view.hint_now())

    def _focus_card(self, view: CardView) -> None:
        """The card is on screen: its field takes the focus, then the keys typed meanwhile."""
        if view is self.view:
            view.focus_first()
            self.key_hold.release(self.app)

    def on_card_view_hint_changed(self, message: CardView.HintChanged) -> None:
        """A field took or lost the focus: the line under the card says which keys work now."""
        message.stop()
        hint = self.query_one("#review-hint", Static)
        view = self.view
        if view is None or view.revealed or self._appearing or hint.has_class("-confirm"):
            return
        hint.update(view.hint_now())

    def action_leave(self) -> None:
        view = self.view
        if view is None or not view.unchecked_text():
            self._finish()
            return

        def answered(end: bool | None) -> None:
            if end:
                self._finish()
            elif self.view is view:
                view.back_to_field()  # back in the field, the text as it was

        self.app.push_screen(EndSessionScreen(), answered)

    def action_scroll_card(self, how: str) -> None:
        # CardArea's scroll_up, scroll_down, scroll_page_up, scroll_page_down.
        getattr(self.query_one(CardArea), f"scroll_{how}")(animate=False)

    def action_edit(self) -> None:
        """Open the card's deck file in $VISUAL/$EDITOR at the card's line, then reload it."""
        edit_and_reload(self)

    def _finish(self) -> None:
        self.key_hold.release(self.app)  # keys typed on, for the summary
        self.post_message(SessionEnded(self.session))  # the app shows it in this screen's place
