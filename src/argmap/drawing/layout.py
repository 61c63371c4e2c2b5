"""A layered layout for maps too big for Graphviz ``dot``.

``dot``'s network-simplex ranking and crossing minimisation grow much faster than the map
(on an Argdown export of 10,000 claims it took nine minutes), while drawing the same
claims at given positions (``neato -n2``) takes seconds.  Argument maps are mostly trees hanging off
the thesis, so a tidy tree layout does the job in one linear pass: the thesis on the
outermost layer, each claim one layer further out than the claim it argues about, siblings
side by side in a fixed order (supports, then rebuts, each undercut beside the relation it
attacks), each subtree packed against its neighbours along its contour (Reingold-Tilford
with boxes of their real sizes).  Cross-links and cycles do not change the tree; they are
drawn as straight lines and are what ``count_crossings`` mostly counts.

Coordinates are Graphviz points (1/72 inch, y up), box centres."""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import FormatError
from ..model import ArgMap
from ..progress import progress

LAYOUTS = ("auto", "dot", "layered")
# Above this many claims ``auto`` stops using dot: past it, dot's time and its crossings
# grow faster than the map (docs/big-maps.md has the measurements), while the layered
# layout stays linear and its tree edges never cross.
DOT_LIMIT = 1500
# Nor does ``auto`` use dot on a map with more cross-links than this: relations beyond a
# spanning forest (the map's cycle rank).  dot's crossing minimisation grows steeply with
# them: on random frameworks 100 took 0.1-3.9 s at 100-1,500 claims, 200 took 3.4-15 s,
# and 1,500 (a 100-argument framework) ran past 60 s, while a debate of 1,500 claims has
# about 30 (docs/big-maps.md, "Dense maps").
CROSS_LINK_LIMIT = 100
SIBLING_GAP = 12.0  # points between the boxes of siblings
SUBTREE_GAP = 28.0  # points between neighbouring subtrees, so each family reads as a group
LAYER_GAP = 70.0  # points between layers, room for the straight lines to fan in
RELATION_ORDER = {"support": 0, "rebut": 1, "undercut": 2}


def choose_layout(amap: ArgMap, layout: str = "auto") -> str:
    """``dot`` or ``layered``: what ``layout`` means for this map.  ``auto`` uses dot for
    maps small enough in claims and in cross-links for dot to draw in seconds."""
    if layout not in LAYOUTS:
        raise FormatError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if layout == "auto":
        small = len(amap) <= DOT_LIMIT and cross_links(amap) <= CROSS_LINK_LIMIT
        return "dot" if small else "layered"
    return layout


def cross_links(amap: ArgMap) -> int:
    """How many relations a spanning forest of the map leaves out (its cycle rank): the
    relations that close a cycle, each of which dot has to route across the others."""
    graph = amap.graph
    parent = {node: node for node in graph}

    def root(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    extra = 0
    for source, target in graph.edges():
        a, b = root(source), root(target)
        if a == b:
            extra += 1
        else:
            parent[a] = b
    return extra


@dataclass(frozen=True)
class Layout:
    """Where each claim goes: ``positions`` (box centre), ``sizes`` (width, height: at
    least the label's, and the same across a layer) and ``layers`` (0 for the thesis, 1
    for the claims arguing about it, ...); ``ranks`` is the coordinate of each layer
    along the direction arguments flow."""

    positions: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    layers: dict[str, int]
    ranks: list[float]
    rankdir: str

    @property
    def bounding_box(self) -> tuple[float, float, float, float]:
        """``(left, bottom, right, top)`` around every box."""
        xs = [(x - self.sizes[n][0] / 2, x + self.sizes[n][0] / 2)
              for n, (x, _) in self.positions.items()]
        ys = [(y - self.sizes[n][1] / 2, y + self.sizes[n][1] / 2)
              for n, (_, y) in self.positions.items()]
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(lo for lo, _ in xs), min(lo for lo, _ in ys),
                max(hi for _, hi in xs), max(hi for _, hi in ys))

    def crossings(self, edges: Iterable[tuple[str, str]]) -> int:
        """How many pairs of the straight lines ``edges`` cross (see ``count_crossings``)."""
        horizontal = self.rankdir in ("RL", "LR")
        cross = {n: (y if horizontal else x) for n, (x, y) in self.positions.items()}
        return count_crossings(self.layers, cross, edges, self.ranks)


