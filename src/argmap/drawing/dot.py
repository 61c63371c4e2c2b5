"""Graphviz DOT output: a ``Diagram`` (``argmap.drawing.diagram``) serialised as a
description for a layout program.

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

import hashlib
import re
import urllib.parse
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import ArgMap
from .diagram import (
    BAR_WIDTH,
    CHANGES,
    LEGEND_SIZE,
    SCREEN,
    Box,
    Cluster,
    Diagram,
    DrawingOptions,
    Edge,
    Legend,
    Lettering,
    MAX_PORTS,
    Row,
    build,
)
from .layout import Layout

if TYPE_CHECKING:
    import pydot

RELATION_STYLE = {
    "support": 'color="#1b7837", style="solid", arrowhead="normal", penwidth=1.4',
    "rebut": 'color="#b2182b", style="dashed", arrowhead="tee", penwidth=1.4',
    "undercut": 'color="#7b3294", style="dotted", arrowhead="tee", penwidth=1.6',
}
# A diff drawing: a relation added or edited is drawn thick, one removed as a grey dashed
# ghost.
CHANGE_STYLE = {"added": ", penwidth=3", "edited": ", penwidth=3",
                "removed": ', color="#aaaaaa", style="dashed", penwidth=1.2'}
KIND_SHAPE = {"thesis": 'shape="box", peripheries=2, penwidth=2',
              "claim": 'shape="box"', "evidence": 'shape="note"', "argument": 'shape="box3d"'}

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


_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def _row_html(row: Row) -> str:
    body = html_text("\n".join(row.lines)).replace("\n", _BREAK) + _BREAK
    if row.bar is not None:
        filled = round(row.bar * BAR_WIDTH)
        cells = "".join(f'<TD WIDTH="{width}" HEIGHT="8" FIXEDSIZE="TRUE" BGCOLOR="{color}">'
                        f'</TD>' for width, color in ((filled, "#333333"),
                                                       (BAR_WIDTH - filled, "#ffffff"))
                        if width)
        body = (f'<TABLE BORDER="1" COLOR="#555555" CELLBORDER="0" CELLSPACING="0" '
                f'CELLPADDING="0"><TR>{cells}</TR></TABLE>')
        return (f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" '
                f'CELLPADDING="0"><TR><TD>{body}</TD><TD><FONT POINT-SIZE="{row.points:g}">'
                f'&#160;{html_text(row.lines[0])}</FONT></TD></TR></TABLE></TD></TR>')
    if row.bold:
        body = f"<B>{body}</B>"
    if row.italic:
        body = f"<I>{body}</I>"
    color = f' COLOR="{row.color}"' if row.color else ""
    cell = ' ALIGN="LEFT"'
    if row.band:
        cell += f' BGCOLOR="{row.band}"'
    if row.href:
        cell += (f' HREF="{_href(row.href)}" TARGET="_blank" '
                 f'TOOLTIP="{html_text(row.href)}"')
    return f'<TR><TD{cell}><FONT POINT-SIZE="{row.points:g}"{color}>{body}</FONT></TD></TR>'


def _href(url: str) -> str:
    """An http(s) URL as an HTML-label HREF that comes out of Graphviz's SVG as the same
    link, valid and inert: characters a URL may not hold raw are percent-encoded, and
    ``&`` escaped twice, since Graphviz decodes the label's entities and then writes the
    link into the SVG without escaping it again."""
    return urllib.parse.quote(url, safe=_URL_SAFE).replace("&", "&amp;amp;")


_URL_SAFE = "".join(c for c in map(chr, range(0x21, 0x7f)) if c not in "\"'<>\\`^{|}")


def _node_label(rows: list[Row]) -> str:
    label = ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
             + "".join(_row_html(row) for row in rows) + "</TABLE>>")
    if len(label.encode("utf-8")) <= LABEL_BYTES:
        return label
    return _node_label(_clipped(rows))


# Graphviz takes no quoted or HTML string over 16,384 bytes: it fails the whole drawing.
# A box whose label would be longer is drawn with its rows cut, each with a visible
# marker; the full text stays in the map, every other format and the HTML page.
LABEL_BYTES = 16_000
ROW_CHARACTERS = 1_000  # of one row, when a label must be cut
ROWS_KEPT = 8
ID_CHARACTERS = 200  # of a claim id in an SVG id
TOOLTIP_CHARACTERS = 2_000  # an escaped character may take six bytes


def _clipped(rows: list[Row]) -> list[Row]:
    """``rows`` cut to fit a label: each row to ``ROW_CHARACTERS`` (fewer if that is not
    enough), at most ``ROWS_KEPT`` rows, every cut saying how much it left out."""
    budget = ROW_CHARACTERS
    while True:
        kept = []
        for row in rows[:ROWS_KEPT]:
            total = sum(map(len, row.lines))
            if total <= budget or row.bar is not None:
                kept.append(row)
                continue
            lines: list[str] = []
            used = 0
            for line in row.lines:
                if used + len(line) > budget:
                    break
                lines.append(line)
                used += len(line)
            lines.append(f"\u2026 [{total - used:,} more characters]")
            kept.append(replace(row, lines=tuple(lines)))
        if len(rows) > ROWS_KEPT:
            kept.append(replace(rows[-1], lines=(f"\u2026 [{len(rows) - ROWS_KEPT} more "
                                                 "rows]",), bar=None, href=None))
        if budget <= 50 or len(_node_label_unchecked(kept).encode("utf-8")) <= LABEL_BYTES:
            return kept
        budget //= 2


def _node_label_unchecked(rows: list[Row]) -> str:
    return "<<TABLE>" + "".join(_row_html(row) for row in rows) + "</TABLE>>"


def verbatim(value: str) -> str:
    """A DOT string that Graphviz shows exactly (a title, a cluster label): ``&`` spelled
    as an entity, since Graphviz passes entities through to SVG, where ``&lt;`` would show
    as ``<``; cut with a marker far below Graphviz's limit."""
    if len(value) > ROW_CHARACTERS:
        value = f"{value[:ROW_CHARACTERS]}\u2026 [{len(value) - ROW_CHARACTERS:,} more characters]"
    return quote(value.replace("&", "&amp;"))


