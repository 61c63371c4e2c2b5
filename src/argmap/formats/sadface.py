"""SADFace, the Simple Argument Description Format (JSON), read and written
(see docs/formats/sadface.md).

A SADFace document is a graph of atoms (the claims) and the nodes that relate them:
``inference`` nodes (``scheme`` named ``support`` in version 0.1) carry a support from
the atoms that point into them to the atoms they point at, ``conflict`` nodes (``scheme``
named ``conflict`` or ``attack``) an attack, and a conflict aimed at an inference attacks
the inference itself.  That is AIF's shape (I, RA and CA nodes), so after checking the
document in SADFace's own terms the AIF reader builds the map, and the AIF writer lays
out what the SADFace writer writes.  What SADFace has no field for (claim ids, kinds,
perspectives, sources ...) travels in the ``argmap`` metadata namespace, which SADFace
reserves for tools like this one."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from ..errors import FormatError, Location, ParseError
from ..model import ArgMap
from . import Format
from ._imported import dump_json, expect, expect_strings, identifier, load_json, typed_nodes

NODE_TYPES = ("atom", "inference", "conflict", "scheme")
CONFLICT_NAMES = ("conflict", "attack")
VERSION = "0.5"  # the SADFace version argmap writes
NAMESPACE = "argmap"  # SADFace metadata namespace for what SADFace has no field for
# argmap's claim fields kept in an atom's metadata, and the types they must have
CLAIM_FIELDS = {"id": str, "kind": str, "perspective": str, "note": str, "sources": list,
                "tags": list, "weight": (int, float)}
MAP_FIELDS = {"title": str, "description": str, "perspectives": dict, "sources": dict}
_IDS = uuid.UUID("5ad5ace0-a4a3-4a3e-9d5e-0a4a3a4d5ace")  # namespace of written ids


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
    fields: dict[str, dict] = {}  # claim id -> argmap's fields from the atom's metadata
    for where, node, nid, kind in typed_nodes(data.get("nodes"), "id", NODE_TYPES, "a SADFace",
                                              "", path):
        nodes[nid] = node
        if kind == "atom":
            text = expect(node.get("text"), str, f"{where}.text", path)
            extras = {key: node[key] for key in ("metadata", "sources") if node.get(key)}
            own = _own_fields(node, where, path)
            if own:
                rest = {k: v for k, v in node["metadata"].items() if k != NAMESPACE}
                extras.pop("metadata")
                extras.update({"metadata": rest} if rest else {})
                fields[nid] = own
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
    claim_ids = _claim_ids(fields, nodes)
    for node in aif_nodes:
        node["nodeID"] = claim_ids.get(node["nodeID"], node["nodeID"])
    for edge in aif_edges:
        edge["fromID"] = claim_ids.get(edge["fromID"], edge["fromID"])
        edge["toID"] = claim_ids.get(edge["toID"], edge["toID"])
    amap = from_aif({"nodes": aif_nodes, "edges": aif_edges}, path)
    for nid, own in fields.items():
        attrs = amap.graph.nodes[claim_ids.get(nid, nid)]
        attrs.update({key: value for key, value in own.items() if key != "id"})
    _rename_kept(amap, data, path)
    return amap


def _own_fields(node: dict, where: str, path: str | None) -> dict[str, Any]:
    """The ``argmap`` fields in an atom's metadata, type-checked (empty when none)."""
    metadata = node.get("metadata")
    if not isinstance(metadata, dict) or NAMESPACE not in metadata:
        return {}
    where = f"{where}.metadata.{NAMESPACE}"
    own = expect(metadata[NAMESPACE], dict, where, path)
    for key, value in own.items():
        if key not in CLAIM_FIELDS:
            raise ParseError(f"{where}: unknown field {key!r} (one of "
                             f"{', '.join(CLAIM_FIELDS)})", Location(path))
        if CLAIM_FIELDS[key] is list:
            expect_strings(value, f"{where}.{key}", path)
        else:
            expect(value, CLAIM_FIELDS[key], f"{where}.{key}", path)
    return own


def _claim_ids(fields: dict[str, dict], nodes: dict[str, dict]) -> dict[str, str]:
    """SADFace id -> argmap claim id, from the ``argmap`` metadata argmap wrote, used only
    when every such id is distinct and names no other node (else the SADFace ids stay)."""
    wanted = {nid: own["id"] for nid, own in fields.items() if "id" in own}
    taken = set(wanted.values())
    if len(taken) != len(wanted) or taken & (set(nodes) - set(wanted)):
        return {}
    return wanted


