"""SADFace, the Simple Argument Description Format (JSON), read only
(see docs/formats/sadface.md).

A SADFace document is a graph of atoms (the claims) and the nodes that relate them:
``inference`` nodes (``scheme`` named ``support`` in version 0.1) carry a support from
the atoms that point into them to the atoms they point at, ``conflict`` nodes (``scheme``
named ``conflict`` or ``attack``) an attack, and a conflict aimed at an inference attacks
the inference itself.  That is AIF's shape (I, RA and CA nodes), so after checking the
document in SADFace's own terms the AIF reader builds the map."""

from __future__ import annotations

import re
from typing import Any

from ..errors import FormatError, Location, ParseError
from ..model import ArgMap
from . import Format
from ._imported import expect, identifier, load_json, typed_nodes

NODE_TYPES = ("atom", "inference", "conflict", "scheme")
CONFLICT_NAMES = ("conflict", "attack")


def is_sadface(data: Any) -> bool:
    """Whether decoded JSON is SADFace (its edges name ``source_id``/``target_id``, its
    nodes are atoms/inferences/conflicts/schemes, or it has SADFace's core metadata)."""
    if not isinstance(data, dict):
        return False
    nodes, edges, metadata = data.get("nodes"), data.get("edges"), data.get("metadata")
    return (isinstance(metadata, dict) and isinstance(metadata.get("core"), dict)) or \
        "analyst_name" in data or any(
            isinstance(edge, dict) and ("source_id" in edge or "target_id" in edge)
            for edge in (edges if isinstance(edges, list) else ())) or any(
            isinstance(node, dict) and node.get("type") in NODE_TYPES[:2] and "id" in node
            for node in (nodes if isinstance(nodes, list) else ()))


def read(text: str, path: str | None = None) -> ArgMap:
    if not text.strip("\ufeff \t\r\n"):
        raise ParseError("empty file: a SADFace document is a JSON object with 'nodes' and "
                         "'edges'", Location(path))
    return from_sadface(load_json(text, path), path)


def from_sadface(data: Any, path: str | None) -> ArgMap:
    """Build a map from a decoded SADFace document."""
    from .aif import from_aif, is_aif
    expect(data, dict, "the top level", path)
    if is_aif(data):
        raise FormatError("this is AIF JSON, not SADFace (its nodes have 'nodeID'); read it "
                          "with --from aif", Location(path))
    if not is_sadface(data):
        raise FormatError("this is not SADFace: SADFace edges join 'source_id' to "
                          "'target_id' (node-link JSON has 'source'/'target'; read it with "
                          "--from json)", Location(path))
    nodes: dict[str, dict] = {}
    aif_nodes = []
    for where, node, nid, kind in typed_nodes(data.get("nodes"), "id", NODE_TYPES, "a SADFace",
                                              "", path):
        nodes[nid] = node
        if kind == "atom":
            text = expect(node.get("text"), str, f"{where}.text", path)
            extras = {key: node[key] for key in ("metadata", "sources") if node.get(key)}
            aif_nodes.append({"nodeID": nid, "type": "I", "text": text, **extras})
        else:
            name = expect(node.get("name", kind), str, f"{where}.name", path)
            conflict = kind == "conflict" or (kind == "scheme" and name in CONFLICT_NAMES)
            aif_nodes.append({"nodeID": nid, "type": "CA" if conflict else "RA",
                              "text": name})
    if not any(node["type"] == "atom" for node in nodes.values()):
        raise ParseError("the SADFace document has no atoms: nothing to map", Location(path))
    aif_edges = []
    for index, edge in enumerate(expect(data.get("edges", []), list, "edges", path)):
        where = f"edges[{index}]"
        expect(edge, dict, where, path)
        ends = []
        for key in ("source_id", "target_id"):
            end = identifier(edge.get(key), f"{where}.{key}", path)
            if end not in nodes:
                raise ParseError(f"{where}.{key}: no node has the id {end!r}", Location(path))
            ends.append(end)
        if all(nodes[end]["type"] == "atom" for end in ends):
            raise ParseError(f"{where} joins two atoms: SADFace relates atoms through an "
                             "inference or conflict node", Location(path))
        aif_edges.append({"fromID": ends[0], "toID": ends[1]})
    amap = from_aif({"nodes": aif_nodes, "edges": aif_edges}, path)
    _rename_kept(amap, data)
    return amap


def _rename_kept(amap: ArgMap, data: dict) -> None:
    """What the AIF reader kept under ``aif`` is SADFace's: keep it under ``sadface``."""
    graph = amap.graph
    kept = graph.graph.pop("aif", {})
    graph.graph["sadface"] = {
        "schemes": {nid: scheme["text"] for nid, scheme in kept.get("schemes", {}).items()},
        **{key: value for key, value in data.items() if key not in ("nodes", "edges")}}
    for _, meta in graph.nodes(data="meta"):
        if meta and "aif" in meta:
            meta["sadface"] = meta.pop("aif")
    core = (data.get("metadata") or {}).get("core") if isinstance(data.get("metadata"),
                                                                  dict) else None
    title = (core or {}).get("title") if isinstance(core, dict) else None
    if isinstance(title, str):
        amap.title = title


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and re.search(
        r'"(?:source_id|target_id|analyst_name|analyst_email)"', head) is not None


FORMATS = [Format("sadface", (".sadface.json", ".sadface"),
                  "SADFace JSON (Simple Argument Description Format)", read=read,
                  sniff=_sniff)]
