"""The ``argmap`` command line: thin click wrappers over the library.

Errors are turned into one-line messages here and nowhere else: an ``ArgmapError`` prints
``FILE:LINE:COL: error: message`` on stderr and exits 1; nothing else is written."""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import io
import os
import signal
import sys

import click

from ..errors import ArgmapError, ValidationError
from ..visible import visible

# Command name -> the module of this package that registers it on ``main``.  Modules are
# imported on first use, so ``argmap check`` does not pay for the editing and evaluation
# machinery; tests/cli/test_lazy_commands.py checks this table against the modules.
COMMANDS = {
    "check": "core", "export": "core", "convert": "core", "formats": "core", "schema": "core",
    "evaluate": "evaluate", "explain": "evaluate", "report": "evaluate",
    "new": "edit", "add": "edit", "link": "edit", "unlink": "edit", "set": "edit",
    "unset": "edit", "rename": "edit", "rm": "edit", "fmt": "edit", "show": "edit",
    "meta": "edit", "perspective": "edit", "source": "edit", "tag": "edit", "untag": "edit",
    "sources": "sources", "serve": "serve", "git": "merge",
}


class ArgmapGroup(click.Group):
    """A click group that loads its commands lazily and reports ``ArgmapError`` as located
    one-line messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in COMMANDS:
            importlib.import_module(f"{__name__}.{COMMANDS[name]}")
        return self.commands.get(name)

    def main(self, *args, **kwargs):
        """Click's usage errors, like every other error, as one line (not click's three)."""
        kwargs["standalone_mode"] = False
        # The process ends after its one command: objects still alive then are frozen, so
        # the interpreter's last garbage collection does not walk them all (every imported
        # module and a networkx graph, which caches views of itself and so waits for that
        # collection): ~40 ms of a 10,000-claim export.  Set here, by the program, not on
        # import, so a library user's process keeps its own collector.
        atexit.register(gc.freeze)
        signal.signal(signal.SIGTERM, _terminated)
        if sys.stdout is None:  # started with standard output closed (``>&-``)
            sys.stdout = io.TextIOWrapper(_ClosedOutput(), encoding="utf-8")
        try:
            code = super().main(*args, **kwargs)
            _flush_stdout()
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "argmap"
            click.echo(visible(f"{command}: error: {exc.format_message()} "
                               f"(see '{command} --help')"), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(visible(f"error: {exc.format_message()}"), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ValidationError as exc:
            report_diagnostics(exc.diagnostics or [exc])
            ctx.exit(1)
        except ArgmapError as exc:
            click.echo(visible(f"{_located(exc)}error: {exc.message}"), err=True)
            ctx.exit(1)
        except BrokenPipeError:
            _quiet_stdout()
            sys.stderr.close()
            ctx.exit(1)
        except OSError as exc:  # standard output full or closed; nothing else gets here
            _quiet_stdout()
            click.echo(f"error: cannot write the output: {exc.strerror or exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


class _ClosedOutput(io.RawIOBase):
    """Standard output when the process started without one: writing fails as on a
    closed descriptor, and the command reports it in one line."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _flush_stdout() -> None:
    """Flush now, so a full or closed standard output is reported here in one line rather
    than by the interpreter at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except OSError as exc:
        _quiet_stdout()
        click.echo(f"error: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of the output
    that could not be written does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")


def _terminated(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so a write in progress removes its temporary file."""
    raise KeyboardInterrupt


def _located(exc) -> str:
    return f"{exc.location}: " if exc.location else ""


def report_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        if isinstance(diagnostic, ArgmapError):
            click.echo(visible(f"{_located(diagnostic)}error: {diagnostic.message}"), err=True)
        else:
            click.echo(visible(str(diagnostic)), err=True)


@click.group(cls=ArgmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """Map policy debates as argument graphs: check, evaluate, convert and draw them."""
