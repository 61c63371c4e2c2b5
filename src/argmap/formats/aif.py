"""AIF JSON, as AIFdb, OVA and the arg-tech tools exchange it (see docs/formats/aif.md).

AIF is a graph of information nodes (I, the claims) and scheme nodes that realise
relations between them: ``I -> RA -> I`` is an inference (support), ``I -> CA -> I`` a
conflict (rebut), ``I -> MA -> I`` a rephrase, and a CA pointing at a scheme node attacks
the inference itself (an undercut).  The dialogue layer (L, YA, TA nodes), preferences (PA)
and scheme details are not argument structure; they are kept in ``graph["aif"]`` so that
an AIF file read and written again keeps them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..errors import FormatError
from ..model import ArgMap
from . import Format
from ._imported import (
    dump_json,
    endpoints,
    expect,
    load_json,
    mark_theses,
    typed_nodes,
)

NODE_TYPES = ("I", "L", "RA", "CA", "MA", "PA", "TA", "YA")
# Scheme nodes that carry a relation between claims, and the relation they carry.  A
# rephrase (MA) is read as support: the restatement lends its standing to the original.
RELATION_OF = {"RA": "support", "MA": "support", "CA": "rebut"}
DEFAULT_SCHEMES = {"RA": ("Default Inference", "72"), "CA": ("Default Conflict", "71")}
OWN_FIELDS = ("nodeID", "text", "type")


def is_aif(data: Any) -> bool:
    """Whether decoded JSON is AIF (rather than node-link data)."""
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if not isinstance(data, dict):
        return False
    nodes, edges = data.get("nodes"), data.get("edges")
    return "locutions" in data or any(
        isinstance(item, dict) and ("nodeID" in item or "fromID" in item)
        for items in (nodes, edges) if isinstance(items, list) for item in items)


def read(text: str, path: str | None = None) -> ArgMap:
    return from_aif(load_json(text, path), path)


def from_aif(data: Any, path: str | None) -> ArgMap:
    """Build a map from decoded AIF: claims from I-nodes, relations from scheme nodes."""
    expect(data, dict, "the top level", path)
    prefix = ""
    if "AIF" in data:  # OVA and xAIF wrap the graph: {"AIF": {...}, "OVA": ..., "text": ...}
        data, prefix = expect(data["AIF"], dict, "AIF", path), "AIF."
    nodes: dict[str, dict] = {}
    for where, node, nid, _ in typed_nodes(data.get("nodes"), "nodeID", NODE_TYPES, "an AIF",
                                           prefix, path):
        expect(node.get("text", ""), str, f"{where}.text", path)
        nodes[nid] = {**node, "nodeID": nid}
    links: list[tuple[str, str, dict]] = []
    for index, edge in enumerate(expect(data.get("edges", []), list, f"{prefix}edges", path)):
        where = f"{prefix}edges[{index}]"
        expect(edge, dict, where, path)
        ends = endpoints(edge, ("fromID", "toID"), nodes, where, path)
        links.append((*ends, {**edge, "fromID": ends[0], "toID": ends[1]}))
    expect(data.get("locutions", []), list, f"{prefix}locutions", path)
    others = {k: v for k, v in data.items() if k not in ("nodes", "edges")}
    return _build(nodes, links, others, path)


def _build(nodes: dict[str, dict], links, top_level: dict, path: str | None) -> ArgMap:
    """The map, with what is not argument structure kept in ``graph["aif"]``: scheme node
    details, the dialogue layer, and other top-level fields (locutions, participants)."""
    amap = ArgMap(path=path)
    type_of = {nid: node["type"] for nid, node in nodes.items()}
    into: dict[str, list[str]] = {nid: [] for nid in nodes}
    out_of: dict[str, list[str]] = {nid: [] for nid in nodes}
    for source, target, _ in links:
        out_of[source].append(target)
        into[target].append(source)
    for nid, node in nodes.items():
        if node["type"] == "I":
            extras = {k: v for k, v in node.items() if k not in OWN_FIELDS}
            amap.add_claim(nid, node.get("text", ""), meta={"aif": extras} if extras else None)

    def claims(ids):
        return [n for n in ids if type_of[n] == "I"]

    # The claim-to-claim relations each scheme node realises: (premise, conclusion) pairs.
    realised = {nid: [(p, c) for p in claims(into[nid]) for c in claims(out_of[nid])]
                for nid, kind in type_of.items() if kind in RELATION_OF}
    for nid, pairs in realised.items():
        for premise, conclusion in pairs:
            _relate(amap, premise, conclusion, RELATION_OF[type_of[nid]], nid)
    for nid, kind in type_of.items():
        if kind == "CA":  # a conflict aimed at a scheme node undercuts what it realises
            for attacked in (n for n in out_of[nid] if n in realised):
                for attacker in claims(into[nid]):
                    for premise, conclusion in realised[attacked]:
                        _relate(amap, attacker, conclusion, "undercut", nid, premise)
    used = {data.get("group") for _, _, data in amap.graph.edges(data=True)}
    schemes = {nid: {k: v for k, v in node.items() if k != "nodeID"}
               for nid, node in nodes.items() if nid in used}
    others = [node for nid, node in nodes.items() if type_of[nid] != "I" and nid not in schemes]
    other_ids = {node["nodeID"] for node in others}
    kept = {"schemes": schemes, "dialogue": {
        "nodes": others,
        "edges": [edge for source, target, edge in links
                  if source in other_ids or target in other_ids]}, "top_level": top_level}
    amap.graph.graph["aif"] = kept
    mark_theses(amap)
    return amap


def _relate(amap: ArgMap, source: str, target: str, relation: str, group: str,
            undercuts: str | None = None) -> None:
    """Add a relation and remember the scheme node it came from (linked premises share it)."""
    amap.add_relation(source, target, relation, undercuts=undercuts)
    key = f"undercut:{undercuts}" if relation == "undercut" else relation
    amap.graph.edges[source, target, key]["group"] = group


def check_kept(kept: Any, path: str | None) -> None:
    """Type-check a ``graph["aif"]`` read from another format (node-link JSON, GraphML),
    where anything may have been written: the AIF writer relies on this shape."""
    expect(kept, dict, "graph.aif", path)
    for sid, scheme in expect(kept.get("schemes", {}), dict, "graph.aif.schemes",
                              path).items():
        expect(scheme, dict, f"graph.aif.schemes.{sid}", path)
        for key in ("type", "text"):
            if key in scheme:
                expect(scheme[key], str, f"graph.aif.schemes.{sid}.{key}", path)
    expect(kept.get("top_level", {}), dict, "graph.aif.top_level", path)
    dialogue = expect(kept.get("dialogue", {}), dict, "graph.aif.dialogue", path)
    for part, ends in (("nodes", ("nodeID",)), ("edges", ("fromID", "toID"))):
        items = expect(dialogue.get(part, []), list, f"graph.aif.dialogue.{part}", path)
        for index, item in enumerate(items):
            where = f"graph.aif.dialogue.{part}[{index}]"
            expect(item, dict, where, path)
            for key in ends:
                expect(item.get(key), (str, int), f"{where}.{key}", path)


# -- writing ------------------------------------------------------------------------------
class _Writer:
    """Lays out I-nodes, then one scheme node per group of relations, then kept nodes."""

    def __init__(self, amap: ArgMap, stamp: str):
        self.amap = amap
        self.stamp = stamp
        self.kept = amap.graph.graph.get("aif") or {}
        self.schemes = self.kept.get("schemes") or {}
        self.used = {str(n) for n in amap.graph}
        self.nodes: list[dict] = []
        self.edges: list[dict] = []
        self.scheme_of_group: dict[tuple, str] = {}
        self.scheme_of_relation: dict[tuple[str, str, str], str] = {}
        self.fresh = 0

    def node(self, nid: str, text: str, kind: str, extras: dict) -> None:
        fields = {"nodeID": nid, "text": text, "type": kind, "timestamp": self.stamp}
        fields.update({k: v for k, v in extras.items() if k not in OWN_FIELDS})
        self.nodes.append(fields)

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": f"e{len(self.edges) + 1}", "fromID": source,
                           "toID": target, "formEdgeID": None})

    def new_id(self, wanted: str | None) -> str:
        if wanted is not None and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        while f"s{self.fresh}" in self.used:
            self.fresh += 1
        self.used.add(f"s{self.fresh}")
        return f"s{self.fresh}"

    def scheme_node(self, premise: str, target: str, relation: str, group, aim: str) -> str:
        """The scheme node for ``premise`` in ``group``, made on first use; the kept AIF
        node of that id lends its type and details if it carries the same relation."""
        group_key = (relation, group if group is not None else object(), aim)
        sid = self.scheme_of_group.get(group_key)
        if sid is None:
            kept = self.schemes.get(group) if isinstance(group, str) else None
            kind = "RA" if relation == "support" else "CA"
            if kept and RELATION_OF.get(kept.get("type")) == RELATION_OF[kind]:
                kind = kept["type"]
            else:
                kept = None
            sid = self.new_id(group if isinstance(group, str) else None)
            self.scheme_of_group[group_key] = sid
            text, scheme_id = DEFAULT_SCHEMES.get(kind, (kind, None))
            extras = kept or {"scheme": text, "schemeID": scheme_id}
            self.node(sid, kept.get("text", text) if kept else text, kind, extras)
            self.edge(sid, aim)
        self.edge(premise, sid)
        return sid

    def write(self) -> dict[str, Any]:
        graph = self.amap.graph
        for cid, data in graph.nodes(data=True):
            extras = (data.get("meta") or {}).get("aif") or {}
            self.node(str(cid), data.get("text", ""), "I", extras if isinstance(extras, dict)
                      else {})
        undercuts = []
        for source, target, key, data in graph.edges(keys=True, data=True):
            if data["relation"] == "undercut":
                undercuts.append((source, target, data))
                continue
            self.scheme_of_relation[source, target, key] = self.scheme_node(
                str(source), str(target), data["relation"], data.get("group"), str(target))
        for source, target, data in undercuts:
            attacked = next((self.scheme_of_relation[data["undercuts"], target, key]
                             for key in ("support", "rebut")
                             if (data["undercuts"], target, key) in self.scheme_of_relation),
                            None)
            if attacked is None:
                raise FormatError(f"{source!r} undercuts {data['undercuts']}->{target}, "
                                  "which is not a support or rebut")
            self.scheme_node(str(source), str(target), "undercut", data.get("group"), attacked)
        self.keep_dialogue()
        return {"nodes": self.nodes, "edges": self.edges, "locutions": [],
                **(self.kept.get("top_level") or {})}

    def keep_dialogue(self) -> None:
        """Re-emit kept dialogue nodes, and their edges whose ends are still present."""
        dialogue = self.kept.get("dialogue") or {}
        for node in dialogue.get("nodes") or []:
            if node.get("nodeID") not in self.used:
                self.used.add(node["nodeID"])
                self.nodes.append(node)
        present = {node["nodeID"] for node in self.nodes}
        for edge in dialogue.get("edges") or []:
            if edge.get("fromID") in present and edge.get("toID") in present:
                self.edges.append({**edge, "edgeID": f"e{len(self.edges) + 1}"})


def to_aif(amap: ArgMap, stamp: str) -> dict[str, Any]:
    """The map as decoded AIF JSON: I-nodes (id = claim id), one scheme node per group of
    relations, kept dialogue nodes; every node carries ``stamp``."""
    return _Writer(amap, stamp).write()


def write(amap: ArgMap, *, timestamp: str | None = None) -> str:
    """AIF JSON text; every node carries ``timestamp`` (default: now, UTC)."""
    stamp = timestamp or datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return dump_json(to_aif(amap, stamp))


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and '"nodeID"' in head


FORMATS = [Format("aif", (".aif.json", ".aif"), "AIF JSON (AIFdb, OVA)", read=read,
                  write=write, sniff=_sniff)]
