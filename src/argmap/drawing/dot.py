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
import urllib.parse
from collections import Counter
from dataclasses import dataclass

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


def _perspective_colors(amap: ArgMap) -> dict[str | None, str]:
    colors: dict[str | None, str] = {None: "#ffffff"}
    for index, pid in enumerate(amap.perspectives):
        colors[pid] = PERSPECTIVE_PALETTE[index % len(PERSPECTIVE_PALETTE)]
    return colors


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
class _Row:
    """One row of a box: wrapped ``lines`` in one style, or a strength ``bar``."""

    lines: tuple[str, ...]
    points: float
    bold: bool = False
    italic: bool = False
    color: str | None = None
    band: str | None = None
    href: str | None = None
    bar: float | None = None


def _rows(amap: ArgMap, node: str, data: dict, band: str, lettering: Lettering,
          show_notes: bool) -> list[_Row]:
    """The rows of ``node``'s box, which both the label and its size estimate read."""
    small, text = lettering.small, data.get("text", node)
    if "collapsed" in (data.get("meta") or {}):  # a folded subtree: its count alone
        return [_Row(tuple(wrap(text, 30)), lettering.text, bold=True)]
    header_width = lettering.small_wrap
    role = data.get("view_role")
    if role == "context":
        lines = wrap(text, lettering.wrap)
        if len(lines) > CONTEXT_LINES:
            lines = lines[:CONTEXT_LINES - 1] + [lines[CONTEXT_LINES - 1][:-1] + "\u2026"]
        where = data.get("meta", {}).get("page")
        heading = f"{node} \u00b7 context" + (f" \u00b7 page {where}" if where else "")
        return [_Row(tuple(wrap(heading, header_width)), small, band="#e6e6e6",
                     color="#555555"),
                _Row(tuple(lines), small, color="#555555")]
    kind = data.get("kind", "claim")
    perspective = data.get("perspective")
    header = [node, kind] + ([amap.perspectives.get(perspective, perspective)]
                             if perspective else [])
    if role == "focus":
        header.insert(0, "\u25ce focus")
    rows = [_Row(tuple(wrap(" \u00b7 ".join(header), header_width)), small, band=band)]
    status = STATUS.get(data.get("label"))
    if status:
        rows.append(_Row((status[0],), max(small, 10.0), bold=True, color=status[1]))
    if kind == "thesis":
        rows.append(_Row(tuple(wrap(text, lettering.thesis_wrap)), lettering.thesis, bold=True))
    else:
        rows.append(_Row(tuple(wrap(text, lettering.wrap)), lettering.text))
    if data.get("tags"):
        styles = amap.tag_styles
        color = next((styles[t]["color"] for t in data["tags"] if "color" in styles.get(t, {})),
                     "#444444")
        rows.append(_Row(tuple(wrap(" ".join("#" + t for t in data["tags"]), header_width)),
                         small, bold=color != "#444444", color=color))
    for source in data.get("sources") or ():
        fields = amap.sources.get(source, {})
        url = fields.get("url")
        href = url if isinstance(url, str) and _LINK.fullmatch(url) else None
        rows.append(_Row(tuple(wrap("Source: " + str(fields.get("title", source)),
                                    header_width)), small, italic=True, href=href,
                         color="#1a4f8b" if href else None))
    if show_notes and data.get("note"):
        rows.append(_Row(tuple(wrap("Note: " + data["note"], header_width)), small,
                         italic=True, color="#444444"))
    if "strength" in data:
        rows.append(_Row((f"{float(data['strength']):.3f}",), small,
                         bar=max(0.0, min(1.0, float(data["strength"])))))
    return rows


def _row_html(row: _Row) -> str:
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


def _tag_border(amap: ArgMap, data: dict) -> str | None:
    """The border the file's ``tags:`` gives the first of the claim's tags that has one."""
    styles = amap.tag_styles
    return next((styles[t]["border"] for t in data.get("tags") or ()
                 if "border" in styles.get(t, {})), None)


def _href(url: str) -> str:
    """An http(s) URL as an HTML-label HREF that comes out of Graphviz's SVG as the same
    link, valid and inert: characters a URL may not hold raw are percent-encoded, and
    ``&`` escaped twice, since Graphviz decodes the label's entities and then writes the
    link into the SVG without escaping it again."""
    return urllib.parse.quote(url, safe=_URL_SAFE).replace("&", "&amp;amp;")


