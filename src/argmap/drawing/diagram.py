"""The diagram model: what a drawing of a map shows, decided once for every writer.

``build(amap, options)`` turns a map and its ``DrawingOptions`` into a ``Diagram``:

    Diagram
      title          the map's title (the caption)
      boxes          {claim: Box}, one per claim, in map order
        Box.rows     what is written in the box (header band, status, text, tags,
                     sources, note, strength bar), each ``Row`` already wrapped into lines
        Box.size()   the size a writer reserves for it, read off the same rows
        Box.role     ``focus``, ``context`` or ``folded`` for views, else ``None``
        Box.change   ``added``, ``edited``, ``renamed`` or ``removed`` in a diff drawing
        Box.classes / tooltip / url   per-box hooks for writers that can use them
      clusters       perspective groups, each listing its claims; ``unclustered`` the rest
      edges          one ``Edge`` per relation (``undercuts`` names the attacked relation's
                     source), with ``minlen`` to stagger many leaves over ranks and
                     ``change`` (``added``/``removed``) in a diff drawing
      junctions      {(source, target): name}: the dot on each undercut relation
      legend         a ``Legend`` (colour keys, notes, strength key) or ``None``
      layout         pinned positions (``argmap.drawing.layout``) or ``None``

A diff drawing (``argmap.changes.drawing``) is a map whose claims and relations carry a
``change`` attribute (removed ones kept as ghosts): boxes and edges read it here, so every
writer styles the changes alike.

Writers (``argmap.drawing.dot``; the HTML page and paged figures build on the same model)
serialise a ``Diagram`` and never re-derive what a box shows, so a box is defined in one
place: its label and the layered layout's size estimate read the same rows.  Colours are
CSS hex strings; sizes are points."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

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
STATUS = {"in": ("\u2714 IN", "#1b7837", "bold"), "out": ("\u2718 OUT", "#b2182b", "dashed"),
          "undec": ("? UNDECIDED", "#8a6d00", "solid")}
# A diff drawing: the mark each changed claim's box carries and its border colour, and the
# ghost colours of a removed claim (Okabe-Ito blue and a dark orange, apart from the sides'
# green and red).
CHANGES = {"added": ("+ added", "#0072b2"), "edited": ("\u270e edited", "#a35200"),
           "renamed": ("\u270e renamed", "#a35200"), "removed": ("\u2715 removed", "#777777")}
GHOST_COLORS = ("#f5f5f5", "#9a9a9a")
GHOST_TEXT = "#6b6b6b"  # grey, but 5:1 on the ghost's fill: a removed claim stays readable
CONTEXT_COLORS = ("#f3f3f3", "#9a9a9a")
FOLDED_COLORS = ("#ececec", "#777777")
FOCUS_BORDER = "#1f3a93"


LEGEND_SIZE = (340.0, 190.0)  # generous: the legend is placed beside the drawing


@dataclass(frozen=True)
class Lettering:
    """Type sizes (points) and line lengths (characters) of the boxes.  ``SCREEN`` is the
    default; ``PRINT`` is for pages, where every size is at least 10 pt so a page may be
    shrunk to 80 % and still print no text below 8 pt."""

    wrap: int = 36
    text: float = 11.0
    small: float = 9.0  # header band, sources, tags, notes, strength
    thesis: float = 16.0
    thesis_wrap: int = 42
    small_wrap: int = 44  # header band, sources, tags, notes

    @property
    def smallest(self) -> float:
        return min(self.text, self.small, self.thesis)


SCREEN = Lettering()
PRINT = Lettering(wrap=26, small=10.0, thesis=13.0, thesis_wrap=26, small_wrap=28)
CONTEXT_LINES = 3  # a context box shows the start of its claim's text
BAR_WIDTH = 80  # points: every strength bar has the same length, so bars compare
_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    """One row of a box: wrapped ``lines`` in one style, or a strength ``bar`` (0..1).
    ``role`` says what the row is: ``header``, ``status``, ``text``, ``tags``, ``source``,
    ``note`` or ``strength``; ``band`` is the row's own fill, ``href`` its link."""

    lines: tuple[str, ...]
    points: float
    bold: bool = False
    italic: bool = False
    color: str | None = None
    band: str | None = None
    href: str | None = None
    bar: float | None = None
    role: str = "text"