def spanning_tree(amap: ArgMap) -> tuple[list[str], dict[str, list[str]]]:
    """The roots (theses first, then one claim per part of the map they do not reach) and
    each claim's children: the claims that argue about it, reached breadth first so each
    claim hangs under the nearest claim it argues about."""
    graph = amap.graph
    order = {node: index for index, node in enumerate(graph)}
    # Claims without a perspective (None) sort first.
    perspective_order: dict[str | None, int] = {
        pid: index for index, pid in enumerate(amap.perspectives)}
    children: dict[str, list[str]] = {}
    seen: set[str] = set()
    roots: list[str] = []
    for start in amap.theses() + list(graph):
        if start in seen:
            continue
        seen.add(start)
        roots.append(start)
        queue = deque([start])
        while queue:
            node = queue.popleft()
            arguments, undercutters = [], []
            for source, _, data in graph.in_edges(node, data=True):
                if source in seen:
                    continue
                seen.add(source)
                queue.append(source)
                if data["relation"] == "undercut":
                    undercutters.append((source, data["undercuts"]))
                else:
                    arguments.append((RELATION_ORDER[data["relation"]], perspective_order.get(
                        graph.nodes[source].get("perspective"), -1), order[source], source))
            children[node] = [source for *_, source in sorted(arguments)]
            for source, attacked in undercutters:  # beside the relation it attacks
                kids = children[node]
                at = kids.index(attacked) + 1 if attacked in kids else len(kids)
                kids.insert(at, source)
    return roots, children


def layered_layout(amap: ArgMap, size: Callable[[str], tuple[float, float]],
                   rankdir: str = "RL", gap: float = LAYER_GAP) -> Layout:
    """Positions for every claim; ``size(claim)`` is its box's (width, height) in points.

    ``rankdir`` is where arguments flow, as in Graphviz: ``RL`` puts the thesis on the
    left with its arguments to its right, ``LR`` the mirror image, ``BT`` the thesis on
    top, ``TB`` at the bottom."""
    with progress(f"laying out {len(amap):,} claims"):
        return _layered_layout(amap, size, rankdir, gap)


def _layered_layout(amap, size, rankdir, gap) -> Layout:
    horizontal = rankdir in ("RL", "LR")
    sizes = {node: size(node) for node in amap.graph}
    extent = {node: (h if horizontal else w) for node, (w, h) in sizes.items()}
    roots, children = spanning_tree(amap)
    offsets = _pack(roots, children, extent)
    cross: dict[str, float] = {}
    layers: dict[str, int] = {}
    stack = [(root, 0.0, 0) for root in reversed(roots)]
    while stack:
        node, parent_cross, depth = stack.pop()
        cross[node] = parent_cross + offsets[node]
        layers[node] = depth
        stack.extend((child, cross[node], depth + 1) for child in reversed(children[node]))
    thickness: dict[int, float] = {}
    for node, layer in layers.items():
        w, h = sizes[node]
        thickness[layer] = max(thickness.get(layer, 0.0), w if horizontal else h)
    ranks: list[float] = []
    for layer in range(len(thickness)):
        previous = ranks[-1] + thickness[layer - 1] / 2 + gap if ranks else 0.0
        ranks.append(previous + thickness[layer] / 2)
    flip = rankdir in ("LR", "TB")  # the thesis at the right or at the bottom
    positions = {}
    for node, layer in layers.items():
        # Every box on a layer gets the layer's thickness, so the layers read as columns
        # (or rows) and every line leaves and enters them at the same line.
        w, h = sizes[node]
        sizes[node] = (thickness[layer], h) if horizontal else (w, thickness[layer])
        along = -ranks[layer] if flip else ranks[layer]
        # Siblings read in order: top to bottom, or left to right.
        positions[node] = (along, -cross[node]) if horizontal else (cross[node], -along)
    positions = _shift_to_origin(positions, sizes)
    axis = 0 if horizontal else 1
    for node, layer in layers.items():
        ranks[layer] = positions[node][axis]
    return Layout(positions, sizes, layers, ranks, rankdir)


