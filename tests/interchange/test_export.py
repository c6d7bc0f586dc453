"""Export to .apkg and CSV, read back independently: the package's SQLite collection directly
(and Anki's own code where it is installed), and the CSV as text."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.interchange.export import FLATTEN, export_apkg, export_text, markdown_to_html
from quizapp.model import Card, CardKind, Deck, ExerciseSpec
from tests.interchange.packages import ANKI_PYTHON


def _deck(folder: Path) -> Deck:
    media = folder / "d-media"
    media.mkdir()
    (media / "pic.png").write_bytes(b"\x89PNG exported")
    cards = (
        Card(id="bag", kind=CardKind.BASIC, front="What is **bagging**?",
             back="Bootstrap aggregating ![](d-media/pic.png)", tags=("ensembles",)),
        Card(id="boost", kind=CardKind.REVERSE, front="Boosting", back="부스팅"),
        Card(id="adam", kind=CardKind.CLOZE, text=r"Adam: {{c1::2014}}, $\beta_1$", back=""),
        Card(id="pick", kind=CardKind.CHOICE, front="Reduces variance?",
             choices=("Boosting", "Bagging"), correct=(1,)),
        Card(id="type", kind=CardKind.TYPED, front="Bagging in Korean?", answer="배깅",
             accept=("bagging",)),
        Card(id="order", kind=CardKind.ORDER, front="Oldest first", items=("ResNet", "AlexNet")),
        Card(id="ex", kind=CardKind.EXERCISE, front="Adam step",
             exercise=ExerciseSpec(generator="adam_step")),
    )  # fmt: skip
    return Deck(id="d", title="Deck D", cards=cards, tags=("ml basics",),
                path=str(folder / "d.yaml"))  # fmt: skip


def _read_apkg(
    path: Path, folder: Path
) -> tuple[sqlite3.Connection, dict[str, str], zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    (folder / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    media = json.loads(archive.read("media"))
    return sqlite3.connect(folder / "collection.anki2"), media, archive


def test_apkg_holds_every_card_anki_can(tmp_path: Path) -> None:
    out = tmp_path / "out" / "d.apkg"
    skipped = export_apkg(_deck(tmp_path), out)
    assert skipped == ["card 'ex' (exercise): Anki has no such kind"]
    con, media, archive = _read_apkg(out, tmp_path)
    models = json.loads(con.execute("SELECT models FROM col").fetchone()[0])
    names = {int(k): (m["name"], m["type"]) for k, m in models.items()}
    rows = con.execute("SELECT mid, flds, tags FROM notes ORDER BY id").fetchall()
    notes = [(names[mid][0], flds.split("\x1f"), tags.split()) for mid, flds, tags in rows]
    assert notes == [
        ("quizapp Basic", ["What is <strong>bagging</strong>?",
                           'Bootstrap aggregating <img src="pic.png" alt="" />'],
         ["ml_basics", "ensembles"]),
        ("quizapp Basic (and reversed card)", ["Boosting", "부스팅"], ["ml_basics"]),
        ("quizapp Cloze", [r"Adam: {{c1::2014}}, \(\beta_1\)", ""], ["ml_basics"]),
        # CommonMark: a paragraph, then a numbered list (the right option keeps its number).
        ("quizapp Basic", ["<p>Reduces variance?</p>\n<ol>\n<li>Boosting</li>\n"
                           "<li>Bagging</li>\n</ol>",
                           '<ol start="2">\n<li>Bagging</li>\n</ol>'], ["ml_basics"]),
        ("quizapp Basic (type in the answer)", ["Bagging in Korean?", "배깅",
                                                 "Also accepted: bagging"], ["ml_basics"]),
        ("quizapp Basic", ["<p>Oldest first</p>\n<ul>\n<li>AlexNet</li>\n<li>ResNet</li>\n</ul>",
                           "<ol>\n<li>ResNet</li>\n<li>AlexNet</li>\n</ol>"], ["ml_basics"]),
    ]  # fmt: skip
    assert {name: kind for name, kind in names.values()}["quizapp Cloze"] == 1
    # Anki cards: one per basic note, two for the reversed one, one for the cloze deletion.
    assert con.execute("SELECT count(*) FROM cards").fetchone()[0] == 7
    assert list(media.values()) == ["pic.png"]
    assert archive.read(next(iter(media))) == b"\x89PNG exported"


def test_exporting_again_keeps_note_guids(tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    export_apkg(deck, tmp_path / "a.apkg")
    export_apkg(deck, tmp_path / "b.apkg")
    guids = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        con, _, _ = _read_apkg(tmp_path / f"{name}.apkg", folder)
        guids.append(con.execute("SELECT guid FROM notes ORDER BY id").fetchall())
    assert guids[0] == guids[1] and len(guids[0]) == 6


def test_anki_itself_opens_the_export(tmp_path: Path) -> None:
    if not ANKI_PYTHON.exists():
        pytest.skip("the `anki` package is not installed in benchmarks/.venv-bench")
    export_apkg(_deck(tmp_path), tmp_path / "d.apkg")
    script = (
        "import sys\n"
        "from anki.collection import Collection, ImportAnkiPackageRequest\n"
        "col = Collection(sys.argv[1])\n"
        "col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[2]))\n"
        "print(col.note_count(), col.card_count())\n"
    )
    done = subprocess.run(
        [str(ANKI_PYTHON), "-c", script, str(tmp_path / "c.anki2"), str(tmp_path / "d.apkg")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["6", "7"]


def test_csv_export(tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    skipped = export_text(_deck(tmp_path), out)
    assert skipped == ["card 'ex' (exercise): no text form for this kind"]
    assert out.read_text(encoding="utf-8") == (
        "#separator:Comma\n#html:false\n#notetype column:1\n#tags column:4\n"
        "Basic,What is **bagging**?,Bootstrap aggregating ![](d-media/pic.png),"
        "ml_basics ensembles\n"
        "Basic (and reversed card),Boosting,부스팅,ml_basics\n"
        'Cloze,"Adam: {{c1::2014}}, $\\beta_1$",,ml_basics\n'
        'Basic,"Reduces variance?\n\n1. Boosting\n2. Bagging",2. Bagging,ml_basics\n'
        "Basic (type in the answer),Bagging in Korean?,배깅,ml_basics\n"
        'Basic,"Oldest first\n\n- AlexNet\n- ResNet","1. ResNet\n2. AlexNet",ml_basics\n'
    )


def test_csv_export_imports_back(tmp_path: Path) -> None:
    export_text(_deck(tmp_path), tmp_path / "d.tsv")
    assert main(["import", str(tmp_path / "d.tsv"), "--to", str(tmp_path / "in")]) == 0
    import yaml

    cards = yaml.safe_load((tmp_path / "in" / "d.yaml").read_text(encoding="utf-8"))["cards"]
    assert [(c.get("kind", "basic"), c.get("front") or c.get("text")) for c in cards[:3]] == [
        ("basic", "What is **bagging**?"),
        ("reverse", "Boosting"),
        ("cloze", r"Adam: {{c1::2014}}, $\beta_1$"),
    ]


def test_markdown_math_becomes_mathjax() -> None:
    assert markdown_to_html(r"Set $\beta_1$ and $$x^2$$") == r"Set \(\beta_1\) and \[x^2\]"


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text(
        "deck: d\ntitle: D\ncards:\n  - id: a\n    front: Q\n    back: A\n", encoding="utf-8"
    )
    assert main(["export", str(deck_file), "--to", str(tmp_path / "d.apkg")]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert main(["export", str(deck_file), "--to", str(tmp_path / "d.apkg")]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main(["export", str(deck_file), "--to", str(tmp_path / "d.pdf")]) == 2


def test_the_export_table_has_an_entry_for_every_card_kind() -> None:
    # Keyed by kind like the core's registry: a new kind must say how (or whether) it exports.
    assert set(FLATTEN) == set(CardKind)
    assert [kind for kind, flatten in FLATTEN.items() if flatten is None] == [CardKind.EXERCISE]
