"""`quizapp review --query QUERY [--cram]`: the flags become a custom study of the search; a
query that cannot be read is refused at its column before the app starts."""

from __future__ import annotations

import argparse

import pytest

from quizapp import cli
from quizapp.commands.review import configure, custom_study
from quizapp.session import CustomStudy


def parsed(*args: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    configure(parser)
    return parser.parse_args(list(args))


def test_query_and_cram_make_a_custom_study() -> None:
    assert custom_study(parsed("--query", "tag:adam", "--cram")) == CustomStudy(
        query="tag:adam", reschedule=False
    )
    assert custom_study(parsed("--query", "is:due")) == CustomStudy(query="is:due")
    with pytest.raises(SystemExit):
        parsed("--query", "x", "--ahead", "2")


def test_a_bad_query_stops_before_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["review", "--query", "is:sleeping"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quizapp review: 'is:' takes one of new, learning")
    assert err.splitlines()[1:] == ["  is:sleeping", "     ^"]
