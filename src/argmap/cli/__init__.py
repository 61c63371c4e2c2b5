"""The ``argmap`` command line: thin click wrappers over the library.

A command is a standalone click object in a module of this package, listed by import path
in ``COMMANDS`` and imported when first used; options that more than one command takes come
from ``_options``.  Failures reach the user through click's exception protocol
(``_errors``): an ``ArgmapError`` prints ``FILE:LINE:COL: error: message`` on stderr and
exits 1; nothing else is written."""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import io
import signal
import sys

import click

from ..errors import ArgmapError
from ._errors import SuggestingGroup, as_click_exception

# Command name -> "module:attribute" of its click command.  A command is imported on first
# use, so ``argmap check`` does not pay for the editing and evaluation machinery; a module
# defining a command only defines it (nothing registers itself on ``main`` on import).
COMMANDS = {
    "check": "argmap.cli.core:check", "export": "argmap.cli.core:export",
    "convert": "argmap.cli.core:convert", "formats": "argmap.cli.core:list_formats",
    "schema": "argmap.cli.core:schema",
    "evaluate": "argmap.cli.evaluate:evaluate", "explain": "argmap.cli.evaluate:explain",
    "report": "argmap.cli.evaluate:report",
    "new": "argmap.cli.edit:new", "add": "argmap.cli.edit:add", "link": "argmap.cli.edit:link",
    "unlink": "argmap.cli.edit:unlink", "set": "argmap.cli.edit:set_command",
    "unset": "argmap.cli.edit:unset", "rename": "argmap.cli.edit:rename",
    "rm": "argmap.cli.edit:rm", "fmt": "argmap.cli.edit:fmt", "show": "argmap.cli.edit:show",
    "meta": "argmap.cli.edit:meta", "perspective": "argmap.cli.edit:perspective",
    "source": "argmap.cli.edit:source", "tag": "argmap.cli.edit:tag",
    "untag": "argmap.cli.edit:untag",
    "sources": "argmap.cli.sources:sources", "serve": "argmap.cli.serve:serve",
    "diff": "argmap.cli.diff:diff", "merge": "argmap.cli.merge:merge",
    "git": "argmap.cli.merge:git",
}


def load_command(import_path: str) -> click.Command:
    """The click command at ``"package.module:attribute"``."""
    module, _, attribute = import_path.partition(":")
    command = getattr(importlib.import_module(module), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{import_path} is not a click command")
    return command


class ArgmapGroup(SuggestingGroup):
    """A click group that imports each command from ``COMMANDS`` when it is first used, and
    turns what a command lets through (an ``ArgmapError``, standard output failing, Ctrl-C)
    into the click exception that reports it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            self.add_command(load_command(COMMANDS[name]), name)
        return self.commands.get(name)

    def main(self, *args, **kwargs):
        """Run one command as the ``argmap`` program: its process policy, then every
        failure reported by ``show`` of its click exception and the exit code it carries."""
        kwargs["standalone_mode"] = False  # so usage errors come here, shown in one line
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
            # Flush now, so a full or closed standard output is reported in one line
            # rather than by the interpreter at exit.
            sys.stdout.flush()
        except (click.ClickException, click.Abort, OSError) as exc:
            failure = as_click_exception(exc)
            failure.show()
            sys.exit(failure.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ArgmapError, OSError, KeyboardInterrupt) as exc:
            raise as_click_exception(exc) from exc


class _ClosedOutput(io.RawIOBase):
    """Standard output when the process started without one: writing fails as on a
    closed descriptor, and the command reports it in one line."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _terminated(signum, frame) -> None:
    """SIGTERM unwinds like Ctrl-C, so a write in progress removes its temporary file."""
    raise KeyboardInterrupt


@click.group("argmap", cls=ArgmapGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """Map policy debates as argument graphs: check, evaluate, convert and draw them."""
