"""The end of a session: cards reviewed, right and wrong, time spent, and what is due next.

Undo here posts `SessionResumed`, and the app brings the review screen back for the card taken
back: this screen does not import the review screen, which hands over to it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from quizapp.tui.messages import SessionResumed
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.session import SessionSummary, StudySession


def format_duration(seconds: float) -> str:
    """42 → "42 s", 135 → "2 min 15 s", 3725 → "1 h 2 min"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def summary_lines(summary: SessionSummary, today: date | None = None) -> list[str]:
    """The summary as lines of text (kept apart from the widgets so they are easy to check)."""
    lines = [f"Cards reviewed   {summary.reviewed}"]
    repeats = summary.answers - summary.reviewed
    if repeats:
        again = "repeat" if repeats == 1 else "repeats"
        lines.append(f"Answers          {summary.answers} ({repeats} {again} of missed cards)")
    lines += [
        f"Right            {summary.right}",
        f"Wrong            {summary.wrong}",
        f"Time spent       {format_duration(summary.seconds)}",
    ]
    if summary.next_due is None:
        when = "nothing scheduled"
    else:
        when = summary.next_due.isoformat()
        if today is not None:
            days = (summary.next_due - today).days
            if days <= 0:
                when += " (today)"
            elif days == 1:
                when += " (tomorrow)"
            else:
                when += f" (in {days} days)"
    learning_at = None
    if summary.learning_later and summary.next_learning is not None:
        learning_at = summary.next_learning.astimezone().strftime("%H:%M")
        # A learning step later today comes first; the next day a card is due, after it.
        then = f", then {when}" if summary.next_due is not None else ""
        when = f"today at {learning_at} (learning){then}"
    lines.append(f"Next due         {when}")
    lines.append(f"Due tomorrow     {summary.due_tomorrow}")
    if learning_at is not None:
        cards = "card" if summary.learning_later == 1 else "cards"
        lines.append(
            f"Still learning   {summary.learning_later} {cards}, the next at {learning_at}"
        )
    return lines


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not space: a learner rating cards with space would leave the summary unread.
        Binding("enter,escape,q", "home", "Home", id="summary.home"),
        Binding("u", "undo", "Undo last", id="summary.undo"),
    ]

    def __init__(self, session: StudySession, today: date | None) -> None:
        super().__init__()
        self.session = session
        #: Today's study day, for "tomorrow" and "in 3 days" after the next due date.
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="summary-box"):
            yield Static("Session done", id="summary-title")
            yield Static("", id="summary-body", markup=False)
            yield Static("Enter or q: your decks · u: undo the last action", classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        summary = self.session.summary()
        lines = summary_lines(summary, self.today)
        self.query_one("#summary-body", Static).update("\n".join(lines))
        left = self.session.progress().left
        if left:
            title = f"Session ended ({left} card{'s' if left != 1 else ''} left for later)"
        elif summary.reviewed == 0:
            title = "Nothing to study right now"
        else:
            title = "Session done"
        self.query_one("#summary-title", Static).update(title)

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_undo(self) -> None:
        undone = self.session.undo()
        if undone is not None:
            # The app puts the review screen back in this one's place, which says what was
            # taken back.
            self.post_message(SessionResumed(self.session, undone.message))
        else:
            self.notify("Nothing to undo in this session.", severity="warning")
