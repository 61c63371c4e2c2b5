"""Views: smaller maps cut from a big one, so a 10,000-claim debate stays readable.

Each view returns a new ``ArgMap`` and leaves its input alone.  The filters (perspective,
side, kind) keep the thesis so the view stays anchored to what is being argued about.  An
undercut survives only with the relation it attacks: cutting a claim out also drops the
undercuts of that claim's relations, never leaving an arrow into nothing."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable

from .errors import ArgmapError, Location
from .model import KINDS, SIDES, ArgMap


class ViewError(ArgmapError):
    """A view names something the map does not have."""


def _unknown(amap: ArgMap, what: str, name: str, known: Iterable[str]) -> ViewError:
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else (
        f" (known: {', '.join(known)})" if len(known) <= 12 else "")
    return ViewError(f"unknown {what} {name!r}{hint}", Location(amap.path))


def restrict(amap: ArgMap, claims: Iterable[str]) -> ArgMap:
    """The map restricted to ``claims``, without undercuts whose relation is gone."""
    view = amap.subgraph(claims)
    graph = view.graph

    def attacked_relation_kept(target: str, undercuts: str) -> bool:
        keys = graph.get_edge_data(undercuts, target, default={})
        return "support" in keys or "rebut" in keys

    graph.remove_edges_from([(u, v, key) for u, v, key, data in
                             graph.edges(keys=True, data=True)
                             if data["relation"] == "undercut"
                             and not attacked_relation_kept(v, data["undercuts"])])
    return view


def focus(amap: ArgMap, claim: str, depth: int = 2) -> ArgMap:
    """``claim`` and every claim within ``depth`` relation steps of it, either way.  An
    undercut is one step from the claim whose inference it attacks, too."""
    if claim not in amap or "text" not in amap.claim(claim):
        raise _unknown(amap, "claim", claim, amap.claims())
    if depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}", Location(amap.path))
    graph = amap.graph
    distance = {claim: 0}
    queue = deque([claim])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for neighbour in _neighbours(graph, node):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return restrict(amap, distance)


def _neighbours(graph, node: str):
    yield from graph.predecessors(node)
    for _, target, data in graph.out_edges(node, data=True):
        yield target
        if data["relation"] == "undercut":
            yield data["undercuts"]
        else:
            yield from (u for u, keys in graph.pred[target].items()
                        if f"undercut:{node}" in keys)


def _anchored(amap: ArgMap, keep) -> ArgMap:
    """The claims ``keep(claim, attributes)`` accepts, and the thesis."""
    return restrict(amap, [n for n, data in amap.graph.nodes(data=True)
                           if data.get("kind") == "thesis" or keep(n, data)])


def by_perspective(amap: ArgMap, perspectives: Iterable[str]) -> ArgMap:
    """Claims from any of ``perspectives`` (ids or labels), plus the thesis."""
    wanted = set()
    labels = {label: pid for pid, label in amap.perspectives.items()}
    for name in perspectives:
        if name in amap.perspectives or name in labels:
            wanted.add(labels.get(name, name))
        else:
            raise _unknown(amap, "perspective", name, amap.perspectives)
    return _anchored(amap, lambda _, data: data.get("perspective") in wanted)


def by_side(amap: ArgMap, side: str) -> ArgMap:
    """Claims on ``side`` (pro or con, relative to the thesis), plus the thesis."""
    if side not in SIDES:
        raise _unknown(amap, "side", side, SIDES)
    derived = amap.copy()
    derived.derive_sides()
    sides = dict(derived.graph.nodes(data="side"))
    return _anchored(amap, lambda claim, _: sides[claim] == side)


def by_kind(amap: ArgMap, kinds: Iterable[str]) -> ArgMap:
    """Claims of any of ``kinds`` (thesis, claim, evidence, argument), plus the thesis."""
    wanted = set(kinds)
    for kind in wanted:
        if kind not in KINDS:
            raise _unknown(amap, "kind", kind, KINDS)
    return _anchored(amap, lambda _, data: data.get("kind") in wanted)


def collapse_below(amap: ArgMap, depth: int, roots: Iterable[str] | None = None) -> ArgMap:
    """Fold everything more than ``depth`` relation steps out from the thesis (or from
    ``roots``) into one summary claim per claim at ``depth``, e.g. ``+37 more claims (12
    pro, 25 con)``.  A summary argues about its claim the way most of its direct arguments
    do, and has no side of its own."""
    if depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}", Location(amap.path))
    graph = amap.graph
    roots = list(roots) if roots is not None else amap.theses()
    if not roots:
        raise ViewError("folding counts depth from the thesis, and this view has none",
                        Location(amap.path))
    derived = amap.copy()
    derived.derive_sides()
    level: dict[str, int] = {}
    owner: dict[str, str] = {}  # a folded claim -> the claim at ``depth`` it folds into
    queue = deque()
    for root in roots:
        level[root] = 0
        queue.append(root)
    while queue:
        node = queue.popleft()
        for source in graph.predecessors(node):
            if source in level:
                continue
            level[source] = level[node] + 1
            if level[source] > depth:
                owner[source] = owner.get(node, node)
            queue.append(source)
    view = restrict(amap, [n for n in graph if n not in owner])
    folded: dict[str, list[str]] = {}
    for claim, anchor in owner.items():
        folded.setdefault(anchor, []).append(claim)
    for anchor, claims in folded.items():
        sides = [derived.claim(c).get("side") for c in claims]
        pro, con = sides.count("pro"), sides.count("con")
        direct = [data["relation"] for source, _, data in graph.in_edges(anchor, data=True)
                  if owner.get(source) == anchor and data["relation"] != "undercut"]
        summary = _fresh_id(view, f"{anchor}-more")
        noun = "claim" if len(claims) == 1 else "claims"
        view.add_claim(summary, f"+{len(claims)} more {noun} ({pro} pro, {con} con)",
                       meta={"collapsed": len(claims)})
        relation = "rebut" if direct.count("rebut") > direct.count("support") else "support"
        view.add_relation(summary, anchor, relation)
    return view


def _fresh_id(amap: ArgMap, base: str) -> str:
    candidate, number = base, 1
    while candidate in amap:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def apply_views(amap: ArgMap, *, focus_on: str | None = None, depth: int = 2,
                perspectives: Iterable[str] = (), side: str | None = None,
                kinds: Iterable[str] = (), collapse: int | None = None) -> ArgMap:
    """Every requested view in turn: the neighbourhood first (on the whole map), then the
    filters, then folding, counted from the focus claim when there is one."""
    view = focus(amap, focus_on, depth) if focus_on is not None else amap
    perspectives, kinds = tuple(perspectives), tuple(kinds)
    if perspectives:
        view = by_perspective(view, perspectives)
    if side is not None:
        view = by_side(view, side)
    if kinds:
        view = by_kind(view, kinds)
    if collapse is not None:
        view = collapse_below(view, collapse, [focus_on] if focus_on is not None else None)
    return view