@dataclass(frozen=True)
class DrawingOptions:
    """How to draw a map.  ``layout``: ``dot`` (Graphviz lays it out), ``layered`` (argmap
    pins every box) or ``auto`` (layered for big maps, see ``argmap.drawing.layout``);
    ``show_notes`` writes each claim's note inside its box."""

    group_by: str = "perspective"
    color_by: str = "side"
    rankdir: str = "RL"
    legend: bool = True
    layout: str = "dot"
    show_notes: bool = False

    def __post_init__(self) -> None:
        for name, allowed in (("group_by", GROUP_BY), ("color_by", COLOR_BY),
                              ("rankdir", RANKDIRS)):
            value = getattr(self, name)
            if value not in allowed:
                raise FormatError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


@dataclass
class Box:
    """One claim's box.  ``name`` is its short id in the diagram (``n0``, ``n1`` ...);
    ``style`` lists Graphviz-style keywords (``rounded``, ``filled``, ``dashed`` ...);
    ``role`` is the claim's part in a view (``focus``, ``context``, ``folded``);
    ``classes``, ``tooltip`` and ``url`` are hooks for writers that show them."""

    claim: str
    name: str
    kind: str
    role: str | None
    fill: str
    border: str
    style: list[str]
    rows: list[Row]
    tooltip: str
    classes: list[str] = field(default_factory=list)
    url: str | None = None
    change: str | None = None

    def size(self) -> tuple[float, float]:
        """An upper estimate of the (width, height) in points Graphviz gives the box."""
        return rows_size(self.rows)


@dataclass
class Cluster:
    """A group of boxes drawn in one frame: a perspective; ``junctions`` are the undercut
    dots on relations within it, drawn inside it rather than on its border."""

    name: str
    label: str
    color: str
    claims: list[str]
    junctions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Edge:
    """One relation ``source -> target`` (``key`` as in the map's graph); an undercut's
    ``undercuts`` names the source of the relation it attacks."""

    source: str
    target: str
    key: str
    relation: str
    tooltip: str
    undercuts: str | None = None
    minlen: int | None = None
    change: str | None = None


@dataclass
class Legend:
    """The key: ``fills`` (colour, meaning); ``tags`` (tag, colour, how its claims look)
    for the tags the file styles; ``focus``, ``evaluated`` and ``strength`` say which
    optional keys apply; ``changes`` lists the changes a diff drawing shows."""

    fills: list[tuple[str, str]]
    tags: list[tuple[str, str, str]]
    focus: bool
    evaluated: bool
    strength: bool
    changes: list[str] = field(default_factory=list)


@dataclass
class Diagram:
    title: str
    options: DrawingOptions
    lettering: Lettering
    boxes: dict[str, Box]
    clusters: list[Cluster]
    unclustered: list[str]
    edges: list[Edge]
    junctions: dict[tuple[str, str], str]
    legend: Legend | None
    layout: Layout | None = None


