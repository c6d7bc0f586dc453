"""Every query docs/search.md and the README show is one the parser reads (and the error the
docs show is the error it gives): the docs cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.search import QueryError, parse

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: The queries of shell examples: `quizapp cards '...'` and `--query '...'`.
SHELL = re.compile(r"(?:quizapp cards|--query) '([^']*)'")
#: The first column of the language's table.
TABLE = re.compile(r"^\| `([^`]+)`", re.MULTILINE)


def queries() -> list[str]:
    found = SHELL.findall(DOC) + SHELL.findall(README)
    language = DOC.split("## The language", 1)[1].split("\n## ", 1)[0]
    found += [q for q in TABLE.findall(language) if q not in ("( ... )",)]
    return list(dict.fromkeys(found))


def test_the_docs_have_examples() -> None:
    assert len(queries()) >= 25


@pytest.mark.parametrize("query", [q for q in queries() if q != "tag:adam (is:due OR"])
def test_every_query_of_the_docs_parses(query: str) -> None:
    parse(query)


def test_the_error_the_docs_show() -> None:
    shown = DOC.split("```\n$ quizapp cards 'tag:adam (is:due OR'\n", 1)[1].split("```", 1)[0]
    with pytest.raises(QueryError) as raised:
        parse("tag:adam (is:due OR")
    assert f"quizapp cards: {raised.value}\n" == shown
