"""Reading untrusted zip archives (Anki packages), refusing bombs and odd member names.

An archive's sizes are checked twice: the sizes its directory declares, before anything is
decompressed, and the bytes actually produced, while decompressing (a directory can lie). Every
byte any layer decompresses (zip members, and the zstd inside them) is counted against one
`Budget`, so no mix of small members adds up to a bomb. Member names must be plain file names:
a package never needs folders, so any `/`, `\\`, `..` or absolute name is treated as an attempt
to write outside the target and refused.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from quizapp.interchange.errors import InterchangeError

_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Limits:
    """How much an archive may expand to. Defaults fit any real collection with its media."""

    #: Total bytes of every member, uncompressed.
    total_bytes: int = 2 << 30
    #: Bytes of any one member, uncompressed.
    member_bytes: int = 1 << 30
    #: Number of members.
    members: int = 100_000
    #: Compression ratio above which a large member is taken for a bomb (real SQLite and media
    #: files compress far less than this).
    ratio: float = 200.0
    #: Members smaller than this are not judged by their ratio (tiny files compress oddly well).
    ratio_floor: int = 1 << 20
    #: The longest text or blob a query on the collection may produce (SQLite's length limit).
    value_bytes: int = 256 << 20
    #: Seconds reading the collection's notes may take (a hostile view can run forever).
    query_seconds: float = 30.0

    @classmethod
    def with_total(cls, total_bytes: int) -> Limits:
        """The defaults, within a total of `total_bytes` (`quizapp import --max-size`)."""
        defaults = cls()
        return cls(
            total_bytes=total_bytes,
            member_bytes=min(defaults.member_bytes, total_bytes),
            value_bytes=min(defaults.value_bytes, total_bytes),
        )


class Budget:
    """The decompressed bytes an import may still produce; spending past it refuses the file."""

    def __init__(self, source: object, limits: Limits) -> None:
        self.source, self.limits, self.spent = source, limits, 0

    def spend(self, size: int, what: str) -> None:
        self.spent += size
        if self.spent > self.limits.total_bytes:
            raise InterchangeError(
                f"{self.source}: {what} takes the package past {self.limits.total_bytes:,} "
                "bytes decompressed, the most allowed; refusing it as a possible zip bomb "
                "(nothing was written; --max-size raises the limit)"
            )


class SafeZip:
    """A zip archive opened for reading members by name, within `Limits`."""

    def __init__(self, path: Path, limits: Limits | None = None) -> None:
        self.path = path
        self.limits = limits or Limits()
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InterchangeError(
                f"{path}: not a valid Anki package (not a readable zip archive: {exc})"
            ) from None
        self.budget = Budget(path, self.limits)
        self.names: dict[str, zipfile.ZipInfo] = {}
        infos = self._zip.infolist()
        if len(infos) > self.limits.members:
            raise InterchangeError(f"{path}: the archive holds {len(infos)} files; refusing it")
        declared = 0
        for info in infos:
            name = info.filename
            if not is_plain_name(name):
                self.close()
                raise InterchangeError(
                    f"{path}: the archive holds a file named {name!r}, which points outside "
                    "its folder; refusing it (nothing was written)"
                )
            if info.flag_bits & 0x1:
                self.close()
                raise InterchangeError(f"{path}: the archive is encrypted; export it again")
            self._check_size(name, info.file_size, info.compress_size)
            declared += info.file_size
            self.names[name] = info
        if declared > self.limits.total_bytes:
            self.close()
            raise InterchangeError(
                f"{path}: the archive would expand to {declared:,} bytes, more than the "
                f"{self.limits.total_bytes:,} allowed; refusing it as a possible zip bomb"
            )

    def _check_size(self, name: str, size: int, compressed: int) -> None:
        limits = self.limits
        if size > limits.member_bytes:
            self.close()
            raise InterchangeError(
                f"{self.path}: {name!r} would expand to {size:,} bytes, more than the "
                f"{limits.member_bytes:,} allowed; refusing it as a possible zip bomb"
            )
        if size >= limits.ratio_floor and size > limits.ratio * max(compressed, 1):
            self.close()
            raise InterchangeError(
                f"{self.path}: {name!r} is compressed {size / max(compressed, 1):,.0f} to 1; "
                "refusing it as a possible zip bomb"
            )

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes, stopping as soon as it outgrows what its directory declared."""
        return b"".join(self.chunks(name))

    def chunks(self, name: str) -> Iterator[bytes]:
        """A member's bytes in pieces, each counted against the member's size and the budget."""
        with self.open(name) as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk

    def open(self, name: str) -> _MemberReader:
        """A member as a file to `read(n)` from (what zstd's stream reader reads from)."""
        info = self.names[name]
        try:
            handle = self._zip.open(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InterchangeError(f"{self.path}: {name!r} cannot be read: {exc}") from None
        return _MemberReader(self, name, handle, min(info.file_size, self.limits.member_bytes))

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_plain_name(name: str) -> bool:
    """True for a bare file name: no folders, no drive, not `.`/`..`, no control characters."""
    if not name or name in (".", "..") or len(name) > 255:
        return False
    if any(ch in name for ch in "/\\\x00") or ":" in name[:2]:
        return False
    return all(ord(ch) >= 32 for ch in name)


class _MemberReader:
    """One zip member being decompressed: refuses it past its declared size or the budget."""

    def __init__(self, archive: SafeZip, name: str, handle: IO[bytes], size_limit: int) -> None:
        self.archive, self.name, self.handle, self.size_limit = archive, name, handle, size_limit
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        path, name = self.archive.path, self.name
        try:
            chunk = self.handle.read(min(size, _CHUNK))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InterchangeError(f"{path}: {name!r} cannot be read: {exc}") from None
        except (zlib.error, lzma.LZMAError) as exc:  # not OSError subclasses
            raise InterchangeError(f"{path}: {name!r} is corrupt: {exc}") from None
        self.size += len(chunk)
        if self.size > self.size_limit:
            raise InterchangeError(
                f"{path}: {name!r} expands beyond its declared size; "
                "refusing it as a possible zip bomb"
            )
        self.archive.budget.spend(len(chunk), repr(name))
        return chunk

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> _MemberReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
