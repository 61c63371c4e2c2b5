"""Editing commands: new, add, link, unlink, set, unset, rename, rm, fmt, show, meta, and
the perspective and source groups.

Each is a thin wrapper over ``argmap.edit``; every editing command takes ``--dry-run``,
which prints the unified diff it would apply and writes nothing."""

from __future__ import annotations

import functools
import os
import sys

import click
from click.shell_completion import CompletionItem, split_arg_string

from .. import edit
from ..edit.show import tree_lines
from ..formats.native import SOURCE_FIELDS, WIDTH
from . import _options
from ._errors import SuggestingGroup

SIDE_COLORS = {"pro": "green", "con": "red"}
SOURCE_FIELD_HELP = {"title": "What the source is called (required).",
                     "date": "When it was published, as written (e.g. 2025-11).",
                     "url": "Where to read it.", "author": "Who wrote it.",
                     "publisher": "Who published it.", "note": "Anything else worth keeping.",
                     "file": "A local copy of it, relative to the argument file."}


def _completer(ids_in):
    """A shell completion hook offering the ids ``ids_in(path)`` finds in the FILE already
    on the command line.  Completion must never fail, whatever is (or is not) in that
    file, so any problem just means no suggestions."""
    def complete(ctx: click.Context, param, incomplete: str):
        try:
            ids = ids_in(_completed_file(ctx))
        except Exception:  # noqa: BLE001 - a shell completion hook must not raise
            return []
        return [CompletionItem(i) for i in ids if i.startswith(incomplete)]
    return complete


def _completed_file(ctx: click.Context) -> str:
    """FILE of the command being completed.  While an option still lacks its value click
    cannot parse the line and leaves every parameter unset, so then FILE is read from the
    words the shell passed (the first after the command's own words)."""
    if ctx.params.get("file"):
        return ctx.params["file"]
    words = split_arg_string(os.environ.get("COMP_WORDS", ""))
    return words[len(ctx.command_path.split())]


complete_claim_ids = _completer(edit.claim_ids)
complete_perspective_ids = _completer(functools.partial(edit.declared_ids,
                                                        section="perspectives"))
complete_source_ids = _completer(functools.partial(edit.declared_ids, section="sources"))


FILE = click.argument("file", type=click.Path(dir_okay=False))
DRY_RUN = click.option("--dry-run", is_flag=True,
                       help="Print the diff this would apply; change nothing.")


def claim_argument(name: str, **options):
    return click.argument(name, shell_complete=complete_claim_ids, **options)


def editing_command(*params, name: str | None = None, group: click.Group | None = None):
    """A command that edits FILE: FILE first, ``--dry-run`` last, and with ``--dry-run`` the
    diff of the ``EditResult`` it returns printed; a subcommand of ``group`` if given."""
    def register(function):
        @functools.wraps(function)
        def command(**kwargs):
            result = function(**kwargs)
            if kwargs["dry_run"]:
                click.echo(result.diff(), nl=False)
        for param in reversed((FILE, *params, DRY_RUN)):
            command = param(command)
        return (group.command if group else click.command)(name)(command)
    return register


@editing_command(
    click.option("--title", required=True, help="The question the debate is about."),
    click.option("--perspective", "perspectives", multiple=True, metavar="ID=LABEL",
                 help="A perspective to group claims by (repeatable)."))
def new(file, title, perspectives, dry_run):
    """Create a new argument file (refuses to overwrite one)."""
    labels = {}
    for item in perspectives:
        pid, equals, label = item.partition("=")
        if not equals or not pid:
            raise click.BadParameter(f"{item!r} is not ID=LABEL", param_hint="--perspective")
        labels[pid] = label
    return edit.new_map(file, title, labels, dry_run=dry_run)


def _field_options(*, adding: bool):
    """The claim fields ``add`` and ``set`` both take as options."""
    return [
        click.option("--perspective", shell_complete=complete_perspective_ids,
                     help="Perspective id."),
        click.option("--source", "sources", multiple=True, metavar="ID",
                     shell_complete=complete_source_ids,
                     help="A source id (repeatable)" + ("." if adding else
                                                        "; replaces the claim's sources.")),
        click.option("--tag", "tags", multiple=True, metavar="TAG",
                     help="A tag (repeatable)" + ("." if adding else
                                                  "; replaces the claim's tags.")),
        click.option("--weight", metavar="W", help="Base score from 0 to 1."),
        click.option("--note", help="A note kept with the claim."),
    ]


