"""``argmap merge`` and the ``argmap git`` group: merging argument files, and the git
drivers that make ``git diff`` and ``git merge`` work on claims (``argmap.changes``)."""

from __future__ import annotations

import click

from ..changes import gitconfig


@click.group()
def git() -> None:
    """Git integration: argmap's diff and merge drivers (see docs/review.md)."""


@git.command()
@click.argument("patterns", nargs=-1)
@click.option("--command", default="argmap", show_default=True,
              help="How git should run argmap (e.g. an absolute path).")
def install(patterns, command):
    """Configure argmap's diff and merge drivers in this git repository.

    Sets diff.argmap.textconv and merge.argmap.driver in .git/config and adds
    'PATTERN diff=argmap merge=argmap' lines to .gitattributes: for each PATTERN, or by
    default for every tracked argument file.  Running it again changes nothing."""
    done = gitconfig.install(".", patterns, command=command)
    for key, value in done.settings:
        click.echo(f"git config {key} {value!r}")
    for line in done.lines:
        click.echo(f"{gitconfig.ATTRIBUTES}: {line}")
    if not done.changed:
        click.echo("already installed; nothing changed")


@git.command()
@click.argument("file", type=click.Path(dir_okay=False))
def textconv(file):
    """Print FILE as claims, one block each (what git diff shows with the diff driver).

    A file that does not read as a map is printed as it is."""
    click.echo(gitconfig.textconv(file), nl=False)
