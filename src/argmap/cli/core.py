"""Core commands: check, export/convert, formats, schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..drawing.layout import CROSS_LINK_LIMIT, DOT_LIMIT, LAYOUTS
from ..drawing.pages import PAGES
from ..errors import FileError
from ..model import KINDS, SIDES
from ..pipeline import check_file
from ..pipeline import export as export_map
from ..registry import formats
from . import _options
from ._errors import report_diagnostics


def _expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; a directory stands for the readable files directly inside it."""
    suffixes = {s for fmt in formats() if fmt.read for s in fmt.suffixes}
    expanded = []
    for path in paths:
        if Path(path).is_dir():
            found = sorted(str(p) for p in Path(path).iterdir()
                           if p.is_file() and any(p.name.lower().endswith(s) for s in suffixes))
            if not found:
                raise FileError("a directory without argument files (none has a suffix "
                                "of a format argmap reads)", path)
            expanded += found
        else:
            expanded.append(path)
    return expanded


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_options.from_format
@click.option("--strict", is_flag=True,
              help="Also run the lints (see docs/format.md) and treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, no summary.")
def check(files, from_format, strict, quiet):
    """Validate argument files: syntax, references, thesis, sides, orphans, and quotes
    found in their sources' documents.

    Prints one line per problem as FILE:LINE:COL: error|warning: message and exits 1 when
    there are errors (or warnings, with --strict).  A lint's warning ends with its code in
    brackets, which the file's top-level 'lint:' setting can turn off."""
    failed = False
    for path in _expand(files):
        diagnostics = check_file(path, from_format, lints=strict)
        report_diagnostics(diagnostics)
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        failed |= bool(errors or (strict and warnings))
        if not quiet:
            state = "ok" if not errors else f"{errors} error{'s' * (errors != 1)}"
            if warnings:
                state += f", {warnings} warning{'s' * (warnings != 1)}"
            click.echo(f"{path}: {state}")
    sys.exit(1 if failed else 0)


def _export_options(command):
    for decorator in reversed([
        _options.from_format,
        click.option("--force", is_flag=True,
                     help="Replace OUT even if it is read-only (its mode is kept)."),
        click.option("--to", "to", metavar="FORMAT",
                     help="Output format (default: from OUT's suffix)."),
        _options.group_by,
        _options.color_by,
        _options.rankdir,
        click.option("--legend/--no-legend", default=None, help="Diagram: draw a legend."),
        click.option("--page", type=click.Choice(PAGES), default=None,
                     help="SVG/PNG/PDF: cut the map into pages of this paper size, every "
                          "claim on some page with no text under 8 pt; a PDF has every "
                          "page, SVG and PNG write OUT-1.svg, OUT-2.svg, ..."),
        click.option("--show-notes", is_flag=True, default=None,
                     help="Diagram: draw each claim's note in its box (SVG always shows "
                          "notes on hover)."),
        click.option("--full", "overview", flag_value=False, default=None,
                     help="SVG/PNG/PDF: draw every claim even when the map is too wide to "
                          "read at screen size (the default then folds deep subtrees)."),
        _options.drawn_semantics,
        click.option("--layout", type=click.Choice(LAYOUTS), default=None,
                     help=f"Diagram: Graphviz dot, argmap's layered layout (fast on big "
                          f"maps), or auto (layered above {DOT_LIMIT} claims or "
                          f"{CROSS_LINK_LIMIT} cross-links; the default "
                          f"for SVG, PNG and PDF, while .dot output pins nothing unless "
                          f"asked)."),
        click.option("--focus", metavar="ID",
                     help="View: claim ID, drawn distinctly, with the claims arguing about "
                          "it (see --depth) and its path to the thesis as context."),
        click.option("--depth", type=click.IntRange(min=0), default=None,
                     help="View: relation steps outward from --focus to keep (default 2)."),
        click.option("--perspective", "perspectives", metavar="P", multiple=True,
                     help="View: only claims from perspective P (repeatable); keeps the "
                          "thesis."),
        click.option("--side", type=click.Choice(SIDES), default=None,
                     help="View: only pro or con claims; keeps the thesis."),
        click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
                     help="View: only claims of this kind (repeatable); keeps the thesis."),
        click.option("--tag", "tags", metavar="T", multiple=True,
                     help="View: only claims tagged T (repeatable); keeps the thesis."),
        click.option("--collapse-below", "collapse", type=click.IntRange(min=0), default=None,
                     metavar="N", help="View: fold claims more than N steps from the thesis "
                                       "(or --focus) into one summary per branch."),
    ]):
        command = decorator(command)
    return command


def _run_export(source, output, from_format, to, force, semantics, focus, depth, perspectives,
                side, kinds, tags, collapse, **drawing):
    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    view = {"focus_on": focus, "depth": depth, "perspectives": perspectives, "side": side,
            "kinds": kinds, "tags": tags, "collapse": collapse}
    view = {k: v for k, v in view.items() if v not in (None, ())}
    drawing = {k: v for k, v in drawing.items() if v is not None}
    data = export_map(source, output, from_format=from_format, to=to, semantics=semantics,
                      view=view, force=force, **drawing)
    if output == "-":
        assert isinstance(data, str | bytes)  # pages are refused on standard output
        sys.stdout.buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        sys.stdout.buffer.flush()


@click.command()
@click.argument("source", type=click.Path())
@_options.output("Output file; its suffix picks the format (.svg .png .pdf .dot .gv .json "
                 ".graphml, and every format in 'argmap formats'); '-' for stdout.",
                 required=True)
@_export_options
def export(source, output, **options):
    """Draw or convert an argument map, or a view of it.

    \b
    argmap export debate.yaml -o debate.svg
    argmap export debate.yaml -o - --to dot
    argmap export map.argdown -o map.json
    argmap export big.yaml -o part.svg --focus c42 --depth 3
    argmap export big.yaml -o top.svg --collapse-below 2 --side con"""
    _run_export(source, output, **options)


@click.command()
@click.argument("source", type=click.Path())
@click.argument("output", metavar="OUT")
@_export_options
def convert(source, output, **options):
    """Convert SOURCE to OUT (the same as 'export SOURCE -o OUT')."""
    _run_export(source, output, **options)


@click.command("formats")
def list_formats():
    """List the formats argmap reads and writes."""
    for fmt in formats():
        modes = ("read" if fmt.read else "    ") + (" write" if fmt.write else "")
        click.echo(f"{fmt.name:10} {modes:10}  {' '.join(fmt.suffixes):24} {fmt.description}")


@click.command()
@_options.output("Write to a file instead of stdout.", type=click.Path())
def schema(output):
    """Print the JSON Schema of the argument file format, or write it to OUTPUT (its
    folder made if need be): argmap's modelines point at schema/argmap.schema.json."""
    from ..fileio import atomic_write
    from ..schema import schema_text
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, schema_text())
    else:
        click.echo(schema_text(), nl=False)
