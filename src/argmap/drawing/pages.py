"""Pages: a map cut into drawings that each fit a sheet of paper (or a screen) legibly.

The first page holds the thesis and as much of the top levels as fits; every subtree that
does not fit is folded into one box, ``+N more claims (p pro, c con), page K``, and drawn on
page K, with the claim it argues about repeated there as a grey context box.  A claim with
more arguments than a page holds spreads them over several pages, each ending in a box
for the rest.  So every claim is drawn on some page at full size, and nothing is shrunk
below the size that was asked for.

Fitting is measured, not guessed: each candidate page is laid out with the layered layout
(``argmap.drawing.layout``) and its bounding box compared with the room on the page.  The tree
followed is the layout's spanning tree; relations between claims on different pages are
not drawn."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import networkx as nx

from ..errors import FormatError
from ..model import ArgMap
from .diagram import LEGEND_SIZE, PRINT, SCREEN, label_size
from .dot import Frame, write_pinned
from .layout import LAYER_GAP, Layout, layered_layout, spanning_tree

# Sheet sizes in points (1/72 inch), portrait.
PAPER = {"a4": (595.3, 841.9), "letter": (612.0, 792.0), "a3": (841.9, 1190.6)}
PAGES = tuple(name + suffix for name in PAPER for suffix in ("", "-landscape"))


def paper_size(page: str) -> tuple[float, float]:
    """``(width, height)`` in points of a page name such as ``a4`` or ``letter-landscape``."""
    name, landscape = page.removesuffix("-landscape"), page.endswith("-landscape")
    if name not in PAPER or page not in PAGES:
        raise FormatError(f"page must be one of {', '.join(PAGES)}, not {page!r}")
    width, height = PAPER[name]
    return (height, width) if landscape else (width, height)


@dataclass
class Page:
    """One page: its ``map`` (the claims drawn on it, the folded-subtree boxes with
    ``meta={"collapsed": N, "page": K}``, and a repeated claim from an earlier page with
    ``view_role="context"``), its ``number`` and the ``layout`` that was measured."""

    number: int
    map: ArgMap
    layout: Layout
    claims: list[str] = field(default_factory=list)  # the map's own claims drawn here


@dataclass
class _Job:
    """A page to make: ``anchor`` with the arguments ``kids`` about it (``continued``:
    the anchor was drawn on an earlier page, so it is repeated here as context)."""

    anchor: str
    kids: list[str]
    continued: bool
    number: int
    home: int | None = None  # the page the anchor is drawn on in full


def paginate(amap: ArgMap, room: tuple[float, float],
             size: Callable[[ArgMap, str], tuple[float, float]], rankdir: str = "RL",
             first_room: tuple[float, float] | None = None,
             page_refs: bool = True, first_only: bool = False,
             gap: float = LAYER_GAP) -> list[Page]:
    """The pages of ``amap``, each laid out within ``room`` (width, height in points of
    the drawing itself; ``first_room`` for the first page, which may carry a legend).

    ``size(page_map, claim)`` gives a claim's box.  With ``first_only`` only the first
    page is made (an overview: its folded boxes name no page); ``page_refs=False`` also
    leaves page numbers out of the folded boxes; ``gap`` is the room between layers."""
    graph = amap.graph
    roots, children = spanning_tree(amap)
    sides = dict(graph.nodes(data="side"))
    jobs: deque[_Job] = deque()
    made = 0

    def new_job(anchor: str, kids: list[str], continued: bool,
                home: int | None = None) -> _Job:
        nonlocal made
        made += 1
        job = _Job(anchor, kids, continued, made, home)
        if not first_only or made == 1:
            jobs.append(job)
        return job

    # The thesis (and every other root) starts a page of its own with all its arguments.
    for root in roots:
        new_job(root, children[root], False)
        if first_only:
            break
    def _fits(group: list[_Piece], limit: tuple[float, float]) -> bool:
        page_map = _page_map(amap, group, sides, children, lambda job: 999, page_refs)
        left, bottom, right, top = layered_layout(
            page_map, lambda n: size(page_map, n), rankdir, gap).bounding_box
        return right - left <= limit[0] and top - bottom <= limit[1]

    pieces: list[_Piece] = []
    while jobs:
        job = jobs.popleft()
        limit = first_room if (first_room and job.number == 1) else room
        # As many of the anchor's arguments as fit side by side, each folded below itself.
        kids = job.kids
        shown = 1
        while shown < len(kids):
            trial = kids[:shown + 1]
            folds = {job.anchor: kids[shown + 1:], **{k: children[k] for k in trial}}
            if not _fits([_Piece(job, [job.anchor, *trial], folds)], limit):
                break
            shown += 1
        members = [job.anchor, *kids[:shown]]
        folds = {job.anchor: kids[shown:], **{k: children[k] for k in kids[:shown]}}
        # Then deeper, one claim's arguments at a time, breadth first.
        frontier = deque(kids[:shown])
        while frontier:
            node = frontier.popleft()
            if not children[node]:
                continue
            trial_folds = {**folds, node: []}
            trial_folds.update({k: children[k] for k in children[node]})
            if _fits([_Piece(job, members + children[node], trial_folds)], limit):
                members += children[node]
                folds = trial_folds
                frontier.extend(children[node])
        folds = {node: rest for node, rest in folds.items() if rest}
        targets = {}
        for node, rest in folds.items():
            home = job.home if (job.continued and node == job.anchor) else job.number
            targets[node] = new_job(node, rest, True, home).number
        pieces.append(_Piece(job, members, folds, targets))

    # Pieces share a page while they fit, in order: the continuations of neighbouring
    # claims usually end up together.
    grouped: list[list[_Piece]] = []
    for piece in pieces:
        if grouped and grouped[-1][0].job.number != 1 and _fits(grouped[-1] + [piece], room):
            grouped[-1].append(piece)
        else:
            grouped.append([piece])
    page_of: dict[int | None, int] = {piece.job.number: index
                                      for index, group in enumerate(grouped, 1)
                                      for piece in group}
    pages = []
    for number, group in enumerate(grouped, 1):
        page_map = _page_map(amap, group, sides, children, page_of.get,
                             page_refs and not first_only)
        layout = layered_layout(page_map, partial(size, page_map), rankdir, gap)
        drawn = [m for piece in group for m in piece.members
                 if not (piece.job.continued and m == piece.job.anchor)]
        pages.append(Page(number, page_map, layout, drawn))
    return pages


@dataclass
class _Piece:
    """What a job puts on a page: its ``members`` and ``folds`` (claim -> its arguments
    left for a later page), and ``targets`` (claim -> the job that draws them)."""

    job: _Job
    members: list[str]
    folds: dict[str, list[str]]
    targets: dict[str, int] = field(default_factory=dict)


def _page_map(amap: ArgMap, pieces: list[_Piece], sides: dict,
              children: dict[str, list[str]], page_of: Callable[[int | None], int | None],
              page_refs: bool) -> ArgMap:
    """The map drawn on one page: each piece's members with the relations among them, and
    for each fold a box counting the folded claims (``page_of``: the page of a job, or of
    ``None`` while a page is being fitted, when it stands in for the widest number)."""
    graph = amap.graph
    members = [m for piece in pieces for m in piece.members]
    keep = set(members)
    page: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    page.graph.update(amap.graph.graph)
    for node in members:
        page.add_node(node, **graph.nodes[node])
    for piece in pieces:
        if piece.job.continued:
            page.nodes[piece.job.anchor]["view_role"] = "context"
            page.nodes[piece.job.anchor]["meta"] = {"page": page_of(piece.job.home)}
    for node in members:
        for source, target, key, data in graph.in_edges(node, keys=True, data=True):
            if source in keep:
                page.add_edge(source, target, key=key, **data)
    page.remove_edges_from([(u, v, key) for u, v, key, data in page.edges(keys=True, data=True)
                            if data["relation"] == "undercut"
                            and not ({"support", "rebut"}
                                     & set(page.get_edge_data(data["undercuts"], v) or {}))])
    page_map = ArgMap(page, path=amap.path)
    for piece in pieces:
        for node, rest in piece.folds.items():
            if rest:
                _add_fold(page_map, graph, node, rest, sides, children,
                          page_of(piece.targets.get(node)), page_refs)
    return page_map


def _add_fold(page_map: ArgMap, graph, node: str, rest: list[str], sides: dict,
              children: dict[str, list[str]], target: int | None, page_refs: bool) -> None:
    """A box for the arguments ``rest`` about ``node`` and everything below them."""
    folded = [*rest, *(d for kid in rest for d in _descendants(kid, children))]
    claim_sides = [sides.get(c) for c in folded]
    pro, con = claim_sides.count("pro"), claim_sides.count("con")
    noun = "claim" if len(folded) == 1 else "claims"
    text = f"+{len(folded)} more {noun} ({pro} pro, {con} con)"
    meta = {"collapsed": len(folded)}
    if target is not None:
        meta["page"] = target
        if page_refs:
            text += f", page {target}"
    summary, number = f"{node}-more", 1
    while summary in graph or summary in page_map:
        number += 1
        summary = f"{node}-more-{number}"
    relations = [next(iter(graph.get_edge_data(kid, node) or {"support": None}))
                 for kid in rest]
    relation = "rebut" if relations.count("rebut") > relations.count("support") else "support"
    page_map.add_claim(summary, text, meta=meta)
    page_map.add_relation(summary, node, relation)


def _descendants(node: str, children: dict[str, list[str]]) -> list[str]:
    found, stack = [], list(children[node])
    while stack:
        kid = stack.pop()
        found.append(kid)
        stack.extend(children[kid])
    return found


PAGE_MARGIN = 24.0  # points around the drawing on paper
TITLE_BAND = 30.0  # points at the top of each page for the map's title
FOOTER_BAND = 20.0  # points at the bottom for the page number
PAGE_LAYER_GAP = 40.0  # points between layers on paper, where room is short
MIN_PRINTED = 8.0  # points: no text is printed smaller than this
# The widest drawing whose smallest text (9 pt) still shows 8 px high when the picture is
# shown 1000 px wide (1 pt is 4/3 px at the usual 96 px per inch): 9000 / 8, less padding.
SCREEN_WIDTH = 1110.0


class Pages(list):
    """Rendered pages, one ``bytes`` per page: what SVG and PNG output with ``page`` is.
    ``page_path`` names the file of each."""


def page_path(output: str | os.PathLike, number: int) -> Path:
    """Where page ``number`` of ``output`` goes: ``debate.svg`` -> ``debate-1.svg``, ..."""
    path = Path(output)
    return path.with_name(f"{path.stem}-{number}{path.suffix}")


def page_drawings(amap: ArgMap, page: str, *, rankdir: str | None = None,
                  color_by: str = "side", legend: bool = True, show_notes: bool = False,
                  group_by: str | None = None) -> list[str]:
    """The DOT text of each page of ``amap`` on paper ``page`` (see ``paper_size``): the
    thesis and top levels first, then each folded subtree.  The arguments about a claim
    line up along the page's long side (portrait ``RL``, landscape ``BT``: on the sample
    debate that takes a quarter fewer pages than the other way), unless ``rankdir`` says
    otherwise.  Every page is shrunk to fit by at most what keeps its
    smallest text at ``MIN_PRINTED`` points."""
    paper = paper_size(page)
    rankdir = rankdir or ("BT" if paper[0] > paper[1] else "RL")
    shrink = MIN_PRINTED / PRINT.smallest
    avail = (paper[0] - 2 * PAGE_MARGIN, paper[1] - 2 * PAGE_MARGIN - TITLE_BAND - FOOTER_BAND)
    room = (avail[0] / shrink, avail[1] / shrink)
    # The legend goes on the first page, above the drawing when the arguments run across
    # the page and beside it when they run down it.
    beside = rankdir in ("BT", "TB")
    legend_room = (LEGEND_SIZE[0] + 16 if beside else 0.0, 0.0 if beside else LEGEND_SIZE[1] + 16)
    if not legend:
        legend_room = (0.0, 0.0)
    pages = paginate(amap, room, lambda m, n: label_size(m, n, PRINT, show_notes, rankdir),
                     rankdir, first_room=(room[0] - legend_room[0], room[1] - legend_room[1]),
                     gap=PAGE_LAYER_GAP)
    drawings = []
    for page_ in pages:
        left, bottom, right, top = page_.layout.bounding_box
        first = page_.number == 1 and legend
        aside, above = legend_room if first else (0.0, 0.0)
        width = max(right - left + aside, LEGEND_SIZE[0] if first else 0.0)
        height = max(top - bottom + above, LEGEND_SIZE[1] if first else 0.0)
        scale = min(1.0, avail[0] / max(width, 1.0), avail[1] / max(height, 1.0))
        canvas = (paper[0] / scale, paper[1] / scale)
        top_line = canvas[1] - (PAGE_MARGIN + TITLE_BAND) / scale
        start = (canvas[0] - width) / 2
        layout = _shifted(page_.layout, start + aside - left, top_line - above - top)
        legend_at = None
        if first:
            legend_at = (start + LEGEND_SIZE[0] / 2, top_line - LEGEND_SIZE[1] / 2)
        frame = Frame(canvas[0], canvas[1], scale, amap.title or "",
                      f"page {page_.number} of {len(pages)}")
        drawings.append(write_pinned(page_.map, layout, color_by=color_by, rankdir=rankdir,
                                     legend=first, show_notes=show_notes,
                                     lettering=PRINT, frame=frame, legend_at=legend_at))
    return drawings


def overview(amap: ArgMap, rankdir: str = "RL", show_notes: bool = False) -> Page | None:
    """The first picture of a map too wide to read at screen size: as much of it as fits
    ``SCREEN_WIDTH`` points across, each deeper subtree folded into one box; ``None`` when
    the whole map fits."""
    size = lambda m, n: label_size(m, n, SCREEN, show_notes, rankdir)  # noqa: E731
    left, _, right, _ = layered_layout(amap, lambda n: size(amap, n), rankdir).bounding_box
    if right - left <= SCREEN_WIDTH or not len(amap):
        return None
    return paginate(amap, (SCREEN_WIDTH, float("inf")), size, rankdir, first_only=True)[0]


def _shifted(layout: Layout, dx: float, dy: float) -> Layout:
    along = dx if layout.rankdir in ("RL", "LR") else dy
    return Layout({n: (x + dx, y + dy) for n, (x, y) in layout.positions.items()},
                  layout.sizes, layout.layers, [r + along for r in layout.ranks],
                  layout.rankdir)
