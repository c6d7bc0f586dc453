"""`quizapp import` of Anki packages made by real tools: every note, right kinds, tags, media."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizapp.cli import main
from quizapp.decks import load_deck
from tests.interchange.packages import make_anki_package, make_genanki_package


def _deck(path: Path) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_genanki_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = make_genanki_package(tmp_path)
    out = tmp_path / "decks"
    assert main(["import", str(package), "--to", str(out)]) == 0
    report = capsys.readouterr().out

    ensembles = _deck(out / "machine-learning-ensembles.yaml")
    assert ensembles["deck"] == "machine-learning-ensembles"
    assert ensembles["title"] == "Machine Learning::Ensembles"
    assert ensembles["cards"] == [
        {"id": "what-is-bagging", "front": "What is **bagging**?",
         "back": "Bootstrap aggregating\n배깅 "
                 "![](machine-learning-ensembles-media/pic%20one.png)",
         "tags": ["ensembles", "ml::basics"]},
        {"id": "boosting", "kind": "reverse", "front": "Boosting", "back": "부스팅"},
        {"id": "adam-came-out-in-2014-beta-1-is-beta-1", "kind": "cloze",
         "text": r"Adam came out in {{c1::2014}}, $\beta_1$ is $\beta_1$",
         "back": "extra [▶ s.mp3](machine-learning-ensembles-media/s.mp3)", "tags": ["adam"]},
        # "Basic (optional reversed card)": reversed only when its switch field is filled.
        {"id": "opt-front", "front": "Opt front", "back": "Opt back"},
        {"id": "opt2-front", "kind": "reverse", "front": "Opt2 front", "back": "Opt2 back"},
        {"id": "type-bagging", "kind": "typed", "front": "Type: bagging?", "answer": "bagging"},
    ]  # fmt: skip
    media = out / "machine-learning-ensembles-media"
    assert (media / "pic one.png").read_bytes() == b"\x89PNG picture bytes"
    assert (media / "s.mp3").read_bytes() == b"ID3 sound bytes"

    other = _deck(out / "other.yaml")
    assert other["cards"] == [{"id": "other-q", "front": "other q", "back": "other a"}]
    assert not (out / "other-media").exists()

    # The one note that could not be converted is reported, not dropped silently.
    assert "Not converted (1):" in report
    assert "(Basic (genanki)): the back is empty" in report
    assert "1 sound reference(s) kept as links" in report
    assert sorted(p.name for p in out.iterdir()) == [
        "machine-learning-ensembles-media",
        "machine-learning-ensembles.yaml",
        "other.yaml",
    ]


def test_imported_decks_pass_the_loader(tmp_path: Path) -> None:
    package = make_genanki_package(tmp_path)
    assert main(["import", str(package), "--to", str(tmp_path / "out")]) == 0
    for path in sorted((tmp_path / "out").glob("*.yaml")):
        result = load_deck(path)
        assert [p for p in result.problems if p.severity == "error"] == []


def test_reimport_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = make_genanki_package(tmp_path)
    out = tmp_path / "decks"
    assert main(["import", str(package), "--to", str(out)]) == 0
    (out / "other.yaml").write_text("edited by the learner\n", encoding="utf-8")
    assert main(["import", str(package), "--to", str(out)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert (out / "other.yaml").read_text(encoding="utf-8") == "edited by the learner\n"
    assert main(["import", str(package), "--to", str(out), "--force"]) == 0
    assert _deck(out / "other.yaml")["deck"] == "other"


def test_default_target_is_the_user_deck_folder(tmp_path: Path, quizapp_home: Path) -> None:
    package = make_genanki_package(tmp_path)
    assert main(["import", str(package)]) == 0
    assert (quizapp_home / "data" / "decks" / "other.yaml").is_file()


def test_package_written_by_anki_itself(tmp_path: Path) -> None:
    try:
        package = make_anki_package(tmp_path)
    except Exception as exc:  # the optional tool failed: say why, do not hide it
        pytest.fail(f"the anki package is installed but could not write a package: {exc}")
    if package is None:
        pytest.skip("the `anki` package is not installed in benchmarks/.venv-bench")
    out = tmp_path / "decks"
    assert main(["import", str(package), "--to", str(out)]) == 0
    deck = _deck(out / "anki-made-sub.yaml")
    assert deck["title"] == "Anki Made::Sub"
    assert deck["cards"] == [
        {"id": "front-one", "front": "Front *one*", "back": "Back one", "tags": ["t1"]},
        {"id": "two", "kind": "reverse", "front": "Two", "back": "Deux"},
        {"id": "a-cloze-here", "kind": "cloze", "text": "A {{c1::cloze}} here", "tags": ["c::x"]},
        {"id": "image", "front": "Image ![](anki-made-sub-media/anki-pic.png)",
         "back": "has one"},
    ]  # fmt: skip
    # The media of a current-format package is zstd-compressed inside: copied out decompressed.
    assert (out / "anki-made-sub-media" / "anki-pic.png").read_bytes() == b"\x89PNG anki media"