def dot_tooltip(value: str) -> str:
    """A DOT tooltip that Graphviz shows exactly: as ``verbatim``, and backslashes doubled
    once more, since Graphviz expands ``\\N``, ``\\G``, ``\\L`` ... in tooltips (already cut
    to ``TOOLTIP_CHARACTERS``)."""
    if len(value) > TOOLTIP_CHARACTERS:
        value = value[:TOOLTIP_CHARACTERS - 1] + "\u2026"
    return quote(value.replace("&", "&amp;").replace("\\", "\\\\"))


def svg_id(value: str) -> str:
    """A DOT id for an SVG element, verbatim; a long one is cut and given a digest of the
    whole, so ids stay distinct."""
    if len(value) > ID_CHARACTERS:
        value = value[:ID_CHARACTERS] + "-" + hashlib.sha256(
            value.encode("utf-8", "replace")).hexdigest()[:12]
    return quote(value.replace("&", "&amp;"))


CHANGE_KEYS = {"added": "claim or relation added (thick border or arrow)",
               "edited": "claim or relation edited (thick border or arrow)",
               "renamed": "claim renamed (thick border)",
               "removed": "claim or relation removed (grey, dashed)"}


def _legend(legend: Legend, position: str = "") -> str:
    cells = "".join(f'<TR><TD BGCOLOR="{fill}" WIDTH="18"></TD>'
                    f'<TD ALIGN="LEFT">{html_text(text)}</TD></TR>' for fill, text in legend.fills)
    arrows = (("#1b7837", "\u2014\u25b6 supports (solid)"),
              ("#b2182b", "- - \u22a3 rebuts (dashed)"),
              ("#7b3294", "\u00b7\u00b7\u00b7\u22a3 undercuts a relation (dotted)"))
    cells += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}">{text}</FONT>'
                     f'</TD></TR>' for color, text in arrows)
    cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">double border: thesis; folded corner: '
              'evidence</TD></TR>')
    for tag, color, look in legend.tags:
        cells += (f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}"><B>'
                  f'#{html_text(tag)}</B></FONT>{": " if look else ""}{html_text(look)}'
                  f'</TD></TR>')
    if legend.focus:
        cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">thick blue border: the focus</TD></TR>')
    if legend.evaluated:
        cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">\u2714 in (stands) \u00b7 \u2718 out '
                  '(defeated) \u00b7 ? undecided</TD></TR>')
    for change in legend.changes:
        mark, color = CHANGES[change]
        cells += (f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}"><B>{mark}</B>'
                  f'</FONT>: {CHANGE_KEYS[change]}</TD></TR>')
    if legend.strength:
        bar = (f'<TABLE BORDER="1" COLOR="#555555" CELLBORDER="0" CELLSPACING="0" '
               f'CELLPADDING="0"><TR><TD WIDTH="{BAR_WIDTH * 2 // 3}" HEIGHT="8" '
               f'FIXEDSIZE="TRUE" BGCOLOR="#333333"></TD><TD WIDTH="{BAR_WIDTH // 3}" '
               f'HEIGHT="8" FIXEDSIZE="TRUE" BGCOLOR="#ffffff"></TD></TR></TABLE>')
        cells += (f'<TR><TD COLSPAN="2" ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" '
                  f'CELLPADDING="0"><TR><TD>{bar}</TD><TD>&#160;strength 0\u20131 (full bar: '
                  f'1); base score = weight</TD></TR></TABLE></TD></TR>')
    return (f'  legend [{position}shape="box", style="rounded", color="#999999", fontsize=10, '
            f'label=<<TABLE BORDER="0" CELLSPACING="2"><TR><TD COLSPAN="2"><B>Legend</B>'
            f'</TD></TR>{cells}</TABLE>>];')