@editing_command(
    click.argument("claim_id", metavar="ID"),
    click.option("--text", required=True, help="What the claim says."),
    click.option("--kind", type=click.Choice(["thesis", "claim", "evidence", "argument"]),
                 default="claim", show_default=True),
    *_field_options(adding=True),
    click.option("--supports", multiple=True, metavar="ID", shell_complete=complete_claim_ids,
                 help="A claim this one supports (repeatable)."),
    click.option("--rebuts", multiple=True, metavar="ID", shell_complete=complete_claim_ids,
                 help="A claim this one rebuts (repeatable)."),
    click.option("--undercuts", multiple=True, metavar="A->B",
                 help="A relation this one undercuts, quoted: 'a->b' (repeatable)."))
def add(file, claim_id, text, kind, perspective, sources, tags, weight, note, supports, rebuts,
        undercuts, dry_run):
    """Add a claim (after the last claim of its perspective, or at the end)."""
    return edit.add_claim(file, claim_id, text, kind=kind, perspective=perspective,
                          sources=sources, tags=tags, weight=weight, note=note,
                          supports=supports, rebuts=rebuts, undercuts=undercuts,
                          dry_run=dry_run)


@editing_command(
    claim_argument("source"),
    click.argument("relation", type=click.Choice(["supports", "rebuts", "undercuts"])),
    claim_argument("target"),
    claim_argument("to", required=False),
    click.option("--note", help="Why the relation holds (sets it on an existing relation)."))
def link(file, source, relation, target, to, note, dry_run):
    """SOURCE supports/rebuts TARGET, or undercuts the relation TARGET->TO (also written
    as one quoted TARGET 'a->b')."""
    if to is not None:
        if relation != "undercuts":
            raise click.UsageError(f"{relation} takes one target (got {target!r} {to!r})")
        target = f"{target}->{to}"
    return edit.link(file, source, relation[:-1], target, note, dry_run=dry_run)


@editing_command(claim_argument("source"), claim_argument("target"), click.option(
    "--cascade", is_flag=True, help="Also remove the undercuts of the removed relations."))
def unlink(file, source, target, cascade, dry_run):
    """Remove SOURCE's relations to TARGET (a claim id, or 'a->b' for an undercut)."""
    return edit.unlink(file, source, target, cascade=cascade, dry_run=dry_run)


@editing_command(claim_argument("claim_id"),
                 click.argument("field", type=click.Choice(list(edit.SETTABLE)),
                                required=False),
                 click.argument("value", required=False),
                 *_field_options(adding=False), name="set")
def set_command(file, claim_id, field, value, perspective, sources, tags, weight, note,
                dry_run):
    """Set fields of a claim: one FIELD VALUE, and/or the options."""
    if field is not None and value is None:
        raise click.UsageError(f"missing the VALUE of {field}")
    values = {name: given for name, given in (("perspective", perspective), ("weight", weight),
                                              ("note", note)) if given is not None}
    values.update({name: list(given) for name, given in (("sources", sources), ("tags", tags))
                   if given})
    if field is not None:
        if field in values or (field == "source" and "sources" in values):
            raise click.UsageError(f"{field} is given twice")
        values[field] = value
    if not values:
        raise click.UsageError("nothing to set: give FIELD VALUE or an option")
    return edit.set_fields(file, claim_id, values, dry_run=dry_run)


@editing_command(claim_argument("claim_id"),
                 click.argument("tags", nargs=-1, required=True, metavar="TAG..."))
def tag(file, claim_id, tags, dry_run):
    """Add tags to a claim."""
    return edit.tag(file, claim_id, tags, dry_run=dry_run)


@editing_command(claim_argument("claim_id"),
                 click.argument("tags", nargs=-1, required=True, metavar="TAG..."))
def untag(file, claim_id, tags, dry_run):
    """Remove tags from a claim."""
    return edit.untag(file, claim_id, tags, dry_run=dry_run)


@editing_command(claim_argument("claim_id"), click.argument(
    "field", type=click.Choice([f for f in edit.SETTABLE if f != "text"])))
def unset(file, claim_id, field, dry_run):
    """Remove one field of a claim."""
    return edit.unset_field(file, claim_id, field, dry_run=dry_run)


@editing_command(claim_argument("old"), click.argument("new"))
def rename(file, old, new, dry_run):
    """Rename a claim and every reference to it."""
    return edit.rename(file, old, new, dry_run=dry_run)


@editing_command(claim_argument("claim_id"), click.option(
    "--cascade", is_flag=True, help="Also remove the relations pointing at it."))
def rm(file, claim_id, cascade, dry_run):
    """Remove a claim (refused while other claims point at it, unless --cascade)."""
    return edit.remove(file, claim_id, cascade=cascade, dry_run=dry_run)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False),
                metavar="FILE...")
@click.option("--check", is_flag=True,
              help="Change nothing; print the diffs and exit 1 if a file is not formatted.")