_URL_SAFE = "".join(c for c in map(chr, range(0x21, 0x7f)) if c not in "\"'<>\\`^{|}")


def _node_label(rows: list[_Row]) -> str:
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
            + "".join(_row_html(row) for row in rows) + "</TABLE>>")


def _tooltip(node: str, data: dict) -> str:
    """The hover text of a claim: its id, its note, then each quote it rests on, with its
    source."""
    lines = [node] + ([f"Note: {data['note']}"] if data.get("note") else []) + [
        f"\u201c{text}\u201d" + (f" ({source})" if source else "")
        for text, source in quoted_passages(data)]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_MAX else text[:TOOLTIP_MAX - 1] + "\u2026"


def _legend(amap: ArgMap, color_by: str, colors: dict, position: str = "") -> str:
    graph = amap.graph
    rows = []
    if color_by == "side":
        for side, name in (("pro", "pro: supports the thesis"), ("con", "con: opposes it")):
            rows.append((SIDE_COLORS[side][0], name))
    else:
        for pid, label in amap.perspectives.items():
            rows.append((colors[pid], label))
    roles = {data.get("view_role") for _, data in graph.nodes(data=True)}
    if "context" in roles:
        rows.append((CONTEXT_COLORS[0], "context: outside this view"))
    if any("collapsed" in (data.get("meta") or {}) for _, data in graph.nodes(data=True)):
        rows.append((FOLDED_COLORS[0], "+N more claims: folded away"))
    cells = "".join(f'<TR><TD BGCOLOR="{fill}" WIDTH="18"></TD>'
                    f'<TD ALIGN="LEFT">{html_text(text)}</TD></TR>' for fill, text in rows)
    arrows = (("#1b7837", "\u2014\u25b6 supports (solid)"),
              ("#b2182b", "- - \u22a3 rebuts (dashed)"),
              ("#7b3294", "\u00b7\u00b7\u00b7\u22a3 undercuts a relation (dotted)"))
    cells += "".join(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}">{text}</FONT>'
                     f'</TD></TR>' for color, text in arrows)
    cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">double border: thesis; folded corner: '
              'evidence</TD></TR>')
    used = {t for _, tags in graph.nodes(data="tags") for t in tags or ()}
    for tag, style in amap.tag_styles.items():
        if tag in used and style:
            look = "; ".join(filter(None, (style.get("border") and f"{style['border']} border",
                                           style.get("note"))))
            color = style.get("color", "#444444")
            cells += (f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT COLOR="{color}"><B>'
                      f'#{html_text(tag)}</B></FONT>{": " if look else ""}{html_text(look)}'
                      f'</TD></TR>')
    if "focus" in roles:
        cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">thick blue border: the focus</TD></TR>')
    if any("label" in data for _, data in graph.nodes(data=True)):
        cells += ('<TR><TD COLSPAN="2" ALIGN="LEFT">\u2714 in (stands) \u00b7 \u2718 out '
                  '(defeated) \u00b7 ? undecided</TD></TR>')
    if any("strength" in data for _, data in graph.nodes(data=True)):
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


