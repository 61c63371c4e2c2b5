"""Views: smaller maps cut from a big one, so a 10,000-claim debate stays readable.

Each view returns a new ``ArgMap`` and leaves its input alone.  A view keeps its context:
a kept claim whose target lies outside the view brings that target along as a *context*
claim (node attribute ``view_role="context"``, drawn smaller and greyed), an undercut brings
both ends of the relation it attacks, and a focus claim (``view_role="focus"``) brings its
path towards the thesis.  A claim that is left without any relation is dropped, so a drawn
view never shows a claim floating on its own (unless the view is that one claim).  The
filters (perspective, side, kind, tag) keep the thesis so the view stays anchored to what is
being argued about."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

import networkx as nx

from .errors import ArgmapError, Location, ViewError, unknown_name
from .model import KINDS, SIDES, ArgMap

ROLE = "view_role"  # node attribute: "focus" or "context"; absent for ordinary claims


def _unknown(amap: ArgMap, what: str, name: str, known: Iterable[str]) -> ArgmapError:
    """The view's argument ``name`` is not among the map's ``known`` ones (``ViewError``,
    defined with the other errors and still importable from here)."""
    return unknown_name(what, name, known, Location(amap.path))


def restrict(amap: ArgMap, claims: Iterable[str]) -> ArgMap:
    """The map restricted to ``claims``, without undercuts whose relation is gone."""
    view = amap.subgraph(claims)
    graph = view.graph

    def attacked_relation_kept(target: str, undercuts: str) -> bool:
        return (graph.has_edge(undercuts, target, "support")
                or graph.has_edge(undercuts, target, "rebut"))

    graph.remove_edges_from([(u, v, key) for u, v, key, data in
                             graph.edges(keys=True, data=True)
                             if data["relation"] == "undercut"
                             and not attacked_relation_kept(v, data["undercuts"])])
    return view


def in_context(amap: ArgMap, members: Iterable[str], focus_on: str | None = None,
               anchored: Iterable[str] = ()) -> ArgMap:
    """The view of ``members`` with its context (see the module's docstring): out-of-view
    targets as context claims, the focus claim's path to the thesis, and no claim left
    without a relation.  Each of the ``anchored`` members also brings its path to the
    thesis and stays even without a relation, as the focus does (a diff's changed claims)."""
    graph = amap.graph
    members = set(members)
    anchored = {*anchored, *([] if focus_on is None else [focus_on])}
    context: set[str] = set()
    for member in members:
        for _, target, data in graph.out_edges(member, data=True):
            context.add(target)
            if data["relation"] == "undercut":
                context.add(data["undercuts"])
    for claim in anchored:
        members.add(claim)
        context.update(_path_to_thesis(amap, claim))
    context -= members
    view = restrict(amap, members | context)
    view_graph = view.graph
    alone = [node for node in view_graph if not view_graph.degree(node) and node not in anchored]
    if len(alone) < len(view_graph):
        view_graph.remove_nodes_from(alone)
    else:  # nothing is connected: a lone focus claim, or the thesis, rather than nothing
        view_graph.remove_nodes_from([node for node in alone
                                      if graph.nodes[node].get("kind") != "thesis"])
    for node in context & set(view_graph):
        view_graph.nodes[node][ROLE] = "context"
    if focus_on is not None:
        view_graph.nodes[focus_on][ROLE] = "focus"
    return view


def _path_to_thesis(amap: ArgMap, claim: str) -> list[str]:
    """The claims on a shortest chain of supports and rebuts from ``claim`` to a thesis
    (both ends included), or nothing when no chain reaches one."""
    graph = amap.graph
    came_from: dict[str, str | None] = {claim: None}
    queue = deque([claim])
    while queue:
        node = queue.popleft()
        if graph.nodes[node].get("kind") == "thesis":
            path = []
            step: str | None = node
            while step is not None:
                path.append(step)
                step = came_from[step]
            return path
        for _, target, data in graph.out_edges(node, data=True):
            if data["relation"] != "undercut" and target not in came_from:
                came_from[target] = node
                queue.append(target)
    return []


def neighbourhood(amap: ArgMap, claim: str, depth: int = 2) -> list[str]:
    """``claim`` and the claims within ``depth`` steps outward from it: the claims arguing
    about it, the claims arguing about those, and so on.  An undercut of a relation is one
    step from the relation's source.  Only outward: the other arguments about the claims
    ``claim`` itself argues about are not its neighbourhood."""
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
        for neighbour in _arguing_about(graph, node):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return list(distance)


def _arguing_about(graph, node: str):
    """Claims one step outward from ``node``: those arguing about it, and those undercutting
    the inferences drawn from it."""
    yield from graph.predecessors(node)
    for target in graph.successors(node):
        yield from (u for u, keys in graph.pred[target].items() if f"undercut:{node}" in keys)


def focus(amap: ArgMap, claim: str, depth: int = 2) -> ArgMap:
    """``claim`` (marked as the focus), its neighbourhood ``depth`` steps outward, and as
    context what they argue about and the path to the thesis."""
    return in_context(amap, neighbourhood(amap, claim, depth), claim)


def _anchored(amap: ArgMap, keep: Callable[[str, dict], bool]) -> list[str]:
    """The claims ``keep(claim, attributes)`` accepts, and the thesis."""
    return [n for n, data in amap.graph.nodes(data=True)
            if data.get("kind") == "thesis" or keep(n, data)]


def perspective_members(amap: ArgMap, perspectives: Iterable[str]) -> list[str]:
    wanted = set()
    labels = {label: pid for pid, label in amap.perspectives.items()}
    for name in perspectives:
        if name in amap.perspectives or name in labels:
            wanted.add(labels.get(name, name))
        else:
            raise _unknown(amap, "perspective", name, amap.perspectives)
    return _anchored(amap, lambda _, data: data.get("perspective") in wanted)


def side_members(amap: ArgMap, side: str) -> list[str]:
    if side not in SIDES:
        raise _unknown(amap, "side", side, SIDES)
    derived = amap.copy()
    derived.derive_sides()
    sides = dict(derived.graph.nodes(data="side"))
    return _anchored(amap, lambda claim, _: sides[claim] == side)


def kind_members(amap: ArgMap, kinds: Iterable[str]) -> list[str]:
    wanted = set(kinds)
    for kind in wanted:
        if kind not in KINDS:
            raise _unknown(amap, "kind", kind, KINDS)
    return _anchored(amap, lambda _, data: data.get("kind") in wanted)


def tag_members(amap: ArgMap, tags: Iterable[str]) -> list[str]:
    wanted = set(tags)
    known = list(dict.fromkeys(tag for _, claim_tags in amap.graph.nodes(data="tags")
                               for tag in claim_tags or ()))
    for tag in wanted:
        if tag not in known:
            raise _unknown(amap, "tag", tag, known)
    return _anchored(amap, lambda _, data: bool(wanted.intersection(data.get("tags") or ())))


def by_perspective(amap: ArgMap, perspectives: Iterable[str]) -> ArgMap:
    """Claims from any of ``perspectives`` (ids or labels), plus the thesis, in context."""
    return in_context(amap, perspective_members(amap, perspectives))


def by_side(amap: ArgMap, side: str) -> ArgMap:
    """Claims on ``side`` (pro or con, relative to the thesis), plus the thesis, in context."""
    return in_context(amap, side_members(amap, side))


def by_kind(amap: ArgMap, kinds: Iterable[str]) -> ArgMap:
    """Claims of any of ``kinds`` (thesis, claim, evidence, argument), plus the thesis, in
    context."""
    return in_context(amap, kind_members(amap, kinds))


def by_tag(amap: ArgMap, tags: Iterable[str]) -> ArgMap:
    """Claims with any of ``tags``, plus the thesis, in context."""
    return in_context(amap, tag_members(amap, tags))


def _innermost(graph) -> list[str]:
    """The claims that argue about nothing in ``graph`` or, where claims only argue about
    each other in a circle, the claims of each such circle nothing leads out of, in file
    order: where depth is counted from in a view without the thesis."""
    component_of = {}
    for index, members in enumerate(nx.strongly_connected_components(graph)):
        component_of.update(dict.fromkeys(members, index))
    leads_out = {component_of[source] for source, target in graph.edges()
                 if component_of[source] != component_of[target]}
    return [node for node in graph if component_of[node] not in leads_out]


def collapse_below(amap: ArgMap, depth: int, roots: Iterable[str] | None = None) -> ArgMap:
    """Fold everything more than ``depth`` relation steps out from the thesis (or from
    ``roots``; in a view without the thesis, from the innermost claims: see ``_innermost``)
    into one summary claim per claim at ``depth``, e.g. ``+37 more claims (12 pro, 25
    con)``.  A summary argues about its claim the way most of its direct arguments do, and
    has no side of its own.  A claim reached only through folded claims (a cross-link)
    folds with them rather than being left without a relation."""
    if depth < 0:
        raise ViewError(f"depth must be 0 or more, not {depth}", Location(amap.path))
    graph = amap.graph
    roots = list(roots) if roots is not None else (amap.theses() or _innermost(graph))
    sides = amap.copy()
    if amap.theses():  # else keep the sides the claims carry from the whole map
        sides.derive_sides()
    level: dict[str, int] = {}
    owner: dict[str, str] = {}  # a folded claim -> the claim at ``depth`` it folds into
    queue: deque[str] = deque()
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
    _fold_stranded(graph, level, owner)
    view = restrict(amap, [n for n in graph if n not in owner])
    folded: dict[str, list[str]] = {}
    for claim, anchor in owner.items():
        folded.setdefault(anchor, []).append(claim)
    for anchor, claims in folded.items():
        claim_sides = [sides.claim(c).get("side") for c in claims]
        pro, con = claim_sides.count("pro"), claim_sides.count("con")
        direct = [data["relation"] for source, _, data in graph.in_edges(anchor, data=True)
                  if owner.get(source) == anchor and data["relation"] != "undercut"]
        summary = _fresh_id(view, f"{anchor}-more")
        noun = "claim" if len(claims) == 1 else "claims"
        view.add_claim(summary, f"+{len(claims)} more {noun} ({pro} pro, {con} con)",
                       meta={"collapsed": len(claims)})
        relation = "rebut" if direct.count("rebut") > direct.count("support") else "support"
        view.add_relation(summary, anchor, relation)
    return view


def _fold_stranded(graph, level: dict[str, int], owner: dict[str, str]) -> None:
    """Fold each claim that folding would strand: not reached from the roots, with
    relations, all of them to folded claims.  Repeated, since folding one may strand the
    next along a chain."""
    stranded = True
    while stranded:
        stranded = False
        for node in graph:
            if node in level or node in owner:
                continue
            neighbours = [*graph.pred[node], *graph.succ[node]]
            if neighbours and all(n in owner for n in neighbours):
                owner[node] = owner[neighbours[0]]
                stranded = True


def _fresh_id(amap: ArgMap, base: str) -> str:
    candidate, number = base, 1
    while candidate in amap:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def apply_views(amap: ArgMap, *, focus_on: str | None = None, depth: int = 2,
                perspectives: Iterable[str] = (), side: str | None = None,
                kinds: Iterable[str] = (), tags: Iterable[str] = (),
                collapse: int | None = None) -> ArgMap:
    """Every requested view at once: the claims in the focus's neighbourhood and accepted
    by every filter (each judged on the whole map), with their context; then folding,
    counted from the focus claim when there is one."""
    selections = []
    if focus_on is not None:
        selections.append(neighbourhood(amap, focus_on, depth))
    perspectives, kinds, tags = tuple(perspectives), tuple(kinds), tuple(tags)
    if perspectives:
        selections.append(perspective_members(amap, perspectives))
    if side is not None:
        selections.append(side_members(amap, side))
    if kinds:
        selections.append(kind_members(amap, kinds))
    if tags:
        selections.append(tag_members(amap, tags))
    view = amap
    if selections:
        members = set(selections[0]).intersection(*selections[1:])
        view = in_context(amap, members, focus_on)
    if collapse is not None:
        view = collapse_below(view, collapse, [focus_on] if focus_on is not None else None)
    return view
