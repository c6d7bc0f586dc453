"""Reading one value of a deck file's tree: text, lists, ids, numbers, plain data; and reporting.

`ValueReader` is the base of the card and deck rules (`card_schema`, `schema`): each reader
checks a value's type and content, reports what is wrong at the value's position, and returns
None after an error so that validation goes on to find the next problem.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from typing import Any

from quizapp.decks.ids import id_problem
from quizapp.decks.problems import Problem, Severity
from quizapp.decks.scalars import resolved_tag, scalar_value
from quizapp.decks.yamltree import Map, Node, Refused, Scalar, Seq

#: Control characters that a backslash escape in double quotes produces ("\b" in "$\beta$").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def did_you_mean(name: str, known: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def describe(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Scalar):
        tag = resolved_tag(node)
        return {"int": "a number", "float": "a number", "bool": "true/false", "null": "empty"}.get(
            tag, f"'{node.value}'"
        )
    return "a refused value"


class ValueReader:
    """Reads values of one deck file, collecting every problem (and counting the errors)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.errors = 0

    # -- reporting ------------------------------------------------------------------------------

    def _report(
        self, severity: Severity, at: Node | tuple[int, int], message: str, hint: str | None
    ) -> None:
        line, col = at if isinstance(at, tuple) else (at.line, at.col)
        self.problems.append(Problem(self.path, line, col, severity, message, hint))
        if severity == "error":
            self.errors += 1

    def error(self, at: Node | tuple[int, int], message: str, hint: str | None = None) -> None:
        self._report("error", at, message, hint)

    def warning(self, at: Node | tuple[int, int], message: str, hint: str | None = None) -> None:
        self._report("warning", at, message, hint)

    # -- values ---------------------------------------------------------------------------------

    def fields(self, node: Map, what: str) -> dict[str, tuple[Scalar, Node]]:
        """A mapping's fields by name (key node, value node); odd keys and repeats reported."""
        found: dict[str, tuple[Scalar, Node]] = {}
        for key, value in node.pairs:
            if isinstance(key, Refused):
                continue
            if not isinstance(key, Scalar) or not key.value:
                self.error(key, f"a field name in {what} must be a plain word")
                continue
            name = key.value
            if name in found:
                self.error(
                    key,
                    f"field '{name}' appears twice in {what} (first on line {found[name][0].line})",
                    "keep one of them",
                )
                continue
            found[name] = (key, value)
        return found

    def text(self, node: Node, field: str, *, required: bool = True) -> str | None:
        """A text field, taken as written: `back: 2014` is the text "2014", `yes` stays "yes"."""
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Scalar):
            self.error(
                node,
                f"'{field}' must be text, not {describe(node)}",
                "quote text holding ': ' or starting with '[', '{', '-'; use | for several lines",
            )
            return None
        value = node.value
        if not value.strip():
            if required:
                self.error(node, f"'{field}' is empty")
            return "" if not required else None
        if node.style == '"' and _CONTROL.search(value):
            self.warning(
                node,
                f"'{field}' holds a control character made by a backslash escape",
                'in double quotes "\\b" is a backspace: write LaTeX in single quotes or after |',
            )
        return value

    def text_list(self, node: Node, field: str) -> tuple[tuple[str, Node], ...] | None:
        """A list of text items, with each item's node (for positions); None after an error."""
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Seq):
            hint = f"write a list: [{node.value}]" if isinstance(node, Scalar) else None
            self.error(node, f"'{field}' must be a list, not {describe(node)}", hint)
            return None
        items: list[tuple[str, Node]] = []
        ok = True
        for number, item in enumerate(node.items, start=1):
            value = self.text(item, f"{field}[{number}]")
            if value is None:
                ok = False
            else:
                items.append((value.strip(), item))
        return tuple(items) if ok else None

    def identifier(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        problem = id_problem(value, what)
        if problem is not None:
            self.error(node, *problem)
            return None
        return value

    def number(self, node: Node, field: str) -> float | None:
        """A number ≥ 0 (int or float; true/false are not numbers)."""
        if isinstance(node, Refused):
            return None
        value = scalar_value(node) if isinstance(node, Scalar) else None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            number = isinstance(node, Scalar) and isinstance(value, int | float)
            what = node.value if isinstance(node, Scalar) and number else describe(node)
            self.error(node, f"'{field}' must be a number ≥ 0, not {what}")
            return None
        return float(value)

    def flag(self, node: Node, field: str) -> bool | None:
        """true or false (YAML 1.1 also reads yes/no and on/off so)."""
        if isinstance(node, Refused):
            return None
        value = scalar_value(node) if isinstance(node, Scalar) else None
        if not isinstance(value, bool):
            what = f"'{node.value}'" if isinstance(node, Scalar) else describe(node)
            self.error(node, f"'{field}' must be true or false, not {what}")
            return None
        return value

    def plain(self, node: Node, field: str) -> tuple[bool, Any]:
        """A value as plain JSON-like data (for exercise params): (ok, value)."""
        if isinstance(node, Refused):
            return False, None
        if isinstance(node, Scalar):
            return True, scalar_value(node)
        if isinstance(node, Seq):
            values = [self.plain(item, field) for item in node.items]
            return all(ok for ok, _ in values), [value for _, value in values]
        result: dict[str, Any] = {}
        ok = True
        for name, (_, value) in self.fields(node, f"'{field}'").items():
            item_ok, result[name] = self.plain(value, f"{field}.{name}")
            ok = ok and item_ok
        return ok, result

    def tags(self, node: Node) -> tuple[str, ...]:
        items = self.text_list(node, "tags")
        return tuple(value for value, _ in items) if items else ()
