"""Rendered diagrams (SVG, PNG, PDF): the DOT output drawn by Graphviz."""

from __future__ import annotations

from functools import partial

from ..model import ArgMap
from ..render import render
from . import Format
from .dot import write as write_dot


def _write(output_format: str, amap: ArgMap, **options) -> bytes:
    return render(write_dot(amap, **options), output_format)


FORMATS = [
    Format("svg", (".svg",), "SVG diagram (Graphviz)", write=partial(_write, "svg"),
           binary=True, diagram=True),
    Format("png", (".png",), "PNG diagram (Graphviz)", write=partial(_write, "png"),
           binary=True, diagram=True),
    Format("pdf", (".pdf",), "PDF diagram (Graphviz)", write=partial(_write, "pdf"),
           binary=True, diagram=True),
]
