"""Rendered diagrams (SVG, PNG, PDF): the DOT output drawn by Graphviz."""

from __future__ import annotations

from functools import partial

from ..layout import choose_layout
from ..model import ArgMap
from ..render import render
from . import Format
from .dot import write as write_dot


def _write(output_format: str, amap: ArgMap, **options) -> bytes:
    """Graphviz ``dot`` lays small maps out itself; a pinned layered layout is only drawn
    (``neato -n2`` keeps the positions, in points, as they are)."""
    layout = choose_layout(amap, options.pop("layout", "auto"))
    source = write_dot(amap, layout=layout, **options)
    if layout == "layered":
        return render(source, output_format, "neato", ("-n2",))
    return render(source, output_format)


FORMATS = [
    Format("svg", (".svg",), "SVG diagram (Graphviz)", write=partial(_write, "svg"),
           binary=True, diagram=True),
    Format("png", (".png",), "PNG diagram (Graphviz)", write=partial(_write, "png"),
           binary=True, diagram=True),
    Format("pdf", (".pdf",), "PDF diagram (Graphviz)", write=partial(_write, "pdf"),
           binary=True, diagram=True),
]
