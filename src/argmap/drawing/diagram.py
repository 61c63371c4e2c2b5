"""The diagram model: what a drawing of a map shows, decided once for every writer.

``build(amap, options)`` turns a map and its ``DrawingOptions`` into a ``Diagram``:

    Diagram
      title                    the map's title (the caption)
      boxes     {claim: Box}   one per claim, in map order
        Box.rows               header band, status, text, sources, strength: what is
                               written in the box, already wrapped into lines
        Box.size()             the size a writer may reserve for it, read off the rows
        Box.classes/tooltip/url  per-box hooks for writers that can use them
      clusters  [Cluster]      perspective groups, each listing its boxes
      edges     [Edge]         support, rebut, undercut; an attacked relation is cut in
                               two at its undercut ``Junction``
      junctions [Junction]     the dots undercuts point at
      legend    Legend | None  colour keys, arrow keys and notes
      layout    Layout | None  pinned positions, when the layered layout is used

Writers serialise a ``Diagram`` (``argmap.drawing.dot``) and never look at the map
again, so a box is defined in one place: the DOT label and the layered layout's size
estimate read the same rows.  Colours are CSS hex strings; sizes are points."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

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
RELATION_COLORS = {"support": "#1b7837", "rebut": "#b2182b", "undercut": "#7b3294"}
STATUS = {"in": ("\u2714 IN", "#1b7837", "bold"), "out": ("\u2718 OUT", "#b2182b", "dashed"),
          "undec": ("? UNDECIDED", "#8a6d00", "solid")}
LEGEND_ARROWS = (("support", "\u2014\u25b6 supports (solid)"),
                 ("rebut", "- - \u22a3 rebuts (dashed)"),
                 ("undercut", "\u00b7\u00b7\u00b7\u22a3 undercuts a relation (dotted)"))
LEGEND_SIZE = (340.0, 190.0)  # generous: the legend is placed beside the drawing
# Per rankdir, the side of a box facing the thesis and the side facing away from it.
SIDES_OF_BOX = {"RL": ("w", "e"), "LR": ("e", "w"), "BT": ("n", "s"), "TB": ("s", "n")}
_PORT_OFFSET = {"w": (-0.5, 0.0), "e": (0.5, 0.0), "n": (0.0, 0.5), "s": (0.0, -0.5)}


@dataclass(frozen=True)
class DrawingOptions:
    """How to draw a map.  ``layout``: ``dot`` (Graphviz lays it out), ``layered`` (argmap
    pins every box) or ``auto`` (layered for big maps, see ``argmap.drawing.layout``)."""

    group_by: str = "perspective"
    color_by: str = "side"
    rankdir: str = "RL"
    legend: bool = True
    layout: str = "dot"

    def __post_init__(self) -> None:
        for name, allowed in (("group_by", GROUP_BY), ("color_by", COLOR_BY),
                              ("rankdir", RANKDIRS)):
            value = getattr(self, name)
            if value not in allowed:
                raise FormatError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


@dataclass
class Row:
    """One row of a box.  ``role`` is ``header``, ``status``, ``text``, ``sources`` or
    ``strength``; ``lines`` is its text wrapped as drawn, ``points`` its font size;
    ``color`` the text colour and ``background`` the row's fill, when not the box's;
    ``value`` the strength a ``strength`` row draws as a bar."""

    role: str
    lines: list[str]
    points: float
    bold: bool = False
    italic: bool = False
    color: str | None = None
    background: str | None = None
    value: float | None = None

    def width(self) -> float:
        """An upper estimate of the row's width in points (a strength bar counts as wide
        as twenty ``m``)."""
        lines = self.lines
        if self.role == "strength":
            lines = ["strength 0.000 " + "m" * 20]
        return max(_text_width(line, self.points, self.bold) for line in lines)

    def height(self) -> float:
        return 6 + 1.2 * self.points * len(self.lines)


@dataclass
class Box:
    """One claim's box.  ``name`` is its short id in the diagram (``n0``, ``n1`` ...);
    ``style`` lists Graphviz-style keywords (``rounded``, ``filled``, ``dashed`` ...);
    ``classes``, ``tooltip`` and ``url`` are hooks for writers that show them."""

    claim: str
    name: str
    kind: str
    side: str | None
    perspective: str | None
    fill: str
    border: str
    style: list[str]
    rows: list[Row]
    tooltip: str
    classes: list[str] = field(default_factory=list)
    url: str | None = None

    def size(self) -> tuple[float, float]:
        """An upper estimate of the (width, height) in points Graphviz gives the box."""
        width = max(row.width() for row in self.rows)
        height = sum(row.height() for row in self.rows)
        return round(width + 24, 1), round(height + 14, 1)


@dataclass
class Cluster:
    """A group of boxes drawn inside one frame: a perspective."""

    name: str
    label: str
    color: str
    boxes: list[str]


@dataclass
class Junction:
    """The dot on a relation ``source -> target`` that undercuts point at."""

    name: str
    source: str
    target: str


@dataclass
class Edge:
    """A line from box (or junction) ``tail`` to ``head``: one relation, or the half of an
    undercut relation on either side of its junction (``arrowhead`` ``none`` before it).
    ``minlen`` staggers many leaf arguments over a few ranks."""

    tail: str
    head: str
    relation: str
    source: str
    target: str
    tooltip: str
    arrowhead: str | None = None
    minlen: int | None = None


@dataclass
class Legend:
    """The key: ``fills`` (colour, meaning), ``arrows`` (relation, meaning), ``notes``."""

    fills: list[tuple[str, str]]
    arrows: list[tuple[str, str]]
    notes: list[str]


@dataclass
class Diagram:
    title: str
    options: DrawingOptions
    boxes: dict[str, Box]
    clusters: list[Cluster]
    unclustered: list[str]
    edges: list[Edge]
    junctions: dict[tuple[str, str], Junction]
    legend: Legend | None
    layout: Layout | None = None

    def box_order(self) -> list[tuple[Cluster | None, list[str]]]:
        """The boxes as drawn: the ones outside any cluster first, then each cluster."""
        return [(None, self.unclustered)] + [(c, c.boxes) for c in self.clusters]


def build(amap: ArgMap, options: DrawingOptions | None = None) -> Diagram:
    """The diagram of ``amap``; deterministic: the same map gives the same diagram."""
    options = options or DrawingOptions()
    graph = amap.graph
    colors = _perspective_colors(amap)
    names = {node: f"n{index}" for index, node in enumerate(graph)}
    boxes = {node: _box(amap, node, data, names[node], colors, options.color_by)
             for node, data in graph.nodes(data=True)}
    layout = None
    group_by = options.group_by
    if choose_layout(amap, options.layout) == "layered":
        layout = layered_layout(amap, lambda node: boxes[node].size(), options.rankdir)
        group_by = "none"

    grouped: dict[str | None, list[str]] = {}
    for node, data in graph.nodes(data=True):
        key = data.get("perspective") if group_by == "perspective" else None
        if data.get("kind") == "thesis":
            key = None
        grouped.setdefault(key, []).append(node)
    unclustered = grouped.pop(None, [])
    clusters = [Cluster(f"cluster_{index + bool(unclustered)}",
                        amap.perspectives.get(pid, pid), colors.get(pid, "#ffffff"), nodes)
                for index, (pid, nodes) in enumerate(grouped.items())]

    undercut = sorted({(d["undercuts"], v) for _, v, d in graph.edges(data=True)
                       if d["relation"] == "undercut"}, key=lambda e: (names[e[0]], names[e[1]]))
    junctions = {edge: Junction(f"r{index}", *edge) for index, edge in enumerate(undercut)}
    minlen = _staggered_lengths(amap) if layout is None else {}
    edges = []
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        tooltip = f"{source} {relation}s {target}"
        if data.get("note"):
            tooltip += f": {data['note']}"
        tail, head = names[source], names[target]
        length = minlen.get((source, target))
        if relation == "undercut":
            edges.append(Edge(tail, junctions[data["undercuts"], target].name, relation,
                              source, target, tooltip, minlen=length))
        elif (source, target) in junctions:
            junction = junctions[source, target].name
            edges.append(Edge(tail, junction, relation, source, target, tooltip,
                              arrowhead="none", minlen=length))
            edges.append(Edge(junction, head, relation, source, target, tooltip,
                              minlen=length))
        else:
            edges.append(Edge(tail, head, relation, source, target, tooltip, minlen=length))
    legend = None
    if options.legend and len(graph):
        evaluated = any("label" in d or "strength" in d for _, d in graph.nodes(data=True))
        legend = _legend(amap, options.color_by, colors, evaluated)
    return Diagram(amap.title or "", options, boxes, clusters, unclustered, edges, junctions,
                   legend, layout)


def _perspective_colors(amap: ArgMap) -> dict[str | None, str]:
    colors: dict[str | None, str] = {None: "#ffffff"}
    for index, pid in enumerate(amap.perspectives):
        colors[pid] = PERSPECTIVE_PALETTE[index % len(PERSPECTIVE_PALETTE)]
    return colors


def _box(amap: ArgMap, node: str, data: dict, name: str, colors: dict,
         color_by: str) -> Box:
    kind = data.get("kind", "claim")
    perspective = data.get("perspective")
    side = data.get("side")
    fill, border = SIDE_COLORS.get(side, SIDE_COLORS[None])
    band = colors.get(perspective, "#ffffff")
    if color_by == "perspective":
        fill, band = band, fill
    style = ["rounded", "filled"]
    status = STATUS.get(data.get("label"))
    if status and status[2] != "solid":
        style.append(status[2])
    header = [node, kind]
    if perspective:
        header.append(amap.perspectives.get(perspective, perspective))
    rows = [Row("header", [" \u00b7 ".join(header)], 9.0, background=band)]
    if status:
        rows.append(Row("status", [status[0]], 10.0, bold=True, color=status[1]))
    thesis = kind == "thesis"
    rows.append(Row("text", wrap(data.get("text", node), WRAP + (6 if thesis else 0)),
                    16.0 if thesis else 11.0, bold=thesis))
    sources = data.get("sources") or []
    if sources:
        titles = "; ".join(amap.sources.get(s, {}).get("title", s) for s in sources)
        rows.append(Row("sources", wrap("Source: " + titles, WRAP + 8), 9.0, italic=True))
    if "strength" in data:
        strength = float(data["strength"])
        rows.append(Row("strength", [f"strength {strength:.3f}"], 9.0, value=strength))
    return Box(node, name, kind, side, perspective, fill, border, style, rows,
               tooltip=_tooltip(node, data), classes=[kind] + ([side] if side else []))


def _tooltip(node: str, data: dict) -> str:
    """The hover text of a claim: its id, then each quote it rests on, with its source."""
    lines = [node] + [f"\u201c{text}\u201d" + (f" ({source})" if source else "")
                      for text, source in quoted_passages(data)]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_MAX else text[:TOOLTIP_MAX - 1] + "\u2026"


def _legend(amap: ArgMap, color_by: str, colors: dict, evaluated: bool) -> Legend:
    if color_by == "side":
        fills = [(SIDE_COLORS["pro"][0], "pro: supports the thesis"),
                 (SIDE_COLORS["con"][0], "con: opposes it")]
    else:
        fills = [(colors[pid], label) for pid, label in amap.perspectives.items()]
    notes = ["double border: thesis; folded corner: evidence"]
    if evaluated:
        notes.append("\u2714 in (stands) \u00b7 \u2718 out (defeated) \u00b7 ? undecided")
    return Legend(fills, list(LEGEND_ARROWS), notes)


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
    """An upper estimate of the (width, height) in points Graphviz gives ``node``'s box."""
    return _box(amap, node, amap.graph.nodes[node], "", _perspective_colors(amap),
                "side").size()


