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

from .errors import EditError, FileError, Location, ParseError

BOM = "\ufeff"


def read_text(path: str | os.PathLike) -> str:
    """Decode a UTF-8 file (a BOM is kept as the first character, so writers can keep it).

    Raises ``FileError`` for a missing or unreadable file and ``ParseError`` with the
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


# A FIFO, a device or /dev/stdin has no size to check first: reading stops here (/dev/zero
# would otherwise fill the memory).
NON_REGULAR_INPUT_LIMIT = 64 * 1024 * 1024


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        with open(path, "rb") as handle:
            if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return handle.read()
            data = handle.read(NON_REGULAR_INPUT_LIMIT + 1)
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "read") from None
    if len(data) > NON_REGULAR_INPUT_LIMIT:
        raise FileError(f"not a regular file, and longer than "
                        f"{NON_REGULAR_INPUT_LIMIT // 2**20} MiB: argmap stopped reading", path)
    return data


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
        raise FileError.from_os_error(exc, path, "read") from None


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
            raise FileError.from_os_error(exc, path, "open") from None
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
                 unchanged_since: Snapshot | None = None, force: bool = False) -> None:
    """Write ``data`` to ``path``, by the policy in ``docs/reliability.md``:

    - a regular file (or a new one) is replaced atomically, keeping its permissions; a
      symlink to one keeps the link and replaces its target;
    - anything else (a character device such as ``/dev/null``, a FIFO, ``/dev/stdout``,
      ``/dev/fd/N``) is opened and written in place, never replaced;
    - a file with several hard links is rewritten in place, so every link keeps it (space
      is reserved first, so a full disk fails before the file is touched);
    - a read-only file is refused unless ``force``.

    With ``unchanged_since``, refuse (``EditError``, nothing written) when the file is no
    longer the one that snapshot was taken of: another program saved it meanwhile."""
    where = Location(str(path))
    target = Path(os.path.realpath(path))  # through symlinks: write the target, keep links
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "write") from None
    data = data.encode("utf-8") if isinstance(data, str) else data
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise FileError("is a directory, not a file", path)
    if (st is not None and not stat.S_ISREG(st.st_mode)) or _is_descriptor(path):
        _write_in_place(path, data)
        return
    if st is not None and not force and not st.st_mode & 0o222:
        raise FileError("the file is read-only; not overwritten (--force replaces it, "
                        "keeping its permissions)", path)

    def unchanged() -> None:
        if unchanged_since is not None:
            try:
                identity = _identity(os.stat(target))
            except FileNotFoundError:
                identity = None
            if identity != unchanged_since.identity:
                raise EditError("the file changed on disk since it was read; not "
                                "overwritten (run the command again)", where)

    if st is not None and st.st_nlink > 1:
        unchanged()
        _rewrite_hard_linked(target, data, path)
        return

    def replace(tmp: str) -> None:
        unchanged()
        os.replace(tmp, target)

    _write_via_temp(target, data, stat.S_IMODE(st.st_mode) if st else None, replace)


def _is_descriptor(path: str | os.PathLike) -> bool:
    """``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``: an open file of this process,
    written in place even when it is a regular file (the shell's ``> out`` stays put)."""
    name = os.path.abspath(path)
    return name in ("/dev/stdout", "/dev/stderr") or name.startswith(
        ("/dev/fd/", "/proc/self/fd/", f"/proc/{os.getpid()}/fd/"))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_in_place(path: str | os.PathLike, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "write") from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "write") from None
    finally:
        os.close(fd)


def _rewrite_hard_linked(target: Path, data: bytes, path: str | os.PathLike) -> None:
    """Rewrite a hard-linked file's own inode: space first, then the bytes, then the
    length.  Not atomic (no rename can keep the links), but a full disk fails at the
    reservation, before anything changes."""
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "write") from None
    try:
        if data:
            os.posix_fallocate(fd, 0, len(data))
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        raise FileError.from_os_error(exc, path, "write") from None
    finally:
        os.close(fd)


def create_new(path: str | os.PathLike, data: bytes | str) -> None:
    """Write a new file atomically; refuse if ``path`` exists (checked atomically too)."""
    def link(tmp: str) -> None:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileError("already exists; not overwritten", path) from None
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
    _remove_stale_temporaries(directory, _temporary_prefix(target.name))
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=_temporary_prefix(target.name),
                                   suffix=TEMPORARY_SUFFIX)
    except OSError as exc:
        raise FileError.from_os_error(exc, target, "write") from None
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
            raise FileError.from_os_error(exc, target, "write") from None
        raise
    _fsync_directory(directory)


TEMPORARY_SUFFIX = ".tmp"
_NAME_MAX = 255  # bytes in one file name on Linux file systems
STALE_AFTER = 3600  # seconds: a temporary file this old was left by a killed writer


def _temporary_prefix(name: str) -> str:
    """``.NAME.`` with NAME cut so the whole temporary name (plus mkstemp's 8 random
    characters and the suffix) stays within 255 bytes, whatever the target's length."""
    room = _NAME_MAX - 2 - 8 - len(TEMPORARY_SUFFIX)
    encoded = os.fsencode(name)
    if len(encoded) > room:  # a character cut in two stays as raw bytes: still a name
        name = os.fsdecode(encoded[:room])
    return f".{name}."


def _remove_stale_temporaries(directory: Path, prefix: str) -> None:
    """Temporary files of this target that a killed writer (``kill -9``) left behind, once
    they are an hour old; a live writer's file is seconds old."""
    limit = time.time() - STALE_AFTER
    try:
        candidates = [entry for entry in os.scandir(directory)
                      if entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY_SUFFIX)
                      and len(entry.name) == len(prefix) + 8 + len(TEMPORARY_SUFFIX)]
        for entry in candidates:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
    except OSError:
        pass  # cleaning up is a courtesy; the write itself reports real problems


PAUSE_HOOK = "ARGMAP_TEST_PAUSE_BEFORE_RENAME"


def _pause_for_tests(tmp: str) -> None:
    """Fault-injection hook for the crash tests: with ``$ARGMAP_TEST_PAUSE_BEFORE_RENAME``
    naming a file, write the temporary file's name there and wait until it is deleted,
    so a test can kill a writer between writing and renaming."""
    flag = os.environ.get(PAUSE_HOOK)
    if not flag:
        return
    # Renamed into place, so the test never reads the flag half written.
    Path(flag + ".part").write_text(tmp)
    os.replace(flag + ".part", flag)
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
