"""Git integration: argmap's diff and merge drivers, configured in one repository.

``install`` sets, in the repository's own ``.git/config`` (``git config --local``):

- ``diff.argmap.textconv``: ``argmap git textconv``, so ``git diff`` and ``git log -p``
  compare the claim-per-block rendering of ``argmap.changes.canonical``, and
  ``diff.argmap.xfuncname`` heads each hunk with the claim it is in;
- ``merge.argmap.name`` and ``merge.argmap.driver``: ``argmap merge --name %P %O %A %B -o %A``,
  the three-way merge of ``argmap.changes.merge`` (``%P`` names the file in conflict
  reports; git substitutes it shell-quoted);

and appends to the top-level ``.gitattributes`` one line per pattern:
``PATTERN diff=argmap merge=argmap`` (``diff=argmap`` alone for an argument file in a
format other than argmap's YAML, which the merge refuses).  Without patterns, the patterns
are the tracked files that argmap's format registry recognises as argument files, each
anchored at the root.  Every step is idempotent: a setting already made and a line already
present are left as they are, so installing twice changes nothing; the bytes already in
``.gitattributes`` are kept as they are."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArgmapError, Location
from ..fileio import atomic_write, decode, read_bytes, read_text
from ..pipeline import read_map
from ..registry import format_for_reading, formats
from .canonical import canonical_text

DRIVER = "argmap"
ATTRIBUTES = ".gitattributes"


@dataclass(frozen=True)
class Installed:
    """What ``install`` did: the settings it made (already-made ones are not listed) and the
    lines it added to ``.gitattributes``."""

    root: str
    settings: tuple[tuple[str, str], ...]
    lines: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.settings or self.lines)


def git(root: str | os.PathLike, *args: str, allowed: tuple[int, ...] = (0,)) -> str:
    """Run ``git -C ROOT ARGS`` and return its output; ``ArgmapError`` (with git's own
    first line of complaint) when it is missing or exits with a status not ``allowed``."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, check=False)
    except FileNotFoundError:
        raise ArgmapError("git is not installed (argmap's git integration runs it)") from None
    if done.returncode not in allowed:
        complaint = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[0]
        raise ArgmapError(f"git {args[0]} failed: {complaint.removeprefix('fatal: ')}",
                          Location(str(root)))
    return done.stdout


def repository_root(path: str | os.PathLike = ".") -> Path:
    """The top folder of the work tree ``path`` is in; a one-line error outside one."""
    if not Path(path).is_dir():
        raise ArgmapError("no such folder", Location(str(path)))
    try:
        return Path(git(path, "rev-parse", "--show-toplevel").strip())
    except ArgmapError:
        raise ArgmapError("not in a git repository (run 'git init' first, or run this "
                          "inside one)", Location(str(Path(path).resolve()))) from None


def driver_settings(command: str = "argmap") -> dict[str, str]:
    """The ``git config`` settings of argmap's drivers; ``command`` runs argmap."""
    return {f"diff.{DRIVER}.textconv": f"{command} git textconv",
            f"diff.{DRIVER}.xfuncname": r"^\[[^]]+\].*$",
            f"merge.{DRIVER}.name": "argmap three-way merge of argument maps",
            f"merge.{DRIVER}.driver": f"{command} merge --name %P %O %A %B -o %A"}


def attribute_line(pattern: str, merge: bool = True) -> str:
    return f"{pattern} diff={DRIVER}" + (f" merge={DRIVER}" if merge else "")


def argument_files(root: str | os.PathLike) -> dict[str, bool]:
    """The tracked files of the repository at ``root`` that argmap reads as argument maps
    (a suffix of a format argmap reads, and content that format's sniffing accepts), as
    path relative to ``root`` -> whether it is in argmap's YAML (which ``merge`` edits)."""
    readable = [fmt for fmt in formats() if fmt.read]
    found = {}
    for name in git(root, "ls-files", "-z").split("\0"):
        lowered = name.lower()
        candidates = [fmt for fmt in readable if lowered.endswith(fmt.suffixes)]
        if not candidates or not (Path(root) / name).is_file():
            continue
        try:
            text = read_text(Path(root) / name)
            if any(fmt.sniff is None or fmt.sniff(text) for fmt in candidates):
                # merge= only where ``argmap merge`` will take the file: the same choice.
                found[name] = format_for_reading(name, text).name == "yaml"
        except ArgmapError:
            continue
    return found


_GLOB = re.compile(r"([*?\[\\])")


def path_pattern(name: str) -> str:
    """A ``.gitattributes`` pattern matching exactly the file ``name`` (relative to the
    root): anchored, glob characters escaped, C-quoted when it holds a space or quote."""
    return quoted("/" + _GLOB.sub(r"\\\1", name))


def quoted(pattern: str) -> str:
    """``pattern`` C-quoted when it holds a space or a quote (git reads such a pattern
    quoted; unquoted, the space would end it)."""
    if re.search(r'[\s"]', pattern):
        return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return pattern


def install(path: str | os.PathLike = ".", patterns=(), *, command: str = "argmap") -> Installed:
    """Configure argmap's drivers in the repository ``path`` is in, for ``patterns`` (by
    default, every argument file tracked there); see the module docstring."""
    root = repository_root(path)
    settings = []
    for key, value in driver_settings(command).items():
        if git(root, "config", "--local", "--get", key, allowed=(0, 1)).rstrip("\n") != value:
            git(root, "config", "--local", key, value)
            settings.append((key, value))
    if patterns:
        wanted = [attribute_line(quoted(pattern)) for pattern in patterns]
    else:
        wanted = [attribute_line(path_pattern(name), native)
                  for name, native in argument_files(root).items()]
    return Installed(str(root), tuple(settings), add_lines(root / ATTRIBUTES, wanted))


def add_lines(path: Path, wanted: list[str]) -> tuple[str, ...]:
    """Append the lines of ``wanted`` that ``path`` does not hold yet (comparing lines with
    surrounding blanks stripped), in the file's own line ending; the bytes already there
    stay as they are.  Returns the lines added."""
    before = decode(read_bytes(path), path) if path.exists() else ""
    present = {line.strip() for line in before.splitlines()}
    added = tuple(dict.fromkeys(line for line in wanted if line.strip() not in present))
    if added:
        newline = "\r\n" if "\r\n" in before else "\n"
        separator = newline if before and not before.endswith(("\n", "\r")) else ""
        atomic_write(path, before + separator + "".join(line + newline for line in added))
    return added


def textconv(path: str | os.PathLike) -> str:
    """What git shows for the file at ``path`` (the diff driver's ``textconv``): the
    canonical rendering of the map in it, or, when it does not read as a map (a version
    saved half-written, a file in no format argmap reads), its own text, so ``git diff``
    and ``git log -p`` never fail on it.  An unreadable file is an ``ArgmapError``."""
    try:
        amap, _ = read_map(path)
    except ArgmapError:
        return read_bytes(path).decode("utf-8", errors="replace")
    return canonical_text(amap)
