"""Whole flows through the study app, on a real collection (deck files + SQLite in tmp_path)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from quizapp import config as config_module
from quizapp.config import Config
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.footer import KeyFooter
from tests.tui.conftest import AppFactory, write_deck
from tests.tui.screen import screen_text


async def wait_for_decks(pilot: Pilot[int]) -> None:
    """Wait until the worker has opened the collection (or failed to)."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    for _ in range(400):
        await pilot.pause(0.01)
        if app.collection is not None or app.home.query_one("#today").has_class("error"):
            await pilot.pause()
            return
    raise AssertionError("the collection did not open")


def deck_rows(app: QuizApp) -> dict[str, list[object]]:
    """deck id -> the row's cells, the title as plain text."""
    table = app.home.query_one("#decks", DataTable)
    return {
        str(key.value): [str(v) if isinstance(v, Text) else v for v in table.get_row(key)]
        for key in table.rows
    }


async def open_deck(pilot: Pilot[int], deck_id: str) -> ReviewScreen:
    app = pilot.app
    assert isinstance(app, QuizApp)
    table = app.home.query_one("#decks", DataTable)
    table.move_cursor(row=table.get_row_index(deck_id))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_home_lists_decks_with_counts(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        rows = deck_rows(app)
        # Deck, new, due, learning, total: every card is new on the first day.
        assert rows["basics"] == ["Basics", 2, 0, 0, 2]
        # cloze (one deletion), choice, typed, order, exercise
        assert rows["kinds"] == ["Every kind of card", 5, 0, 0, 5]
        text = screen_text(app)
        assert "Today: 0 reviews in 0 s · streak 0 days" in text
        assert "All decks" in text


async def test_study_a_deck_through_to_the_summary(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        text = screen_text(app)
        assert "What does bagging stand for?" in text
        assert "0 done · 2 left" in text
        assert "Basics · new · #ml" in text
        assert not review.query_one("#grade-bar").display

        await pilot.press("space")
        text = screen_text(app)
        assert "Bootstrap aggregating (배깅)." in text
        # New card, any passing grade: SM-2's first interval is one day.
        assert "4 Good" in text and "1d" in text

        await pilot.press("4")
        text = screen_text(app)
        assert "What are Adam's default β₁ and β₂?" in text
        assert "1 done · 1 left" in text
        await pilot.press("enter", "5")
        await pilot.pause()

        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session done" in text
        assert "Cards reviewed   2" in text
        assert "Right            2" in text
        assert "Wrong            0" in text
        assert "Next due         2025-03-11 (tomorrow)" in text
        assert "Due tomorrow     2" in text

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert deck_rows(app)["basics"] == ["Basics", 0, 0, 0, 2]
        assert "Today: 2 reviews" in screen_text(app)


async def test_undo_brings_the_card_back(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await pilot.press("space", "1")
        assert review.item is not None and review.item.prompt.key == "adam-defaults"
        await pilot.press("u")
        assert review.item is not None and review.item.prompt.key == "bagging-idea"
        assert "0 done · 2 left" in screen_text(app)
        assert not review.query_one("#grade-bar").display  # shown from its front again

        await pilot.press("space", "4", "space", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed   2" in screen_text(app)
        # `u` on the summary takes back the last answer and returns to that card.
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.item is not None
        assert app.screen.item.prompt.key == "adam-defaults"


async def test_suspend_and_bury_move_on(
    build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.tui.screens import review as review_module

    monkeypatch.setattr(review_module, "CONFIRM_SECONDS", 0.3)
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await pilot.press("s")
        assert review.item is not None and review.item.prompt.key == "adam-defaults"
        # Said on the line under the card, not in a toast over it; then the hint comes back.
        hint = review.query_one("#review-hint", Static)
        assert str(hint.render()).startswith("Card suspended (quizapp suspended lists it).")
        assert not app._notifications
        await pilot.pause(0.5)
        assert str(hint.render()) == "space: show answer"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed   0" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        # Neither card is offered again today.
        assert deck_rows(app)["basics"] == ["Basics", 0, 0, 0, 2]


async def test_nothing_due_is_a_notice_not_a_session(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await pilot.press("space", "4", "space", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.home.query_one("#decks", DataTable)
        table.move_cursor(row=table.get_row_index("basics"))
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)
        assert "All caught up" in screen_text(app)


def one_card_deck(tmp_path: Path, card: str) -> Path:
    folder = tmp_path / "one"
    text = "deck: one\ntitle: One card\ncards:\n" + textwrap.indent(textwrap.dedent(card), "  ")
    write_deck(folder, "one.yaml", text)
    return folder


async def test_choice_card_by_key_then_by_mouse(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: bagging-reduces
          kind: choice
          front: What does bagging mainly reduce?
          choices: [Bias, Variance, Noise]
          answer: 2
          shuffle: false  # this test picks by screen number
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.press("1")  # Bias: wrong
        text = screen_text(app)
        assert "✗ 1. Bias" in text
        assert "✓ 2. Variance" in text
        assert review.query_one("#grade-1").has_class("-suggested")
        await pilot.press("enter")  # takes the suggested 1: a failed card comes back today
        assert review.item is not None and review.item.is_repeat
        assert "again today" in screen_text(app)

        await pilot.click("#choice-2")
        assert "✓ 2. Variance" in screen_text(app)
        assert review.query_one("#grade-4").has_class("-suggested")
        await pilot.click("#grade-5")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_typed_card_near_miss_and_override(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: term-bagging
          kind: typed
          front: Bootstrap aggregating is better known as…
          answer: bagging
          accept: [배깅]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.press(*"Bagign", "enter")
        assert "≈ Near — the answer is: bagging" in screen_text(app)
        assert review.query_one("#grade-3").has_class("-suggested")
        await pilot.press("5")  # the learner knows it was a typo
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Right            1" in screen_text(app)


async def test_esc_leaves_a_typed_field_so_the_letter_keys_work(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(tmp_path, TWO_TYPED)
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        footer = review.query_one(KeyFooter)
        # Typing: the letters go to the field; the footer shows the way out, not u/s/b/e.
        await pilot.press(*"sub")
        assert review.query_one(Input).value == "sub"
        shown = {key.action for key in footer.shown_keys()}
        assert "leave_field" in shown and not shown & {"undo", "suspend_card", "bury", "edit"}
        # Esc leaves the field (not the session); now `s` suspends the card.
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen) and app.focused is None
        shown = {key.action for key in footer.shown_keys()}
        assert {"undo", "suspend_card", "bury", "edit"} <= shown and "leave_field" not in shown
        # The line under the card says so too (it no longer offers to leave the field).
        await pilot.pause()
        hint = str(review.query_one("#review-hint", Static).render())
        assert "Tab: back to the field" in hint and "leave the field" not in hint
        await pilot.press("tab")
        await pilot.pause()
        hint = str(review.query_one("#review-hint", Static).render())
        assert "Esc: leave the field" in hint and "Tab: back to the field" not in hint
        await pilot.press("escape")
        await pilot.press("s")
        assert review.item is not None and review.item.prompt.key == "term-boosting"
        # Tab goes back to the field of the next card; Enter checks what was typed.
        await pilot.press("escape", "tab", *"boosting", "enter")
        assert "✓ Right" in screen_text(app)
        # With the answer shown, Esc ends the session as on any card.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_typed_year_one_digit_off_is_wrong(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: resnet-year
          kind: typed
          front: In which year was ResNet published?
          answer: "2015"
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.press(*"2016", "enter")
        assert "✗ Wrong — the answer is: 2015" in screen_text(app)
        assert review.query_one("#grade-1").has_class("-suggested")


async def test_typed_card_accepts_the_korean_answer(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: term-bagging
          kind: typed
          front: Bootstrap aggregating is better known as…
          answer: bagging
          accept: [배깅]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.press("배", "깅", "enter")
        assert "✓ Right — the answer is: bagging" in screen_text(app)
        assert review.query_one("#grade-4").has_class("-suggested")


async def test_cloze_card_blanks_then_fills(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: adam-year
          kind: cloze
          text: Adam was published by {{c1::Kingma}} and Ba in {{c2::2014::year}}.
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        assert "Adam was published by […] and Ba in 2014." in screen_text(app)
        await pilot.press("space")
        assert "Adam was published by [Kingma] and Ba in 2014." in screen_text(app)
        await pilot.press("4")
        assert "Adam was published by Kingma and Ba in [year]." in screen_text(app)


#: Two typed cards.
TWO_TYPED = """\
- id: term-bagging
  kind: typed
  front: Bootstrap aggregating is better known as…
  answer: bagging
- id: term-boosting
  kind: typed
  front: Learners trained in turn, each on the last one's mistakes, is called…
  answer: boosting
"""

#: One exercise card: one Adam step on a single weight, fixed numbers.
ADAM_ONE_STEP = """\
- id: adam-one-step
  kind: exercise
  front: One Adam step on a single weight.
  generator: adam_step
  params: {theta: 0.5, grad: 0.2, t: 1, lr: 0.1}
  ask: [m, m_hat, theta]
"""

#: One order card, three items.
MILESTONES = """\
- id: milestones
  kind: order
  front: Put these in order.
  items: [AlexNet (2012), Adam (2014), ResNet (2015)]
"""


async def test_esc_on_an_order_card_ends_the_session(build_app: AppFactory, tmp_path: Path) -> None:
    """Only a text field takes Esc for itself; the order list (focused) leaves it to the screen."""
    folder = one_card_deck(tmp_path, MILESTONES)
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        assert type(app.focused).__name__ == "OrderList"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_order_card_moved_into_place(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(tmp_path, MILESTONES)
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        from quizapp.tui.widgets.order import OrderList

        order_list = review.query_one(OrderList)
        assert order_list.order != [0, 1, 2]  # never asked in the right order
        # Like a learner: for each place, find the item that belongs there and move it up.
        for place in range(3):
            position = order_list.order.index(place)
            await pilot.press(*(["up"] * order_list.cursor))
            await pilot.press(*(["down"] * position))
            await pilot.press(*(["shift+up"] * (position - place)))
        text = screen_text(app)
        assert "1. AlexNet (2012)" in text
        await pilot.press("space")
        text = screen_text(app)
        assert "✓ 1. AlexNet (2012)" in text
        assert "✓ 2. Adam (2014)" in text
        assert "✓ 3. ResNet (2015)" in text
        assert review.query_one("#grade-4").has_class("-suggested")


async def test_exercise_one_field_wrong_shows_the_solution(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(tmp_path, ADAM_ONE_STEP)
    app = build_app(folder)
    async with app.run_test(size=(80, 40), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        text = screen_text(app)
        assert "θ₀ = 0.5" in text and "g₁ = 0.2" in text
        # By hand: m = 0.1·0.2 = 0.02; m̂ = 0.02/(1 − 0.9) = 0.2; θ = 0.5 − 0.1·0.2/0.2 = 0.4.
        await pilot.press(*"0.02", "tab", *"0.3", "tab", *"abc", "enter")
        text = screen_text(app)
        assert "'abc' is not a number" in text
        assert not review.query_one("#grade-bar").display  # unreadable: retype, not graded
        await pilot.press(*["backspace"] * 3, *"0.4", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "✗ expected 0.2" in text
        assert text.count("✓ right") == 2
        assert "Worked solution" in text
        assert "m̂₁ = m₁ / (1 − β₁¹)" in text
        assert review.query_one("#grade-3").has_class("-suggested")  # some right


async def test_a_broken_deck_at_start_is_a_notice(build_app: AppFactory, deck_dir: Path) -> None:
    write_deck(deck_dir, "broken.yaml", "deck: broken\ncards: []\n")
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        text = screen_text(app)
        assert "could not be loaded" in text
        assert "broken.yaml:" in text
        # The good decks are there to study all the same.
        assert set(deck_rows(app)) >= {"basics", "kinds"}


async def test_the_learners_text_is_shown_as_written_never_as_markup(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """Titles, paths and error lines with [brackets] or :codes: come out literally."""
    folder = tmp_path / "notes [/] 2025"
    write_deck(
        folder,
        "notes.yaml",
        """\
        deck: notes
        title: "Notes [draft] [b]bold?[/b] :smile:"
        cards:
          - id: one
            front: A question
            back: An answer
        """,
    )
    write_deck(folder, "broken.yaml", "deck: broken\ncards: []\n")
    app = build_app(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        assert deck_rows(app)["notes"][0] == "Notes [draft] [b]bold?[/b] :smile:"
        # The error notice quotes the folder's "[/]": before, that raised a MarkupError.
        assert any("notes [/] 2025" in str(n.message) for n in app._notifications)
        problems = app.home.query_one("#problems-text", Static).render()
        assert "notes [/] 2025/broken.yaml:1:1: error: missing 'title'" in str(problems)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Notes [draft] [b]bold?[/b] :smile:" in screen_text(app)


async def test_deck_edited_during_the_session(build_app: AppFactory, deck_dir: Path) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        deck = deck_dir / "basics.yaml"
        deck.write_text(
            deck.read_text(encoding="utf-8").replace(
                "What are Adam's default", "Which defaults does Adam use for"
            ),
            encoding="utf-8",
        )
        await pilot.press("space", "4")
        assert "Which defaults does Adam use for β₁ and β₂?" in screen_text(app)


async def test_broken_edit_keeps_the_last_good_deck(build_app: AppFactory, deck_dir: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        (deck_dir / "basics.yaml").write_text("deck: basics\ntitle: [unclosed\n", encoding="utf-8")
        await pilot.press("space", "4")
        text = screen_text(app)
        assert "A deck file has errors" in text
        assert "What are Adam's default β₁ and β₂?" in text
        await pilot.press("space", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed   2" in screen_text(app)


async def test_edit_key_opens_the_editor_at_the_card_line(
    build_app: AppFactory, deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in editor: records its arguments and edits the file as a learner would.
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            """\
            import pathlib, sys
            line, path = sys.argv[1], pathlib.Path(sys.argv[2])
            pathlib.Path(sys.argv[0]).with_suffix(".args").write_text(line + " " + str(path))
            path.write_text(path.read_text().replace("Adam's default", "Adam's usual"))
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await pilot.press("e")
        await pilot.pause()
        # The first card's entry is on line 5 of basics.yaml.
        assert script.with_suffix(".args").read_text() == f"+5 {deck_dir / 'basics.yaml'}"
        assert "Deck reloaded." in screen_text(app)
        await pilot.press("space", "4")
        assert "What are Adam's usual β₁ and β₂?" in screen_text(app)


async def test_help_lists_every_review_key(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(120, 60), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        for words in (
            "show the answer",
            "take back the last answer",
            "suspend this card",
            "put this card off until tomorrow",
            "edit the card in $EDITOR",
            "Study all due",
            "ctrl+Enter checks at once",
        ):
            assert words in help_text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_keys_typed_in_a_burst_study_the_row_they_reach(build_app: AppFactory) -> None:
    """↓ then Enter sent at once (as a paste or a fast typist sends them) study the second deck."""
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        for key in ("down", "enter"):
            app.simulate_key(key)  # posted as the terminal driver posts keys, no wait between
        for _ in range(100):
            await pilot.pause(0.01)
            if isinstance(app.screen, ReviewScreen) and app.screen.item is not None:
                break
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.item is not None and app.screen.item.prompt.deck_id == "kinds"


async def test_command_palette_studies_a_deck(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Study Basics")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.item is not None and app.screen.item.prompt.deck_id == "basics"


async def test_the_palette_offers_each_action_once(build_app: AppFactory) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    app = build_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        titles = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        assert len(titles) == len(set(titles)), titles
        assert {"Keys", "Statistics", "Study Basics", "Theme"} <= set(titles)
        # "Keys" is quizapp's help screen (every key of every screen).
        await pilot.press(*"Keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_theme_choice_is_remembered(
    build_app: AppFactory, quizapp_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app()
    app.save_config = config_module.save
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert config_module.load().theme == "nord"
    assert build_app(config=Config(theme="nord")).theme == "nord"


async def test_an_unreadable_database_is_a_message(tmp_path: Path, deck_dir: Path) -> None:
    from quizapp.session import Collection
    from quizapp.tui.app import make_app

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    app = make_app(lambda: Collection.open(deck_paths=[deck_dir], db_url=f"sqlite:///{garbage}"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        text = screen_text(app)
        assert "Cannot open your collection" in text
        assert "garbage.sqlite3" in text


async def test_help_lists_every_binding_of_every_screen(build_app: AppFactory) -> None:
    from textual.binding import Binding

    from quizapp.tui.screens.add_card import AddCardScreen
    from quizapp.tui.screens.stats import StatsScreen

    app = build_app()
    async with app.run_test(size=(120, 100)) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = " ".join(screen_text(app).split())
        screens = (QuizApp, HomeScreen, ReviewScreen, SummaryScreen, StatsScreen, AddCardScreen)
        for screen in screens:
            for binding in screen.BINDINGS:
                assert isinstance(binding, Binding)
                if binding.key.isdigit():
                    continue  # folded into one "0–9" row
                words = " ".join((binding.tooltip or binding.description).split())
                assert words in help_text, (screen.__name__, binding.key)
        assert "command palette" in help_text


async def test_choice_with_several_right_options_marks_picks_and_misses(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: alexnet-parts
          kind: choice
          front: Which are part of AlexNet's design?
          choices:
            - ReLU nonlinearity
            - Residual (skip) connections
            - A sequence of convolutional layers, each followed by a nonlinearity, some by pooling
          answer: [1, 3]
          shuffle: false
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(60, 24)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        assert "Pick both right options" in screen_text(app)
        await pilot.press("1", "2")
        text = screen_text(app)
        assert "● 1. ReLU nonlinearity" in text
        assert "● 2. Residual (skip) connections" in text
        await pilot.press("2")  # picked again: no longer picked
        assert "  2. Residual (skip) connections" in screen_text(app)
        await pilot.press("space")
        lines = screen_text(app).splitlines()
        assert any("✓ 1. ReLU nonlinearity" in line for line in lines)
        # Right but not picked: said in words, and the long option wraps under its own text.
        third = next(i for i, line in enumerate(lines) if "✓ 3. A sequence" in line)
        column = lines[third].index("A sequence")
        assert lines[third + 1][column - 1] == " " and lines[third + 1][column] != " "
        assert "(not picked)" in " ".join(lines[third : third + 3])


async def test_grade_bar_says_which_grades_come_back_today(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await pilot.press("space")
        # SM-2 step 7: below 4, the card is asked again in the same session.
        assert "0–3: asked again before this session ends · 4–5: back on the day shown" in (
            screen_text(app)
        )


async def test_long_deck_titles_are_cut_so_every_count_shows(
    build_app: AppFactory, tmp_path: Path
) -> None:
    title = "Generalization — overfitting, underfitting, bias, variance and the gap"
    folder = tmp_path / "long"
    write_deck(
        folder,
        "long.yaml",
        f"""\
        deck: long
        title: {title}
        cards:
          - id: one
            front: Q
            back: A
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Generalization" in line)
        assert row.split()[-4:] == ["1", "0", "0", "1"]  # new, due, learning, total
        assert "…" in row and title not in row
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert title in screen_text(app)


async def test_answered_cards_leave_no_drawings_behind(build_app: AppFactory) -> None:
    import gc

    from textual._styles_cache import StylesCache
    from textual.widget import Widget

    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "kinds")
        await pilot.press("space", "space", "4")  # the cloze card, shown and graded
        await pilot.pause()
        gc.collect()
        live = {id(obj._styles_cache) for obj in gc.get_objects() if isinstance(obj, Widget)}
        orphans = [
            obj for obj in gc.get_objects() if isinstance(obj, StylesCache) and id(obj) not in live
        ]
        # The graded card's widgets are gone, and so are their cached lines.
        assert orphans == []


async def test_edit_key_leaves_the_bundled_decks_alone(
    build_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp import paths

    started = tmp_path / "editor-started"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c \"open({str(started)!r}, 'w')\"")
    app = build_app(paths.bundled_decks_dir())
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")
        await pilot.pause()
        assert not started.exists()
        assert "Bundled deck" in screen_text(app)


async def test_an_answer_enter_and_grade_typed_in_a_burst_grade_that_answer(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """`bagging⏎4` arriving at once (a paste, keys batched over ssh): the answer is checked as
    typed and graded 4; the grade is not typed into the field."""
    folder = one_card_deck(tmp_path, TWO_TYPED)
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        for key in [*"bagging", "enter", "4"]:
            app.simulate_key(key)  # posted as the terminal driver posts keys, no wait between
        for _ in range(100):
            await pilot.pause(0.01)
            if review.item is not None and review.item.prompt.key == "term-boosting":
                break
        assert review.item is not None and review.item.prompt.key == "term-boosting"
        assert review.session.summary().right == 1
        # The next card's field takes the focus once its view is drawn (a worker swaps it in:
        # a slow machine or older Textual takes a few frames).
        for _ in range(100):
            if isinstance(app.focused, Input):
                break
            await pilot.pause(0.01)
        assert isinstance(app.focused, Input)
        # The same with space, which takes the suggested grade once the answer shows.
        for key in [*"boosting", "enter", "space"]:
            app.simulate_key(key)
        for _ in range(100):
            await pilot.pause(0.01)
            if isinstance(app.screen, SummaryScreen):
                break
        assert isinstance(app.screen, SummaryScreen)
        await pilot.pause()
        assert "Right            2" in screen_text(app)


async def test_keys_typed_on_while_the_next_card_appears_go_to_its_field(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """`bagging⏎4sub⏎` at once: the letters after the grade are the next card's answer, typed
    before its field could take the focus; they are not the screen's keys (s would suspend the
    card unseen, u undo the answer, b bury)."""
    folder = one_card_deck(tmp_path, TWO_TYPED)
    app = build_app(folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        for key in [*"bagging", "enter", "4", *"sub"]:
            app.simulate_key(key)  # posted as the terminal driver posts keys, no wait between
        for _ in range(200):
            await pilot.pause(0.01)
            if isinstance(app.focused, Input) and app.focused.value == "sub":
                break
        assert review.item is not None and review.item.prompt.key == "term-boosting"
        assert isinstance(app.focused, Input) and app.focused.value == "sub"
        summary = review.session.summary()
        # Not undone, and the card is neither suspended nor buried (it is still the one shown).
        assert summary.right == 1 and summary.reviewed == 1
        assert review.session.progress().left == 1
