"""Graphviz DOT output: a ``Diagram`` serialised as a description for a layout program.

Every id and label is quoted and escaped here, never by a library: claim text is untrusted
and must come out verbatim and inert.  Labels are Graphviz HTML-like labels, so text is
escaped as XML character data; characters XML cannot hold at all (C0 controls) are shown as
their Unicode control pictures.

Reading the diagram: fill colour is the side (pro/con relative to the thesis) or the
perspective; the header band names the claim's id, kind and perspective; evidence is a
folded-corner note listing its sources; the thesis has a double border; support is a solid
green arrow, rebut a dashed red bar-headed arrow, undercut a dotted purple bar-headed arrow
into a dot on the relation it attacks.  With an evaluation (``label``/``strength``
attributes, set by ``argmap.evaluate.annotate``) each claim shows its status and strength.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import ArgMap
from .diagram import (
    RELATION_COLORS,
    Box,
    Diagram,
    DrawingOptions,
    Legend,
    Row,
    build,
    legend_corner,
    midpoint,
    port,
)

RELATION_STYLE = {
    "support": 'color="#1b7837", style="solid", arrowhead="normal", penwidth=1.4',
    "rebut": 'color="#b2182b", style="dashed", arrowhead="tee", penwidth=1.4',
    "undercut": 'color="#7b3294", style="dotted", arrowhead="tee", penwidth=1.6',
}
KIND_SHAPE = {"thesis": 'shape="box", peripheries=2, penwidth=2',
              "claim": 'shape="box"', "evidence": 'shape="note"', "argument": 'shape="box3d"'}
if TYPE_CHECKING:
    import pydot

# Drawn with ``neato -n2``: positions as given, straight edges under the boxes.
PINNED_GRAPH = ', splines=false, outputorder="edgesfirst"'


def quote(value: str) -> str:
    """A DOT double-quoted string: backslash and quote escaped, so the id is literal.

    Graphviz reads ``\\`` as one backslash in ids and treats no other sequence specially
    in ids; newlines are kept as escapes so the DOT file stays line-oriented."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    value = value.replace("\r", "\\r").replace("\n", "\\n")
    return f'"{value}"'


# HTML-label character data: markup characters as entities; backslashes doubled, because
# Graphviz expands ``\\N``, ``\\G`` ... even inside HTML labels (after decoding entities)
# and reads ``\\\\`` as one backslash; control characters, which SVG (XML 1.0) cannot
# contain, as their Unicode pictures (U+2400..).
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "]": "&#93;", "\\": "\\\\",
     "\x7f": "\u2421", **{chr(code): chr(0x2400 + code) for code in range(0x20)
                            if chr(code) not in "\t\n\r"}})
_BREAK = '<BR ALIGN="LEFT"/>'
_HTML_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in _HTML_ESCAPES) + "]")


def html_text(value: str) -> str:
    """Escape text as HTML-label character data, verbatim and inert (see above).

    Most text needs no escaping, and a regular expression finds that out three times
    faster than ``translate`` copies it (this runs on every row of every box)."""
    return value.translate(_HTML_ESCAPES) if _HTML_SPECIAL.search(value) else value


def write(amap: ArgMap, *, group_by: str = "perspective", color_by: str = "side",
          rankdir: str = "RL", legend: bool = True, layout: str = "dot") -> str:
    """The DOT text for ``amap``.  Deterministic: same map, same bytes.

    DOT is a description for a layout program, so by default it pins nothing; rendered
    diagrams (``argmap.drawing.graphviz``) default to ``auto``.  With the ``layered``
    layout (``auto`` picks it for big maps, see ``argmap.drawing.layout``) every node
    carries its position and the file is drawn with ``neato -n2``; perspective clusters
    are left out there, since pinned positions cannot follow them."""
    options = DrawingOptions(group_by, color_by, rankdir, legend, layout)
    return serialise(build(amap, options))


def to_pydot(amap: ArgMap, **options) -> pydot.Dot:
    """The diagram of ``amap`` as a ``pydot.Dot``, for Python code that post-processes
    diagrams with pydot (``options`` as for ``write``).

    pydot parses the DOT text argmap writes, so every id and label is quoted and escaped by
    argmap, never by pydot; ``to_string()`` gives back equivalent DOT."""
    import pydot  # pyparsing takes a while to import: paid only by callers of this

    graphs = pydot.graph_from_dot_data(write(amap, **options))
    assert graphs is not None and len(graphs) == 1
    return graphs[0]


