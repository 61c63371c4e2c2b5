"""One edit of one file, end to end: lock, read, splice, validate, write atomically.

The new text is checked exactly as ``argmap check`` would read it (the native reader, then
``check_map``) before anything is written, so an edit can never leave a broken file; a
problem the file already had does not block an unrelated edit."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass

from ..check import NO_THESIS, check_map
from ..errors import ArgmapError, EditError, Location, ValidationError
from ..fileio import atomic_write, decode, locked, snapshot
from ..formats import _gc_paused, format_for_reading, native
from ..model import ArgMap
from .operations import ArgumentFile


@dataclass(frozen=True)
class EditResult:
    """What an edit did (or, for a dry run, would do): the file's text before and after."""

    path: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the change (line endings shown as LF)."""
        lines = difflib.unified_diff(_lf(self.before).splitlines(keepends=True),
                                     _lf(self.after).splitlines(keepends=True),
                                     f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def edit_file(path: str | os.PathLike, change: Callable[[ArgumentFile], None], *,
              dry_run: bool = False) -> EditResult:
    """Apply ``change`` (which records splices on the document) to the file at ``path``.

    Raises ``EditError`` and leaves the file untouched if the result would not be a valid
    map, or if another program saved the file while this edit was being made."""
    path = str(path)
    real = os.path.realpath(path)  # through a symlink, replace its target, not the link
    with locked(real), _gc_paused():  # parsing twice: see _gc_paused
        before = snapshot(real)
        text = decode(before.data, path)
        if format_for_reading(path, text).name != "yaml":
            raise EditError("argmap edits native YAML argument files; convert this one "
                            "with 'argmap convert' first", Location(path))
        after = _apply(change, text, path)
        if after != text:
            validate(after, text, path)
            if not dry_run:
                atomic_write(real, after.encode("utf-8"), unchanged_since=before)
    return EditResult(path, text, after)


def _apply(change: Callable[[ArgumentFile], None], text: str, path: str) -> str:
    """The edited text.  The document's node tree is freed on return, before the cycle
    collector resumes, so its first pass after the edit is short."""
    doc = ArgumentFile(text, path)
    change(doc)
    return doc.render(doc.edited())


def validate(after: str, before: str, path: str) -> None:
    """Refuse ``after`` if it has errors that ``before`` did not have.  A map that had no
    thesis is under construction: it may go on without one."""
    _, errors = _errors(after, path)
    if errors:
        amap, before_errors = _errors(before, path)
        known = {message for message, _ in before_errors}
        if amap is None or not amap.theses():
            known.add(NO_THESIS)
        new = [(message, where) for message, where in errors if message not in known]
        if new:
            message, where = new[0]
            raise EditError(f"edit refused: {message}", where)


def _errors(text: str, path: str) -> tuple[ArgMap | None, list]:
    """The map in ``text`` (None if it cannot be read) and its errors."""
    try:
        amap = native.read(text, path)
    except ValidationError as exc:
        return None, ([(d.message, d.location) for d in exc.diagnostics]
                      or [(exc.message, exc.location)])
    except ArgmapError as exc:  # the text does not even parse
        return None, [(exc.message, exc.location)]
    return amap, [(d.message, d.location) for d in check_map(amap) if d.severity == "error"]
