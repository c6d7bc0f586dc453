"""Anki packages made by real tools for the import tests: genanki here, `anki` when installed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import genanki

ROOT = Path(__file__).resolve().parents[2]
#: The benchmark-only venv where the `anki` package may be installed (never the main venv).
ANKI_PYTHON = ROOT / "benchmarks" / ".venv-bench" / "bin" / "python"


def make_genanki_package(folder: Path) -> Path:
    """A legacy (collection.anki2) package: two decks, every note type we convert, media."""
    ensembles = genanki.Deck(2_059_400_110, "Machine Learning::Ensembles")
    other = genanki.Deck(2_059_400_111, "Other")
    notes = [
        (genanki.BASIC_MODEL, ['What is <b>bagging</b>?',
                               'Bootstrap aggregating<br>배깅 <img src="pic one.png">'],
         ["ensembles", "ml::basics"]),
        (genanki.BASIC_AND_REVERSED_CARD_MODEL, ["Boosting", "부스팅"], []),
        (genanki.CLOZE_MODEL, [r"Adam came out in {{c1::2014}}, $\beta_1$ is \(\beta_1\)",
                               "extra [sound:s.mp3]"], ["adam"]),
        (genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL, ["Opt front", "Opt back", ""], []),
        (genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL, ["Opt2 front", "Opt2 back", "y"], []),
        (genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL, ["Type: bagging?", "<div>bagging</div>"], []),
        (genanki.BASIC_MODEL, ["Empty back", ""], []),
    ]  # fmt: skip
    for model, fields, tags in notes:
        ensembles.add_note(genanki.Note(model=model, fields=fields, tags=tags))
    other.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=["other q", "other a"]))
    media = folder / "media-src"
    media.mkdir()
    (media / "pic one.png").write_bytes(b"\x89PNG picture bytes")
    (media / "s.mp3").write_bytes(b"ID3 sound bytes")
    package = genanki.Package([ensembles, other])
    package.media_files = [str(media / "pic one.png"), str(media / "s.mp3")]
    out = folder / "made-by-genanki.apkg"
    package.write_to_file(str(out))
    return out


ANKI_SCRIPT = r"""
import sys
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.decks import DeckId

col = Collection(sys.argv[1])
deck_id = col.decks.id("Anki Made::Sub")
def add(notetype_name, fields, tags):
    model = col.models.by_name(notetype_name)
    note = col.new_note(model)
    for i, value in enumerate(fields):
        note.fields[i] = value
    note.tags = tags
    col.add_note(note, DeckId(deck_id))
add("Basic", ["Front <i>one</i>", "Back one"], ["t1"])
add("Basic (and reversed card)", ["Two", "Deux"], [])
add("Cloze", ["A {{c1::cloze}} here", ""], ["c::x"])
with open(sys.argv[3], "wb") as handle:
    handle.write(b"\x89PNG anki media")
col.media.add_file(sys.argv[3])
add("Basic", ['Image <img src="anki-pic.png">', "has one"], [])
opts = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                with_media=True, legacy=False)
col.export_anki_package(out_path=sys.argv[2], options=opts, limit=None)
col.close()
"""


def make_anki_package(folder: Path) -> Path | None:
    """A current-format package (collection.anki21b, zstd) written by Anki's own code, or None
    when the `anki` package is not installed in the benchmark venv."""
    if not ANKI_PYTHON.exists():
        return None
    check = subprocess.run([str(ANKI_PYTHON), "-c", "import anki"], capture_output=True)
    if check.returncode != 0:
        return None
    out = folder / "made-by-anki.apkg"
    script = folder / "make.py"
    script.write_text(ANKI_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [str(ANKI_PYTHON), str(script), str(folder / "col.anki2"), str(out),
         str(folder / "anki-pic.png")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return out