CONTEXT_COLORS = ("#f3f3f3", "#9a9a9a")
FOLDED_COLORS = ("#ececec", "#777777")
FOCUS_BORDER = "#1f3a93"


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
    diagrams (``formats.diagram``) default to ``auto``.  With the ``layered`` layout
    (``auto`` picks it for big maps, see ``argmap.drawing.layout``)
    every node carries its position and the file is drawn with ``neato -n2``; perspective
    clusters are left out there, since pinned positions cannot follow them.
    ``show_notes`` draws each claim's note inside its box (notes are always the hover
    text of SVG output)."""
    for name, value, allowed in (("group_by", group_by, GROUP_BY),
                                 ("color_by", color_by, COLOR_BY),
                                 ("rankdir", rankdir, RANKDIRS)):
        if value not in allowed:
            raise FormatError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    pinned = None
    if choose_layout(amap, layout) == "layered":
        pinned = layered_layout(
            amap, lambda node: label_size(amap, node, SCREEN, show_notes, rankdir), rankdir)
    return write_pinned(amap, pinned, group_by=group_by, color_by=color_by, rankdir=rankdir,
                        legend=legend, show_notes=show_notes)


def write_pinned(amap: ArgMap, pinned: Layout | None, *, group_by: str = "perspective",
                 color_by: str = "side", rankdir: str = "RL", legend: bool = True,
                 show_notes: bool = False, lettering: Lettering = SCREEN,
                 frame: Frame | None = None,
                 legend_at: tuple[float, float] | None = None) -> str:
    """The DOT text for ``amap`` at the positions of ``pinned`` (``None``: for ``dot`` to
    lay out), in ``lettering``, on ``frame`` when given; ``legend_at`` places the
    legend's centre (default: above the drawing)."""
    graph = amap.graph
    colors = _perspective_colors(amap)
    if pinned:
        group_by = "none"
    title = "" if frame else (amap.title or "")
    out = ["digraph argmap {",
           f'  graph [rankdir="{rankdir}", newrank=true, nodesep=0.35, ranksep=0.55, '
           f'fontname="Helvetica", fontsize=20, labelloc="t", '
           f'label={quote(title)}{PINNED_GRAPH if pinned else ""}{_frame_graph(frame)}];',
           f'  node [fontname="Helvetica", fontsize={lettering.text:g}, '
           f'style="rounded,filled", margin=0.06];',
           '  edge [fontname="Helvetica", fontsize=9];']
    if frame:
        out += _frame_nodes(frame)

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
        tag_border = _tag_border(amap, data)
        if tag_border and tag_border != "solid" and tag_border not in style:
            style += f",{tag_border}"
        shape = KIND_SHAPE.get(data.get("kind", "claim"), KIND_SHAPE["claim"])
        role = data.get("view_role")
        if "collapsed" in (data.get("meta") or {}):
            (fill, border), shape, style = FOLDED_COLORS, 'shape="box"', "rounded,filled,dashed"
        elif role == "context":
            (fill, border), shape = CONTEXT_COLORS, 'shape="box"'
        elif role == "focus":
            shape += ', penwidth=3.5, peripheries=1'
            border = FOCUS_BORDER
        pos = ""
        if pinned:
            width, height = pinned.sizes[node]
            pos = (f"{_pos(*pinned.positions[node])}, width={width / 72:.3f}, "
                   f"height={height / 72:.3f}, ")
        rows = _rows(amap, node, data, band, lettering, show_notes)
        return (f'{names[node]} [id={quote("claim-" + node)}, '
                f'tooltip={quote(_tooltip(node, data))}, {pos}{shape}, '
                f'style="{style}", '
                f'fillcolor="{fill}", color="{border}", '
                f'label={_node_label(rows)}];')

    # A dot on each undercut relation, for the undercutting arrow to point at.
    undercut = sorted({(d["undercuts"], v) for _, v, d in graph.edges(data=True)
                       if d["relation"] == "undercut"}, key=lambda e: (names[e[0]], names[e[1]]))
    junctions = {edge: f"r{index}" for index, edge in enumerate(undercut)}
    routes = _routes(graph, pinned, junctions) if pinned else {}

    def junction_line(edge: tuple[str, str]) -> str:
        pos = f"{_pos(*routes[junctions[edge]])}, " if pinned else ""
        return f'{junctions[edge]} [{pos}shape="point", width=0.09, color="#7b3294"];'

    grouped: dict[str | None, list[tuple[str, dict]]] = {}
    cluster: dict[str, str | None] = {}
    for node, data in graph.nodes(data=True):
        key = data.get("perspective") if group_by == "perspective" else None
        if data.get("kind") == "thesis" or data.get("view_role") == "context":
            key = None
        grouped.setdefault(key, []).append((node, data))
        cluster[node] = key
    # A dot on a relation within one cluster goes in it, not on the cluster's border.
    inside: dict[str | None, list[tuple[str, str]]] = {}
    for source, target in undercut:
        if cluster[source] is not None and cluster[source] == cluster[target]:
            inside.setdefault(cluster[source], []).append((source, target))
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
            out.extend(indent + junction_line(edge) for edge in inside.get(pid, ()))
            out.append("  }")
    placed = {edge for edges in inside.values() for edge in edges}

    minlen = _staggered_lengths(graph)
    for source, target, key, data in graph.edges(keys=True, data=True):
        relation = data["relation"]
        style = RELATION_STYLE[relation]
        route = routes.get((source, target, key))
        if route is not None:
            style += f", {route}"
        elif (source, target) in minlen:
            style += f", minlen={minlen[source, target]}"
        tooltip = f'{source} {relation}s {target}'
        if data.get("note"):
            tooltip += f": {data['note']}"
        if relation == "undercut":
            out.append(f"  {names[source]} -> {junctions[data['undercuts'], target]} "
                       f"[{style}, tooltip={quote(tooltip)}];")
        elif (source, target) in junctions:
            junction = junctions[source, target]
            first, second = routes.get((source, target, "split"), ("", ""))
            if (source, target) not in placed:
                out.append(f"  {junction_line((source, target))}")
            out.append(f'  {names[source]} -> {junction} [{RELATION_STYLE[relation]}{first}, '
                       f'arrowhead="none", tooltip={quote(tooltip)}];')
            out.append(f"  {junction} -> {names[target]} [{RELATION_STYLE[relation]}{second}, "
                       f"tooltip={quote(tooltip)}];")
        else:
            out.append(f"  {names[source]} -> {names[target]} [{style}, "
                       f"tooltip={quote(tooltip)}];")
    if legend and len(graph):
        position = ""
        if legend_at:
            position = _pos(*legend_at) + ", "
        elif pinned:
            position = _legend_position(pinned)
        out.append(_legend(amap, color_by, colors, position))
    out.append("}")
    return "\n".join(out) + "\n"


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