@click.option("--width", type=click.IntRange(min=20), default=WIDTH, show_default=True,
              help="Fold text longer than this line width.")
@DRY_RUN
def fmt(files, check, width, dry_run):
    """Rewrite files in the canonical layout, keeping their comments."""
    unformatted = False
    for file in files:
        result = edit.format_file(file, width=width, dry_run=check or dry_run)
        if check or dry_run:
            click.echo(result.diff(), nl=False)
        unformatted |= result.changed
    if check and unformatted:
        sys.exit(1)


@click.command()
@FILE
@claim_argument("claim_id", required=False)
@click.option("--depth", type=click.IntRange(min=0), help="How many levels to show.")
@_options.from_format
def show(file, claim_id, depth, from_format):
    """Show the debate, or one claim's neighbourhood, as a pro/con tree."""
    from .. import load
    lines = tree_lines(load(file, from_format), claim_id, depth)
    color = _options.use_color()
    for line in lines:
        text = line.plain()
        if color and line.side in SIDE_COLORS:
            text = click.style(text, fg=SIDE_COLORS[line.side])
        click.echo(text, color=color)


@editing_command(click.argument("field", type=click.Choice(["title", "description"])),
                 click.argument("value"))
def meta(file, field, value, dry_run):
    """Set the map's title or description (an empty VALUE removes it)."""
    return edit.set_meta(file, field, value, dry_run=dry_run)


@click.group(cls=SuggestingGroup)
def perspective():
    """Declare, rename and remove perspectives."""


@editing_command(click.argument("perspective_id", metavar="ID"), click.argument("label"),
                 name="add", group=perspective)
def perspective_add(file, perspective_id, label, dry_run):
    """Declare a perspective ID with its LABEL."""
    return edit.add_perspective(file, perspective_id, label, dry_run=dry_run)


@editing_command(click.argument("old", shell_complete=complete_perspective_ids),
                 click.argument("new"), name="rename", group=perspective)
def perspective_rename(file, old, new, dry_run):
    """Rename a perspective and every claim's reference to it."""
    return edit.rename_perspective(file, old, new, dry_run=dry_run)


@editing_command(click.argument("perspective_id", metavar="ID",
                                shell_complete=complete_perspective_ids),
                 name="rm", group=perspective)
def perspective_rm(file, perspective_id, dry_run):
    """Remove a perspective (refused while a claim uses it)."""
    return edit.remove_perspective(file, perspective_id, dry_run=dry_run)


@click.group(cls=SuggestingGroup)
def source():
    """Declare, change, rename and remove sources."""


def _source_field_options():
    return [click.option(f"--{name}", f"source_{name}", help=SOURCE_FIELD_HELP.get(name))
            for name in SOURCE_FIELDS]


@editing_command(click.argument("source_id", metavar="ID"), *_source_field_options(),
                 name="add", group=source)
def source_add(file, source_id, dry_run, **fields):
    """Declare a source (a title is required)."""
    fields = {name.removeprefix("source_"): value for name, value in fields.items()}
    return edit.add_source(file, source_id, dry_run=dry_run, **fields)


@editing_command(click.argument("references", type=click.Path(dir_okay=False)),
                 click.option("--format", "references_format",
                              type=click.Choice(["bibtex", "csl-json"]),
                              help="The format of REFERENCES (default: .json is CSL-JSON, "
                                   "anything else BibTeX)."),
                 name="import", group=source)
def source_import(file, references, references_format, dry_run):
    """Declare every entry of a BibTeX or CSL-JSON file as a source, keyed by its citation
    key; refused, changing nothing, if a key is already declared or is not an id."""
    return edit.import_sources(file, references, format=references_format, dry_run=dry_run)


@editing_command(click.argument("source_id", metavar="ID", shell_complete=complete_source_ids),
                 click.argument("field", type=click.Choice(list(SOURCE_FIELDS))),
                 click.argument("value"), name="set", group=source)
def source_set(file, source_id, field, value, dry_run):
    """Set one field of a source."""
    return edit.set_source(file, source_id, field, value, dry_run=dry_run)


@editing_command(click.argument("old", shell_complete=complete_source_ids),
                 click.argument("new"), name="rename", group=source)
def source_rename(file, old, new, dry_run):
    """Rename a source and every citation of it."""
    return edit.rename_source(file, old, new, dry_run=dry_run)


@editing_command(click.argument("source_id", metavar="ID", shell_complete=complete_source_ids),
                 click.option("--cascade", is_flag=True,
                              help="Also drop the claims' citations of it."),
                 name="rm", group=source)
def source_rm(file, source_id, cascade, dry_run):
    """Remove a source (refused while cited, unless --cascade)."""
    return edit.remove_source(file, source_id, cascade=cascade, dry_run=dry_run)
