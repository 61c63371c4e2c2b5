"""Error types.  Every user-facing failure is an ``ArgmapError`` carrying where it happened,
so the CLI can print ``FILE:LINE:COL: error: message`` in one place and never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A position in a source file; line and column are 1-based, either may be unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

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


class ParseError(ArgmapError):
    """The input is not well-formed in its format (syntax, types, structure)."""


class ValidationError(ArgmapError):
    """The map is well-formed but wrong: unknown references, duplicate ids, self-support...

    ``diagnostics`` holds every problem found, so a caller can report all of them."""

    def __init__(self, message: str, location: Location | None = None, diagnostics=()):
        super().__init__(message, location)
        self.diagnostics = list(diagnostics)

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
