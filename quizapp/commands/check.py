"""`quizapp check [PATH ...] [--fix]`: validate deck files and report every problem in them.

Prints each problem as ``path:line:col: error: message (hint)``, then a summary (decks, cards by
kind, errors, warnings). Exit status: 0 when no file has errors (warnings allowed), 1 otherwise.
`--fix` writes the derived ids into cards written without one, keeping every other line of the
file as it was, and then checks again.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from quizapp.decks import DeckSet, Problem


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="deck files or folders (folders are searched for *.yaml and *.yml; "
        "default: the bundled decks)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="write an id into every card that has none (comments and formatting are kept)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        return _check([Path(p) for p in args.paths], fix=args.fix)
    except Exception as exc:  # a bug, not a bad deck: say so in one line, never a traceback
        print(
            f"quizapp check: internal error: {type(exc).__name__}: {exc} "
            "(please report this, with the deck file if you can)",
            file=sys.stderr,
        )
        return 2


def _check(paths: list[Path], *, fix: bool) -> int:
    from quizapp.decks import DeckSet, load_decks
    from quizapp.paths import bundled_decks_dir

    if not paths:
        paths = [bundled_decks_dir()]
    deck_set = load_decks(paths)
    fix_failures: list[str] = []
    if fix:
        fix_failures = _fix_ids(deck_set)
        deck_set = load_decks(paths)  # report what is left after the fix
    deck_set = DeckSet(deck_set.decks, [*deck_set.problems, *_study_problems(deck_set)])
    for problem in sorted(deck_set.problems, key=lambda p: (p.path, p.line, p.col)):
        print(printable(str(problem)))
    for failure in fix_failures:
        print(printable(failure))
    print(_summary(deck_set, len(fix_failures)))
    errors = sum(1 for p in deck_set.problems if p.severity == "error") + len(fix_failures)
    return 1 if errors else 0


def _study_problems(deck_set: DeckSet) -> list[Problem]:
    """What loads but cannot be studied: a bundled deck's id, an id too long for the database."""
    from quizapp import config as config_module
    from quizapp.commands.deck_ids import bundled_clash_problems, stored_id_problems

    problems = stored_id_problems(deck_set.decks) + _math_problems(deck_set)
    try:
        include_bundled = config_module.load().include_bundled
    except config_module.ConfigError:
        include_bundled = True  # the study app will say what is wrong with the config
    if include_bundled:
        problems += bundled_clash_problems(deck_set.decks)
    return problems


def _math_problems(deck_set: DeckSet) -> list[Problem]:
    """A warning, at the formula's line:col, for LaTeX the terminal renderer cannot show."""
    from quizapp.decks import Problem
    from quizapp.tui.mathlint import math_issues

    problems: list[Problem] = []
    for deck in deck_set.decks:
        lines: list[str] = []  # unreadable now: the card's own line is still a place to look
        with contextlib.suppress(OSError, UnicodeDecodeError):
            lines = Path(deck.path).read_text(encoding="utf-8").splitlines()
        for card in deck.cards:
            fields = [card.front, card.back, card.text, card.answer, *card.choices, *card.items]
            for issue in (issue for field in fields for issue in math_issues(field)):
                line, col = _find(lines, issue.snippet, card.line)
                problems.append(Problem(deck.path, line, col, "warning", issue.message, issue.hint))
    return problems


def _find(lines: list[str], snippet: str, start: int) -> tuple[int, int]:
    """The 1-based line and column of `snippet` at or after the card's line (YAML may double
    its backslashes); the card's line when it is not found as written."""
    for form in (snippet.replace("\\", "\\\\"), snippet):
        for number in range(max(start, 1), len(lines) + 1):
            col = lines[number - 1].find(form)
            if col >= 0:
                return number, col + 1
    return start, 0


def _fix_ids(deck_set: DeckSet) -> list[str]:
    """Write derived ids into their files; returns one message per file that could not be fixed."""
    from quizapp.decks.schema import NO_ID_WARNING

    try:
        from quizapp.decks.edit import EditError, add_ids
    except ImportError:
        return ["quizapp check: error: --fix needs quizapp.decks.edit, which is not available"]
    failures = []
    for deck in deck_set.decks:
        ids = {card.line: card.id for card in deck.cards if card.id_derived}
        if not ids:
            continue
        try:
            add_ids(Path(deck.path), ids)
        except (EditError, OSError) as exc:
            failures.append(f"{deck.path}: error: could not write ids: {exc}")
            continue
        print(printable(f"{deck.path}: wrote {len(ids)} card id{'s' if len(ids) != 1 else ''}"))
    broken = {p.path for p in deck_set.problems if p.severity == "error"}
    unfixed = {p.path for p in deck_set.problems if p.message == NO_ID_WARNING} & broken
    for path in sorted(unfixed):
        print(printable(f"{path}: ids not written: fix the errors in this file first"))
    return failures


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(deck_set: DeckSet, extra_errors: int) -> str:
    kinds: Counter[str] = Counter(card.kind.value for deck in deck_set.decks for card in deck.cards)
    errors = sum(1 for p in deck_set.problems if p.severity == "error") + extra_errors
    warnings = sum(1 for p in deck_set.problems if p.severity == "warning")
    skipped = len({p.path for p in deck_set.problems if p.severity == "error"})
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    cards = _plural(sum(kinds.values()), "card")
    text = f"{_plural(len(deck_set.decks), 'deck')}, {cards}"
    if by_kind:
        text += f" ({by_kind})"
    counts = [_plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
    text += f"; {', '.join(counts) or 'no problems'}"
    if skipped:
        text += f"; {_plural(skipped, 'file')} with errors skipped"
    return text
