"""Mutated deck files never make the loader raise: every outcome is a deck or a list of problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.decks import LoadResult, load_deck

HERE = Path(__file__).parent
SEEDS = [
    (HERE / "good" / "every-kind.yaml").read_bytes(),
    (HERE / "broken" / "alias-bomb.yaml").read_bytes(),
    (HERE / "broken" / "unknown-field.yaml").read_bytes(),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            data += draw(st.binary(max_size=20))
            continue
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "duplicate", "insert", "unicode"]))
        if action == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "duplicate":
            chunk = data[at : at + draw(st.integers(1, 80))]
            data[at:at] = chunk
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"\t",
                        b"&x ",
                        b"*x",
                        b"!!python/object ",
                        b"- ",
                        b": ",
                        b"[",
                        b"{",
                        b"'",
                        b'"',
                        b"\n",
                        b"\x00",
                        b"---\n",
                        b"\xff",
                    ]
                )
            )
        else:
            data[at:at] = draw(st.text(min_size=1, max_size=5)).encode("utf-8", "surrogatepass")
    return bytes(data)


def _check_result(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    errors = [p for p in result.problems if p.severity == "error"]
    # A file yields a deck exactly when it has no error.
    assert (result.deck is None) == bool(errors)
    for problem in result.problems:
        assert problem.line >= 0 and problem.col >= 0
        assert problem.message


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_mutated_decks_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(data)
    _check_result(load_deck(path))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_never_raises(tmp_path: Path, text: str) -> None:
    path = tmp_path / "text.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _check_result(load_deck(path))


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_every_truncation_of_a_seed(tmp_path: Path, seed: int) -> None:
    data = SEEDS[seed]
    path = tmp_path / "cut.yaml"
    for end in range(0, len(data), 7):
        path.write_bytes(data[:end])
        _check_result(load_deck(path))