def build(amap: ArgMap, options: DrawingOptions | None = None, *,
          pinned: Layout | None = None, lettering: Lettering | None = None) -> Diagram:
    """The diagram of ``amap``.  The layered layout (``options.layout``) is computed here
    unless ``pinned`` gives the positions (paged figures lay out each page themselves).
    Deterministic: the same map gives the same diagram."""
    options = options or DrawingOptions()
    lettering = lettering or SCREEN
    graph = amap.graph
    colors = perspective_colors(amap)
    names = {node: f"n{index}" for index, node in enumerate(graph)}
    boxes = {node: _box(amap, node, data, names[node], colors, options, lettering)
             for node, data in graph.nodes(data=True)}
    if pinned is None and choose_layout(amap, options.layout) == "layered":
        pinned = layered_layout(amap, lambda node: with_port_room(
            amap, node, boxes[node].size(), options.rankdir), options.rankdir)
    group_by = "none" if pinned else options.group_by
    grouped: dict[str | None, list[str]] = {}
    for node, data in graph.nodes(data=True):
        key = data.get("perspective") if group_by == "perspective" else None
        if data.get("kind") == "thesis" or data.get("view_role") == "context":
            key = None
        grouped.setdefault(key, []).append(node)
    unclustered = grouped.pop(None, [])
    clusters = [Cluster(f"cluster_{index + bool(unclustered)}",
                        amap.perspectives.get(pid, pid), colors.get(pid, "#ffffff"), claims)
                for index, (pid, claims) in enumerate(grouped.items()) if pid is not None]
    undercut = sorted({(d["undercuts"], v) for _, v, d in graph.edges(data=True)
                       if d["relation"] == "undercut"}, key=lambda e: (names[e[0]], names[e[1]]))
    junctions = {edge: f"r{index}" for index, edge in enumerate(undercut)}
    cluster_of = {claim: cluster for cluster in clusters for claim in cluster.claims}
    for source, target in undercut:
        if source in cluster_of and cluster_of[source] is cluster_of.get(target):
            cluster_of[source].junctions.append((source, target))
    minlen = staggered_lengths(amap)
    edges = []
    for source, target, key, data in graph.edges(keys=True, data=True):
        text = f"{source} {data['relation']}s {target}"
        if data.get("note"):
            text += f": {data['note']}"
        if data.get("change"):
            text = f"{data['change']}: {text}"
        edges.append(Edge(source, target, key, data["relation"], text, data.get("undercuts"),
                          minlen.get((source, target)), data.get("change")))
    legend = None
    if options.legend and len(graph):
        legend = _legend(amap, options.color_by, colors)
    return Diagram("" if amap.title is None else amap.title, options, lettering, boxes,
                   clusters, unclustered, edges, junctions, legend, pinned)


def _box(amap: ArgMap, node: str, data: dict, name: str, colors: dict,
         options: DrawingOptions, lettering: Lettering) -> Box:
    side = data.get("side")
    fill, border = SIDE_COLORS.get(side, SIDE_COLORS[None])
    band = colors.get(data.get("perspective"), "#ffffff")
    if options.color_by == "perspective":
        fill, band = band, fill
    style = ["rounded", "filled"]
    status = STATUS.get(data.get("label", ""))
    if status and status[2] != "solid":
        style.append(status[2])
    border_style = _tag_border(amap, data)
    if border_style and border_style != "solid" and border_style not in ",".join(style):
        style.append(border_style)
    role = data.get("view_role")
    if "collapsed" in (data.get("meta") or {}):
        (fill, border), style, role = FOLDED_COLORS, ["rounded", "filled", "dashed"], "folded"
    elif role == "context":
        fill, border = CONTEXT_COLORS
    elif role == "focus":
        border = FOCUS_BORDER
    change = data.get("change") if role != "context" else None  # context never looks changed
    if change == "removed":
        (fill, border), style = GHOST_COLORS, ["rounded", "filled", "dashed"]
    elif change in CHANGES:
        border = CHANGES[change][1]
    kind = data.get("kind", "claim")
    return Box(node, name, kind, role, fill, border, style,
               rows(amap, node, data, band, lettering, options.show_notes),
               tooltip(node, data), classes=[kind] + ([side] if side else []),
               change=change if change in CHANGES else None)


def _tag_border(amap: ArgMap, data: dict) -> str | None:
    """The border the file's ``tags:`` gives the first of the claim's tags that has one."""
    styles = amap.tag_styles
    return next((styles[t]["border"] for t in data.get("tags") or ()
                 if "border" in styles.get(t, {})), None)


