"""Corrupt and hostile archives: a clear error every time, and nothing written."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.cli import main
from quizapp.interchange.apkg import read_package
from quizapp.interchange.errors import InterchangeError
from tests.interchange.packages import make_genanki_package


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _assert_refused(
    tmp_path: Path, package: Path, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", str(package), "--to", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err, err
    assert "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


def _legacy_collection(media_html: str = "") -> bytes:
    """A minimal schema-11 collection written with sqlite3 (for the media-name attacks)."""
    con = sqlite3.connect(":memory:")
    con.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "CREATE TABLE notes (id INTEGER, mid INTEGER, flds TEXT, tags TEXT);"
        "CREATE TABLE cards (nid INTEGER, did INTEGER, odid INTEGER, ord INTEGER);"
    )
    model = {"1": {"id": 1, "name": "Basic", "type": 0, "flds": [{"name": "Front"},
             {"name": "Back"}], "tmpls": [{"qfmt": "{{Front}}", "afmt": "{{Back}}"}]}}  # fmt: skip
    con.execute("INSERT INTO col VALUES (?, ?)", (json.dumps(model), json.dumps({"5": {"id": 5,
                "name": "D"}})))  # fmt: skip
    con.execute("INSERT INTO notes VALUES (1, 1, ?, '')", ("front\x1fback " + media_html,))
    con.execute("INSERT INTO cards VALUES (1, 5, 0, 0)")
    con.commit()
    return con.serialize()


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "fake.apkg"
    package.write_bytes(b"this is not a zip archive at all")
    _assert_refused(tmp_path, package, "not a valid Anki package", capsys)


def test_zip_without_a_collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _zip(tmp_path / "empty.apkg", {"readme.txt": b"hello"})
    _assert_refused(tmp_path, package, "no collection.anki2/anki21/anki21b inside", capsys)


def test_member_escaping_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _zip(tmp_path / "evil.apkg", {"collection.anki2": _legacy_collection(),
                                              "../../evil.sh": b"rm -rf ~"})  # fmt: skip
    _assert_refused(tmp_path, package, "points outside its folder", capsys)
    assert not (tmp_path / "evil.sh").exists()


def test_media_name_escaping_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _zip(
        tmp_path / "evil-media.apkg",
        {
            "collection.anki2": _legacy_collection('<img src="../../escape.png">'),
            "media": json.dumps({"0": "../../escape.png"}).encode(),
            "0": b"payload",
        },
    )
    _assert_refused(tmp_path, package, "points outside its folder", capsys)
    assert not (tmp_path / "escape.png").exists()


def test_zip_bomb_is_refused_before_expanding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 64 MiB of zeros deflate to about 64 KiB: a ratio no real collection has.
    package = _zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(64 << 20)})
    assert package.stat().st_size < 1 << 20
    _assert_refused(tmp_path, package, "possible zip bomb", capsys)


def test_garbage_collection_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _zip(tmp_path / "garbage.apkg", {"collection.anki2": b"SQLite format 3\x00" +
                                                 bytes(range(256)) * 8})  # fmt: skip
    _assert_refused(tmp_path, package, "damaged or not Anki's", capsys)


def test_corrupt_zstd_collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = _zip(tmp_path / "zstd.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd" + b"x" * 50})
    _assert_refused(tmp_path, package, "corrupt", capsys)


def test_lying_sizes_are_caught_while_reading(tmp_path: Path) -> None:
    package = _zip(tmp_path / "liar.apkg", {"collection.anki2": _legacy_collection()},
                   method=zipfile.ZIP_STORED)  # fmt: skip
    raw = bytearray(package.read_bytes())
    # Shrink the size the central directory declares for the member; the data stays as it is.
    central = raw.rindex(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    package.write_bytes(bytes(raw))
    with pytest.raises(InterchangeError):
        read_package(package)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzzed_packages_fail_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                      data: st.DataObject) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("fuzz")
    original = make_genanki_package(folder).read_bytes()
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        action = data.draw(st.sampled_from(["flip", "truncate", "delete", "insert"]))
        position = data.draw(st.integers(0, max(len(mutated) - 1, 0)))
        if action == "flip" and mutated:
            mutated[position] ^= data.draw(st.integers(1, 255))
        elif action == "truncate":
            del mutated[position:]
        elif action == "delete":
            del mutated[position : position + data.draw(st.integers(1, 64))]
        else:
            mutated[position:position] = data.draw(st.binary(min_size=1, max_size=32))
    package = folder / "fuzzed.apkg"
    package.write_bytes(bytes(mutated))
    out = folder / "out"
    stderr = io.StringIO()
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stderr(stderr), redirect_stdout(io.StringIO()):
        code = main(["import", str(package), "--to", str(out)])
    if code == 0:
        assert any(out.glob("*.yaml"))  # damage the importer survived (e.g. in media bytes)
    else:
        assert code == 1
        assert stderr.getvalue().startswith("quizapp import: error: ")
        assert not out.exists() or list(out.iterdir()) == []
