"""An Anki package's media: its list, and its files streamed (zstd or not) into the staging folder.

Every decompressed byte counts against the archive's `Budget`; no file is held in memory.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol, cast

from quizapp.interchange import protobuf
from quizapp.interchange.errors import InterchangeError
from quizapp.interchange.html import media_references, rewrite_media
from quizapp.interchange.imported import ImportedDeck
from quizapp.interchange.safezip import Budget, SafeZip, is_plain_name

_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 16


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _zstd_chunks(
    compressed: _Readable, source: str, what: str, budget: Budget, limit: int
) -> Iterator[bytes]:
    """The decompressed bytes of zstd data, a piece at a time, each counted against `budget`.

    Never more than one piece is held: a frame that claims (or makes) gigabytes costs only the
    bytes produced before the limit stops it.
    """
    import zstandard

    produced = 0
    try:
        # Anything with read(n) will do; the stubs ask for a file.
        readable = cast(IO[bytes], compressed)
        reader = zstandard.ZstdDecompressor().stream_reader(readable, read_size=_CHUNK)
        while chunk := reader.read(_CHUNK):
            produced += len(chunk)
            if produced > limit:
                raise InterchangeError(
                    f"{source}: {what} expands past {limit:,} bytes, the most one file may; "
                    "refusing it as a possible zip bomb (nothing was written)"
                )
            budget.spend(len(chunk), what)
            yield chunk
    except zstandard.ZstdError as exc:
        raise InterchangeError(f"{source}: {what} is corrupt ({exc})") from None


def zstd_bytes(data: _Readable, source: str, what: str, archive: SafeZip) -> bytes:
    limit = archive.limits.member_bytes
    return b"".join(_zstd_chunks(data, source, what, archive.budget, limit))


class _Chain:
    """A few bytes already read, then the rest of a member (to look at a file's magic first)."""

    def __init__(self, head: bytes, rest: _Readable) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1, /) -> bytes:
        if self.head:
            head, self.head = self.head, b""
            return head
        return self.rest.read(size)


def media_map_of(archive: SafeZip, source: str) -> tuple[dict[str, str], bool]:
    """Media file name -> archive member name, and whether members are zstd-compressed."""
    if "media" not in archive:
        return {}, False
    raw = archive.read("media")
    if raw.startswith(_ZSTD_MAGIC):
        listing = zstd_bytes(io.BytesIO(raw), source, "the media list", archive)
        entries = protobuf.parse(listing).get(1, [])
        mapping: dict[str, str] = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry, bytes):
                continue
            parsed = protobuf.parse(entry)
            member = str(protobuf.first_int(parsed, 255, index))
            mapping[protobuf.first_text(parsed, 1)] = member
        return mapping, True
    try:
        legacy = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        raise InterchangeError(f"{source}: the package's media list is unreadable") from None
    if not isinstance(legacy, dict):
        raise InterchangeError(f"{source}: the package's media list is unreadable")
    return {str(name): str(member) for member, name in legacy.items()}, False


class MediaSource:
    """The package's media files, streamed on demand into the staging folder of each deck."""

    def __init__(
        self, archive: SafeZip, mapping: dict[str, str], compressed: bool, staging: Path
    ) -> None:
        self.archive, self.mapping, self.compressed, self.staging = (
            archive,
            mapping,
            compressed,
            staging,
        )
        self.missing: set[str] = set()
        self.sounds = 0
        #: archive member -> the file it was first written to.
        self._written: dict[str, Path] = {}

    def copy_into(self, deck: ImportedDeck, name: str) -> str | None:
        """Copy media file `name` into `deck` and return its path relative to the deck file."""
        member = self.mapping.get(name)
        if member is None:
            self.missing.add(name)
            return None
        source = str(self.archive.path)
        if not is_plain_name(name) or member not in self.archive:
            raise InterchangeError(
                f"{source}: the media file {name!r} points outside its folder or is missing "
                "from the archive; refusing the package (nothing was written)"
            )
        # A media file must never pass for a deck file in a deck folder.
        stored = name + ".media" if name.lower().endswith((".yaml", ".yml")) else name
        if stored not in deck.media:
            folder = self.staging / deck.media_folder
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / stored
            try:
                if member in self._written:
                    first = self._written[member]
                    self.archive.budget.spend(first.stat().st_size, f"media file {name!r}")
                    shutil.copyfile(first, target)
                else:
                    self._stream(member, name, target)
                    self._written[member] = target
            except OSError as exc:
                raise InterchangeError(
                    f"{self.staging}: cannot write the media file {name!r}: {exc.strerror}"
                ) from None
            deck.media[stored] = target
        return f"{deck.media_folder}/{stored}"

    def _stream(self, member: str, name: str, target: Path) -> None:
        """Decompress `member` into `target`, a piece at a time."""
        source = str(self.archive.path)
        with self.archive.open(member) as raw, target.open("wb") as out:
            head = raw.read(len(_ZSTD_MAGIC))
            if self.compressed and head == _ZSTD_MAGIC:
                what = f"media file {name!r}"
                limit = self.archive.limits.member_bytes
                for chunk in _zstd_chunks(
                    _Chain(head, raw), source, what, self.archive.budget, limit
                ):
                    out.write(chunk)
            else:
                out.write(head)
                while chunk := raw.read(_CHUNK):
                    out.write(chunk)

    def rewrite(self, deck: ImportedDeck, text: str) -> str:
        if not media_references(text):
            return text
        text, sounds = rewrite_media(text, lambda name: self.copy_into(deck, name))
        self.sounds += sounds
        return text
