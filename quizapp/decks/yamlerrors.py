"""YAML parser errors as problems a learner can act on: position, wording and a hint.

libyaml's messages are terse ("mapping values are not allowed here"); the hints here say what a
hand-written deck most likely got wrong at that spot (an unquoted ': ', a tab in the indentation).
"""

from __future__ import annotations

import yaml

from quizapp.decks.problems import Problem


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a UTF-8 byte `offset` in `text` (libyaml counts bytes)."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


#: Hints for the syntax errors hand-written decks run into most, by libyaml's wording.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "a value holding ': ' must be quoted, e.g. front: \"Q: why?\"",
    ),
    (
        "could not find expected ':'",
        "every field is written 'name: value'; check this line and the one before",
    ),
    (
        "did not find expected key",
        "check the indentation: the fields of one card line up under each other",
    ),
    (
        "did not find expected '-' indicator",
        "check the indentation: the cards of a list line up under each other",
    ),
    (
        "found unknown escape character",
        "in double quotes a backslash starts an escape: write LaTeX in single quotes or after |",
    ),
    (
        "found unexpected end of stream",
        "a quote or bracket opened here is never closed",
    ),
)


def syntax_problems(exc: yaml.MarkedYAMLError, text: str, path: str) -> list[Problem]:
    problem = exc.problem or "invalid YAML"
    # libyaml (the C loader) does not name the character it stopped at: look at it.
    at_tab = _char_at(text, exc.problem_mark) == "\t"
    if at_tab or "'\\t'" in problem or "tab" in problem:
        tabs = _tab_indented_lines(text)
        if tabs:
            return [
                Problem(
                    path,
                    line,
                    col,
                    "error",
                    "a tab in the indentation (YAML indents with spaces only)",
                    "replace the tab with spaces; most editors can do it for the whole file",
                )
                for line, col in tabs
            ]
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    hints = []
    if exc.context:
        context = exc.context
        if exc.context_mark is not None and exc.context_mark is not mark:
            context += f" at line {exc.context_mark.line + 1}"
        hints.append(context)
    hints += [hint for start, hint in _SYNTAX_HINTS if problem.startswith(start)]
    return [
        Problem(path, line, col, "error", f"YAML syntax error: {problem}", "; ".join(hints) or None)
    ]


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    """The character a parser mark points at ("" when it points nowhere in `text`)."""
    if mark is None:
        return ""
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _tab_indented_lines(text: str) -> list[tuple[int, int]]:
    """(line, column) of each tab in a line's leading whitespace."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        where = line.find("\t", 0, indent)
        if where >= 0:
            found.append((number, where + 1))
    return found
