"""``argmap serve``: the live preview."""

from __future__ import annotations

import click

from ..pipeline import load, render_map
from ..web.serve import serve as serve_preview
from . import _options


@click.command()
@click.argument("file", type=click.Path())
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@_options.from_format
@_options.drawn_semantics
@_options.color_by
@_options.group_by
@_options.rankdir
def serve(file, port, open_browser, from_format, semantics, **drawing):
    """Preview FILE in the browser, redrawn after every save.

    Serves the map's interactive page (as 'argmap export FILE -o map.html' writes it) on
    http://127.0.0.1:PORT/ only.  After each save the open page updates and keeps its zoom
    and selection; while the file is broken, it keeps the last good map and shows the
    error.  Ctrl-C stops it."""
    drawing = {k: v for k, v in drawing.items() if v is not None}

    def build(generation: int) -> str:
        page = render_map(load(file, from_format), "html", semantics=semantics,
                          live={"generation": generation}, **drawing)
        assert isinstance(page, str)  # the HTML page is one text
        return page

    serve_preview(file, build, port=port, open_browser=open_browser,
                  announce=lambda line: click.echo(line))