@dataclass(frozen=True)
class Frame:
    """A fixed canvas for a pinned drawing, such as a printed page: ``width`` x ``height``
    layout points, drawn at ``scale`` (the output is ``scale`` times the canvas), with a
    ``title`` line at the top and a ``footer`` line at the bottom right."""

    width: float
    height: float
    scale: float
    title: str
    footer: str


def write(amap: ArgMap, *, group_by: str = "perspective", color_by: str = "side",
          rankdir: str = "RL", legend: bool = True, layout: str = "dot",
          show_notes: bool = False) -> str:
    """The DOT text for ``amap``.  Deterministic: same map, same bytes.

    DOT is a description for a layout program, so by default it pins nothing; rendered
    diagrams (``argmap.drawing.graphviz``) default to ``auto``.  With the ``layered``
    layout (``auto`` picks it for big maps, see ``argmap.drawing.layout``) every node
    carries its position and the file is drawn with ``neato -n2``; perspective clusters
    are left out there, since pinned positions cannot follow them.  ``show_notes`` draws
    each claim's note inside its box (notes are always the hover text of SVG output)."""
    return serialise(build(amap, DrawingOptions(group_by, color_by, rankdir, legend, layout,
                                                show_notes)))


def write_pinned(amap: ArgMap, pinned: Layout | None, *, group_by: str = "perspective",
                 color_by: str = "side", rankdir: str = "RL", legend: bool = True,
                 show_notes: bool = False, lettering: Lettering = SCREEN,
                 frame: Frame | None = None,
                 legend_at: tuple[float, float] | None = None) -> str:
    """The DOT text for ``amap`` at the positions of ``pinned`` (``None``: for ``dot`` to
    lay out), in ``lettering``, on ``frame`` when given; ``legend_at`` places the
    legend's centre (default: above the drawing)."""
    options = DrawingOptions(group_by, color_by, rankdir, legend, show_notes=show_notes)
    return serialise(build(amap, options, pinned=pinned, lettering=lettering), frame=frame,
                     legend_at=legend_at)


def to_pydot(amap: ArgMap, **options) -> pydot.Dot:
    """The diagram of ``amap`` as a ``pydot.Dot``, for Python code that post-processes
    diagrams with pydot (``options`` as for ``write``).

    pydot parses the DOT text argmap writes, so every id and label is quoted and escaped by
    argmap, never by pydot; ``to_string()`` gives back equivalent DOT."""
    import pydot  # pyparsing takes a while to import: paid only by callers of this

    graphs = pydot.graph_from_dot_data(write(amap, **options))
    assert graphs is not None and len(graphs) == 1
    return graphs[0]


