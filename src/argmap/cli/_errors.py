"""How failures reach the user, through click's own exception protocol: each kind is a
``click.ClickException`` whose ``show`` prints one line per problem on stderr (located
where there is a place to point at, never a traceback) and whose ``exit_code`` is the one
README documents: 1 for a user error, 2 for a usage error, 130 when interrupted.

``ArgmapGroup`` turns whatever a command lets through into one of these with
``as_click_exception``; nothing else in the command line prints an error."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from typing import IO, Any

import click

from ..errors import ArgmapError, Diagnostic, did_you_mean
from ..visible import visible


def report_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """Each diagnostic on a line of its own on stderr."""
    for diagnostic in diagnostics:
        click.echo(visible(str(diagnostic)), err=True)


class CommandFailed(click.ClickException):
    """A command failed: ``error: message`` on one line of stderr, exit code 1 (a command
    may raise it for a failure only the command line has)."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(visible(f"error: {self.format_message()}"), err=True)


class UserError(CommandFailed):
    """An ``ArgmapError``: ``FILE:LINE:COL: error: message``, or every diagnostic of a
    ``ValidationError`` on a line of its own; exit code 1."""

    def __init__(self, error: ArgmapError):
        super().__init__(error.message)
        self.error = error

    def show(self, file: IO[Any] | None = None) -> None:
        report_diagnostics(self.error.problems)


class GitStyleUserError(UserError):
    """An ``ArgmapError`` of a command whose exit status 1 reports an outcome (``diff
    --exit-code``: the maps differ; ``merge``: conflicts): it exits 2, as git's do."""

    exit_code = 2


class Interrupted(CommandFailed):
    """Ctrl-C or SIGTERM (a write in progress has removed its temporary file): exit 130."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("interrupted")

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo("interrupted", err=True)


class OutputClosed(CommandFailed):
    """The reader of standard output went away (``| head``): exit 1 quietly, as Unix tools
    do, with nothing more written anywhere."""

    def __init__(self) -> None:
        super().__init__("broken pipe")

    def show(self, file: IO[Any] | None = None) -> None:
        quiet_stdout()
        sys.stderr.close()


class OutputFailed(CommandFailed):
    """Standard output is full or closed: one line, exit 1."""

    def __init__(self, error: OSError):
        super().__init__(f"cannot write the output: {error.strerror or error}")

    def show(self, file: IO[Any] | None = None) -> None:
        quiet_stdout()
        super().show(file)


class UsageMessage(click.UsageError):
    """A command line argmap cannot parse, on one line naming the command (click's own
    form takes three); exit code 2."""

    def __init__(self, error: click.UsageError):
        super().__init__(error.message, error.ctx)

    def show(self, file: IO[Any] | None = None) -> None:
        command = self.ctx.command_path if self.ctx else "argmap"
        click.echo(visible(f"{command}: error: {self.format_message()} "
                           f"(see '{command} --help')"), err=True)


class SuggestingGroup(click.Group):
    """A click group that answers a misspelled command with the closest one:
    ``No such command 'chek'; did you mean 'check'?``."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing \
                and self.get_command(ctx, name) is None:
            raise click.UsageError(f"No such command {name!r}"
                                   f"{did_you_mean(name, self.list_commands(ctx))}", ctx)
        return super().resolve_command(ctx, args)


def as_click_exception(error: BaseException) -> click.ClickException:
    """The click exception that reports ``error`` in one line.  An ``OSError`` that gets
    here can only be standard output's: the library turns every file's into a
    ``FileError``."""
    if isinstance(error, UsageMessage | CommandFailed | click.exceptions.NoArgsIsHelpError):
        return error  # the last: a group run without a command shows its help
    if isinstance(error, click.UsageError):
        return UsageMessage(error)
    if isinstance(error, click.ClickException):  # raised by click or a library: its own
        return CommandFailed(error.format_message()) if error.exit_code == 1 else error
    if isinstance(error, ArgmapError):
        return UserError(error)
    if isinstance(error, BrokenPipeError):
        return OutputClosed()
    if isinstance(error, OSError):
        return OutputFailed(error)
    if isinstance(error, KeyboardInterrupt | click.Abort):
        return Interrupted()
    raise TypeError(f"no click exception reports {type(error).__name__}")


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of the output
    that could not be written does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
