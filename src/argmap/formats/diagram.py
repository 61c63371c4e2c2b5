"""Diagram formats: DOT source, and SVG, PNG and PDF drawn from it by Graphviz (the
drawing itself is ``argmap.drawing``)."""

from __future__ import annotations

from functools import partial

from ..drawing.dot import write as write_dot
from ..drawing.graphviz import draw
from . import Format

FORMATS = [
    Format("dot", (".dot", ".gv"), "Graphviz DOT source", write=write_dot, diagram=True,
           aliases=("gv",)),
    Format("svg", (".svg",), "SVG diagram (Graphviz)", write=partial(draw, "svg"),
           binary=True, diagram=True),
    Format("png", (".png",), "PNG diagram (Graphviz)", write=partial(draw, "png"),
           binary=True, diagram=True),
    Format("pdf", (".pdf",), "PDF diagram (Graphviz)", write=partial(draw, "pdf"),
           binary=True, diagram=True),
]
