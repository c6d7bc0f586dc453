"""`quizapp import` of CSV/TSV: Anki's text export with its header lines, and plain sheets."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import cast

import pytest
import yaml

from quizapp.cli import main


def _import(tmp_path: Path, name: str, content: str, *extra: str) -> dict[str, object]:
    source = tmp_path / name
    source.write_bytes(content.encode("utf-8"))
    assert main(["import", str(source), "--to", str(tmp_path / "out"), *extra]) == 0
    written = sorted((tmp_path / "out").glob("*.yaml"))
    assert len(written) == 1
    data: dict[str, object] = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    return data


def test_anki_text_export_with_headers(tmp_path: Path) -> None:
    content = (
        "#separator:tab\n"
        "#html:true\n"
        "#notetype column:1\n"
        "#tags column:4\n"
        "Basic\tWhat is <b>bagging</b>?\tBootstrap<br>aggregating\tensembles ml\n"
        "Basic (and reversed card)\tBoosting\t부스팅\t\n"
        "Cloze\tAdam came out in {{c1::2014}}\t\tadam\n"
    )
    deck = _import(tmp_path, "Anki Export.txt", content)
    assert deck["deck"] == "anki-export"
    assert deck["title"] == "Anki Export"
    assert deck["cards"] == [
        {"id": "what-is-bagging", "front": "What is **bagging**?",
         "back": "Bootstrap\naggregating", "tags": ["ensembles", "ml"]},
        {"id": "boosting", "kind": "reverse", "front": "Boosting", "back": "부스팅"},
        {"id": "adam-came-out-in-2014", "kind": "cloze", "text": "Adam came out in {{c1::2014}}",
         "tags": ["adam"]},
    ]  # fmt: skip


def test_fronts_without_latin_letters_get_ids_from_their_text(tmp_path: Path) -> None:
    """Korean fronts: ids from a hash of the text (stable in any order), not card, card-2..."""

    def ids(deck: dict[str, object]) -> list[str]:
        return [card["id"] for card in cast(list[dict[str, str]], deck["cards"])]

    bagging = "card-" + hashlib.sha256("배깅이란?".encode()).hexdigest()[:8]
    boosting = "card-" + hashlib.sha256("부스팅이란?".encode()).hexdigest()[:8]
    content = "배깅이란?\tbagging\n부스팅이란?\tboosting\n배깅이란?\tthe same front again\n"
    assert ids(_import(tmp_path, "korean.txt", content)) == [bagging, boosting, f"{bagging}-2"]
    # The same rows in the other order: each front gets the id it had.
    (tmp_path / "again").mkdir()
    content = "부스팅이란?\tboosting\n배깅이란?\tbagging\n"
    assert ids(_import(tmp_path / "again", "korean.txt", content)) == [boosting, bagging]


def test_html_false_keeps_angle_brackets(tmp_path: Path) -> None:
    deck = _import(tmp_path, "t.txt", "#separator:Comma\n#html:false\na <b> b,x < y\n")
    assert deck["cards"] == [{"id": "a-b-b", "front": "a <b> b", "back": "x < y"}]


def test_spreadsheet_csv_with_a_header_row_and_quotes(tmp_path: Path) -> None:
    content = (
        "Question,Answer,Tags\n"
        '"Bagging, in short?","Bootstrap ""aggregating""",ensembles\n'
        "Boosting?,Sequential ensembles,\n"
        ",no front,\n"
    )
    deck = _import(tmp_path, "sheet.csv", content, "--title", "My sheet")
    assert deck["title"] == "My sheet"
    assert deck["cards"] == [
        {"id": "bagging-in-short", "front": "Bagging, in short?",
         "back": 'Bootstrap "aggregating"', "tags": ["ensembles"]},
        {"id": "boosting", "front": "Boosting?", "back": "Sequential ensembles"},
    ]  # fmt: skip


def test_semicolon_sheet_without_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _import(tmp_path, "semi.csv", "\ufefffront one;back one\nfront two;\n")
    assert deck["cards"] == [{"id": "front-one", "front": "front one", "back": "back one"}]
    assert "row 2: the back is empty" in capsys.readouterr().out


def test_skipped_rows_are_named_by_their_line_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Line 1 names the columns, line 3 is blank, a quoted cell spans lines 5-6: a spreadsheet
    # shows the empty back on line 4 and the empty front on line 7.
    content = 'front,back\nQ1,A1\n\nQ2,\n"multi\nline",x\n,empty front\n'
    deck = _import(tmp_path, "rows.csv", content)
    cards = deck["cards"]
    assert isinstance(cards, list)
    assert [c["front"] for c in cards] == ["Q1", "multi\nline"]
    out = capsys.readouterr().out
    assert "row 4: the back is empty" in out
    assert "row 7: the front is empty" in out


def test_not_utf8_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes("caf\xe9,coffee\n".encode("latin-1"))
    assert main(["import", str(source), "--to", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8 text" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_empty_sheet_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("front,back\n", encoding="utf-8")
    assert main(["import", str(source), "--to", str(tmp_path / "out")]) == 1
    assert "nothing to import" in capsys.readouterr().err