def serialise(diagram: Diagram, *, frame: Frame | None = None,
              legend_at: tuple[float, float] | None = None) -> str:
    """The DOT text of ``diagram``, on ``frame`` when given (see ``write_pinned``)."""
    pinned, lettering = diagram.layout, diagram.lettering
    title = "" if frame else diagram.title
    out = ["digraph argmap {",
           f'  graph [rankdir="{diagram.options.rankdir}", newrank=true, nodesep=0.35, '
           f'ranksep=0.55, fontname="Helvetica", fontsize=20, labelloc="t", '
           f'label={verbatim(title)}{PINNED_GRAPH if pinned else ""}{_frame_graph(frame)}];',
           f'  node [fontname="Helvetica", fontsize={lettering.text:g}, '
           f'style="rounded,filled", margin=0.06];',
           '  edge [fontname="Helvetica", fontsize=9];']
    if frame:
        out += _frame_nodes(frame)
    boxes, junctions = diagram.boxes, diagram.junctions
    routes = _routes(diagram.edges, pinned, junctions) if pinned else {}

    def junction_line(edge: tuple[str, str]) -> str:
        pos = f"{_pos(*routes[junctions[edge]])}, " if pinned else ""
        return f'{junctions[edge]} [{pos}shape="point", width=0.09, color="#7b3294"];'

    groups: list[tuple[Cluster | None, list[str]]] = [(None, diagram.unclustered)]
    for cluster, claims in groups + [(c, c.claims) for c in diagram.clusters]:
        indent = "  "
        if cluster is not None:
            out.append(f"  subgraph {quote(cluster.name)} {{")
            out.append(f'    graph [label={verbatim(cluster.label)}, style="rounded,dashed", '
                       f'color="#999999", fontsize=14, bgcolor="{cluster.color}40"];')
            indent = "    "
        out.extend(indent + _node(boxes[claim], pinned) for claim in claims)
        if cluster is not None:
            out.extend(indent + junction_line(edge) for edge in cluster.junctions)
            out.append("  }")
    placed = {edge for cluster in diagram.clusters for edge in cluster.junctions}
    for edge in diagram.edges:
        source, target = edge.source, edge.target
        style = RELATION_STYLE[edge.relation] + CHANGE_STYLE.get(edge.change or "", "")
        route = routes.get((source, target, edge.key))
        if route is not None:
            style += f", {route}"
        elif edge.minlen is not None:
            style += f", minlen={edge.minlen}"
        hover = dot_tooltip(edge.tooltip)
        if edge.undercuts is not None:  # an undercut, drawn to the attacked relation's dot
            out.append(f"  {boxes[source].name} -> {junctions[edge.undercuts, target]} "
                       f"[{style}, tooltip={hover}];")
        elif (source, target) in junctions:
            junction = junctions[source, target]
            first, second = routes.get((source, target, "split"), ("", ""))
            plain = RELATION_STYLE[edge.relation] + CHANGE_STYLE.get(edge.change or "", "")
            if (source, target) not in placed:
                out.append(f"  {junction_line((source, target))}")
            out.append(f'  {boxes[source].name} -> {junction} [{plain}{first}, '
                       f'arrowhead="none", tooltip={hover}];')
            out.append(f"  {junction} -> {boxes[target].name} [{plain}{second}, "
                       f"tooltip={hover}];")
        else:
            out.append(f"  {boxes[source].name} -> {boxes[target].name} [{style}, "
                       f"tooltip={hover}];")
    if diagram.legend is not None:
        position = ""
        if legend_at:
            position = _pos(*legend_at) + ", "
        elif pinned:
            position = _legend_position(pinned)
        out.append(_legend(diagram.legend, position))
    out.append("}")
    return "\n".join(out) + "\n"


def _node(box: Box, pinned: Layout | None) -> str:
    shape = KIND_SHAPE.get(box.kind, KIND_SHAPE["claim"])
    if box.role in ("folded", "context"):
        shape = 'shape="box"'
    elif box.role == "focus":
        shape += ', penwidth=3.5, peripheries=1'
    if box.change in ("added", "edited", "renamed"):
        shape += ', penwidth=3'
    pos = ""
    if pinned:
        width, height = pinned.sizes[box.claim]
        pos = (f"{_pos(*pinned.positions[box.claim])}, width={width / 72:.3f}, "
               f"height={height / 72:.3f}, ")
    return (f'{box.name} [id={svg_id("claim-" + box.claim)}, '
            f'tooltip={dot_tooltip(box.tooltip)}, {pos}{shape}, '
            f'style="{",".join(box.style)}", '
            f'fillcolor="{box.fill}", color="{box.border}", '
            f'label={_node_label(box.rows)}];')


def _frame_graph(frame: Frame | None) -> str:
    if frame is None:
        return ""
    return (f', size="{frame.width * frame.scale / 72:.4f},{frame.height * frame.scale / 72:.4f}!"'
            f', pad="0", margin="0"')


