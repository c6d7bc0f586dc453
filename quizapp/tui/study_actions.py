"""What the app does for the learner once the collection is open: start a session, hand over
between the review and its summary, open the statistics or the add-card dialog, reload decks.

`QuizApp` keeps only thin methods that call these (its key bindings and message handlers name
them): the app module stays about start-up, and the screens these open are imported only here,
when first needed, not before the first frame.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from quizapp.session import StudySession
    from quizapp.session.custom import CustomStudy
    from quizapp.tui.app import QuizApp


def study(app: QuizApp, deck_ids: Sequence[str] | None, custom: CustomStudy | None) -> None:
    """Start a session on some decks (None: every deck's due and new cards), or with `custom`
    a custom study session; a notice instead when it would have no card."""
    if app.opening(lambda: study(app, deck_ids, custom)):
        return
    assert app.collection is not None
    from quizapp.tui.screens.review import ReviewScreen

    try:
        session = app.collection.start(deck_ids, custom=custom)
    except ValueError as error:  # a search that names no deck loaded, an unknown deck
        app.notify(str(error), title="Cannot study", severity="error")
        return
    if session.current() is None:
        if custom is not None:
            app.notify("No card matches this custom study.", title="Nothing to study")
        else:
            app.notify("Nothing due in this deck right now. Well done!", title="All caught up")
        return
    app.push_screen(ReviewScreen(app.collection, session, app.clock))


def show_summary(app: QuizApp, session: StudySession) -> None:
    """The session's summary in the review screen's place."""
    from quizapp.tui.screens.summary import SummaryScreen

    app.switch_screen(SummaryScreen(session, app.study_day()))


def resume(app: QuizApp, session: StudySession, said: str | None) -> None:
    """The review screen again in the summary's place (an action was taken back there),
    saying `said` under the card."""
    from quizapp.tui.screens.review import ReviewScreen

    assert app.collection is not None  # a session runs on an open collection
    app.switch_screen(ReviewScreen(app.collection, session, app.clock, said=said))


def show_stats(app: QuizApp) -> None:
    if app.opening(lambda: show_stats(app)):
        return
    assert app.collection is not None
    stats_screen = optional_screen("quizapp.tui.screens.stats", "StatsScreen")
    if stats_screen is None:
        app.notify("Statistics are not available in this version.", severity="warning")
        return
    app.push_screen(stats_screen(app.collection))


def add_card(app: QuizApp) -> None:
    if app.opening(lambda: add_card(app)):
        return
    assert app.collection is not None
    add_card_screen = optional_screen("quizapp.tui.screens.add_card", "AddCardScreen")
    if add_card_screen is None:
        app.notify("Adding cards is not available in this version.", severity="warning")
        return

    def added(_result: object = None) -> None:
        if app.collection is not None:
            app.notify_problems(app.collection.reload_changed(), "A deck file has errors")
        app.refresh_home()

    app.push_screen(add_card_screen(app.collection, deck_in_view(app)), callback=added)


def deck_in_view(app: QuizApp) -> str | None:
    """The deck the learner is looking at: the card's, or the one selected on the home."""
    from quizapp.tui.screens.home import ALL_DECKS, HomeScreen
    from quizapp.tui.screens.review import ReviewScreen

    screen = app.screen
    if isinstance(screen, ReviewScreen) and screen.item is not None:
        return screen.item.prompt.deck_id
    if isinstance(screen, HomeScreen):
        selected = screen.selected_deck()
        return None if selected == ALL_DECKS else selected
    return None


def reload_decks(app: QuizApp) -> None:
    """Read the deck files again; a reload the database refuses asks to retry or quit."""
    collection = app.collection
    if collection is None:
        return

    def reload() -> None:
        problems = collection.reload_changed()
        app.notify_problems(problems, "A deck file has errors")
        app.refresh_home()
        if not problems:
            app.notify("Decks reloaded.")

    from quizapp.tui.saving import save_or_ask

    save_or_ask(app, "The decks were not reloaded", reload)


def optional_screen(module_name: str, class_name: str) -> Callable[..., Screen[Any]] | None:
    """A screen class from a module other parts of quizapp provide (None when it is absent)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    screen: Callable[..., Screen[Any]] = getattr(module, class_name)
    return screen
