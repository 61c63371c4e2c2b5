"""The interactive HTML page: one file that works from ``file://`` and asks the network for
nothing.

Two ways to draw, chosen by size.  Up to ``SVG_LIMIT`` claims the page inlines the SVG
argmap draws through Graphviz, so it looks exactly like ``argmap export -o map.svg``;
bigger maps are drawn by the page itself from argmap's layered layout, with only the boxes
in view in the document, because an inline SVG of 10,000 claims is 24 MB and takes 15 s to
open.  Either way the claims travel as an inert JSON block (``<script
type="application/json">`` with ``<``, ``>``, ``&``, U+2028, U+2029 and lone surrogates
escaped), the script fills the page only through ``textContent``, and a
Content-Security-Policy lets nothing run or load but the page's own script and style,
pinned by their hashes."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources

from ..drawing.diagram import (
    CHANGES,
    COLOR_BY,
    GHOST_COLORS,
    PERSPECTIVE_PALETTE,
    RANKDIRS,
    SIDE_COLORS,
    label_size,
)
from ..drawing.graphviz import find_engine
from ..drawing.layout import LAYOUTS, layered_layout, spanning_tree
from ..errors import FormatError, RenderError
from ..model import ArgMap, quoted_passages
from ..pipeline import dumps

# Up to this many claims the page opens with Graphviz's own drawing, every claim in it.
SVG_LIMIT = 500
# Bigger than this, the page opens with the claims more than FOLD_DEPTH steps below the
# thesis folded away (the reader expands them, or finds them by search).
FOLD_LIMIT = 2000
FOLD_DEPTH = 2
SOURCE_FIELDS = ("title", "author", "publisher", "date", "url", "note")


def page(amap: ArgMap, *, group_by: str = "perspective", color_by: str = "side",
         rankdir: str = "RL", legend: bool = True, layout: str = "auto",
         show_notes: bool = False, overview: bool | None = None,
         live: dict | None = None) -> str:
    """The whole page for ``amap`` as text.

    ``layout``: ``dot`` always inlines Graphviz's drawing, ``layered`` always draws in the
    page, ``auto`` picks by size (and draws in the page when Graphviz is missing).
    ``show_notes`` draws notes in Graphviz's boxes too (the details panel always shows
    them).  ``overview`` is accepted and has no effect: the page always holds every claim,
    and big maps fold in the page itself.  ``live`` (used by ``argmap serve``) makes the
    page follow the server's updates: ``{"generation": N}`` names the map version it
    shows."""
    if layout not in LAYOUTS:
        raise FormatError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if layout == "auto":  # without Graphviz the page still draws, by itself
        layout = "dot" if len(amap) <= SVG_LIMIT and _has_graphviz() else "layered"
    data = _page_data(amap, color_by, rankdir)
    drawing = None
    if layout == "dot":
        drawing = _graphviz_drawing(amap, group_by=group_by, color_by=color_by,
                                    rankdir=rankdir, legend=legend, show_notes=show_notes)
    if drawing is not None:
        data["mode"] = "svg"
    else:
        data.update(_layered_boxes(amap, rankdir), mode="layered", legend=legend,
                    foldBelow=FOLD_DEPTH if len(amap) > FOLD_LIMIT else None)
        drawing = '<svg id="map" xmlns="http://www.w3.org/2000/svg"><g id="viewport"></g></svg>'
    if live is not None:
        data["live"] = {"generation": int(live.get("generation", 0))}
    return _document(amap.title or "Argument map", drawing, data, live is not None)


def _has_graphviz() -> bool:
    try:
        find_engine("dot")
    except RenderError:
        return False
    return True


def _document(title: str, drawing: str, data: dict, live: bool) -> str:
    script, style = _asset("page.js"), _asset("page.css")
    policy = (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
              f"img-src data:; base-uri 'none'; form-action 'none'"
              + ("; connect-src 'self'" if live else ""))
    heading = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{heading}</title>
<style>{style}</style>
</head>
<body>
<header id="toolbar">
<h1 id="title"></h1>
<div class="group">
<input type="search" id="search" placeholder="Search text, id, tag" aria-label="Search claims"
 autocomplete="off">
<button type="button" id="search-prev" title="Previous match (Shift+Enter)">&#8593;</button>
<button type="button" id="search-next" title="Next match (Enter)">&#8595;</button>
<span id="search-count" aria-live="polite"></span>
</div>
<div class="group">
<button type="button" id="zoom-in" title="Zoom in (+)">+</button>
<button type="button" id="zoom-out" title="Zoom out (&#8722;)">&#8722;</button>
<button type="button" id="fit" title="Fit to screen (0)">Fit</button>
</div>
<div class="group">
<button type="button" id="focus" title="Show the selected claim's neighbourhood">Focus</button>
<label>depth <select id="focus-depth"><option>1</option><option selected>2</option>
<option>3</option><option>4</option><option>6</option></select></label>
<button type="button" id="back" title="Back (Alt+Left)">&#9664;</button>
<button type="button" id="forward" title="Forward (Alt+Right)">&#9654;</button>
<button type="button" id="show-all" title="Leave focus mode, clear filters">All</button>
</div>
<details id="filters"><summary>Filters</summary><div id="filter-groups"></div></details>
</header>
<div id="live-error" role="alert" hidden></div>
<div id="workspace">
<main id="stage">{drawing}</main>
<aside id="panel" hidden aria-label="Claim details"></aside>
<div id="legend" hidden></div>
</div>
<script type="application/json" id="argmap-data">{inert_json(data)}</script>
<script>{script}</script>
</body>
</html>
"""