def _legend(amap: ArgMap, color_by: str, colors: dict) -> Legend:
    graph = amap.graph
    if color_by == "side":
        fills = [(SIDE_COLORS["pro"][0], "pro: supports the thesis"),
                 (SIDE_COLORS["con"][0], "con: opposes it")]
    else:
        fills = [(colors[pid], label) for pid, label in amap.perspectives.items()]
    roles = {data.get("view_role") for _, data in graph.nodes(data=True)}
    if "context" in roles:
        fills.append((CONTEXT_COLORS[0], "context: outside this view"))
    if any("collapsed" in (data.get("meta") or {}) for _, data in graph.nodes(data=True)):
        fills.append((FOLDED_COLORS[0], "+N more claims: folded away"))
    used = {t for _, tags in graph.nodes(data="tags") for t in tags or ()}
    tags = []
    for tag, style in amap.tag_styles.items():
        if tag in used and style:
            look = "; ".join(filter(None, (style.get("border") and f"{style['border']} border",
                                           style.get("note"))))
            tags.append((tag, style.get("color", "#444444"), look))
    changed: set[str | None] = {data.get("change") for _, data in graph.nodes(data=True)}
    changed |= {data.get("change") for _, _, data in graph.edges(data=True)}
    return Legend(fills, tags, "focus" in roles,
                  any("label" in data for _, data in graph.nodes(data=True)),
                  any("strength" in data for _, data in graph.nodes(data=True)),
                  [change for change in CHANGES if change in changed])


def rows(amap: ArgMap, node: str, data: dict, band: str, lettering: Lettering,
          show_notes: bool) -> list[Row]:
    """The rows of ``node``'s box, which both the label and its size estimate read."""
    small, text = lettering.small, data.get("text", node)
    if "collapsed" in (data.get("meta") or {}):  # a folded subtree: its count alone
        return [Row(tuple(wrap(text, 30)), lettering.text, bold=True)]
    header_width = lettering.small_wrap
    role = data.get("view_role")
    if role == "context":
        lines = wrap(text, lettering.wrap)
        if len(lines) > CONTEXT_LINES:
            lines = lines[:CONTEXT_LINES - 1] + [lines[CONTEXT_LINES - 1][:-1] + "\u2026"]
        where = data.get("meta", {}).get("page")
        heading = f"{node} \u00b7 context" + (f" \u00b7 page {where}" if where else "")
        return [Row(tuple(wrap(heading, header_width)), small, band="#e6e6e6",
                    color="#555555", role="header"),
                Row(tuple(lines), small, color="#555555")]
    kind = data.get("kind", "claim")
    perspective = data.get("perspective")
    header = [node, kind] + ([amap.perspectives.get(perspective, perspective)]
                             if perspective else [])
    if role == "focus":
        header.insert(0, "\u25ce focus")
    rows = [Row(tuple(wrap(" \u00b7 ".join(header), header_width)), small, band=band,
                role="header")]
    change = CHANGES.get(data.get("change", ""))
    if change:
        what = " ".join(filter(None, (change[0], data.get("change_detail"))))
        rows.append(Row(tuple(wrap(what, header_width)), max(small, 10.0), bold=True,
                        color=change[1], role="change"))
    status = STATUS.get(data.get("label", ""))
    if status:
        rows.append(Row((status[0],), max(small, 10.0), bold=True, color=status[1],
                        role="status"))
    if kind == "thesis":
        rows.append(Row(tuple(wrap(text, lettering.thesis_wrap)), lettering.thesis, bold=True))
    else:
        rows.append(Row(tuple(wrap(text, lettering.wrap)), lettering.text))
    if data.get("tags"):
        styles = amap.tag_styles
        color = next((styles[t]["color"] for t in data["tags"] if "color" in styles.get(t, {})),
                     "#444444")
        rows.append(Row(tuple(wrap(" ".join("#" + t for t in data["tags"]), header_width)),
                        small, bold=color != "#444444", color=color, role="tags"))
    for source in data.get("sources") or ():
        fields = amap.sources.get(source, {})
        url = fields.get("url")
        href = url if isinstance(url, str) and _LINK.fullmatch(url) else None
        rows.append(Row(tuple(wrap("Source: " + str(fields.get("title", source)),
                                   header_width)), small, italic=True, href=href,
                        color="#1a4f8b" if href else None, role="source"))
    if show_notes and data.get("note"):
        rows.append(Row(tuple(wrap("Note: " + data["note"], header_width)), small,
                        italic=True, color="#444444", role="note"))
    if "strength" in data:
        rows.append(Row((f"{float(data['strength']):.3f}",), small,
                        bar=max(0.0, min(1.0, float(data["strength"]))), role="strength"))
    if data.get("change") == "removed":  # a ghost: every row greyed but the mark
        rows = [row if row.role == "change" else replace(
                    row, color=GHOST_TEXT, href=None, band=row.band and GHOST_COLORS[0])
                for row in rows]
    return rows