def _pack(roots, children, extent) -> dict[str, float]:
    """Each claim's offset along the layer from its parent (roots: from 0), packing every
    subtree against its left neighbour as tightly as the boxes on each layer allow and
    centring each parent on its children.  Iterative, and linear in the depth: a contour
    lists each layer's ``(low, high)`` extent deepest layer first, relative to a shift
    kept beside it, so adding a parent's layer is an append and moving a subtree one
    addition (copying the contour at every level made a 20,000-deep chain take 80 s)."""
    offsets: dict[str, float] = {}
    contour: dict = {}  # node -> (layers deepest first, shift)
    virtual = object()  # stands above the roots so that separate trees pack too
    post_order: list = []
    stack = [virtual]
    while stack:
        node = stack.pop()
        post_order.append(node)
        stack.extend(roots if node is virtual else children[node])
    for node in reversed(post_order):
        kids = roots if node is virtual else children[node]
        half = 0.0 if node is virtual else extent[node] / 2
        if not kids:
            contour[node] = ([(-half, half)], 0.0)
            continue
        merged, base = contour.pop(kids[0])
        offsets[kids[0]] = 0.0
        for kid in kids[1:]:
            outline, outline_base = contour.pop(kid)
            depth = min(len(merged), len(outline))
            shift = max(merged[-1 - d][1] + base + (SIBLING_GAP if d == 0 else SUBTREE_GAP)
                        - outline[-1 - d][0] - outline_base for d in range(depth))
            offsets[kid] = shift
            if len(outline) > len(merged):  # keep the deeper contour; lay the other on it
                lows = [merged[-1 - d][0] + base for d in range(depth)]
                merged, base = outline, outline_base + shift
                for d in range(depth):
                    merged[-1 - d] = (lows[d] - base, merged[-1 - d][1])
            else:
                for d in range(depth):
                    merged[-1 - d] = (merged[-1 - d][0],
                                      outline[-1 - d][1] + outline_base + shift - base)
        centre = (offsets[kids[0]] + offsets[kids[-1]]) / 2
        for kid in kids:
            offsets[kid] -= centre
        base -= centre
        merged.append((-half - base, half - base))
        contour[node] = (merged, base)
    return offsets


def _shift_to_origin(positions, sizes):
    """Move the drawing so every box lies at non-negative coordinates."""
    if not positions:
        return positions
    left = min(x - sizes[n][0] / 2 for n, (x, _) in positions.items())
    bottom = min(y - sizes[n][1] / 2 for n, (_, y) in positions.items())
    return {n: (x - left, y - bottom) for n, (x, y) in positions.items()}


def count_crossings(layers: dict[str, int], cross: dict[str, float],
                    edges: Iterable[tuple[str, str]], ranks: list[float] | None = None) -> int:
    """Pairs of straight edges that cross, for a layered drawing.

    ``layers`` gives each node's layer and ``cross`` its coordinate along the layer;
    ``ranks`` the layers' coordinates (default: evenly spaced).  An edge spanning several
    layers is a straight line, so it passes each layer in between at the interpolated
    point.  Between two adjacent layers, two lines cross exactly when their order on one
    layer is the reverse of their order on the other: the count is the number of such
    inversions, summed over the gaps.  Edges within one layer and lines sharing an end
    are not crossings."""
    ranks = ranks if ranks is not None else [float(i) for i in range(max(layers.values(),
                                                                         default=0) + 1)]
    by_gap: dict[int, list[tuple[float, float]]] = {}
    for u, v in edges:
        lu, lv = layers[u], layers[v]
        if lu == lv:
            continue
        if lu > lv:
            u, v, lu, lv = v, u, lv, lu
        ru, rv, cu, cv = ranks[lu], ranks[lv], cross[u], cross[v]
        passes = [cu + (cv - cu) * (ranks[layer] - ru) / (rv - ru)
                  for layer in range(lu, lv + 1)]  # where the line meets each layer
        for gap in range(lu, lv):
            by_gap.setdefault(gap, []).append((passes[gap - lu], passes[gap - lu + 1]))
    return sum(_inversions(sorted(pairs)) for pairs in by_gap.values())


def _inversions(pairs: list[tuple[float, float]]) -> int:
    """Pairs ``i < j`` with ``pairs[i][1] > pairs[j][1]``, the input sorted by the first
    coordinate and then the second, so equal ends on either layer never count.  A Fenwick
    tree over the ranks of the second coordinates keeps it O(n log n)."""
    values = sorted({second for _, second in pairs})
    tree = [0] * (len(values) + 1)
    count = 0
    for inserted, (_, second) in enumerate(pairs):
        position = bisect_left(values, second) + 1
        at_most, index = 0, position  # earlier lines ending at or before this one
        while index:
            at_most += tree[index]
            index -= index & -index
        count += inserted - at_most
        while position <= len(values):
            tree[position] += 1
            position += position & -position
    return count
