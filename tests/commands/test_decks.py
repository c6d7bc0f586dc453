"""`quizapp decks`: bundled, configured and given decks, with paths and card counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main


def _deck(folder: Path, deck_id: str, cards: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"deck: {deck_id}", f"title: Title of {deck_id}", "cards:"]
    for n in range(cards):
        lines += [f"  - id: c{n}", f"    front: Q{n}", f"    back: A{n}"]
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lists_configured_and_given_decks(
    tmp_path: Path, quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configured = tmp_path / "configured"
    _deck(configured, "from-config", 2)
    given = _deck(tmp_path / "given", "from-args", 3)
    (quizapp_home / "config").mkdir(parents=True)
    (quizapp_home / "config" / "config.toml").write_text(
        f'include_bundled = false\ndeck_folders = ["{configured.as_posix()}"]\n', encoding="utf-8"
    )
    (tmp_path / "given" / "broken.yaml").write_text("deck: [\n", encoding="utf-8")
    assert main(["decks", str(tmp_path / "given")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["DECK", "CARDS", "PROMPTS", "TITLE", "PATH"]
    row = next(line for line in lines if line.startswith("from-config"))
    assert row.split()[:3] == ["from-config", "2", "2"]
    assert row.endswith(str(configured / "from-config.yaml"))
    row = next(line for line in lines if line.startswith("from-args"))
    assert row.split()[:3] == ["from-args", "3", "3"]
    assert row.endswith(str(given))
    assert "1 deck file(s) not loaded" in out
    assert "broken.yaml" in out
    assert out.rstrip().endswith("2 deck(s), 5 card(s)")


def test_a_bad_config_is_a_clear_error(
    quizapp_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (quizapp_home / "config").mkdir(parents=True)
    (quizapp_home / "config" / "config.toml").write_text("deck_folders = 3\n", encoding="utf-8")
    assert main(["decks"]) == 1
    err = capsys.readouterr().err
    assert "deck_folders" in err and "Traceback" not in err
