"""Reading and writing files safely.

Reads keep the exact bytes' conventions (BOM, CRLF) discoverable; writes are atomic: a
temporary file in the same directory, fsync, then rename, keeping the original mode.  A
failed write never leaves a half-written file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import ArgmapError, Location, ParseError

BOM = "\ufeff"


def read_text(path: str | os.PathLike) -> str:
    """Decode a UTF-8 file (a BOM is kept as the first character, so writers can keep it).

    Raises ``ArgmapError`` for a missing or unreadable file and ``ParseError`` with the
    line and column of the first byte that is not UTF-8."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ParseError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                         Location(str(path), line, column)) from None


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArgmapError("no such file", Location(str(path))) from None
    except IsADirectoryError:
        raise ArgmapError("is a directory, not a file", Location(str(path))) from None
    except OSError as exc:
        raise ArgmapError(f"cannot read: {exc.strerror}", Location(str(path))) from None


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically, keeping an existing file's permissions."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(path))) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(path))) from None
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
