"""GraphML (yEd, Gephi, Cytoscape, networkx), read and written losslessly
(see docs/formats/graphml.md).

GraphML attributes are scalars, so an attribute holding a list or a dict (``sources``,
``tags``, ``meta``, ``perspectives`` ...) is written as JSON text under the attribute's
name plus ``.json``; so is a string holding a character XML 1.0 cannot carry (most C0
controls, U+FFFE/U+FFFF, lone surrogates), since ASCII-only JSON spells it ``\\uXXXX``.
Carriage returns are legal XML but parsers turn them into line feeds, so they are written
as ``&#13;``, which parsers keep."""

from __future__ import annotations

import json
import re
import warnings
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from ..errors import FormatError, Location, ParseError, did_you_mean
from ..model import ArgMap
from . import Format
from .nodelink import from_data

JSON_SUFFIX = ".json"
# Characters XML 1.0 cannot hold, listed directly: the complement class reaching U+10FFFF
# took ~4 ms to compile on every import.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SCALARS = (str, int, float, bool)
# What networkx warns about while parsing means nothing to an argmap user: a key without
# ``attr.type`` is a string, as the GraphML spec says, and ports are layout hints argmap
# does not read.
_MEANINGLESS_WARNINGS = r"No key type for id |GraphML port tag not supported"


def _encode(attrs: dict[str, Any]) -> dict[str, Any]:
    encoded = {}
    for name, value in attrs.items():
        if isinstance(value, _SCALARS) and not (isinstance(value, str) and _NOT_XML.search(value)):
            encoded[name] = value
        else:
            encoded[name + JSON_SUFFIX] = json.dumps(value, ensure_ascii=True, allow_nan=False)
    return encoded


def _xml_safe_id(value: str, what: str) -> str:
    if _NOT_XML.search(value):
        raise FormatError(f"{what} {value!r} holds a character XML cannot carry")
    return value


def write(amap: ArgMap) -> str:
    """GraphML text; edges get document-unique ids (``e0``, ``e1`` ...), as the GraphML
    schema asks, and the relation keys are rebuilt from the attributes on reading."""
    source = amap.graph
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    try:
        graph.graph.update(_encode(source.graph))
        for node, data in source.nodes(data=True):
            if "weight" in data:
                data = {**data, "weight": float(data["weight"])}
            graph.add_node(_xml_safe_id(str(node), "claim id"), **_encode(data))
        for index, (start, end, data) in enumerate(source.edges(data=True)):
            graph.add_edge(str(start), str(end), key=f"e{index}", **_encode(data))
        # Not ``generate_graphml``: it splits its output with ``splitlines``, which eats
        # carriage returns inside text, and writes non-ASCII as character references.
        writer = GraphMLWriter(prettyprint=True)
        writer.add_graph_element(graph)
        writer.indent(writer.xml)
        body = ElementTree.tostring(writer.xml, encoding="unicode")
        text = f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.replace("\r", "&#13;")
    except (TypeError, ValueError, nx.NetworkXError) as exc:
        raise FormatError(f"the map holds a value GraphML cannot represent: {exc}") from None
    return text


# -- reading ------------------------------------------------------------------------------
def _check_structure(data: bytes, path: str | None) -> None:
    """What networkx lets pass silently: a node without an id (it becomes the claim
    "None"), a repeated node id, an edge whose end is not a declared node (networkx adds
    it).  Located by a streaming pass over the XML."""
    parser = expat.ParserCreate(namespace_separator=" ")
    declared: set[str] = set()
    ends: list[tuple[str, int, int]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        where = (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if local == "node":
            if "id" not in attrs:
                raise ParseError("a node without an id", Location(path, *where))
            if attrs["id"] in declared:
                raise ParseError(f"duplicate node id {attrs['id']!r}", Location(path, *where))
            declared.add(attrs["id"])
        elif local == "edge":
            for key in ("source", "target"):
                if key not in attrs:
                    raise ParseError(f"an edge without a {key}", Location(path, *where))
                ends.append((attrs[key], *where))

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return  # networkx's parser reports it, located, below
    for node_id, line, column in ends:
        if node_id not in declared:
            raise ParseError(f"an edge names {node_id!r}, which is not a declared node"
                             f"{did_you_mean(node_id, declared)}", Location(path, line, column))


def read(text: str, path: str | None = None) -> ArgMap:
    _check_structure(text.removeprefix("\ufeff").encode("utf-8"), path)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_MEANINGLESS_WARNINGS, category=UserWarning)
            # networkx's stubs say str: it parses bytes too, as _check_structure does.
            graph = nx.parse_graphml(  # type: ignore[call-overload]
                text.removeprefix("\ufeff").encode("utf-8"), node_type=str,
                edge_key_type=str, force_multigraph=True)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise ParseError(f"invalid XML: {message}", Location(path, line, column + 1)) from None
    except (nx.NetworkXError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ParseError(f"invalid GraphML: {exc}", Location(path)) from None
    # networkx adds the GraphML key defaults; they are not map data.
    graph.graph = {k: v for k, v in _decode(graph.graph, "the graph", path).items()
                   if k not in ("node_default", "edge_default")}
    for node, data in graph.nodes(data=True):
        decoded = _decode(data, f"node {node!r}", path)
        data.clear()
        data.update(decoded)
    for start, end, data in graph.edges(data=True):
        decoded = _decode(data, f"edge {start!r}->{end!r}", path)
        data.clear()
        data.update(decoded)
    return from_data(nx.node_link_data(graph, edges="edges"), path, where=_graphml_where)


def _decode(attrs: dict[str, Any], what: str, path: str | None) -> dict[str, Any]:
    decoded = {}
    for name, value in attrs.items():
        if name.endswith(JSON_SUFFIX) and isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                raise ParseError(f"{what}: attribute {name!r} is not valid JSON",
                                 Location(path)) from None
            name = name.removesuffix(JSON_SUFFIX)
        decoded[name] = value
    return decoded


def _graphml_where(kind: str, index: int, item: Any) -> str:
    if not isinstance(item, dict):
        return f"{kind}[{index}]"
    if kind == "nodes":
        return f"node[{item.get('id')!r}]"
    return f"edge[{item.get('source')!r}->{item.get('target')!r}]"


def _sniff(text: str) -> bool:
    return "<graphml" in text[:4096]


FORMATS = [Format("graphml", (".graphml",), "GraphML (yEd, Gephi, Cytoscape)", read=read,
                  write=write, sniff=_sniff)]
