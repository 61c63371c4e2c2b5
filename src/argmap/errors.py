"""Error types.  Every user-facing failure is an ``ArgmapError`` carrying where it happened,
so the CLI can print ``FILE:LINE:COL: error: message`` in one place and never a traceback.

::

    ArgmapError               a message, and a Location where there is one
    ├── FileError             a file cannot be read or written: missing, a directory, no
    │                         permission, too big, read-only... (located at its path)
    ├── ParseError            a file is not well-formed in its format (syntax, types)
    ├── ValidationError       the map is well-formed but wrong; lists every Diagnostic
    ├── FormatError           an unknown format, or one that cannot hold this map
    ├── ViewError             what was asked for is not in the map (a claim to explain,
    │                         show, edit or focus on; a perspective, source, tag, kind) or
    │                         a view that cannot be made
    ├── EditError             an edit was refused; the file is unchanged
    ├── EvaluationError       a semantics could not be computed (e.g. no convergence)
    └── RenderError           Graphviz is missing or failed

A name that may be misspelled (a claim id, a perspective, a format, a semantics...) is
reported through ``unknown_name``, whose ``did_you_mean`` suggests the closest known one."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A position in a source file; line and column are 1-based, either may be unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    @classmethod
    def at(cls, text: str, offset: int, file: str | None = None) -> Location:
        """Where character ``offset`` of ``text`` is (a line ends at each ``\\n``)."""
        return cls(file, text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class ArgmapError(Exception):
    """Base class: a message plus an optional location."""

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"

    @property
    def diagnostic(self) -> Diagnostic:
        """This error as a line of a report: ``FILE:LINE:COL: error: message``."""
        return Diagnostic("error", self.message, self.location)

    @property
    def problems(self) -> list[Diagnostic]:
        """Every problem this error reports, one ``Diagnostic`` each."""
        return [self.diagnostic]


class FileError(ArgmapError):
    """A file cannot be read or written (missing, a directory, no permission, too big,
    read-only, already there...); the location is its path."""

    def __init__(self, message: str, path: str | os.PathLike[str]):
        super().__init__(message, Location(str(path)))

    @classmethod
    def from_os_error(cls, error: OSError, path: str | os.PathLike[str], doing: str) -> FileError:
        """The operating system's refusal to ``doing`` (read, open, write) ``path``; a
        missing file is only said so when reading (a write fails on a missing folder)."""
        if isinstance(error, FileNotFoundError) and doing != "write":
            return cls("no such file", path)
        if isinstance(error, IsADirectoryError):
            return cls("is a directory, not a file", path)
        return cls(f"cannot {doing}: {error.strerror or error}", path)


class ParseError(ArgmapError):
    """The input is not well-formed in its format (syntax, types, structure)."""


class ValidationError(ArgmapError):
    """The map is well-formed but wrong: unknown references, duplicate ids, self-support...

    ``diagnostics`` holds every problem found, so a caller can report all of them."""

    def __init__(self, message: str, location: Location | None = None, diagnostics=()):
        super().__init__(message, location)
        self.diagnostics = list(diagnostics)

    @property
    def problems(self) -> list[Diagnostic]:
        return self.diagnostics or [self.diagnostic]

    def __str__(self) -> str:
        """A count, then every diagnostic on a line of its own."""
        if not self.diagnostics:
            return super().__str__()
        errors = sum(getattr(d, "severity", "error") == "error" for d in self.diagnostics)
        head = f"{errors} error{'s' * (errors != 1)}"
        if errors != len(self.diagnostics):
            warnings = len(self.diagnostics) - errors
            head += f", {warnings} warning{'s' * (warnings != 1)}"
        return "\n".join([head + ":", *(str(d) for d in self.diagnostics)])


class FormatError(ArgmapError):
    """An unknown or unsupported format, or a format that cannot hold this map."""


class ViewError(ArgmapError):
    """What was asked for is not in the map (a claim to explain, show, edit or focus on; a
    perspective, source, tag or kind to view), or the view asked for cannot be made."""


class RenderError(ArgmapError):
    """Graphviz is missing or failed."""


class EditError(ArgmapError):
    """An edit was refused; the file is unchanged."""


class EvaluationError(ArgmapError):
    """A semantics could not be computed (e.g. no convergence)."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem found by a reader or by ``check``: severity is ``error`` or ``warning``.

    ``code`` names a lint (``unused-source`` ...), which a file can silence by that name."""

    severity: str
    message: str
    location: Location | None = None
    code: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{where}{self.severity}: {self.message}{code}"

    def sort_key(self):
        loc = self.location or Location()
        return (loc.file or "", loc.line or 0, loc.column or 0)


# -- misspelled names --------------------------------------------------------------------
LISTED_UP_TO = 12  # known names listed in a message when none is close


def closest(name: object, known: Iterable[object]) -> str | None:
    """The known name that ``name`` is most likely a misspelling of, or None.

    One edit away (a letter added, dropped, changed or two swapped; case aside) wins, so a
    short id with one typo is still found, unless several names are as near; otherwise
    difflib's closest above its cutoff."""
    if not isinstance(name, str):  # a number or a list where a name was expected
        return None
    names = [k for k in dict.fromkeys(known) if isinstance(k, str) and k != name]
    folded = name.casefold()
    ranked = sorted(((difflib.SequenceMatcher(None, folded, k.casefold()).ratio(), k)
                     for k in names if _within_one_edit(folded, k.casefold())), reverse=True)
    ranked = [(ratio, k) for ratio, k in ranked if ratio >= 0.5]  # not 'b' for 'a'
    if ranked:
        tied = len(ranked) > 1 and ranked[0][0] == ranked[1][0]
        return None if tied else ranked[0][1]  # 'p3' among 'p1', 'p2': no one guess
    found = difflib.get_close_matches(name, names, n=1)
    return found[0] if found else None


def did_you_mean(name: object, known: Iterable[object],
                 listed: Iterable[str] | None = None) -> str:
    """How a message about the unknown ``name`` ends: ``; did you mean 'x'?`` when a known
    name is close, else the ``listed`` names (default: the known ones when they are few),
    else nothing."""
    if isinstance(known, set | frozenset):  # listed in a stable order, not the hash's
        known = sorted(known, key=str)
    names = [k for k in dict.fromkeys(known) if isinstance(k, str)]
    suggestion = closest(name, names)
    if suggestion is not None:
        return f"; did you mean {suggestion!r}?"
    if not names:
        return " (there are none)"
    shown = list(listed) if listed is not None else \
        names if len(names) <= LISTED_UP_TO else []
    return f" (known: {', '.join(shown)})" if shown else ""


def unknown_name(what: str, name: str, known: Iterable[str], location: Location | None = None,
                 *, error: type[ArgmapError] = ViewError,
                 listed: Iterable[str] | None = None) -> ArgmapError:
    """The one error for a name that is not there, e.g. ``unknown claim 'honr'; did you
    mean 'honor'?``: a ``ViewError`` unless the caller's layer has its own type (an
    unknown format is a ``FormatError``, an unknown semantics an ``EvaluationError``)."""
    return error(f"unknown {what} {name!r}{did_you_mean(name, known, listed)}", location)


def _within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of two
    neighbours (or is ``b``)."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (a[:2] == b[1::-1] and a[2:] == b[2:])
    return a[1:] == b if len(a) > len(b) else a == b[1:]
