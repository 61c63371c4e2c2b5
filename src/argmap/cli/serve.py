"""``argmap serve``: the live preview."""

from __future__ import annotations

import click

from ..drawing.diagram import COLOR_BY, GROUP_BY, RANKDIRS
from ..pipeline import load, render_map
from ..web.serve import serve as serve_preview
from . import main


@main.command()
@click.argument("file", type=click.Path())
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@click.option("--from", "from_format", metavar="FORMAT",
              help="Input format (default: from the suffix or content).")
@click.option("--semantics", metavar="S",
              help="Evaluate and show each claim's status or strength.")
@click.option("--color-by", type=click.Choice(COLOR_BY), default=None,
              help="Fill colour by side (default) or perspective.")
@click.option("--group-by", type=click.Choice(GROUP_BY), default=None,
              help="Cluster claims by perspective (default) or not.")
@click.option("--rankdir", type=click.Choice(RANKDIRS), default=None,
              help="Direction arguments flow towards the thesis.")
def serve(file, port, open_browser, from_format, semantics, **drawing):
    """Preview FILE in the browser, redrawn after every save.

    Serves the map's interactive page (as 'argmap export FILE -o map.html' writes it) on
    http://127.0.0.1:PORT/ only.  After each save the open page updates and keeps its zoom
    and selection; while the file is broken, it keeps the last good map and shows the
    error.  Ctrl-C stops it."""
    drawing = {k: v for k, v in drawing.items() if v is not None}

    def build(generation: int) -> str:
        return render_map(load(file, from_format), "html", semantics=semantics,
                          live={"generation": generation}, **drawing)

    serve_preview(file, build, port=port, open_browser=open_browser,
                  announce=lambda line: click.echo(line))