def _frame_nodes(frame: Frame) -> list[str]:
    """Invisible corners that make the canvas exactly the frame, the title at the top and
    the footer (page number) at the bottom right."""
    corner = 'shape="point", style="invis", width=0.01, height=0.01, label=""'
    points = 14.0
    inset = 0.36  # half the corner points' width, so the drawing is exactly the frame
    return [f'  frame_bottom_left [{_pos(inset, inset)}, {corner}];',
            f'  frame_top_right [{_pos(frame.width - inset, frame.height - inset)}, {corner}];',
            f'  frame_title [{_pos(frame.width / 2, frame.height - 30 / frame.scale)}, '
            f'shape="plain", style="solid", fontsize={points:g}, '
            f'label=<<B>{html_text(frame.title)}</B>>];',
            f'  frame_footer [{_pos(frame.width - 70 / frame.scale, 24 / frame.scale)}, '
            f'shape="plain", style="solid", fontsize=11, label=<{html_text(frame.footer)}>];']


# Drawn with ``neato -n2``: positions as given, straight edges under the boxes.
PINNED_GRAPH = ', splines=false, outputorder="edgesfirst"'
# Per rankdir, which way the layers run from the thesis outward: along x (+1 or -1) or
# along y.
_OUTWARD = {"RL": (0, 1.0), "LR": (0, -1.0), "BT": (1, -1.0), "TB": (1, 1.0)}
ARROW = 10.0  # points: Graphviz's arrowhead length, drawn between a route's end and its tip
CHANNEL_MARGIN = 4.0  # points kept between a routed line and the boxes it passes


class _Geometry:
    """Coordinates of a pinned layered drawing: each point is (along, cross), along the
    direction arguments flow outward from the thesis and across it."""

    def __init__(self, pinned: Layout):
        self.pinned = pinned
        self.axis, self.sign = _OUTWARD[pinned.rankdir]
        self.thickness: dict[int, float] = {}
        self.columns: dict[int, list[tuple[float, float]]] = {}  # boxes across, per layer
        for node, layer in pinned.layers.items():
            along, across = self.centre(node)
            half_along, half_across = self.half(node)
            self.thickness[layer] = 2 * half_along
            self.columns.setdefault(layer, []).append((across - half_across,
                                                       across + half_across))
        for boxes in self.columns.values():
            boxes.sort()

    def centre(self, node: str) -> tuple[float, float]:
        x, y = self.pinned.positions[node]
        return (x, y) if self.axis == 0 else (y, x)

    def half(self, node: str) -> tuple[float, float]:
        w, h = self.pinned.sizes[node]
        return (w / 2, h / 2) if self.axis == 0 else (h / 2, w / 2)

    def point(self, along: float, across: float) -> tuple[float, float]:
        return (along, across) if self.axis == 0 else (across, along)

    def side(self, node: str, outward: bool) -> float:
        """The along coordinate of ``node``'s side facing away from (or towards) the
        thesis."""
        return self.centre(node)[0] + (1 if outward else -1) * self.sign * self.half(node)[0]

    def gap(self, layer: int) -> float:
        """The along coordinate of the middle of the gap on the thesis side of ``layer``."""
        rank = self.pinned.ranks[layer]
        near = rank - self.sign * self.thickness[layer] / 2
        if layer == 0 or layer - 1 not in self.thickness:
            return near - self.sign * 20
        far = self.pinned.ranks[layer - 1] + self.sign * self.thickness[layer - 1] / 2
        return (near + far) / 2

    def free(self, layer: int, across: float) -> float:
        """The nearest cross coordinate to ``across`` where a line can pass ``layer``
        between its boxes."""
        boxes = self.columns[layer]
        low, high = boxes[0][0] - CHANNEL_MARGIN * 3, boxes[-1][1] + CHANNEL_MARGIN * 3
        candidates = [low, high]
        for (_, top), (bottom, _) in zip(boxes, boxes[1:], strict=False):
            if bottom - top > 2 * CHANNEL_MARGIN:
                if top + CHANNEL_MARGIN <= across <= bottom - CHANNEL_MARGIN:
                    return across
                candidates.append((top + bottom) / 2)
        if across <= low or across >= high:
            return across
        return min(candidates, key=lambda c: abs(c - across))


