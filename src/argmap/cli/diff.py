"""``argmap diff``: a thin wrapper over ``argmap.changes``."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..changes.drawing import write_drawing
from ..changes.report import compare_maps, json_text, text_lines, to_markdown
from ..changes.revisions import read_map
from ..errors import ArgmapError
from ..evaluate import DEFAULT_SUPPORT, SEMANTICS, SUPPORT_READINGS
from . import _options
from ._errors import GitStyleUserError

# How a terminal colours each kind of line of the text report.
STYLES: dict[str, dict[str, Any]] = {
    "added": {"fg": "green"}, "removed": {"fg": "red"}, "changed": {"fg": "yellow"},
    "renamed": {"fg": "cyan"}, "flipped": {"fg": "magenta", "bold": True}}


@click.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@_options.semantics(SEMANTICS, "The semantics whose verdicts the report compares.")
@_options.support_reading(SUPPORT_READINGS, DEFAULT_SUPPORT)
@click.option("--json", "form", flag_value="json", help="Print JSON (schema/diff.schema.json).")
@click.option("--markdown", "form", flag_value="markdown",
              help="Print Markdown, for a pull-request comment.")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when the maps differ and 0 when they do not (as git diff).")
@_options.output("Also draw the change: the changed claims of NEW marked (removed ones as "
                 "grey ghosts), with their path to the thesis as grey context and their "
                 "own arguments folded (.svg .png .pdf .dot .html).")
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="N", help="With -o: also draw the claims up to N steps out from "
              "each changed claim (the arguments about it, and theirs ...).")
@click.option("--full", is_flag=True, help="With -o: draw the whole NEW map, not only the "
              "changes.")
@_options.from_format
def diff(old, new, semantics, support, form, exit_code, output, context, full,
         from_format):
    """What changed from OLD to NEW: claims and relations added, removed, renamed and
    edited, map entries, and what that does to the debate (each thesis's verdict before
    and after, and the claims whose status or strength changed).

    OLD and NEW are files in any format argmap reads, or REV:PATH for a file at a git
    revision (an existing file of that name wins).  Errors exit 2.

    \b
    argmap diff HEAD~1:arguments/x.yaml arguments/x.yaml
    argmap diff old.yaml new.yaml --markdown > comment.md
    argmap diff old.yaml new.yaml --exit-code --semantics dfquad
    argmap diff old.yaml new.yaml -o change.svg --context 1"""
    try:
        report = compare_maps(read_map(old, from_format), read_map(new, from_format),
                              semantics=semantics, support=support, old_name=old,
                              new_name=new)
        if output:
            write_drawing(report.old, report.new, output, diff=report.diff,
                          context=context, full=full)
    except ArgmapError as exc:
        raise GitStyleUserError(exc) from exc
    if form == "json":
        click.echo(json_text(report), nl=False)
    elif form == "markdown":
        click.echo(to_markdown(report), nl=False)
    else:
        color = _options.use_color()
        for style, line in text_lines(report):
            click.echo(click.style(line, **STYLES[style]) if color and style in STYLES
                       else line, color=color)
    sys.exit(1 if exit_code and report.diff else 0)
