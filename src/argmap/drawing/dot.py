"""Graphviz DOT output: the argument map as a diagram description.

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

import functools
import re
from collections import Counter

from ..errors import FormatError
from ..model import ArgMap, quoted_passages
from .layout import Layout, choose_layout, layered_layout

WRAP = 36
TOOLTIP_MAX = 4000  # characters of a claim's hover text, well under Graphviz's limits
STAGGER_ROW = 5  # leaf siblings side by side before they are staggered over ranks
RANKDIRS = ("RL", "LR", "BT", "TB")
GROUP_BY = ("perspective", "none")
COLOR_BY = ("side", "perspective")

SIDE_COLORS = {"pro": ("#d8f0e3", "#1b7837"), "con": ("#fbe0d4", "#b2182b"),
               None: ("#eeeeee", "#666666")}
# Okabe-Ito derived, colour-blind safe, light enough for black text.
PERSPECTIVE_PALETTE = ("#cfe3f3", "#fde6b8", "#dcd0ea", "#d5efe7", "#f9d3df", "#e8e8c8",
                       "#d9d9d9", "#c6e2f5")
RELATION_STYLE = {
    "support": 'color="#1b7837", style="solid", arrowhead="normal", penwidth=1.4',
    "rebut": 'color="#b2182b", style="dashed", arrowhead="tee", penwidth=1.4',
    "undercut": 'color="#7b3294", style="dotted", arrowhead="tee", penwidth=1.6',
}
KIND_SHAPE = {"thesis": 'shape="box", peripheries=2, penwidth=2',
              "claim": 'shape="box"', "evidence": 'shape="note"', "argument": 'shape="box3d"'}
STATUS = {"in": ("\u2714 IN", "#1b7837", "bold"), "out": ("\u2718 OUT", "#b2182b", "dashed"),
          "undec": ("? UNDECIDED", "#8a6d00", "solid")}



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


_BLANKS = str.maketrans("\t\x0b\x0c", "   ")


def wrap(value: str, width: int = WRAP) -> list[str]:
    """Lines of at most ``width`` characters, breaking at spaces and keeping every
    character (long words are split, never cut)."""
    lines: list[str] = []
    for paragraph in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        # Only ASCII blanks separate words: str.split() would also drop characters such as
        # U+001C..U+001F that the label must show.
        words = paragraph  # already single-spaced (the common case) unless tested below
        if ("  " in paragraph or "\t" in paragraph or "\x0b" in paragraph
                or "\x0c" in paragraph or paragraph.startswith(" ") or paragraph.endswith(" ")):
            words = " ".join(w for w in paragraph.translate(_BLANKS).split(" ") if w)
        lines.extend(_line_pattern(width).findall(words) or [""])
    return lines


@functools.cache
def _line_pattern(width: int) -> re.Pattern:
    """Greedy wrapping as one regular expression over single-spaced words: the longest run
    of at most ``width`` characters that ends before a space, else a hard split of a word
    longer than the line (this runs on every box of a big map, so it runs in C)."""
    return re.compile(f" ?(.{{1,{width}}}(?= |$)|[^ ]{{{width}}})", re.S)


def _lines(value: str, width: int = WRAP) -> str:
    return html_text("\n".join(wrap(value, width))).replace("\n", _BREAK) + _BREAK


def _perspective_colors(amap: ArgMap) -> dict[str | None, str]:
    colors: dict[str | None, str] = {None: "#ffffff"}
    for index, pid in enumerate(amap.perspectives):
        colors[pid] = PERSPECTIVE_PALETTE[index % len(PERSPECTIVE_PALETTE)]
    return colors


def _node_label(amap: ArgMap, node: str, data: dict, band: str) -> str:
    kind = data.get("kind", "claim")
    perspective = data.get("perspective")
    header = [node, kind]
    if perspective:
        header.append(amap.perspectives.get(perspective, perspective))
    heading = html_text(" \u00b7 ".join(header))
    rows = [f'<TR><TD ALIGN="LEFT" BGCOLOR="{band}"><FONT POINT-SIZE="9">'
            f'{heading}</FONT></TD></TR>']
    status = STATUS.get(data.get("label"))
    if status:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{status[1]}">'
                    f'<B>{status[0]}</B></FONT></TD></TR>')
    text = _lines(data.get("text", node), WRAP + (6 if kind == "thesis" else 0))
    if kind == "thesis":
        text = f'<FONT POINT-SIZE="16"><B>{text}</B></FONT>'
    rows.append(f'<TR><TD ALIGN="LEFT">{text}</TD></TR>')
    sources = data.get("sources") or []
    if sources:
        titles = "; ".join(amap.sources.get(s, {}).get("title", s) for s in sources)
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><I>'
                    f'{_lines("Source: " + titles, WRAP + 8)}</I></FONT></TD></TR>')
    if "strength" in data:
        strength = float(data["strength"])
        filled = max(0, min(100, round(strength * 100)))
        cells = "".join(f'<TD WIDTH="{width}" HEIGHT="6" FIXEDSIZE="TRUE" BGCOLOR="{color}">'
                        f'</TD>' for width, color in ((filled, "#333333"),
                                                       (100 - filled, "#dddddd")) if width)
        rows.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">'
                    f'<TR><TD><FONT POINT-SIZE="9">strength {strength:.3f}&#160;</FONT></TD>'
                    f'{cells}</TR></TABLE></TD></TR>')
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
            + "".join(rows) + "</TABLE>>")


def _tooltip(node: str, data: dict) -> str:
    """The hover text of a claim: its id, then each quote it rests on, with its source."""
    lines = [node] + [f"\u201c{text}\u201d" + (f" ({source})" if source else "")
                      for text, source in quoted_passages(data)]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_MAX else text[:TOOLTIP_MAX - 1] + "\u2026"


def _legend(amap: ArgMap, color_by: str, colors: dict, evaluated: bool,
            position: str = "") -> str:
    rows = []
    if color_by == "side":
        for side, name in (("pro", "pro: supports the thesis"), ("con", "con: opposes it")):
            rows.append((SIDE_COLORS[side][0], name))
    else:
        for pid, label in amap.perspectives.items():
            rows.append((colors[pid], label))
    cells = "".join(f'<TR><TD BGCOLOR="{fill}" WIDTH="18"></TD>'
                    f'<TD ALIGN="LEFT">{html_text(text)}</TD></TR>' for fill, text in rows)
    arrows = (("#1b7837", "\u2014\u25b6 supports (solid)"),
              ("#b2182b", "- - \u22a3 rebuts (dashed)"),
              ("#7b3294", "\u00b7\u00b7\u00b7\u22a3 undercuts a relation (dotted)"))
    cells += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}">{text}</FONT>'
                     f'</TD></TR>' for color, text in arrows)
    cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">double border: thesis; folded corner: '
              'evidence</TD></TR>')
    if evaluated:
        cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">\u2714 in (stands) \u00b7 \u2718 out '
                  '(defeated) \u00b7 ? undecided</TD></TR>')
    return (f'  legend [{position}shape="box", style="rounded", color="#999999", fontsize=10, '
            f'label=<<TABLE BORDER="0" CELLSPACING="2"><TR><TD COLSPAN="2"><B>Legend</B>'
            f'</TD></TR>{cells}</TABLE>>];')


def write(amap: ArgMap, *, group_by: str = "perspective", color_by: str = "side",
          rankdir: str = "RL", legend: bool = True, layout: str = "dot") -> str:
    """The DOT text for ``amap``.  Deterministic: same map, same bytes.

    DOT is a description for a layout program, so by default it pins nothing; rendered
    diagrams (``formats.diagram``) default to ``auto``.  With the ``layered`` layout
    (``auto`` picks it for big maps, see ``argmap.drawing.layout``)
    every node carries its position and the file is drawn with ``neato -n2``; perspective
    clusters are left out there, since pinned positions cannot follow them."""
    for name, value, allowed in (("group_by", group_by, GROUP_BY),
                                 ("color_by", color_by, COLOR_BY),
                                 ("rankdir", rankdir, RANKDIRS)):
        if value not in allowed:
            raise FormatError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    graph = amap.graph
    colors = _perspective_colors(amap)
    evaluated = any("label" in d or "strength" in d for _, d in graph.nodes(data=True))
    pinned = None
    if choose_layout(amap, layout) == "layered":
        pinned = layered_layout(amap, lambda node: label_size(amap, node), rankdir)
        group_by = "none"
    out = ["digraph argmap {",
           f'  graph [rankdir="{rankdir}", newrank=true, nodesep=0.35, ranksep=0.55, '
           f'fontname="Helvetica", fontsize=20, labelloc="t", '
           f'label={quote(amap.title or "")}{PINNED_GRAPH if pinned else ""}];',
           '  node [fontname="Helvetica", fontsize=11, style="rounded,filled", margin=0.06];',
           '  edge [fontname="Helvetica", fontsize=9];']

    names = {node: f"n{index}" for index, node in enumerate(graph)}

    def node_line(node: str, data: dict) -> str:
        side = data.get("side")
        fill, border = SIDE_COLORS.get(side, SIDE_COLORS[None])
        band = colors.get(data.get("perspective"), "#ffffff")
        if color_by == "perspective":
            fill, band = band, fill
        style = "rounded,filled"
        status = STATUS.get(data.get("label"))
        if status and status[2] != "solid":
            style += f",{status[2]}"
        shape = KIND_SHAPE.get(data.get("kind", "claim"), KIND_SHAPE["claim"])
        pos = ""
        if pinned:
            width, height = pinned.sizes[node]
            pos = (f"{_pos(*pinned.positions[node])}, width={width / 72:.3f}, "
                   f"height={height / 72:.3f}, ")
        return (f'{names[node]} [id={quote("claim-" + node)}, '
                f'tooltip={quote(_tooltip(node, data))}, {pos}{shape}, '
                f'style="{style}", '
                f'fillcolor="{fill}", color="{border}", '
                f'label={_node_label(amap, node, data, band)}];')

    grouped: dict[str | None, list[tuple[str, dict]]] = {}
    for node, data in graph.nodes(data=True):
        key = data.get("perspective") if group_by == "perspective" else None
        if data.get("kind") == "thesis":
            key = None
        grouped.setdefault(key, []).append((node, data))
    for index, (pid, nodes) in enumerate(
            sorted(grouped.items(), key=lambda item: item[0] is not None)):
        indent = "  "
        if pid is not None:
            label = amap.perspectives.get(pid, pid)
            out.append(f"  subgraph {quote('cluster_' + str(index))} {{")
            out.append(f'    graph [label={quote(label)}, style="rounded,dashed", '
                       f'color="#999999", fontsize=14, bgcolor="{colors.get(pid, "#ffffff")}40"];')
            indent = "    "
        out.extend(indent + node_line(node, data) for node, data in nodes)
        if pid is not None:
            out.append("  }")

    # A dot on each undercut relation, for the undercutting arrow to point at.
    undercut = sorted({(d["undercuts"], v) for _, v, d in graph.edges(data=True)
                       if d["relation"] == "undercut"}, key=lambda e: (names[e[0]], names[e[1]]))
    junctions = {edge: f"r{index}" for index, edge in enumerate(undercut)}
    minlen = _staggered_lengths(graph)
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        style = RELATION_STYLE[relation]
        tail = head = ""
        if pinned:
            tail = f', tailport="{_side(pinned, source, target)}"'
            head = f', headport="{_side(pinned, target, source)}"'
        elif (source, target) in minlen:
            style += f", minlen={minlen[source, target]}"
        tooltip = f'{source} {relation}s {target}'
        if data.get("note"):
            tooltip += f": {data['note']}"
        if relation == "undercut":
            out.append(f"  {names[source]} -> {junctions[data['undercuts'], target]} "
                       f"[{style}{tail}, tooltip={quote(tooltip)}];")
        elif (source, target) in junctions:
            junction = junctions[source, target]
            pos = f"{_pos(*_midpoint(pinned, source, target))}, " if pinned else ""
            out.append(f'  {junction} [{pos}shape="point", width=0.09, color="#7b3294"];')
            out.append(f'  {names[source]} -> {junction} [{style}{tail}, arrowhead="none", '
                       f'tooltip={quote(tooltip)}];')
            out.append(f"  {junction} -> {names[target]} [{style}{head}, "
                       f"tooltip={quote(tooltip)}];")
        else:
            out.append(f"  {names[source]} -> {names[target]} [{style}{tail}{head}, "
                       f"tooltip={quote(tooltip)}];")
    if legend and len(graph):
        out.append(_legend(amap, color_by, colors, evaluated,
                           _legend_position(pinned) if pinned else ""))
    out.append("}")
    return "\n".join(out) + "\n"


# Drawn with ``neato -n2``: positions as given, straight edges under the boxes.
PINNED_GRAPH = ', splines=false, outputorder="edgesfirst"'
# Per rankdir, the side of a box facing the thesis and the side facing away from it.
SIDES_OF_BOX = {"RL": ("w", "e"), "LR": ("e", "w"), "BT": ("n", "s"), "TB": ("s", "n")}
_PORT_OFFSET = {"w": (-0.5, 0.0), "e": (0.5, 0.0), "n": (0.0, 0.5), "s": (0.0, -0.5)}


def _side(pinned: Layout, node: str, other: str) -> str:
    """The side of ``node``'s box a line to ``other`` uses: lines leave and enter boxes
    between the layers, never across a box; lines within a layer run along its side
    facing the thesis."""
    near, far = SIDES_OF_BOX[pinned.rankdir]
    return near if pinned.layers[other] <= pinned.layers[node] else far


def _midpoint(pinned: Layout, source: str, target: str) -> tuple[float, float]:
    """The middle of the drawn line ``source -> target``, where its undercut dot sits."""
    ends = []
    for node, other in ((source, target), (target, source)):
        (x, y), (w, h) = pinned.positions[node], pinned.sizes[node]
        dx, dy = _PORT_OFFSET[_side(pinned, node, other)]
        ends.append((x + dx * w, y + dy * h))
    return (ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2
LEGEND_SIZE = (340.0, 190.0)  # generous: the legend is placed beside the drawing


def _pos(x: float, y: float) -> str:
    return f'pos="{x:.1f},{y:.1f}!"'


def _legend_position(pinned: Layout) -> str:
    """Above the drawing's top left corner, clear of every claim."""
    left, _, _, top = pinned.bounding_box
    width, height = LEGEND_SIZE
    return _pos(left + width / 2, top + 40 + height / 2) + ", "