def port(layout: Layout, node: str, other: str) -> str:
    """The side of ``node``'s box a line to ``other`` uses: lines leave and enter boxes
    between the layers, never across a box; lines within a layer run along its side
    facing the thesis."""
    near, far = SIDES_OF_BOX[layout.rankdir]
    return near if layout.layers[other] <= layout.layers[node] else far


def midpoint(layout: Layout, source: str, target: str) -> tuple[float, float]:
    """The middle of the drawn line ``source -> target``, where its undercut dot sits."""
    ends = []
    for node, other in ((source, target), (target, source)):
        (x, y), (w, h) = layout.positions[node], layout.sizes[node]
        dx, dy = _PORT_OFFSET[port(layout, node, other)]
        ends.append((x + dx * w, y + dy * h))
    return (ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2


def legend_corner(layout: Layout) -> tuple[float, float]:
    """The legend's centre: above the drawing's top left corner, clear of every claim."""
    left, _, _, top = layout.bounding_box
    width, height = LEGEND_SIZE
    return left + width / 2, top + 40 + height / 2


def _staggered_lengths(amap: ArgMap) -> dict[tuple[str, str], int]:
    """Edge lengths that stagger a claim's many leaf arguments over a few ranks.

    A thesis with thirty direct supporters is otherwise drawn thirty boxes wide; putting
    every other leaf one or two ranks further keeps the map closer to the page's shape."""
    lengths = {}
    pred, succ = amap.adjacency()
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
