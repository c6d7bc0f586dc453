"""`exercise` cards: fresh numbers drawn from the item's seed, an input per asked quantity.

Enter moves to the next empty field, and checks them all once every field is filled; ctrl+Enter
checks at once, blanks and all (Tab moves between fields). An entry that is not a number the
parser reads keeps the card open: its message is shown under the field and it can be retyped.
Once every entry reads, each is marked right or wrong with the expected value (a field left
blank says so, rather than keep showing its hint), then the worked solution is shown and its
suggested grade preselected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Rule, Static

from quizapp.tui.widgets.answer_input import AnswerInput
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_text import CardText

if TYPE_CHECKING:
    from quizapp.exercises.exercise import Checked, Exercise
    from quizapp.session import StudyItem


#: Blank cells between two givens on one line.
GIVENS_GAP = 3
#: What a field left blank shows once the answers are checked, in place of its hint.
NO_ANSWER = "(no answer)"


class Givens:
    """The given values packed into as few lines as the width allows, none of them cut.

    A Rich renderable (one widget rather than one per value, which takes a third off the time to
    draw an exercise card). Each "label = value" stays whole on one line when it fits the width;
    a line takes givens until the next one would not fit, so narrow terminals get one per line.
    Only a given wider than the whole width wraps, and then onto lines of its own.
    """

    def __init__(self, exercise: Exercise) -> None:
        self.cells = [Text(f"{given.label} = {given.value}") for given in exercise.given]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell.cell_len for cell in self.cells), default=0)
        return Measurement(min(widest, options.max_width), options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The givens laid out in `width` cells."""
        lines: list[Text] = []
        current: Text | None = None
        gap = " " * GIVENS_GAP
        for cell in self.cells:
            if current is not None and current.cell_len + GIVENS_GAP + cell.cell_len <= width:
                current.append(gap)
                current.append_text(cell)
                continue
            if current is not None:
                lines.append(current)
            current = cell.copy()
        if current is not None:
            lines.append(current)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        for line in self.lines(width):
            # Wrapped (not cut) when one given alone is wider than the terminal.
            yield from line.wrap(console, width, overflow="fold", no_wrap=False)


class ExerciseView(CardView):
    hint = "Enter: next empty field, then check · ctrl+Enter: check now · Esc: leave"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer while a field has the focus (the screen's keys are typing then).
        Binding("tab", "app.focus_next", "Next field", id="exercise.next_field"),
    ]

    def __init__(self, item: StudyItem, *, id: str | None = None) -> None:
        super().__init__(item, id=id)
        self.exercise: Exercise | None = None
        self.result: Checked | None = None
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        # Imported here: the exercises pull in numpy, which the first frame must not wait for.
        from quizapp.exercises.registry import draw

        card = self.item.prompt.card
        yield CardText(card.front, classes="card-front")
        spec = card.exercise
        if spec is None:
            yield Static("This exercise card has no generator.", classes="error")
            return
        try:
            self.exercise = draw(spec, self.item.seed or 0)
        except Exception as error:  # a deck the checker let through must not end the session
            self.problem = f"Cannot draw this exercise: {error}"
            yield Static(self.problem, classes="error", markup=False)
            return
        exercise = self.exercise
        if exercise.intro:
            yield Static(exercise.intro, classes="exercise-intro", markup=False)
        if exercise.given:  # a card may ask only what needs none (the limit of (1 − 1/n)ⁿ)
            yield Static(Givens(exercise), classes="givens")
        # One label column as wide as the longest label, so the fields line up and no label is
        # cut; the stylesheet caps it at a share of the width, beyond which a label wraps.
        label_width = max((cell_len(f"{q.label} =") for q in exercise.questions), default=0) + 1
        for question in exercise.questions:
            with Horizontal(classes="question", id=f"question-{question.name}"):
                label = Static(f"{question.label} =", classes="question-label", markup=False)
                label.styles.width = label_width
                yield label
                yield AnswerInput(
                    placeholder=question.hint, id=f"answer-{question.name}", compact=True
                )
        # The marks under the fields are mounted when first needed (`_mark`): fewer widgets to
        # draw with the card, which is what the learner waits for after grading the last one.

    def _mark(self, name: str) -> Static:
        """The mark under question `name`'s field, mounted below it the first time."""
        found = self.query(f"#mark-{name}")
        if found:
            return found.first(Static)
        mark = Static("", id=f"mark-{name}", classes="mark", markup=False)
        # Under the field, past its label (the label column is as wide as the longest label).
        label = self.query_one(f"#question-{name} .question-label")
        mark.styles.padding = (0, 0, 0, label.outer_size.width)
        self.mount(mark, after=self.query_one(f"#question-{name}"))
        return mark

    def focus_first(self) -> None:
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    def answers(self) -> dict[str, str]:
        if self.exercise is None:
            return {}
        return {
            q.name: self.query_one(f"#answer-{q.name}", Input).value
            for q in self.exercise.questions
        }

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        # A "not a number" message is about the text the learner has since changed: drop it, so
        # what is shown under the field is never about an entry that is no longer there.
        if self.result is not None or event.input.id is None:
            return
        name = event.input.id.removeprefix("answer-")
        for mark in self.query(f"#mark-{name}").results(Static):
            if mark.has_class("-invalid"):
                mark.update("")
                mark.remove_class("-invalid")
                mark.display = False

    def check(self) -> bool:
        from quizapp.exercises.exercise import Status
        from quizapp.exercises.feedback import mark as mark_text
        from quizapp.exercises.registry import check

        if self.exercise is None or self.result is not None:
            return False
        checked = check(self.exercise, self.answers())
        errors = checked.errors
        for question in self.exercise.questions:
            if question.name not in errors and not self.query(f"#mark-{question.name}"):
                continue
            mark = self._mark(question.name)
            mark.set_classes("mark")
            if question.name in errors:
                mark.update(errors[question.name])
                mark.add_class("-invalid")
            else:
                mark.update("")
            mark.display = question.name in errors
        if errors:
            first = next(q.name for q in self.exercise.questions if q.name in errors)
            self.query_one(f"#answer-{first}", Input).focus()
            return True
        self.result = checked
        for result in checked.results:
            mark = self._mark(result.name)
            mark.display = True
            mark.update(mark_text(result))
            mark.add_class("-right" if result.right else "-wrong")
            field = self.query_one(f"#answer-{result.name}", Input)
            field.disabled = True
            if result.status is Status.BLANK:
                # The hint would read as if it had been typed; the mark says it was left blank.
                field.placeholder = NO_ANSWER
        self._checked(checked.mark)
        return True

    def advance(self, field: Input) -> None:
        """The next empty field after `field` (round to the first), else check them all."""
        fields = [f for f in self.query(AnswerInput) if not f.disabled]
        start = fields.index(field) + 1 if field in fields else 0
        for following in fields[start:] + fields[:start]:
            if following is not field and not following.value.strip():
                following.focus()
                return
        self.submit()

    def submit(self) -> bool:
        if self.exercise is None:
            return False
        return self.check()

    def reveal(self) -> None:
        if self.revealed:
            return
        if self.exercise is not None:
            # Plain lines, not a Markdown code block: that would add blank lines around them
            # and set them on a background of their own.
            steps = "\n".join(str(step) for step in self.exercise.solution)
            self.mount(
                Rule(classes="card-rule"),
                Static("Worked solution", classes="solution-title"),
                Static(steps, classes="solution card-back", markup=False),
            )
        super().reveal()

    def given(self) -> dict[str, str] | None:
        return self.answers() or None
