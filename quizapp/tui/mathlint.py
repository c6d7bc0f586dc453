"""What the terminal math renderer cannot show faithfully, for `quizapp check` to warn about.

Two things: a command neither `mathtext` nor pylatexenc knows (pylatexenc drops its name and
shows its argument, so ``\\foo{x}`` would read ``x``), and braces that do not balance inside one
formula (the rest of the formula would be swallowed or shown raw).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quizapp.tui import mathtext

_COMMAND = re.compile(r"\\([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class MathIssue:
    """One formula problem: `snippet` is the text to find in the deck file to say where it is."""

    snippet: str
    message: str
    hint: str


@lru_cache(maxsize=1)
def _handled_here() -> frozenset[str]:
    sets = (
        mathtext._FUNCTIONS,
        mathtext._FRACTIONS,
        mathtext._BINOMIALS,
        mathtext._OVERLINES,
        mathtext._NORMS,
        set(mathtext._SYMBOLS),
    )
    return frozenset(command.lstrip("\\") for group in sets for command in group)


def _known(name: str) -> bool:
    if name in _handled_here():
        return True
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db().get_macro_spec(name) is not None


def _balanced(formula: str) -> bool:
    depth = 0
    for match in re.finditer(r"\\.|[{}]", formula):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def math_issues(text: str) -> list[MathIssue]:
    """Every formula problem in one card field (Markdown with ``$...$`` math)."""
    if "$" not in text:
        return []
    issues: list[MathIssue] = []
    for match in mathtext._TOKEN.finditer(text):
        formula = match.group("dmath") if match.group("display") is not None else None
        if formula is None:
            formula = match.group("imath")
        if formula is None:
            continue  # code: left as written
        if not _balanced(formula):
            issues.append(
                MathIssue(
                    formula,
                    f"unbalanced braces in formula ${formula}$",
                    "give every { its }; write \\{ and \\} for literal braces",
                )
            )
        for name in dict.fromkeys(_COMMAND.findall(formula)):
            if not _known(name):
                issues.append(
                    MathIssue(
                        "\\" + name,
                        f"the terminal cannot show \\{name} (in ${formula}$): it would be dropped",
                        "use a command the renderer knows, or plain Unicode",
                    )
                )
    return issues