def serialise(diagram: Diagram) -> str:
    """The DOT text of ``diagram``."""
    pinned = diagram.layout
    out = ["digraph argmap {",
           f'  graph [rankdir="{diagram.options.rankdir}", newrank=true, nodesep=0.35, '
           f'ranksep=0.55, fontname="Helvetica", fontsize=20, labelloc="t", '
           f'label={quote(diagram.title)}{PINNED_GRAPH if pinned else ""}];',
           '  node [fontname="Helvetica", fontsize=11, style="rounded,filled", margin=0.06];',
           '  edge [fontname="Helvetica", fontsize=9];']
    for cluster, claims in diagram.box_order():
        indent = "  "
        if cluster is not None:
            out.append(f"  subgraph {quote(cluster.name)} {{")
            out.append(f'    graph [label={quote(cluster.label)}, style="rounded,dashed", '
                       f'color="#999999", fontsize=14, bgcolor="{cluster.color}40"];')
            indent = "    "
        out.extend(indent + _node(diagram, diagram.boxes[claim]) for claim in claims)
        if cluster is not None:
            out.append("  }")
    junctions = {junction.name: junction for junction in diagram.junctions.values()}
    for edge in diagram.edges:
        style = RELATION_STYLE[edge.relation]
        tail = head = ""
        if pinned:
            if edge.tail not in junctions:
                tail = f', tailport="{port(pinned, edge.source, edge.target)}"'
            if edge.head not in junctions:
                head = f', headport="{port(pinned, edge.target, edge.source)}"'
        elif edge.minlen is not None:
            style += f", minlen={edge.minlen}"
        if edge.arrowhead is not None:
            junction = junctions[edge.head]
            pos = f"{_pos(*midpoint(pinned, junction.source, junction.target))}, " \
                if pinned else ""
            out.append(f'  {junction.name} [{pos}shape="point", width=0.09, '
                       f'color="{RELATION_COLORS["undercut"]}"];')
            head += f', arrowhead="{edge.arrowhead}"'
        out.append(f"  {edge.tail} -> {edge.head} [{style}{tail}{head}, "
                   f"tooltip={quote(edge.tooltip)}];")
    if diagram.legend is not None:
        position = f"{_pos(*legend_corner(pinned))}, " if pinned else ""
        out.append(_legend(diagram.legend, position))
    out.append("}")
    return "\n".join(out) + "\n"


def _node(diagram: Diagram, box: Box) -> str:
    pos = ""
    if diagram.layout:
        width, height = diagram.layout.sizes[box.claim]
        pos = (f"{_pos(*diagram.layout.positions[box.claim])}, width={width / 72:.3f}, "
               f"height={height / 72:.3f}, ")
    shape = KIND_SHAPE.get(box.kind, KIND_SHAPE["claim"])
    label = "".join(f"<TR><TD ALIGN=\"LEFT\"{_background(row)}>{_cell(row)}</TD></TR>"
                    for row in box.rows)
    return (f'{box.name} [id={quote("claim-" + box.claim)}, tooltip={quote(box.tooltip)}, '
            f'{pos}{shape}, style="{",".join(box.style)}", fillcolor="{box.fill}", '
            f'color="{box.border}", label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="3">{label}</TABLE>>];')


def _background(row: Row) -> str:
    return f' BGCOLOR="{row.background}"' if row.background else ""


def _cell(row: Row) -> str:
    """The inside of one row's table cell."""
    if row.role == "header":
        return f'<FONT POINT-SIZE="9">{html_text(row.lines[0])}</FONT>'
    if row.role == "status":
        return (f'<FONT POINT-SIZE="10" COLOR="{row.color}"><B>{html_text(row.lines[0])}'
                f'</B></FONT>')
    if row.role == "strength":
        assert row.value is not None
        filled = max(0, min(100, round(row.value * 100)))
        cells = "".join(f'<TD WIDTH="{width}" HEIGHT="6" FIXEDSIZE="TRUE" BGCOLOR="{color}">'
                        f'</TD>' for width, color in ((filled, "#333333"),
                                                       (100 - filled, "#dddddd")) if width)
        return (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD>'
                f'<FONT POINT-SIZE="9">{html_text(row.lines[0])}&#160;</FONT></TD>{cells}'
                f'</TR></TABLE>')
    text = html_text("\n".join(row.lines)).replace("\n", _BREAK) + _BREAK
    if row.italic:
        text = f"<I>{text}</I>"
    if row.bold:
        text = f"<B>{text}</B>"
    if row.points != 11:
        text = f'<FONT POINT-SIZE="{row.points:g}">{text}</FONT>'
    return text


def _legend(legend: Legend, position: str) -> str:
    cells = "".join(f'<TR><TD BGCOLOR="{fill}" WIDTH="18"></TD>'
                    f'<TD ALIGN="LEFT">{html_text(text)}</TD></TR>' for fill, text in legend.fills)
    cells += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{RELATION_COLORS[rel]}">'
                     f'{text}</FONT></TD></TR>' for rel, text in legend.arrows)
    cells += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{html_text(note)}</TD></TR>'
                     for note in legend.notes)
    return (f'  legend [{position}shape="box", style="rounded", color="#999999", fontsize=10, '
            f'label=<<TABLE BORDER="0" CELLSPACING="2"><TR><TD COLSPAN="2"><B>Legend</B>'
            f'</TD></TR>{cells}</TABLE>>];')


def _pos(x: float, y: float) -> str:
    return f'pos="{x:.1f},{y:.1f}!"'
