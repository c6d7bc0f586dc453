"""An import never takes the deck id of another deck file the learner studies.

The loader keeps the first of two files with one deck id and skips the other, so an imported deck
with a taken id would be written and then never shown. It gets the next free id instead, said in a
note; an id asked for with --deck-id that is taken is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizapp.cli import main
from quizapp.decks import load_decks
from tests.interchange.packages import make_genanki_package

OTHER = "deck: {id}\ntitle: Mine\ncards:\n  - id: a\n    front: Q\n    back: A\n"


def _studied_folder(home: Path, *deck_ids: str) -> Path:
    """A deck folder in the config's deck_folders, holding decks with these ids."""
    folder = home / "my-folder"
    folder.mkdir(parents=True)
    for deck_id in deck_ids:
        (folder / f"{deck_id}-file.yaml").write_text(OTHER.format(id=deck_id), encoding="utf-8")
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'deck_folders = ["{folder}"]\n', encoding="utf-8")
    return folder


def test_a_csv_deck_whose_id_is_taken_gets_the_next_one(
    quizapp_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _studied_folder(quizapp_home, "sheet")
    source = tmp_path / "sheet.csv"
    source.write_text("Bagging?,Bootstrap aggregating\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"deck id 'sheet' is already the deck of {folder / 'sheet-file.yaml'}" in out
    data = yaml.safe_load((tmp_path / "out" / "sheet-2.yaml").read_text(encoding="utf-8"))
    assert data["deck"] == "sheet-2"
    # Both decks load side by side.
    decks = load_decks([folder, tmp_path / "out"])
    assert sorted(d.id for d in decks.decks) == ["sheet", "sheet-2"] and not decks.problems


def test_a_taken_id_asked_for_is_refused(
    quizapp_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _studied_folder(quizapp_home, "mine")
    source = tmp_path / "sheet.csv"
    source.write_text("Bagging?,Bootstrap aggregating\n", encoding="utf-8")
    assert main(["import", str(source), "--deck-id", "mine", "--to", str(tmp_path / "out")]) == 1
    assert "choose another with --deck-id" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_bundled_decks_ids_are_taken_too(tmp_path: Path) -> None:
    source = tmp_path / "optimizers.csv"
    source.write_text("Adam?,An optimizer\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "out")]) == 0
    assert [p.name for p in (tmp_path / "out").glob("*.yaml")] == ["optimizers-2.yaml"]


def test_a_package_deck_whose_id_is_taken_gets_the_next_one(
    quizapp_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _studied_folder(quizapp_home, "other")
    package = make_genanki_package(tmp_path)
    assert main(["import", str(package), "--to", str(tmp_path / "out")]) == 0
    assert "deck id 'other' is already the deck of" in capsys.readouterr().out
    names = sorted(p.name for p in (tmp_path / "out").glob("*.yaml"))
    assert names == ["machine-learning-ensembles.yaml", "other-2.yaml"]


def test_importing_again_into_the_same_file_is_not_a_clash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "sheet.csv"
    source.write_text("Bagging?,Bootstrap aggregating\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(source), "--to", str(out)]) == 0
    assert main(["import", str(source), "--to", str(out), "--force"]) == 0
    assert [p.name for p in out.glob("*.yaml")] == ["sheet.yaml"]