def _routes(relations: list[Edge], pinned: Layout, junctions: dict) -> dict:
    """Every relation's drawn line in a pinned layered drawing, as Graphviz ``pos`` text.

    A line from a claim to the claim it argues about one layer further in is straight,
    across the gap between the two layers, where no box is.  A line spanning several
    layers passes each one between its boxes.  Lines into one claim end at distinct points
    spread along its side, in the order they come from, so each arrow can be followed to
    its source (past ``MAX_PORTS`` of them, neighbours share an end).  ``junctions[(source, target)]``: the undercut dot on that relation, put
    at the middle of its line (the result maps the dot's name to its position)."""
    geometry = _Geometry(pinned)
    layers = pinned.layers
    paths: dict = {}  # edge -> points (along, across) up to the last one before the head
    arrivals: dict[tuple[str, bool], list] = {}  # (target, outward side) -> edges
    for edge in relations:
        source, target, key = edge.source, edge.target, edge.key
        if edge.relation == "undercut":
            continue
        inward = layers[source] > layers[target]
        _, across = geometry.centre(source)
        if layers[source] == layers[target]:  # along the gap on their thesis side
            gap = geometry.gap(layers[source])
            points = [(geometry.side(source, False), across), (gap, across),
                      (gap, geometry.centre(target)[1])]
            arrive_outward = False
        else:
            points = [(geometry.side(source, not inward), across)]
            step = -1 if inward else 1
            for layer in range(layers[source] + step, layers[target], step):
                entry = geometry.gap(layer + (1 if inward else 0))
                crossing = geometry.free(layer, across)
                exit_ = geometry.gap(layer + (0 if inward else 1))
                points += [(entry, across), (entry, crossing), (exit_, crossing)]
                across = crossing
            arrive_outward = inward
        paths[source, target, key] = points
        arrivals.setdefault((target, arrive_outward), []).append(
            ((points[-1][1], geometry.centre(source)[1]), (source, target, key)))
    heads = {}
    for (target, outward), edges in arrivals.items():
        edges.sort(key=lambda item: item[0])
        centre, half_across = geometry.centre(target)[1], geometry.half(target)[1]
        ports = min(len(edges), MAX_PORTS)
        span = 2 * half_across * (0.8 if ports > 1 else 0)
        for index, (_, edge) in enumerate(edges):
            port = index * ports // len(edges)
            offset = span * ((port + 0.5) / ports - 0.5) if ports > 1 else 0.0
            heads[edge] = (geometry.side(target, outward), centre + offset)
    routes: dict = {}
    for edge, points in paths.items():
        line = [geometry.point(*p) for p in points + [heads[edge]]]
        source, target, _ = edge
        if (source, target) in junctions:
            junction = junctions[source, target]
            (ax, ay), (bx, by) = line[-2], line[-1]
            middle = ((ax + bx) / 2, (ay + by) / 2)
            routes[junction] = middle
            routes[source, target, "split"] = (f", {_spline(line[:-1] + [middle], False)}",
                                               f", {_spline([middle, line[-1]], True)}")
        else:
            routes[edge] = _spline(line, True)
    for edge in relations:
        if edge.relation == "undercut":
            dot = routes[junctions[edge.undercuts, edge.target]]
            start = geometry.point(geometry.side(edge.source, False),
                                   geometry.centre(edge.source)[1])
            routes[edge.source, edge.target, edge.key] = _spline([start, dot], True)
    return routes


def _spline(points: list[tuple[float, float]], arrow: bool) -> str:
    """A polyline as a Graphviz edge ``pos``: straight cubic pieces, and with ``arrow``
    the last ``ARROW`` points left for the arrowhead."""
    points = [p for index, p in enumerate(points) if index == 0 or p != points[index - 1]]
    if len(points) < 2:
        points = points * 2
    tip = points[-1]
    if arrow:
        (ax, ay), (bx, by) = points[-2], points[-1]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        cut = min(ARROW, length * 0.9)
        if length:
            points[-1] = (bx - (bx - ax) * cut / length, by - (by - ay) * cut / length)
    spline = [points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        spline += [(ax + (bx - ax) / 3, ay + (by - ay) / 3),
                   (ax + 2 * (bx - ax) / 3, ay + 2 * (by - ay) / 3), (bx, by)]
    text = " ".join(f"{x:.1f},{y:.1f}" for x, y in spline)
    return f'pos="e,{tip[0]:.1f},{tip[1]:.1f} {text}"' if arrow else f'pos="{text}"'


def _pos(x: float, y: float) -> str:
    return f'pos="{x:.1f},{y:.1f}!"'


def _legend_position(pinned: Layout) -> str:
    """Above the drawing's top left corner, clear of every claim."""
    left, _, _, top = pinned.bounding_box
    width, height = LEGEND_SIZE
    return _pos(left + width / 2, top + 40 + height / 2) + ", "
