"""How failures reach the user: one line each on stderr, located where there is a place to
point at, and never a traceback."""

from __future__ import annotations

import click

from ..errors import ArgmapError
from ..visible import visible


def error_line(error: ArgmapError) -> str:
    """``FILE:LINE:COL: error: message``, or ``error: message`` with no location."""
    where = f"{error.location}: " if error.location else ""
    return f"{where}error: {error.message}"


def report_diagnostics(diagnostics) -> None:
    """Each diagnostic (or error) on a line of its own on stderr."""
    for diagnostic in diagnostics:
        line = error_line(diagnostic) if isinstance(diagnostic, ArgmapError) else str(diagnostic)
        click.echo(visible(line), err=True)
