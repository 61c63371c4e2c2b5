"""The in-memory model: a debate is a ``networkx.MultiDiGraph`` plus map-level metadata.

Everything lives in the graph itself (map metadata in ``graph.graph``) so that any networkx
tool, GraphML or node-link JSON carries the whole map.  ``ArgMap`` is a thin typed view.

Nodes are claim ids.  Node attributes (absent when unset, never ``None``):
``text``, ``kind`` (thesis|claim|evidence|argument), ``perspective``, ``sources`` (list),
``tags`` (list), ``weight`` (base score 0..1), ``declared_side`` (pro|con as written),
``side`` (declared or derived from the graph), ``note``, ``quotes`` (a list of
``{exact, prefix?, suffix?, source?}`` dicts, the passages of the claim's sources it rests on,
with the ``line`` and ``column`` they were written at), ``line``, ``column``, ``meta``
(a dict of format-specific extras kept for round trips) and, in a view, ``view_role``
(``focus`` or ``context``: see ``argmap.views``).

Map metadata: ``title``, ``description``, ``perspectives``, ``sources`` (id -> fields,
``file`` naming a local copy of the document) and ``lint`` (lint code -> ``off``).

Edges go from the claim that argues to the claim argued about, with ``relation`` in
support|rebut|undercut.  A multigraph is needed because one claim may both rebut ``C`` and
undercut another claim's inference into ``C``.  Edge keys are ``"support"``, ``"rebut"`` and
``"undercut:S"``: an undercut edge ``U -> C`` with attribute ``undercuts=S`` attacks the
relation ``S -> C`` (the inference), not the claim ``C``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, overload

import networkx as nx

from .errors import ArgmapError, Location, ValidationError, did_you_mean, unknown_name

FORMAT_VERSION = 1
KINDS = ("thesis", "claim", "evidence", "argument")
RELATIONS = ("support", "rebut", "undercut")
SIDES = ("pro", "con")
OPPOSITE = {"pro": "con", "con": "pro"}


@dataclass(frozen=True)
class Relation:
    """One edge, as a plain value: ``source`` supports/rebuts/undercuts ``target``.

    For an undercut, ``undercuts`` names the source of the attacked relation
    ``undercuts -> target``."""

    source: str
    target: str
    relation: str
    undercuts: str | None = None
    note: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def key(self) -> str:
        return edge_key(self.relation, self.undercuts)

    @property
    def label(self) -> str:
        """Human form, e.g. ``a -> b`` or ``u undercuts a->b``."""
        if self.relation == "undercut":
            return f"{self.source} undercuts {self.undercuts}->{self.target}"
        return f"{self.source} {self.relation}s {self.target}"


def edge_key(relation: str, undercuts: str | None = None) -> str:
    return f"undercut:{undercuts}" if relation == "undercut" else relation


# How a map draws itself for a notebook: set by argmap.pipeline, which the model does not
# import (it imports the model), so a map shows as its diagram once argmap can draw.
draw_svg: Callable[[ArgMap], bytes] | None = None


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str, *,
             undercuts: str | None = None, note: str | None = None, line: int | None = None,
             column: int | None = None) -> None:
    """Add a relation to ``graph`` as written, even one naming claims that are not in it
    (they become bare nodes): readers keep such a relation for checking to report."""
    attrs = _with_given({"relation": relation}, (
        ("undercuts", undercuts), ("note", note), ("line", line), ("column", column)))
    graph.add_edge(source, target, key=edge_key(relation, undercuts), **attrs)


def _with_given(attrs: dict[str, Any], fields) -> dict[str, Any]:
    """``attrs`` plus each ``(name, value)`` in ``fields`` whose value is not None, in that
    order (attributes are absent when unset).  A plain loop: readers call this per claim
    and per relation, and a filtered dict of all the fields cost twice as much."""
    for name, value in fields:
        if value is not None:
            attrs[name] = value
    return attrs


def quoted_passages(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    """A claim's quotes (node attributes ``data``) as ``(text on one line, source id)``,
    the source inferred where the claim cites only one; for display."""
    cited: list[str] = data.get("sources") or []
    found = []
    for quote in data.get("quotes") or ():
        if isinstance(quote, dict) and isinstance(quote.get("exact"), str):
            source = quote.get("source") or (cited[0] if len(cited) == 1 else None)
            found.append((" ".join(quote["exact"].split()), source))
    return found


class _MapText:
    """A map-level text (``ArgMap.title``, ``description``) kept in the graph's attributes;
    setting ``None`` removes it, so writers omit the field."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, amap: None, owner: type) -> _MapText: ...
    @overload
    def __get__(self, amap: ArgMap, owner: type) -> str | None: ...

    def __get__(self, amap: ArgMap | None, owner: type) -> _MapText | str | None:
        return self if amap is None else amap.graph.graph.get(self.key)

    def __set__(self, amap: ArgMap, value: str | None) -> None:
        if value is None:
            amap.graph.graph.pop(self.key, None)
        else:
            amap.graph.graph[self.key] = value


