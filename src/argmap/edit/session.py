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
from ..formats import native
from ..model import ArgMap
from ..pipeline import gc_paused
from ..registry import format_for_reading
from .intent import signature
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
              intent: Callable[[ArgMap], None] | None = None,
              dry_run: bool = False) -> EditResult:
    """Apply ``change`` (which records splices on the document) to the file at ``path``.

    ``intent`` makes the same change to the map read from the file; the edited text must
    read back as exactly that map.  Raises ``EditError`` and leaves the file untouched if
    it does not, if the result would not be a valid map, or if another program saved the
    file while this edit was being made."""
    path = str(path)
    real = os.path.realpath(path)  # through a symlink, replace its target, not the link
    with locked(real), gc_paused():  # parsing twice: see gc_paused
        before = snapshot(real)
        text = decode(before.data, path)
        if format_for_reading(path, text).name != "yaml":
            raise EditError("argmap edits native YAML argument files; convert this one "
                            "with 'argmap convert' first", Location(path))
        after = _apply(change, text, path)
        if after != text:
            verify(after, text, path, intent)
            if not dry_run:
                atomic_write(real, after.encode("utf-8"), unchanged_since=before)
    return EditResult(path, text, after)


def _apply(change: Callable[[ArgumentFile], None], text: str, path: str) -> str:
    """The edited text.  The document's node tree is freed on return, before the cycle
    collector resumes, so its first pass after the edit is short."""
    doc = ArgumentFile(text, path)
    change(doc)
    return doc.render(doc.edited())


def verify(after: str, before: str, path: str,
           intent: Callable[[ArgMap], None] | None = None, *,
           expected: ArgMap | None = None) -> None:
    """Refuse ``after`` if it has errors that ``before`` did not have, or if it does not
    read back as ``before``'s map changed by ``intent`` (or, given instead, as the map
    ``expected``: a caller that has read ``before`` already need not have it read again).
    A map that had no thesis is under construction: it may go on without one."""
    after_map, problems = _read(after, path)
    errors = _errors(after_map, problems)
    if errors:
        known_map, known = _read(before, path)
        known_messages = {message for message, _ in _errors(known_map, known)}
        if known_map is None or not known_map.theses():
            known_messages.add(NO_THESIS)
        new = [(message, where) for message, where in errors if message not in known_messages]
        if new:
            message, where = new[0]
            raise EditError(f"edit refused: {message}", where)
    if expected is None and intent is not None:
        expected = _read(before, path)[0]
        if expected is not None:
            intent(expected)
    if expected is None:
        return
    if after_map is None or signature(after_map) != signature(expected):
        raise EditError("edit refused: the edited file would not read back as the "
                        "intended map (an editing bug: please report it with the file)",
                        Location(path))


def _read(text: str, path: str) -> tuple[ArgMap | None, list | None]:
    """The map in ``text`` as far as it reads (``None`` if it does not parse) and the
    problems reading it found as ``(message, location)``, or ``None`` when it read
    cleanly (then ``_check`` finds the map's errors, as ``argmap check`` does)."""
    try:
        return native.read(text, path), None
    except ValidationError:
        amap, problems = native.read_with_problems(text, path)
        return amap, [(d.message, d.location) for d in problems]
    except ArgmapError as exc:  # the text does not even parse
        return None, [(exc.message, exc.location)]


def _errors(amap: ArgMap | None, problems: list | None) -> list:
    """What ``_read`` gave as errors: its ``problems``, or for a clean read the map's
    errors as ``argmap check`` finds them."""
    if problems is not None:
        return problems
    assert amap is not None  # a clean read gives a map
    return [(d.message, d.location) for d in check_map(amap) if d.severity == "error"]
