"""Reading and writing files safely.

Reads keep the exact bytes' conventions (BOM, CRLF) discoverable; writes are atomic: a
temporary file in the same directory, fsync, then rename, keeping the original mode.  A
failed write never leaves a half-written file behind.  Editors lock a file for their
read-modify-write (``locked``) and refuse to overwrite a file someone else saved since they
read it (``snapshot`` + ``atomic_write(unchanged_since=...)``)."""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ArgmapError, EditError, Location, ParseError

BOM = "\ufeff"


def read_text(path: str | os.PathLike) -> str:
    """Decode a UTF-8 file (a BOM is kept as the first character, so writers can keep it).

    Raises ``ArgmapError`` for a missing or unreadable file and ``ParseError`` with the
    line and column of the first byte that is not UTF-8."""
    return decode(read_bytes(path), path)


def decode(data: bytes, path: str | os.PathLike | None = None) -> str:
    """UTF-8 ``data`` as text; ``ParseError`` located at the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ParseError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                         Location(str(path) if path else None, line, column)) from None


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArgmapError("no such file", Location(str(path))) from None
    except IsADirectoryError:
        raise ArgmapError("is a directory, not a file", Location(str(path))) from None
    except OSError as exc:
        raise ArgmapError(f"cannot read: {exc.strerror}", Location(str(path))) from None


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, and its identity then (inode, size, mtime), so a writer can
    tell whether someone else saved the file in the meantime."""

    data: bytes
    identity: tuple[int, int, int]


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def snapshot(path: str | os.PathLike) -> Snapshot:
    data = read_bytes(path)
    try:
        return Snapshot(data, _identity(os.stat(path)))
    except OSError as exc:
        raise ArgmapError(f"cannot read: {exc.strerror}", Location(str(path))) from None


@contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of ``path``, so concurrent argmap
    edits queue instead of losing updates.

    The file itself is locked (no lock file to leave behind).  An atomic write replaces the
    file, so a waiter that wakes up holding the old inode tries again on the new one."""
    while True:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            raise ArgmapError("no such file" if isinstance(exc, FileNotFoundError)
                              else f"cannot open: {exc.strerror}", Location(str(path))) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                yield
                return
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike, data: bytes | str, *,
                 unchanged_since: Snapshot | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping an existing file's permissions.

    With ``unchanged_since``, refuse (``EditError``, nothing written) when the file is no
    longer the one that snapshot was taken of: another program saved it meanwhile."""
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(path))) from None

    def replace(tmp: str) -> None:
        if unchanged_since is not None:
            try:
                identity = _identity(os.stat(target))
            except FileNotFoundError:
                identity = None
            if identity != unchanged_since.identity:
                raise EditError("the file changed on disk since it was read; not "
                                "overwritten (run the command again)", Location(str(path)))
        os.replace(tmp, target)

    _write_via_temp(target, data, mode, replace)


def create_new(path: str | os.PathLike, data: bytes | str) -> None:
    """Write a new file atomically; refuse if ``path`` exists (checked atomically too)."""
    def link(tmp: str) -> None:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise ArgmapError("already exists; not overwritten", Location(str(path))) from None
        os.unlink(tmp)

    _write_via_temp(Path(path), data, None, link)


def _write_via_temp(target: Path, data: bytes | str, mode: int | None,
                    install: Callable[[str], None]) -> None:
    """Write ``data`` to a fsynced temporary file beside ``target`` and ``install`` it; the
    temporary file never outlives a failure."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = target.parent if str(target.parent) else Path(".")
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(target))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        _pause_for_tests(tmp)
        install(tmp)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ArgmapError(f"cannot write: {exc.strerror}", Location(str(target))) from None
        raise
    _fsync_directory(directory)


PAUSE_HOOK = "ARGMAP_TEST_PAUSE_BEFORE_RENAME"


def _pause_for_tests(tmp: str) -> None:
    """Fault-injection hook for the crash tests: with ``$ARGMAP_TEST_PAUSE_BEFORE_RENAME``
    naming a file, write the temporary file's name there and wait until it is deleted,
    so a test can kill a writer between writing and renaming."""
    flag = os.environ.get(PAUSE_HOOK)
    if not flag:
        return
    Path(flag).write_text(tmp)
    while os.path.exists(flag):
        time.sleep(0.01)


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