_JSON_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def inert_json(value) -> str:
    """``value`` as JSON that cannot end its ``<script>`` element or open markup: the
    characters HTML reads there, the two JavaScript line separators and lone surrogates
    (which UTF-8 cannot carry) become ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text("utf-8")


def _page_data(amap: ArgMap, color_by: str, rankdir: str) -> dict:
    """What the script needs, by claim index: the claims, the relations between them and
    the spanning tree that collapsing folds (the same tree the layered layout draws)."""
    for name, value, allowed in (("color_by", color_by, COLOR_BY),
                                 ("rankdir", rankdir, RANKDIRS)):
        if value not in allowed:
            raise FormatError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    graph = amap.graph
    index = {node: position for position, node in enumerate(graph)}
    claims = []
    for node, attrs in graph.nodes(data=True):
        claim = {"id": node, "text": attrs.get("text", node), "kind": attrs.get("kind", "claim")}
        for name in ("side", "perspective", "tags", "note", "weight", "label", "strength",
                     "sources", "line", "change", "change_detail"):
            if attrs.get(name) is not None:
                claim[name] = attrs[name]
        if attrs.get("quotes"):
            claim["quotes"] = quoted_passages(attrs)
        if "collapsed" in (attrs.get("meta") or {}):
            claim["folded"] = attrs["meta"]["collapsed"]
        claims.append(claim)
    relations = [[index[source], index[target], data["relation"],
                  index.get(data.get("undercuts")) if data["relation"] == "undercut" else None,
                  data.get("note"), data.get("change")]
                 for source, target, data in graph.edges(data=True)]
    roots, children = spanning_tree(amap)
    parent = [-1] * len(claims)
    for node, kids in children.items():
        for kid in kids:
            parent[index[kid]] = index[node]
    sources = {sid: ({"title": fields} if isinstance(fields, str) else
                     {key: str(value) for key, value in fields.items()
                      if key in SOURCE_FIELDS and value is not None})
               for sid, fields in amap.sources.items()}
    return {"title": amap.title or "", "perspectives": _perspective_colors(amap),
            "sources": sources, "claims": claims, "relations": relations, "parent": parent,
            "colorBy": color_by, "rankdir": rankdir,
            "sideColors": {side or "none": list(c) for side, c in SIDE_COLORS.items()},
            "changes": {change: list(look) for change, look in CHANGES.items()},
            "ghostColors": list(GHOST_COLORS)}


def _perspective_colors(amap: ArgMap) -> list[list[str]]:
    """``[id, label, colour]`` per perspective, coloured as argmap's drawings colour them."""
    return [[pid, label, PERSPECTIVE_PALETTE[position % len(PERSPECTIVE_PALETTE)]]
            for position, (pid, label) in enumerate(amap.perspectives.items())]


def _layered_boxes(amap: ArgMap, rankdir: str) -> dict:
    """Each claim's box ``[left, top, width, height, layer]`` in a y-down frame (points),
    from argmap's layered layout, and the size of the whole drawing."""
    layout = layered_layout(amap, lambda node: label_size(amap, node), rankdir)
    left, bottom, right, top = layout.bounding_box
    boxes = []
    for node in amap.graph:
        (x, y), (width, height) = layout.positions[node], layout.sizes[node]
        boxes.append([round(x - width / 2 - left, 1), round(top - y - height / 2, 1),
                      round(width, 1), round(height, 1), layout.layers[node]])
    return {"boxes": boxes, "size": [round(right - left, 1), round(top - bottom, 1)]}


