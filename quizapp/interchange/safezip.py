"""Reading untrusted zip archives (Anki packages) in memory, refusing bombs and odd member names.

An archive's sizes are checked twice: the sizes its directory declares, before anything is
decompressed, and the bytes actually produced, while decompressing (a directory can lie). Member
names must be plain file names: a package never needs folders, so any `/`, `\\`, `..` or absolute
name is treated as an attempt to write outside the target and refused.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

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
        self._read_total = 0
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
        info = self.names[name]
        budget = min(info.file_size, self.limits.member_bytes)
        parts: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    if size > budget or self._read_total + size > self.limits.total_bytes:
                        raise InterchangeError(
                            f"{self.path}: {name!r} expands beyond its declared size; "
                            "refusing it as a possible zip bomb"
                        )
                    parts.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InterchangeError(f"{self.path}: {name!r} cannot be read: {exc}") from None
        except (zlib.error, lzma.LZMAError) as exc:  # not OSError subclasses
            raise InterchangeError(f"{self.path}: {name!r} is corrupt: {exc}") from None
        self._read_total += size
        return b"".join(parts)

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
