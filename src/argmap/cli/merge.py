"""``argmap merge`` and the ``argmap git`` group: merging argument files, and the git
drivers that make ``git diff`` and ``git merge`` work on claims (``argmap.changes``)."""

from __future__ import annotations

import shlex

import click

from ..changes import gitconfig
from ..changes.merge import merge_files
from ..errors import ArgmapError
from ..visible import visible
from ._errors import GitStyleUserError, SuggestingGroup


@click.group(cls=SuggestingGroup)
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
        click.echo(f"git config {key} {shlex.quote(value)}")
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


@click.command()
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where the merged file goes (it may be OURS).")
@click.option("--name", metavar="PATH",
              help="The file's name in conflict reports (git's merge driver passes %P).")
@click.pass_context
def merge(ctx, base, ours, theirs, output, name):
    """Merge THEIRS' changes since BASE into OURS, claim by claim, and write OUTPUT.

    OURS keeps its comments, order and layout.  Each conflict is reported on a line of its
    own, and in OUTPUT the claims in conflict stand between <<<<<<< ours / ======= /
    >>>>>>> theirs markers.  Exit status (as git expects of a merge driver): 0 merged
    cleanly, 1 conflicts, 2 an error (nothing written)."""
    try:
        result = merge_files(base, ours, theirs, output, name=name)
    except ArgmapError as exc:
        raise GitStyleUserError(exc) from exc
    for conflict in result.conflicts:
        click.echo(visible(str(conflict)), err=True)
    if result.conflicts:
        count = len(result.conflicts)
        click.echo(visible(f"{count} conflict{'s' * (count != 1)}; both versions are in "
                           f"{name or output} between <<<<<<< ours and >>>>>>> theirs"), err=True)
        ctx.exit(1)
