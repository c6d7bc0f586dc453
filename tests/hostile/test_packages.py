"""Hostile .apkg files: each stops with one line naming the limit, and writes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hostile.cli import assert_refused, run_quizapp, snapshot
from tests.hostile.packages import collection, media_list, write_zip, zstd_zeros

#: A view over a recursive CTE with no end: the query never returns on its own.
ENDLESS = (
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    "SELECT '{}' AS models, '{}' AS decks FROM r WHERE n < 0"
)


def _import(tmp_path: Path, home: Path, package: Path, *flags: str) -> tuple[str, float]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = run_quizapp("import", str(package), "--to", str(out), *flags, cwd=tmp_path, home=home)
    elapsed = time.monotonic() - started
    line = assert_refused(result)
    assert snapshot(tmp_path) == before  # nothing written, nothing left behind
    return line, elapsed


def test_an_endless_view_is_stopped_by_the_time_budget(tmp_path: Path, quizapp_home: Path) -> None:
    package = write_zip(
        tmp_path / "endless.apkg", {"collection.anki2": collection(col_view=ENDLESS)}
    )
    assert package.stat().st_size < 2000
    line, elapsed = _import(tmp_path, quizapp_home, package, "--max-seconds", "1")
    assert "took over 1 s" in line
    assert elapsed < 20


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # A 900 MB string: SQLite refuses to build it.
        ("hex(zeroblob(450000000))", "holds a value over 268,435,456 bytes"),
        # printf would walk all 900 million places first (10 s): it may not run in a view.
        ("printf('%.*c', 900000000, 'x')", "unsafe use of printf()"),
    ],
    ids=["hex-zeroblob", "printf"],
)
def test_a_giant_value_is_refused_by_the_length_limit(
    tmp_path: Path, quizapp_home: Path, value: str, message: str
) -> None:
    giant = f"SELECT {value} AS models, '{{}}' AS decks"
    package = write_zip(tmp_path / "giant.apkg", {"collection.anki2": collection(col_view=giant)})
    assert package.stat().st_size < 2000
    line, elapsed = _import(tmp_path, quizapp_home, package)
    assert message in line
    assert elapsed < 20


def test_a_zstd_collection_bomb(tmp_path: Path, quizapp_home: Path) -> None:
    bomb = zstd_zeros(64 << 20)
    package = write_zip(tmp_path / "bomb.apkg", {"collection.anki21b": bomb})
    line, _ = _import(tmp_path, quizapp_home, package, "--max-size", "16M")
    assert "'collection.anki21b'" in line and "16,777,216 bytes" in line


def test_a_zstd_media_bomb(tmp_path: Path, quizapp_home: Path) -> None:
    package = write_zip(
        tmp_path / "media-bomb.apkg",
        {
            "collection.anki2": collection(notes=['front <img src="a.png">\x1fback']),
            "media": media_list(["a.png"]),
            "0": zstd_zeros(64 << 20),
        },
    )
    line, _ = _import(tmp_path, quizapp_home, package, "--max-size", "16M")
    assert "media file 'a.png'" in line and "16,777,216 bytes" in line


def test_many_small_media_add_up_against_one_budget(tmp_path: Path, quizapp_home: Path) -> None:
    names = [f"m{i}.png" for i in range(6)]
    notes = [f'front {i} <img src="{name}">\x1fback' for i, name in enumerate(names)]
    members = {str(i): zstd_zeros(5 << 20) for i in range(len(names))}  # 5 MB each, 30 in all
    package = write_zip(
        tmp_path / "many.apkg",
        {"collection.anki2": collection(notes=notes), "media": media_list(names), **members},
    )
    line, _ = _import(tmp_path, quizapp_home, package, "--max-size", "16M")
    assert "past 16,777,216 bytes decompressed, the most allowed" in line
    assert "--max-size" in line


def test_a_package_within_the_limits_imports_its_media(tmp_path: Path, quizapp_home: Path) -> None:
    """The same shapes, small: decompressed to disk, byte for byte."""
    package = write_zip(
        tmp_path / "fine.apkg",
        {
            "collection.anki2": collection(notes=['front <img src="a.png">\x1fback']),
            "media": media_list(["a.png"]),
            "0": zstd_zeros(3 << 20),
        },
    )
    out = tmp_path / "out"
    result = run_quizapp("import", str(package), "--to", str(out), cwd=tmp_path, home=quizapp_home)
    assert result.returncode == 0, result.stderr
    assert (out / "deck-media" / "a.png").read_bytes() == bytes(3 << 20)
    assert sorted(p.name for p in out.iterdir()) == ["deck-media", "deck.yaml"]


def _two_deck_package(tmp_path: Path, media: bytes) -> Path:
    return write_zip(
        tmp_path / "two.apkg",
        {
            "collection.anki2": collection(notes=['new front <img src="a.png">\x1fnew back']),
            "media": media_list(["a.png"]),
            "0": media,
        },
    )


def _existing_deck(out: Path) -> None:
    out.mkdir()
    (out / "deck.yaml").write_text(
        "deck: deck\ntitle: Mine\ncards:\n  - id: old\n    front: old\n    back: old\n"
    )
    (out / "deck-media").mkdir()
    (out / "deck-media" / "a.png").write_bytes(b"old picture")


def test_force_keeps_the_old_deck_when_the_new_one_fails(
    tmp_path: Path, quizapp_home: Path
) -> None:
    out = tmp_path / "out"
    _existing_deck(out)
    package = _two_deck_package(tmp_path, zstd_zeros(64 << 20))
    before = snapshot(tmp_path)
    result = run_quizapp(
        "import", str(package), "--to", str(out), "--force", "--max-size", "16M",
        cwd=tmp_path, home=quizapp_home,
    )  # fmt: skip
    assert_refused(result, "16,777,216")
    assert snapshot(tmp_path) == before


def test_force_replaces_a_deck_with_a_complete_new_one(tmp_path: Path, quizapp_home: Path) -> None:
    out = tmp_path / "out"
    _existing_deck(out)
    package = _two_deck_package(tmp_path, zstd_zeros(1000))
    result = run_quizapp(
        "import", str(package), "--to", str(out), "--force", cwd=tmp_path, home=quizapp_home
    )
    assert result.returncode == 0, result.stderr
    assert "new front" in (out / "deck.yaml").read_text()
    assert (out / "deck-media" / "a.png").read_bytes() == bytes(1000)
    assert sorted(p.name for p in out.iterdir()) == ["deck-media", "deck.yaml"]


def test_a_failed_rename_puts_the_old_deck_back(
    tmp_path: Path,
    quizapp_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fails between the media folder's rename and the deck file's: nothing changes."""
    import os

    from quizapp.cli import main

    out = tmp_path / "out"
    _existing_deck(out)
    package = _two_deck_package(tmp_path, zstd_zeros(1000))
    before = snapshot(out)
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: object, target: object) -> None:
        calls.append(str(target))
        if str(target) == str(out / "deck.yaml") and calls.count(str(target)) == 1:
            raise OSError(28, "No space left on device")  # once: putting back works
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    assert main(["import", str(package), "--to", str(out), "--force"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "the folder is as it was" in err
    assert str(out / "deck-media") in calls  # the media folder had been swapped in
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["deck-media", "deck.yaml"]
