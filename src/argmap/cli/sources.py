"""``argmap sources``: the bibliography of a map, with the claims citing each source and
how many of their quotes were found in its document."""

from __future__ import annotations

import sys
import textwrap

import click

from . import _options

FORMATS = ("text", "csl-json")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_options.from_format
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="A readable list, or CSL-JSON for reference managers.")
@_options.output("Write to a file instead of stdout.", type=click.Path(dir_okay=False))
def sources(file, from_format, output_format, output):
    """List the sources of FILE: fields, citing claims and quotes verified.

    Exits 1 when a quote is not found in its source's document."""
    from .. import load
    from ..citations import bibliography, csl_json_text
    from ..fileio import atomic_write
    from ..provenance import verify_quotes
    amap = load(file, from_format)
    provenance = verify_quotes(amap)
    if output_format == "csl-json":
        text = csl_json_text(amap)
    else:
        text = "".join(_entry(use) for use in bibliography(amap, provenance))
    if output:
        atomic_write(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if any(d.severity == "error" for d in provenance.diagnostics) else 0)


def _entry(use) -> str:
    lines = [f"{use.sid}: {use.fields.get('title', use.sid)}"]
    for key in ("author", "publisher", "date", "url", "file"):
        if use.fields.get(key):
            lines.append(f"    {key}: {use.fields[key]}")
    cited = ", ".join(use.claims) if use.claims else "none"
    lines += textwrap.wrap(f"cited by {len(use.claims)} claim{'s' * (len(use.claims) != 1)}: "
                           f"{cited}", 88, initial_indent="    ", subsequent_indent="      ",
                           break_on_hyphens=False)
    if use.document is not None:
        lines.append(f"    quotes: {use.quotes}, not verified ({use.document})")
    elif use.quotes:
        state = f"{use.verified} of {use.quotes} verified"
        if use.not_found:
            state += f", {use.not_found} not found"
        lines.append(f"    quotes: {state}")
    return "\n".join(lines) + "\n\n"