# Helvetica advance widths in ems, by character class: Graphviz sizes labels from font
# metrics like these, so an estimate on the wide side keeps pinned boxes from overlapping.
_NARROW_RE = re.compile(r"[ ijlftrI.,;:'!|()\[\]\-/\\`]")
_WIDE_RE = re.compile("[mwMW@%]")
_FULL_RE = re.compile("[^\x00-\u2e7f]")  # U+2E80 on; a class up to U+10FFFF compiles slowly
_UPPER_RE = re.compile("[A-HJ-LN-VX-Z\u00c0-\u00de]")  # capitals not counted above


def _text_width(text: str, points: float, bold: bool = False) -> float:
    # Counted with C-speed regular expressions: this runs on every line of every box.
    narrow = len(_NARROW_RE.findall(text))
    wide = len(_WIDE_RE.findall(text))
    full = len(_FULL_RE.findall(text))
    upper = len(_UPPER_RE.findall(text))
    ems = (0.34 * narrow + 0.88 * wide + 1.0 * full + 0.72 * upper
           + 0.58 * (len(text) - narrow - wide - full - upper))
    return ems * points * (1.1 if bold else 1.0)


def label_size(amap: ArgMap, node: str) -> tuple[float, float]:
    """An upper estimate of the (width, height) in points Graphviz gives ``node``'s box,
    mirroring ``_node_label``'s rows; the layered layout spaces boxes by it."""
    data = amap.graph.nodes[node]
    kind = data.get("kind", "claim")
    perspective = data.get("perspective")
    header = [node, kind] + ([amap.perspectives.get(perspective, perspective)]
                             if perspective else [])
    rows = [([" \u00b7 ".join(header)], 9.0, False)]
    if data.get("label") in STATUS:
        rows.append(([STATUS[data["label"]][0]], 10.0, True))
    thesis = kind == "thesis"
    rows.append((wrap(data.get("text", node), WRAP + (6 if thesis else 0)),
                 16.0 if thesis else 11.0, thesis))
    if data.get("sources"):
        titles = "; ".join(amap.sources.get(s, {}).get("title", s) for s in data["sources"])
        rows.append((wrap("Source: " + titles, WRAP + 8), 9.0, False))
    if "strength" in data:
        rows.append((["strength 0.000 " + "m" * 20], 9.0, False))
    width = max(_text_width(line, points, bold) for lines, points, bold in rows
                for line in lines)
    height = sum(6 + 1.2 * points * len(lines) for lines, points, _ in rows)
    return round(width + 24, 1), round(height + 14, 1)


def _staggered_lengths(graph) -> dict[tuple[str, str], int]:
    """Edge lengths that stagger a claim's many leaf arguments over a few ranks.

    A thesis with thirty direct supporters is otherwise drawn thirty boxes wide; putting
    every other leaf one or two ranks further keeps the map closer to the page's shape."""
    lengths = {}
    pred, succ = graph._pred, graph._succ
    # Read off networkx's adjacency dicts themselves (in and out degree count parallel
    # edges): the public views wrap every lookup, for every predecessor of every claim.
    leaf = {node for node, out in succ.items()
            if not pred[node] and len(out) == 1 and len(next(iter(out.values()))) == 1}
    # Only claims with more than a row of leaves are staggered: count first, so the leaves
    # are listed (in the claim's own predecessor order) for those few claims alone.
    leaf_counts = Counter(next(iter(succ[node])) for node in leaf)
    for target, count in leaf_counts.items():
        levels = min(3, -(-count // STAGGER_ROW))
        if levels > 1:
            leaves = [source for source in pred[target] if source in leaf]
            for index, source in enumerate(leaves):
                lengths[source, target] = 1 + index % levels
    return lengths