def tooltip(node: str, data: dict) -> str:
    """The hover text of a claim: its id, its note, then each quote it rests on, with its
    source."""
    lines = [node] + ([f"Note: {data['note']}"] if data.get("note") else []) + [
        f"\u201c{text}\u201d" + (f" ({source})" if source else "")
        for text, source in quoted_passages(data)]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_MAX else text[:TOOLTIP_MAX - 1] + "\u2026"


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


def perspective_colors(amap: ArgMap) -> dict[str | None, str]:
    colors: dict[str | None, str] = {None: "#ffffff"}
    for index, pid in enumerate(amap.perspectives):
        colors[pid] = PERSPECTIVE_PALETTE[index % len(PERSPECTIVE_PALETTE)]
    return colors



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


PORT_GAP = 14.0  # points between the ends of the arrows into one side of a box
# Past this many arrows into one side of a box, arrows share their ends (in the order they
# come from), so a box argued about by thousands of claims stays a box, not a column.
MAX_PORTS = 24


def label_size(amap: ArgMap, node: str, lettering: Lettering = SCREEN,
               show_notes: bool = False, rankdir: str | None = None) -> tuple[float, float]:
    """An upper estimate of the (width, height) in points Graphviz gives ``node``'s box,
    from the same rows as its label; the layered layout spaces boxes by it.  With
    ``rankdir``, the box is also long enough across for its incoming arrows to end
    ``PORT_GAP`` apart."""
    size = rows_size(rows(amap, node, amap.graph.nodes[node], "", lettering, show_notes))
    return size if rankdir is None else with_port_room(amap, node, size, rankdir)


def with_port_room(amap: ArgMap, node: str, size: tuple[float, float],
                   rankdir: str) -> tuple[float, float]:
    """``size`` made long enough across for ``node``'s incoming arrows to end ``PORT_GAP``
    apart, at most ``MAX_PORTS`` of them (the layered layout reserves this for each box)."""
    width, height = size
    room = (min(amap.graph.in_degree(node), MAX_PORTS) + 1) * PORT_GAP / 0.8
    if rankdir in ("RL", "LR"):
        height = max(height, room)
    else:
        width = max(width, room)
    return width, height


def rows_size(rows: list[Row]) -> tuple[float, float]:
    width = max((_text_width(line, row.points, row.bold) + (BAR_WIDTH + 4 if row.bar is not None
                                                             else 0))
                for row in rows for line in row.lines)
    height = sum(6 + 1.2 * row.points * len(row.lines) for row in rows)
    return round(width + 24, 1), round(height + 14, 1)


def staggered_lengths(amap: ArgMap) -> dict[tuple[str, str], int]:
    """Edge lengths that stagger a claim's many leaf arguments over a few ranks.

    A thesis with thirty direct supporters is otherwise drawn thirty boxes wide; putting
    every other leaf one or two ranks further keeps the map closer to the page's shape."""
    lengths = {}
    # networkx's own adjacency dicts (in and out degree count parallel edges): the public
    # views wrap every lookup, for every predecessor of every claim.
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

