"""`quizapp stats` end to end: a database written with the store API, read by a subprocess.

The history (all times UTC, and the subprocess runs with TZ=UTC), worked out by hand:

    #  card      time (UTC)         state before       grade  state after
    1  alpha/a1  05-05 10:00        new                4      rep 1, 1 day
    2  alpha/a1  05-07 10:00        rep 1, 1 day       5      rep 2, 6 days
    3  alpha/a2  05-07 03:00        new                3      rep 1, 1 day
    4  beta/b1   05-08 10:00        new                4      rep 1, 1 day
    5  beta/b1   05-09 10:00        rep 1, 1 day       2      rep 0, 1 day (a lapse)
    6  alpha/a2  05-09 10:00        rep 1, 1 day       3      rep 2, 6 days
    7  beta/b2   05-08 11:00        rep 3, 30 days     4      rep 4, 75 days

Review answers (not first-time learning): 2, 5, 6, 7; graded >= 3: 2, 6, 7. Retention 3/4.
Answer 7 tested a 30-day interval: mature (1/1); the young ones 2/3.

Answer 3 at 03:00 is the crux of the streak. With the day starting at 02:00 it is on 05-07, so
05-06 had no answer while a1 was due (since answer 1): the streak broke there, and 05-07, 05-08,
05-09 make a current streak of 3 (today, 05-10, is not over). With the day starting at 05:00,
answer 3 counts for 05-06, every day from 05-05 to 05-09 has an answer: a streak of 5.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.stats.store_history import DECK_YAML, write_history
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

QUIZAPP = str(Path(sys.executable).parent / "quizapp")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path))
    write_history(f"sqlite:///{tmp_path / 'reviews.sqlite3'}")
    decks_dir = tmp_path / "decks"
    decks_dir.mkdir()
    for name, text in DECK_YAML.items():
        (decks_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _config(home: Path, rollover: int) -> None:
    folder = home / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text(
        f"rollover_hour = {rollover}\ninclude_bundled = false\n"
        f'deck_folders = ["{home / "decks"}"]\n',
        encoding="utf-8",
    )


def _stats(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QUIZAPP_HOME=str(home), TZ="UTC")
    env.pop("QUIZAPP_DB", None)
    command = [QUIZAPP, "--db", f"sqlite:///{home / 'reviews.sqlite3'}", "stats"]
    return subprocess.run(
        [*command, "--as-of", "2024-05-10", *args], env=env, capture_output=True, text=True
    )


def _json(home: Path, *args: str) -> dict[str, Any]:
    result = _stats(home, "--json", *args)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_day_starting_at_two_breaks_the_streak(home: Path) -> None:
    _config(home, rollover=2)
    data = _json(home)
    assert data["today"] == "2024-05-10"
    assert data["streak"] == {"current": 3, "longest": 3}
    days = {d["start"]: d["reviews"] for d in data["periods"]["day"]}
    assert days == {"2024-05-05": 1, "2024-05-07": 2, "2024-05-08": 2, "2024-05-09": 2}
    assert data["heatmap"]["reviews"][-6:] == [1, 0, 2, 2, 2, 0]


def test_day_starting_at_five_keeps_the_streak(home: Path) -> None:
    _config(home, rollover=5)
    data = _json(home)
    assert data["streak"] == {"current": 5, "longest": 5}
    days = {d["start"]: d["reviews"] for d in data["periods"]["day"]}
    assert days == {
        "2024-05-05": 1,
        "2024-05-06": 1,
        "2024-05-07": 1,
        "2024-05-08": 2,
        "2024-05-09": 2,
    }


def test_whole_report(home: Path) -> None:
    _config(home, rollover=4)
    data = _json(home)
    assert data["totals"] == {"reviews": 7, "seconds": 28.0, "days_studied": 5}
    assert data["retention"]["all"] == {"right": 3, "total": 4, "rate": 0.75}
    assert data["retention"]["young"] == {"right": 2, "total": 3, "rate": 2 / 3}
    assert data["retention"]["mature"] == {"right": 1, "total": 1, "rate": 1.0}
    decks = {d["deck"]: d for d in data["decks"]}
    assert (decks["alpha"]["young"], decks["alpha"]["total"]) == (2, 2)
    assert (decks["beta"]["learning"], decks["beta"]["mature"]) == (1, 1)
    # Mastery: alpha (6/21 + 6/21) / 2; beta (0 + 1) / 2.
    assert decks["alpha"]["mastery"] == pytest.approx(6 / 21)
    assert decks["beta"]["mastery"] == 0.5
    due = [d["due"] for d in data["forecast"]["days"]]
    assert len(due) == 30
    assert due[:6] == [1, 0, 0, 1, 0, 1]
    assert [(h["deck"], h["card"], h["line"]) for h in data["hardest"]] == [
        ("beta", "b1", 5),
        ("alpha", "a2", 8),
    ]


def test_deck_and_since_filters(home: Path) -> None:
    _config(home, rollover=4)
    alpha = _json(home, "--deck", "alpha")
    assert alpha["filters"]["decks"] == ["alpha"]
    assert alpha["totals"]["reviews"] == 4
    assert alpha["retention"]["all"] == {"right": 2, "total": 2, "rate": 1.0}
    assert [d["deck"] for d in alpha["decks"]] == ["alpha"]
    since = _json(home, "--since", "2024-05-08")
    assert since["totals"]["reviews"] == 4
    assert since["retention"]["all"] == {"right": 2, "total": 3, "rate": 2 / 3}
    # Three days back from 05-10, today included: 05-08 on.
    assert _json(home, "--since", "3d")["filters"]["since"] == "2024-05-08"


def test_tag_filter(home: Path) -> None:
    _config(home, rollover=4)
    greek = _json(home, "--tag", "greek")
    assert greek["totals"]["reviews"] == 3
    assert greek["retention"]["all"] == {"right": 1, "total": 2, "rate": 0.5}
    assert [d["deck"] for d in greek["decks"]] == ["alpha", "beta"]
    assert [d["total"] for d in greek["decks"]] == [0, 2]


def test_text_report(home: Path) -> None:
    _config(home, rollover=2)
    result = _stats(home)
    assert result.returncode == 0, result.stderr
    assert "Streak" in result.stdout
    assert "3 days (longest 3)" in result.stdout
    assert "75% of 4 reviews" in result.stdout
    assert "beta.yaml:5" in result.stdout
    # Piped, the heatmap has no colours: its levels are told by glyphs. The last week's days
    # (1, 0, 2, 2, 2, 0 answers) are all in the lowest busy quartile, level 1 (░), or empty (·).
    heatmap = result.stdout[result.stdout.index("Answers per day") :]
    assert "less ·░▒▓█ more" in heatmap
    days = "".join(line[4:] for line in heatmap.splitlines()[1:8])
    assert days.count("░") == 4 and set(days) <= {" ", "·", "░", "▒", "▓", "█"}


def test_clear_errors(home: Path) -> None:
    _config(home, rollover=4)
    unknown = _stats(home, "--deck", "gamma")
    assert unknown.returncode == 2
    assert "no deck with id gamma" in unknown.stderr
    assert "known: alpha, beta" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    bad_since = _stats(home, "--since", "lately")
    assert bad_since.returncode == 2
    assert "neither a date" in bad_since.stderr
    empty_span = _stats(home, "--since", "0d")
    assert empty_span.returncode == 2
    assert "at least one day back" in empty_span.stderr


def test_a_database_url_that_is_not_a_url_is_a_message_not_a_traceback(home: Path) -> None:
    env = dict(os.environ, QUIZAPP_HOME=str(home))
    result = subprocess.run(
        [QUIZAPP, "--db", "notaurl", "stats"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "notaurl: not a usable database URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_database_yet(tmp_path: Path) -> None:
    env = dict(os.environ, QUIZAPP_HOME=str(tmp_path), TZ="UTC")
    env.pop("QUIZAPP_DB", None)
    result = subprocess.run(
        [QUIZAPP, "stats", "--json", "--as-of", "2024-05-10"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["reviews"] == 0
    assert not (tmp_path / "data").exists()


def _text(home: Path, *args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QUIZAPP_HOME=str(home), TZ="UTC", COLUMNS="80")
    env.pop("QUIZAPP_DB", None)
    command = [QUIZAPP, *(["--db", db] if db else []), "stats", "--as-of", "2024-05-10", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True)


def test_text_report_fits_80_columns(home: Path) -> None:
    from rich.cells import cell_len

    _config(home, rollover=2)
    result = _text(home, db=f"sqlite:///{home / 'reviews.sqlite3'}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cell_len(line.rstrip()) for line in lines) <= 80
    # Every section is there, the widest (the decks table) included.
    for heading in ("Answers per day", "Per week", "Due, next 14 days", "Decks", "Hardest"):
        assert any(line.startswith(heading) for line in lines), heading
    assert "│ beta  │   0 │        1 │     0 │      1 │" in result.stdout


def test_text_report_without_a_database(tmp_path: Path) -> None:
    result = _text(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "quizapp statistics on 2024-05-10",
        "",
        "No answers recorded yet: study some cards first (run `quizapp`), then come back ",
    ]
    # No page of zeros, no empty tables, and no database made by looking.
    assert "Per week" not in result.stdout
    assert "Decks" not in result.stdout
    assert not (tmp_path / "data").exists()


def test_text_report_of_cards_never_answered(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from quizapp.store.database import open_database
    from quizapp.store.deck_sync import sync_decks
    from tests.stats.store_history import DECKS

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    database = open_database(url)
    try:
        with database.writing() as db:
            sync_decks(
                db,
                DECKS,
                now=datetime(2024, 5, 1, tzinfo=UTC),
                schedulers=SM2_EVERYWHERE,
                calendar=CALENDAR_UTC,
            )
    finally:
        database.close()
    result = _text(tmp_path, db=url)
    assert result.returncode == 0, result.stderr
    assert "No answers recorded yet" in result.stdout
    assert "Per week" not in result.stdout
    # The decks' cards, all new: 2 each, none mastered.
    assert "│ alpha │   2 │        0 │     0 │      0 │         0 │     2 │      0% │" in (
        result.stdout
    )


def test_text_report_for_a_filter_without_answers(home: Path) -> None:
    _config(home, rollover=2)
    result = _text(home, "--tag", "nosuch", db=f"sqlite:///{home / 'reviews.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("quizapp statistics on 2024-05-10 (tags: nosuch)\n")
    assert "No answers recorded for these filters" in result.stdout


def test_hardest_cards_take_one_line_each_at_80_columns(home: Path) -> None:
    """Decks in a folder whose path alone is wider than the terminal: each hardest card is still
    one line, its file's name and line first (the whole path is in --json)."""
    from rich.cells import cell_len

    deep = home / ("a-folder-with-a-long-name-" * 4) / "decks"
    deep.parent.mkdir()
    (home / "decks").rename(deep)
    folder = home / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text(
        f'rollover_hour = 2\ninclude_bundled = false\ndeck_folders = ["{deep}"]\n',
        encoding="utf-8",
    )
    result = _text(home, db=f"sqlite:///{home / 'reviews.sqlite3'}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Hardest cards")))
    rows = [line for line in lines[start + 4 :] if line.startswith("│")]
    cells = [[cell.strip() for cell in row.strip("│").split("│")] for row in rows]
    assert [cell[:2] for cell in cells[:2]] == [["beta.yaml:5", "b1"], ["alpha.yaml:8", "a2"]]
    assert all(cell_len(line) <= 80 for line in lines[start:])
