"""A map as it is in a file, or as it was at a git revision: ``REV:PATH``.

``argmap diff HEAD~1:arguments/x.yaml arguments/x.yaml`` compares a file with its last
committed version.  The old version is read with ``git show REV:PATH`` (git's own syntax:
PATH is relative to the repository's top, or to the current folder when written
``REV:./PATH``) and parsed in the format its path names.  A name that exists as a file is
always the file, so a file whose name holds a colon is read as one."""

from __future__ import annotations

import os
import subprocess

from ..errors import ArgmapError, Location
from ..fileio import decode
from ..model import ArgMap
from ..pipeline import load, loads
from ..registry import format_for_reading


def is_revision(spec: str) -> bool:
    """Does ``spec`` name a map at a git revision (``REV:PATH``) rather than a file?"""
    revision, colon, path = spec.partition(":")
    return bool(colon and revision and path) and not os.path.exists(spec)


def git_show(spec: str) -> bytes:
    """The bytes of ``REV:PATH`` as git stores them; ``ArgmapError`` naming ``spec`` with
    git's own one-line reason when git cannot show it (an unknown revision or path, not a
    repository, git not installed)."""
    try:
        shown = subprocess.run(["git", "show", "--no-textconv", spec],
                               capture_output=True, check=False)
    except OSError as exc:
        raise ArgmapError(f"cannot run git to read this revision: {exc.strerror or exc}",
                          Location(spec)) from None
    if shown.returncode != 0:
        reasons = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = reasons[0].removeprefix("fatal: ") if reasons else \
            f"git show exited with {shown.returncode}"
        raise ArgmapError(f"git cannot read this revision: {reason}", Location(spec))
    return shown.stdout


def read_map(spec: str, format: str | None = None) -> ArgMap:
    """The map ``spec`` names, checked as ``argmap.load`` checks a file: a file's path, or
    ``REV:PATH`` read from git (format from ``format`` or PATH's suffix and content);
    locations in its messages name ``REV:PATH``."""
    if not is_revision(spec):
        return load(spec, format)
    path = spec.partition(":")[2]
    text = decode(git_show(spec), spec)
    return loads(text, format_for_reading(path, text, format).name, path=spec)