class ArgMap:
    """A debate map.  ``graph`` is the single source of truth."""

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, title: str | None = None,
                 path: str | None = None):
        self.graph = graph if graph is not None else nx.MultiDiGraph()
        self.graph.graph.setdefault("argmap", FORMAT_VERSION)
        if title is not None:
            self.graph.graph["title"] = title
        self.graph.graph.setdefault("perspectives", {})
        self.graph.graph.setdefault("sources", {})
        self.path = path
        # Where the native reader found each map-level entry ("sources/ID",
        # "perspectives/ID", "lint/CODE") as (line, column): for messages only, so kept
        # beside the graph rather than in it, where every writer would carry it.
        self.entry_positions: dict[str, tuple[int, int]] = {}

    # -- map-level metadata -------------------------------------------------------------
    title = _MapText()
    description = _MapText()

    def perspective(self, perspective_id: str) -> str:
        """The label of a perspective (``ViewError``, with the closest id, when there is
        none)."""
        if perspective_id not in self.perspectives:
            raise unknown_name("perspective", perspective_id, self.perspectives,
                               Location(self.path))
        return self.perspectives[perspective_id]

    def source(self, source_id: str) -> dict[str, Any]:
        """The fields of a source (``ViewError``, with the closest id, when there is none)."""
        if source_id not in self.sources:
            raise unknown_name("source", source_id, self.sources, Location(self.path))
        return self.sources[source_id]

    def citing(self, source_id: str) -> list[str]:
        """The claims that cite a source, in file order."""
        return [cid for cid, cited in self.graph.nodes(data="sources") if source_id in
                (cited or ())]

    def __repr__(self) -> str:
        relations = self.graph.number_of_edges()
        parts = [f"{len(self)} claim{'s' * (len(self) != 1)}",
                 f"{relations} relation{'s' * (relations != 1)}"]
        parts += [f"{len(items)} {name}" for name, items in
                  (("perspectives", self.perspectives), ("sources", self.sources)) if items]
        title = f" {self.title!r}" if self.title else ""
        where = f" from {self.path}" if self.path else ""
        return f"<ArgMap{title}: {', '.join(parts)}{where}>"

    def _repr_svg_(self) -> str | None:
        """The diagram, for a notebook cell (None when it cannot be drawn, so the notebook
        shows the text form instead)."""
        if draw_svg is None:
            return None
        try:
            svg = draw_svg(self)
        except ArgmapError:
            return None
        return svg.decode("utf-8")

    @property
    def perspectives(self) -> dict[str, str]:
        """Perspective id -> label, in file order."""
        return self.graph.graph["perspectives"]

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        """Source id -> fields (title, date, url, ...), in file order."""
        return self.graph.graph["sources"]

    @property
    def tag_styles(self) -> dict[str, dict[str, str]]:
        """Tag -> how diagrams draw the claims with it (``border``, ``color``, ``note``),
        as the file's ``tags:`` gives it."""
        return self.graph.graph.get("tag_styles") or {}

    @property
    def lint(self) -> dict[str, str]:
        """Lint code -> setting (``off`` silences it), as the file's ``lint:`` gives it."""
        return self.graph.graph.get("lint") or {}

    # -- building -----------------------------------------------------------------------
    def add_claim(self, claim_id: str, text: str, *, kind: str = "claim",
                  perspective: str | None = None, sources=(), tags=(),
                  weight: float | None = None, side: str | None = None,
                  note: str | None = None, line: int | None = None,
                  column: int | None = None, meta: dict | None = None, quotes=()) -> None:
        attrs = _with_given({"text": text, "kind": kind}, (
            ("perspective", perspective), ("sources", list(sources) or None),
            ("tags", list(tags) or None), ("weight", weight), ("declared_side", side),
            ("note", note), ("line", line), ("column", column), ("meta", meta or None),
            ("side", side), ("quotes", list(quotes) or None)))
        self.graph.add_node(claim_id, **attrs)

    def add_relation(self, source: str, target: str, relation: str, *,
                     undercuts: str | None = None, note: str | None = None,
                     line: int | None = None, column: int | None = None) -> None:
        """Add ``source -relation-> target``; for an undercut, ``undercuts`` is the source of
        the attacked relation into ``target``.  Raises ``ValidationError`` when a claim it
        names is not in the map (readers keep such a relation for ``check`` to report, with
        ``add_edge``)."""
        missing = [cid for cid in (source, target, undercuts)
                   if cid is not None and cid not in self.graph]
        if missing:
            label = Relation(source, target, relation, undercuts).label
            raise ValidationError(f"unknown claim {missing[0]!r} in {label}"
                                  f"{did_you_mean(missing[0], self.graph)}", self.location())
        add_edge(self.graph, source, target, relation, undercuts=undercuts, note=note,
                 line=line, column=column)

    # -- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in self.graph

    def claim(self, claim_id: str) -> dict[str, Any]:
        """A claim's attributes (``ViewError``, with the closest id, when there is none)."""
        try:
            return self.graph.nodes[claim_id]
        except KeyError:
            raise unknown_name("claim", claim_id, self.graph, Location(self.path)) from None

    def claims(self) -> Iterator[str]:
        return iter(self.graph.nodes)

    def theses(self) -> list[str]:
        return [n for n, kind in self.graph.nodes(data="kind") if kind == "thesis"]

    def relations(self) -> Iterator[Relation]:
        for source, target, data in self.graph.edges(data=True):
            yield Relation(source, target, data["relation"], data.get("undercuts"),
                           data.get("note"), data.get("line"), data.get("column"))

    def location(self, claim_id: str | None = None, relation: Relation | None = None) -> Location:
        """Where a claim or relation was written, for error messages."""
        data = self.graph.nodes[claim_id] if claim_id is not None else (
            {"line": relation.line, "column": relation.column} if relation else {})
        return Location(self.path, data.get("line"), data.get("column"))

    def entry_location(self, kind: str, entry_id: str) -> Location:
        """Where a map-level entry (``kind`` sources, perspectives or lint) was written."""
        line, column = self.entry_positions.get(f"{kind}/{entry_id}", (None, None))
        return Location(self.path, line, column)

    def adjacency(self) -> tuple[dict, dict]:
        """networkx's own predecessor and successor dicts (node -> neighbour -> edge key ->
        attributes), for reading only.  The public views wrap every lookup, which costs a
        linear pass over a big map several times; this is the one place argmap reads
        networkx's internals (tests/test_model.py pins them against the public views)."""
        # networkx's stubs leave out its internals.
        return self.graph._pred, self.graph._succ  # type: ignore[attr-defined]

    def copy(self) -> ArgMap:
        return ArgMap(self.graph.copy(), path=self.path)

    def subgraph(self, claim_ids) -> ArgMap:
        """A new map restricted to ``claim_ids`` (an independent copy), in file order.

        Not ``graph.subgraph``: for small selections networkx iterates the id *set*, whose
        order changes from run to run with string hashing."""
        keep = set(claim_ids)
        graph = self.graph.copy()
        graph.remove_nodes_from([node for node in self.graph if node not in keep])
        return ArgMap(graph, path=self.path)

    # -- derived sides --------------------------------------------------------------------
    def derive_sides(self) -> list[tuple[str, str, str]]:
        """Set each claim's ``side`` relative to the thesis (see ``sides``) and return the
        conflicts as ``(claim, side kept, side also implied)``."""
        side, conflicts = self.sides()
        for node, data in self.graph.nodes(data=True):
            if node in side:
                data["side"] = side[node]
            else:
                data.pop("side", None)
        return conflicts

    def sides(self) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
        """Each claim's side relative to the thesis, without changing the map: support
        keeps a side, rebut and undercut flip it; a declared side wins and propagates.

        Also the conflicts as ``(claim, side kept, side also implied)``.  Sides spread
        outward from the theses and declared claims, breadth first, so the nearest reason
        wins and the result does not depend on dict order beyond file order."""
        graph = self.graph
        side: dict[str, str] = {}
        queue: deque[str] = deque()
        for node, data in graph.nodes(data=True):
            declared = data.get("declared_side")
            if declared in SIDES:
                side[node] = declared
                queue.append(node)
            elif data.get("kind") == "thesis":
                side[node] = "pro"
                queue.append(node)
        conflicts: list[tuple[str, str, str]] = []
        seen_conflicts: set[tuple[str, str]] = set()

        def imply(source: str, implied: str) -> None:
            if source not in side:
                side[source] = implied
                queue.append(source)
            elif side[source] != implied and (source, implied) not in seen_conflicts:
                seen_conflicts.add((source, implied))
                conflicts.append((source, side[source], implied))

        # Who undercuts the inferences drawn from each claim, gathered in one pass so the
        # walk below stays linear however many claims argue about one target.
        undercutters: dict[str, list[str]] = {}
        attacked: str | None
        for undercutter, _, attacked in graph.edges(data="undercuts"):
            if attacked is not None:
                undercutters.setdefault(attacked, []).append(undercutter)
        pred, _ = self.adjacency()
        while queue:
            node = queue.popleft()
            here = side[node]
            for source, keyed in pred[node].items():
                if "support" in keyed:
                    imply(source, here)
                if "rebut" in keyed:
                    imply(source, OPPOSITE[here])
            # An undercut of this node's own inference opposes this node's side.
            for undercutter in undercutters.get(node, ()):
                imply(undercutter, OPPOSITE[here])
        return side, conflicts