# Graphviz writes each node and edge as a group whose title is its DOT name: claims are
# ``n<k>`` with ``id="claim-<id>"``, undercut junction dots ``r<k>``, edges ``a->b``.
_GROUP = re.compile(r'<g id="([^"]*)" class="(node|edge|cluster)">\n<title>([^<]*)</title>\n')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _graphviz_drawing(amap: ArgMap, **drawing) -> str | None:
    """Graphviz's SVG of the map, ready to inline: its prologue dropped, every claim's
    group marked ``data-claim`` (with its index), every edge and junction dot marked with
    the claims it needs (``data-ends``) so the page can hide it with them.  ``None`` when
    the SVG is not laid out as expected (another Graphviz version): the page then draws
    the map itself rather than show claims it cannot select."""
    drawn = dumps(amap, "svg", layout="dot", **drawing)
    assert isinstance(drawn, bytes)  # without ``page``, one drawing
    svg = drawn.decode("utf-8")
    ids = list(amap.graph)
    index = {node: position for position, node in enumerate(ids)}
    groups = list(_GROUP.finditer(svg))
    claim_of = {}  # DOT name -> claim index
    for match in groups:
        element_id, kind, name = (html.unescape(part) for part in match.groups())
        if kind == "node" and element_id.startswith("claim-") and element_id[6:] in index:
            claim_of[name] = index[element_id[6:]]
    if len(claim_of) != len(ids):
        return None
    edges = []
    for match in groups:
        if match.group(2) == "edge":
            tail, _, head = html.unescape(match.group(3)).partition("->")
            edges.append((tail, head))
    junction_ends = _junction_ends(amap, index, claim_of, edges)

    def ends_of(name: str) -> list[int]:
        return junction_ends.get(name) or ([claim_of[name]] if name in claim_of else [])

    out, at, edge_number = [], 0, 0
    for match in groups:
        out.append(svg[at:match.start()])
        at = match.end()
        element_id, kind, name = match.groups()
        plain = html.unescape(name)
        if kind == "node" and plain in claim_of:
            tag = (f'<g id="{element_id}" class="node claim" tabindex="0" '
                   f'data-claim="{html.escape(ids[claim_of[plain]])}" '
                   f'data-index="{claim_of[plain]}">\n')
        elif kind == "node" and plain in junction_ends:
            tag = f'<g class="node junction" data-ends="{_joined(ends_of(plain))}">\n'
        elif kind == "edge":
            tail, head = edges[edge_number]
            edge_number += 1
            ends = sorted(set(ends_of(tail)) | set(ends_of(head)))
            tag = f'<g id="{element_id}" class="edge" data-ends="{_joined(ends)}">\n'
        else:
            tag = f'<g id="{element_id}" class="{kind}{" legend" * (plain == "legend")}">\n'
        out.append(tag)
    out.append(svg[at:])
    body = "".join(out)
    opening = _SVG_OPEN.search(body)
    if opening is None:
        raise FormatError("Graphviz returned an SVG without an <svg> element")
    view_box = re.search(r'viewBox="([^"]*)"', opening.group())
    close = body.rindex("</svg>")
    return (f'<svg id="map" xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'data-view-box="{view_box.group(1) if view_box else ""}">'
            f'<g id="viewport">{body[opening.end():close]}</g></svg>')


def _joined(indices) -> str:
    return " ".join(str(i) for i in indices)


def _junction_ends(amap: ArgMap, index: dict, claim_of: dict,
                   edges: list[tuple[str, str]]) -> dict[str, list[int]]:
    """For each undercut junction dot, the two claims of the relation it sits on.

    A dot has one edge out (to the relation's target) and edges in from the relation's
    source and from each undercutter; the source is the one the map's undercuts name."""
    into: dict[str, set[str]] = {}
    out_of: dict[str, str] = {}
    for tail, head in edges:
        if head not in claim_of:
            into.setdefault(head, set()).add(tail)
        if tail not in claim_of:
            out_of[tail] = head
    undercut = {(index[data["undercuts"]], index[target])
                for _, target, data in amap.graph.edges(data=True)
                if data["relation"] == "undercut"}
    ends = {}
    for dot, target in out_of.items():
        if target not in claim_of:
            continue
        for tail in sorted(into.get(dot, ())):
            if tail in claim_of and (claim_of[tail], claim_of[target]) in undercut:
                ends[dot] = [claim_of[tail], claim_of[target]]
                break
    return ends
