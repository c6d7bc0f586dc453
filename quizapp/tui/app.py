"""The study app and `make_app`, the one factory the CLI, the tests and the benchmarks use.

Start-up is split so the first frame comes first: the app module imports only Textual and the
light parts of quizapp; the collection (YAML decks, SQLAlchemy, numpy for exercises) is opened by
`collection_factory` in a thread worker after the home screen has drawn, and the worker posts a
message with the counts. Before that, the worker asks `glance` for the counts (read with the
standard library's sqlite3 when the store allows it, see `session.CollectionOpener`), so they
are on screen while SQLAlchemy is still being imported; keys that need the collection wait for
it. The CLI also pauses the garbage collector for the start-up (see `quizapp.tui.startup`), and
the app resumes it through `on_ready` once the home screen has its counts. Two environment
variables, used only by benchmarks/bench_tui.py, make the app write a timestamp to a file and
exit at a point of its start-up: ``QUIZAPP_BENCH_EXIT=first-frame`` or ``home-ready``, and
``QUIZAPP_BENCH_FILE=path``. Screens never import this module: they post `quizapp.tui.messages`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from quizapp.clock import Clock, SystemClock
from quizapp.config import Config
from quizapp.tui import messages, startup, study_actions
from quizapp.tui.commands import PaletteCommand, StudyCommands, study_commands
from quizapp.tui.opening import (
    CollectionFactory,
    CollectionFailed,
    CollectionOpened,
    HomeGlance,
    HomeGlanced,
    describe,
)
from quizapp.tui.screens.held_keys import KeyHold
from quizapp.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem
    from quizapp.session import Collection, HomeView
    from quizapp.session.custom import CustomStudy


class QuizApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+n", "add_card", "Add card", id="app.add_card", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
    ]

    def __init__(
        self,
        collection_factory: CollectionFactory,
        *,
        config: Config | None = None,
        save_config: Callable[[Config], None] | None = None,
        clock: Clock | None = None,
        on_ready: Callable[[], None] | None = None,
        glance: HomeGlance | None = None,
        custom: CustomStudy | None = None,
    ) -> None:
        """`custom`: start straight into this custom study of every deck once open."""
        super().__init__()
        self.collection_factory = collection_factory
        self.glance = glance
        #: Called once start-up is over: the home screen has its counts and the review's modules
        #: are imported (or the collection failed to open).
        self.on_ready = on_ready
        self.config = config or Config()
        #: Called with the new settings when the learner picks a theme (None: not remembered).
        self.save_config = save_config
        self.clock: Clock = clock or SystemClock()
        #: The open collection, once the worker has opened it.
        self.collection: Collection | None = None
        #: What the learner asked for while the collection was still opening (done once open).
        self._when_open: Callable[[], None] | None = None
        #: Why the collection could not be opened (None: it is open, or still opening).
        self._open_error: str | None = None
        if custom is not None:
            self._when_open = lambda: self.study(None, custom)
        self._problems_shown = False
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._bench_exit = os.environ.get("QUIZAPP_BENCH_EXIT", "")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice as plain text, from the app or any screen (whatever `markup` says).

        Notices quote deck files, paths and error messages: read as markup, a ``[/]`` in them
        would raise, and ``[draft]`` would vanish.
        """
        from quizapp.textsafe import printable  # deck text must not drive the terminal

        message, title = printable(message, multiline=True), printable(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """ctrl+c (which copies in a field, and does not quit): say which key quits, as plain
        text (Textual's own notice is markup, which `notify` shows as it is)."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        quit_key = self.get_key_display(self.active_bindings[keys[0]].binding) if keys else "ctrl+q"
        self.notify(f"Press {quit_key} to quit the app.", title="Do you want to quit?")

    def on_key(self, event: events.Key) -> None:
        """A key nothing took, before the bindings: held while a card appears (`held_keys`)."""
        hold = getattr(self.screen, "key_hold", None)
        if isinstance(hold, KeyHold):
            hold.take(event)

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen()

    @property
    def home(self) -> HomeScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, HomeScreen)
        return screen

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for warning in self.config.warnings:
            self.notify(warning, title="Config", severity="warning")
        if self._bench_exit == "first-frame":
            self.call_after_refresh(self._bench_mark)
        # After the first frame: opening the collection is the slow part of start-up.
        self.call_after_refresh(self._open_collection)

    def _bench_mark(self) -> None:
        path = os.environ.get("QUIZAPP_BENCH_FILE")
        if self._bench_exit == "done":
            return  # marked once already (the glance's counts, then the collection's)
        self._bench_exit = "done"
        if path:
            Path(path).write_text(f"{time.time():.6f}\n", encoding="utf-8")
        self.exit(0)

    # Opening the collection, off the UI thread

    @work(thread=True, exclusive=True, group="collection", exit_on_error=False)
    def _open_collection(self) -> None:
        try:
            # The counts first when they can be read without opening everything (SQLAlchemy's
            # import alone is most of the start-up), then the collection itself.
            view = self.glance() if self.glance is not None else None
            if view is not None:
                self.post_message(HomeGlanced(view))
            collection = self.collection_factory()
            view = collection.home()
        except Exception as error:  # shown to the learner as a message, never a traceback
            self.post_message(CollectionFailed(describe(error)))
            return
        self.post_message(CollectionOpened(collection, view))

    def _show_home(self, view: HomeView) -> None:
        self.home.show_decks(view.summaries, view.today)
        self.home.show_problems(view.problems)
        if view.problems and not self._problems_shown:
            self._problems_shown = True
            self.notify_problems(view.problems, "Some deck files have errors")

    @on(HomeGlanced)
    def _glanced(self, message: HomeGlanced) -> None:
        self._show_home(message.view)
        if self._bench_exit == "home-ready":
            self.call_after_refresh(self._bench_mark)

    @on(CollectionOpened)
    def _opened(self, message: CollectionOpened) -> None:
        self.collection = message.collection
        self._show_home(message.view)
        # With the counts on screen, get what studying needs ready while the learner reads them.
        self.call_after_refresh(self._warm_up)
        if self._when_open is not None:
            action, self._when_open = self._when_open, None
            action()
        if self._bench_exit == "home-ready":
            self.call_after_refresh(self._bench_mark)

    @on(CollectionFailed)
    def _failed(self, message: CollectionFailed) -> None:
        self._when_open = None
        self._open_error = message.text
        self.home.clear_decks()
        self.home.show_error(f"{message.text} · r: try again")
        self._say_not_open(message.text, timeout=30)
        self._home_ready()
        if self._bench_exit:
            self.exit(1)

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        startup.warm_up()
        if self.collection is not None:
            self.collection.index.prepare_terms()  # what the typed judge looks terms up in
        self.call_from_thread(self._home_ready)

    def _home_ready(self) -> None:
        if self.on_ready is not None:
            on_ready, self.on_ready = self.on_ready, None
            on_ready()

    def notify_problems(self, problems: Sequence[Problem], title: str) -> None:
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            text = "\n".join(str(p) for p in errors[:3])
            if len(errors) > 3:
                text += f"\n… {len(errors) - 3} more on the home screen"
            self.notify(text, title=title, severity="error", timeout=10)

    def refresh_home(self) -> None:
        """Read the counts again (after a session, or a reload)."""
        if self.collection is not None:
            view = self.collection.home()
            self.home.show_decks(view.summaries, view.today)
            self.home.show_problems(view.problems)

    def opening(self, action: Callable[[], None]) -> bool:
        """Whether the collection is not open; if it is still opening, `action` runs once it is
        (if it could not be opened, the learner is told why again)."""
        if self.collection is not None:
            return False
        if self._open_error is not None:
            self._say_not_open(self._open_error)
            return True
        self._when_open = action
        self.notify("Opening your decks…", timeout=2)
        return True

    def study_day(self) -> date | None:
        """Today's study day (the day starts at the configured rollover hour)."""
        from quizapp.scheduling.days import study_day

        return study_day(self.clock.now(), self.config.rollover_hour)

    # Actions

    def study(self, deck_ids: Sequence[str] | None, custom: CustomStudy | None = None) -> None:
        """Start a session on some decks (None: every deck's due and new cards), or with
        `custom` a custom study session."""
        study_actions.study(self, deck_ids, custom)

    # What the screens ask for (see `quizapp.tui.messages`)

    @on(messages.StudyRequested)
    def _study_requested(self, message: messages.StudyRequested) -> None:
        self.study(message.deck_ids, message.custom)

    @on(messages.StatsRequested)
    def _stats_requested(self) -> None:
        self.action_show_stats()

    @on(messages.BrowseRequested)
    def _browse_requested(self, message: messages.BrowseRequested) -> None:
        if not self.opening(lambda: self._browse_requested(message)):
            from quizapp.tui.screens.browse import BrowseScreen

            assert self.collection is not None
            screen = BrowseScreen(self.collection, message.query, to_search=message.to_search)
            self.push_screen(screen)

    @on(messages.ReloadRequested)
    def _reload_requested(self) -> None:
        self.action_reload_decks()

    @on(messages.HomeResumed)
    def _home_resumed(self) -> None:
        self.refresh_home()

    @on(messages.SessionEnded)
    def _session_ended(self, message: messages.SessionEnded) -> None:
        study_actions.show_summary(self, message.session)

    @on(messages.SessionResumed)
    def _session_resumed(self, message: messages.SessionResumed) -> None:
        study_actions.resume(self, message.session, message.said)

    def palette_commands(self) -> list[PaletteCommand]:
        """The command palette's entries (`StudyCommands` lists them): one per deck once open."""
        decks = self.collection.decks if self.collection is not None else ()
        actions = (self.action_show_stats, self.action_add_card, self.action_reload_decks)
        return study_commands(self.study, *actions, decks)

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen
        from quizapp.tui.widgets.grade_bar import scale_text

        if not isinstance(self.screen, HelpScreen):
            if self.collection is None:
                self.push_screen(HelpScreen(self.BINDINGS))
            else:
                used = self.collection.schedulers.used()
                self.push_screen(HelpScreen(self.BINDINGS, [scale_text(s) for s in used]))

    def action_show_stats(self) -> None:
        study_actions.show_stats(self)

    def action_add_card(self) -> None:
        study_actions.add_card(self)

    def _say_not_open(self, reason: str, timeout: float | None = None) -> None:
        text = f"{reason}\nPress r to try again."
        self.notify(text, title="Cannot open your collection", severity="error", timeout=timeout)

    def action_reload_decks(self) -> None:
        """Read the deck files again; when the collection could not be opened (locked, a
        backup restored meanwhile...), try to open it again."""
        if self._open_error is not None and self.collection is None:
            self.retry_open()
            return
        study_actions.reload_decks(self)

    def retry_open(self) -> None:
        """Open the collection again after a failure (the factory starts afresh)."""
        self._open_error = None
        self.clear_notifications()
        self.home.show_opening()
        self._open_collection()

    async def action_quit(self) -> None:
        """Quit; with the collection not opened (a damaged or read-only database...), with a
        non-zero exit status and the reason printed again."""
        if self._open_error is None:
            await super().action_quit()
            return
        from rich.text import Text

        self.exit(1, return_code=1, message=Text(f"quizapp: {self._open_error}"))

    def _remember_theme(self, theme: object) -> None:
        name = self.theme
        if name == self.config.theme:
            return
        self.config = replace(self.config, theme=name)
        if self.save_config is not None:
            try:
                self.save_config(self.config)
            except OSError as error:
                self.notify(f"Could not save the theme: {error}", severity="warning")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own "Keys" opens a side panel of the focused widget's keys; quizapp's help
        # screen lists every key of every screen, so "Keys" opens that instead.
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Keys", "Every key binding (the help screen, also ?)", self.action_help)


def make_app(
    collection_factory: CollectionFactory,
    *,
    config: Config | None = None,
    save_config: Callable[[Config], None] | None = None,
    clock: Clock | None = None,
    on_ready: Callable[[], None] | None = None,
    glance: HomeGlance | None = None,
    custom: CustomStudy | None = None,
) -> QuizApp:
    """The study app. `collection_factory` opens the collection (called in a worker thread).

    `glance`, if given, is called first in the same worker: the home screen's counts it gives
    are shown at once, while the collection opens (see `session.CollectionOpener`).

    `on_ready` is called once start-up is over: the home screen shows its counts and the
    review's modules are imported (the CLI passes `startup.resume_gc` there, having called
    `startup.pause_gc` before importing Textual).
    """
    return QuizApp(
        collection_factory,
        config=config,
        save_config=save_config,
        clock=clock,
        on_ready=on_ready,
        glance=glance,
        custom=custom,
    )