def _routes(graph, pinned: Layout, junctions: dict) -> dict:
    """Every relation's drawn line in a pinned layered drawing, as Graphviz ``pos`` text.

    A line from a claim to the claim it argues about one layer further in is straight,
    across the gap between the two layers, where no box is.  A line spanning several
    layers passes each one between its boxes.  Lines into one claim end at distinct points
    spread along its side, in the order they come from, so each arrow can be followed to
    its source.  ``junctions[(source, target)]``: the undercut dot on that relation, put
    at the middle of its line (the result maps the dot's name to its position)."""
    geometry = _Geometry(pinned)
    layers = pinned.layers
    paths: dict = {}  # edge -> points (along, across) up to the last one before the head
    arrivals: dict[tuple[str, bool], list] = {}  # (target, outward side) -> edges
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data["relation"] == "undercut":
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
        span = 2 * half_across * (0.8 if len(edges) > 1 else 0)
        for index, (_, edge) in enumerate(edges):
            offset = span * ((index + 0.5) / len(edges) - 0.5) if len(edges) > 1 else 0.0
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
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data["relation"] == "undercut":
            dot = routes[junctions[data["undercuts"], target]]
            start = geometry.point(geometry.side(source, False), geometry.centre(source)[1])
            routes[source, target, key] = _spline([start, dot], True)
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


PORT_GAP = 14.0  # points between the ends of the arrows into one side of a box


def label_size(amap: ArgMap, node: str, lettering: Lettering = SCREEN,
               show_notes: bool = False, rankdir: str | None = None) -> tuple[float, float]:
    """An upper estimate of the (width, height) in points Graphviz gives ``node``'s box,
    from the same rows as its label; the layered layout spaces boxes by it.  With
    ``rankdir``, the box is also long enough across for its incoming arrows to end
    ``PORT_GAP`` apart."""
    width, height = _rows_size(_rows(amap, node, amap.graph.nodes[node], "", lettering,
                                     show_notes))
    if rankdir is not None:
        room = (amap.graph.in_degree(node) + 1) * PORT_GAP / 0.8
        if rankdir in ("RL", "LR"):
            height = max(height, room)
        else:
            width = max(width, room)
    return width, height


def _rows_size(rows: list[_Row]) -> tuple[float, float]:
    width = max((_text_width(line, row.points, row.bold) + (BAR_WIDTH + 4 if row.bar is not None
                                                             else 0))
                for row in rows for line in row.lines)
    height = sum(6 + 1.2 * row.points * len(row.lines) for row in rows)
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

