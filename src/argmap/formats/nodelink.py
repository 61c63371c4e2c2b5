"""Node-link JSON: the map graph as ``networkx.node_link_data`` (see docs/formats/json.md).

This is the whole graph, so any networkx tool (or d3) can load it, and it reads back
losslessly.  Reading also accepts plain node-link data from other tools (``links`` or
``edges``), and hands AIF and SADFace JSON, which share the ``.json`` suffix, to their
readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from ..errors import FormatError, Location, ParseError
from ..model import FORMAT_VERSION, RELATIONS, ArgMap, edge_key
from . import Format
from ._imported import (
    SlugIds,
    dump_json,
    endpoints,
    expect,
    expect_strings,
    identifier,
    load_json,
    mark_theses,
)

# Positions in the file a map was read from: exported (a tool can point back at the
# source), but not read back, since in errors about this file they would point elsewhere.
POSITIONS = ("line", "column")
NODE_STRINGS = ("text", "kind", "perspective", "declared_side", "side", "note")
EDGE_STRINGS = ("undercuts", "note", "group")


def to_data(amap: ArgMap) -> dict[str, Any]:
    """``node_link_data`` of the map, with each node's ``id`` and each edge's ends first."""
    data = nx.node_link_data(amap.graph, edges="edges")
    data["nodes"] = [{"id": node["id"], **node} for node in data["nodes"]]
    data["edges"] = [{"source": e["source"], "target": e["target"], **e} for e in data["edges"]]
    return data


def write(amap: ArgMap) -> str:
    try:
        return dump_json(to_data(amap))
    except (TypeError, ValueError) as exc:
        raise FormatError(f"the map holds a value JSON cannot represent: {exc}") from None


# -- reading ------------------------------------------------------------------------------
def read(text: str, path: str | None = None) -> ArgMap:
    """(AIF and SADFace also live in ``.json`` files: ``argmap.registry`` tells them apart.)"""
    return from_data(load_json(text, path), path)


def json_where(kind: str, index: int, _item: Any) -> str:
    return f"{kind}[{index}]"


def from_data(data: Any, path: str | None,
              where: Callable[[str, int, Any], str] = json_where) -> ArgMap:
    """Build a map from node-link data, checking every type; ``where(list, index, item)``
    names an item in error messages (a JSON path by default)."""
    expect(data, dict, "the top level", path)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.graph.update(_graph_attributes(data.get("graph", {}), path))
    foreign = "argmap" not in graph.graph
    amap = ArgMap(graph, path=path)
    slugs = SlugIds()
    for index, node in enumerate(expect(data.get("nodes"), list, "nodes", path)):
        item = where("nodes", index, node)
        _read_node(amap, slugs, expect(node, dict, item, path), item, path)
    edges_key = "links" if "links" in data and "edges" not in data else "edges"
    for index, edge in enumerate(expect(data.get(edges_key, []), list, edges_key, path)):
        item = where(edges_key, index, edge)
        _read_edge(amap, slugs, expect(edge, dict, item, path), item, path)
    if foreign:  # another tool's graph: no theses, so pick the conclusions
        mark_theses(amap)
    return amap


def _graph_attributes(attrs: Any, path: str | None) -> dict[str, Any]:
    expect(attrs, dict, "graph", path)
    version = attrs.get("argmap", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ParseError(f"graph.argmap: unsupported format version {version!r} (this "
                         f"argmap reads version {FORMAT_VERSION})", Location(path))
    for key in ("title", "description"):
        if key in attrs:
            expect(attrs[key], str, f"graph.{key}", path)
    if "aif" in attrs:
        from .aif import check_kept
        check_kept(attrs["aif"], path)
    if "carneades" in attrs:
        expect(attrs["carneades"], dict, "graph.carneades", path)
    for pid, label in expect(attrs.get("perspectives", {}), dict, "graph.perspectives",
                             path).items():
        expect(label, str, f"graph.perspectives.{pid}", path)
    for sid, entry in expect(attrs.get("sources", {}), dict, "graph.sources", path).items():
        for key, value in expect(entry, dict, f"graph.sources.{sid}", path).items():
            expect(value, str, f"graph.sources.{sid}.{key}", path)
    return attrs


def _read_node(amap: ArgMap, slugs: SlugIds, node: dict, item: str, path: str | None) -> None:
    original = identifier(node.get("id"), f"{item}.id", path)
    if original in slugs.of:
        raise ParseError(f"{item}: duplicate node id {original!r}", Location(path))
    cid = slugs.declare(original)  # argmap ids are slugs; another tool's id is kept
    attrs = {k: v for k, v in node.items() if k != "id" and k not in POSITIONS}
    if cid != original:
        attrs["meta"] = {**expect(attrs.get("meta", {}), dict, f"{item}.meta", path),
                         "id": original}
    # Plain networkx data from other tools: a label, or the id, stands in for the text.
    attrs.setdefault("text", attrs.get("label", original))
    attrs.setdefault("kind", "claim")
    for key in NODE_STRINGS:
        if key in attrs:
            expect(attrs[key], str, f"{item}.{key}", path)
    for key in ("sources", "tags"):
        if key in attrs:
            expect_strings(attrs[key], f"{item}.{key}", path)
    for key in ("weight", "strength"):  # base score, and an evaluation's result
        if key in attrs:
            number = expect(attrs[key], (int, float), f"{item}.{key}", path)
            if not 0 <= number <= 1:
                raise ParseError(f"{item}.{key} must be a number from 0 to 1, not {number}",
                                 Location(path))
    if "label" in attrs:
        expect(attrs["label"], str, f"{item}.label", path)
    if "meta" in attrs:
        meta = expect(attrs["meta"], dict, f"{item}.meta", path)
        if "aif" in meta:
            expect(meta["aif"], dict, f"{item}.meta.aif", path)
    amap.graph.add_node(cid, **attrs)


def _read_edge(amap: ArgMap, slugs: SlugIds, edge: dict, item: str, path: str | None) -> None:
    source, target = (slugs.get(end) for end in endpoints(edge, ("source", "target"), slugs.of,
                                                          item, path))
    relation = expect(edge.get("relation", "support"), str, f"{item}.relation", path)
    if relation not in RELATIONS:
        raise ParseError(f"{item}.relation must be one of {', '.join(RELATIONS)}, not "
                         f"{relation!r}", Location(path))
    for key in EDGE_STRINGS:
        if key in edge:
            expect(edge[key], str, f"{item}.{key}", path)
    if relation == "undercut" and "undercuts" not in edge:
        raise ParseError(f"{item}: an undercut needs 'undercuts' (the source of the "
                         "relation it attacks)", Location(path))
    undercuts = slugs.get(edge["undercuts"]) if "undercuts" in edge else None
    amap.add_relation(source, target, relation, undercuts=undercuts)
    extra = {k: v for k, v in edge.items() if k not in ("source", "target", "key", "relation",
                                                        "undercuts") and k not in POSITIONS}
    amap.graph.edges[source, target, edge_key(relation, undercuts)].update(extra)


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and '"nodes"' in head


FORMATS = [Format("json", (".json",), "node-link JSON (networkx, d3)", read=read,
                  write=write, sniff=_sniff, aliases=("node-link",))]