def _rename_kept(amap: ArgMap, data: dict, path: str | None) -> None:
    """What the AIF reader kept under ``aif`` is SADFace's: keep it under ``sadface``;
    argmap's own map fields come back from the document's ``argmap`` metadata."""
    graph = amap.graph
    kept = graph.graph.pop("aif", {})
    graph.graph["sadface"] = {
        "schemes": {nid: scheme["text"] for nid, scheme in kept.get("schemes", {}).items()},
        **{key: value for key, value in data.items() if key not in ("nodes", "edges")}}
    for _, meta in graph.nodes(data="meta"):
        if meta and "aif" in meta:
            meta["sadface"] = meta.pop("aif")
    metadata = data.get("metadata") or {}
    core = metadata.get("core") if isinstance(metadata, dict) else None
    title = (core or {}).get("title") if isinstance(core, dict) else None
    if isinstance(title, str):
        amap.title = title
    own = metadata.get(NAMESPACE) if isinstance(metadata, dict) else None
    if own is None:
        return
    expect(own, dict, f"metadata.{NAMESPACE}", path)
    for key, value in own.items():
        if key not in MAP_FIELDS:
            raise ParseError(f"metadata.{NAMESPACE}: unknown field {key!r} (one of "
                             f"{', '.join(MAP_FIELDS)})", Location(path))
        expect(value, MAP_FIELDS[key], f"metadata.{NAMESPACE}.{key}", path)
    if "title" in own:
        amap.title = own["title"]
    if "description" in own:
        graph.graph["description"] = own["description"]
    for pid, label in own.get("perspectives", {}).items():
        amap.perspectives[pid] = expect(label, str, f"metadata.{NAMESPACE}.perspectives."
                                        f"{pid}", path)
    for sid, source in own.get("sources", {}).items():
        where = f"metadata.{NAMESPACE}.sources.{sid}"
        for key, value in expect(source, dict, where, path).items():
            expect(value, str, f"{where}.{key}", path)
        amap.sources[sid] = dict(source)
    graph.graph["sadface"]["metadata"] = {k: v for k, v in metadata.items() if k != NAMESPACE}


# -- writing ------------------------------------------------------------------------------
def write(amap: ArgMap, *, timestamp: str | None = None) -> str:
    """SADFace JSON of ``amap``: atoms for claims, an inference or conflict node for each
    group of relations (linked premises share one), as the AIF writer groups them.  Ids
    are UUIDs derived from the claim ids (the same map gives the same ids); argmap's own
    fields go in each atom's ``argmap`` metadata."""
    from .aif import to_aif
    stamp = timestamp or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    ids: dict[str, str] = {}

    def new_id(aif_id: str) -> str:
        """A UUID kept as it is (read from SADFace), anything else made into one."""
        if aif_id not in ids:
            try:
                ids[aif_id] = str(uuid.UUID(aif_id))
            except ValueError:
                ids[aif_id] = str(uuid.uuid5(_IDS, aif_id))
        return ids[aif_id]

    graph = amap.graph
    nodes = []
    aif = to_aif(amap, stamp)
    for node in aif["nodes"]:
        nid, kind = node["nodeID"], node["type"]
        if kind == "I":
            data = graph.nodes[nid]
            own = {"id": nid, **{key: data[key] for key in CLAIM_FIELDS
                                 if key != "id" and data.get(key) not in (None, [])}}
            kept = ((data.get("meta") or {}).get("sadface") or {})
            nodes.append({"id": new_id(nid), "type": "atom", "text": data.get("text", ""),
                          "sources": kept.get("sources", []),
                          "metadata": {**kept.get("metadata", {}), NAMESPACE: own}})
        elif kind in ("RA", "MA", "CA"):
            conflict = kind == "CA"
            nodes.append({"id": new_id(nid), "type": "conflict" if conflict else "inference",
                          "name": "attack" if conflict else "support", "metadata": {}})
    edges = [{"id": str(uuid.uuid5(_IDS, f"{ids[edge['fromID']]}->{ids[edge['toID']]}")),
              "source_id": ids[edge["fromID"]], "target_id": ids[edge["toID"]]}
             for edge in aif["edges"] if edge["fromID"] in ids and edge["toID"] in ids]
    kept = (graph.graph.get("sadface") or {}).get("metadata") or {}
    core = {"analyst_email": "", "analyst_name": "", "created": stamp, "id":
            str(uuid.uuid5(_IDS, f"document:{amap.title}")), **(kept.get("core") or {}),
            "edited": stamp, "version": VERSION}
    own = {"title": amap.title, "description": graph.graph.get("description"),
           "perspectives": dict(amap.perspectives) or None, "sources": dict(amap.sources) or None}
    metadata = {**kept, "core": core,
                NAMESPACE: {key: value for key, value in own.items() if value is not None}}
    return dump_json({"metadata": metadata, "resources": [], "nodes": nodes, "edges": edges})


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and re.search(
        r'"(?:source_id|target_id|analyst_name|analyst_email)"', head) is not None


FORMATS = [Format("sadface", (".sadface.json", ".sadface"),
                  "SADFace JSON (Simple Argument Description Format)", read=read,
                  write=write, sniff=_sniff)]
