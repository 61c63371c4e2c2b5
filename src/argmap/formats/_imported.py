"""Helpers shared by the readers of other tools' formats (JSON, GraphML, AIF, Kialo,
Carneades): decoding JSON with a location, checking value types by path, and choosing
theses for formats that have no notion of one."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ..errors import Location, ParseError
from ..model import ArgMap


def load_json(text: str, path: str | None) -> Any:
    """Decode JSON; a syntax error carries the line and column of the problem."""
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)) \
            from None
    except (ValueError, RecursionError) as exc:  # huge numbers, absurd nesting
        raise ParseError(f"invalid JSON: {exc}", Location(path)) from None


def dump_json(data: Any) -> str:
    """Deterministic, readable JSON text: insertion (file) order, UTF-8, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", list: "a list",
               dict: "an object", bool: "true or false"}


def expect(value: Any, kind, where: str, path: str | None) -> Any:
    """``value`` if it is of ``kind`` (a type, or a tuple of types), else a ``ParseError``
    naming ``where`` (e.g. ``nodes[3].text``).  ``bool`` never passes for a number."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
        return value
    wanted = "a number" if set(kinds) == {int, float} else \
        " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
    raise ParseError(f"{where} must be {wanted}, not {_json_type(value)}", Location(path))


def expect_strings(value: Any, where: str, path: str | None) -> list[str]:
    items = expect(value, list, where, path)
    for index, item in enumerate(items):
        expect(item, str, f"{where}[{index}]", path)
    return items


def identifier(value: Any, where: str, path: str | None) -> str:
    """A node id: text, or an integer (other tools number their nodes), as text."""
    return str(expect(value, (str, int), where, path))


def typed_nodes(items: Any, id_key: str, types: tuple[str, ...], language: str,
                prefix: str, path: str | None):
    """``(where, node, id, type)`` for each item of a graph format's node list, checked: an
    object, with an id (``id_key``) used once and a ``type`` among ``types``; messages
    name the item by its JSON path and the format (``language``) by name."""
    seen: set[str] = set()
    for index, node in enumerate(expect(items, list, f"{prefix}nodes", path)):
        where = f"{prefix}nodes[{index}]"
        expect(node, dict, where, path)
        nid = identifier(node.get(id_key), f"{where}.{id_key}", path)
        kind = expect(node.get("type"), str, f"{where}.type", path)
        if kind not in types:
            raise ParseError(f"{where}.type: {kind!r} is not {language} node type (one of "
                             f"{', '.join(types)})", Location(path))
        if nid in seen:
            raise ParseError(f"{where}: duplicate {id_key} {nid!r}", Location(path))
        seen.add(nid)
        yield where, node, nid, kind


def endpoints(item: dict, keys: tuple[str, str], known, where: str,
              path: str | None) -> list[str]:
    """The two node ids an edge joins (``keys`` name its fields); each must be ``known``."""
    ends = []
    for key in keys:
        node_id = identifier(item.get(key), f"{where}.{key}", path)
        if node_id not in known:
            raise ParseError(f"{where}.{key}: no node has the id {node_id!r}", Location(path))
        ends.append(node_id)
    return ends


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def mark_theses(amap: ArgMap, preferred=()) -> None:
    """Give a map read from a format without theses some, so it checks and draws.

    In each connected part with relations, the theses are the ``preferred`` claims found
    there, else the claims that argue about nothing but are argued about (the conclusions),
    else the part's first claim.  A map with no relations at all gets its first claim."""
    graph = amap.graph
    if any(kind == "thesis" for _, kind in graph.nodes(data="kind")):
        return
    order = {node: index for index, node in enumerate(graph)}
    preferred = set(preferred)
    for part in nx.weakly_connected_components(graph):
        if len(part) < 2:
            continue
        members = sorted(part, key=order.__getitem__)
        chosen = [n for n in members if n in preferred] or [
            n for n in members if graph.out_degree(n) == 0 and graph.in_degree(n)
            and graph.nodes[n].get("kind") != "argument"] or members[:1]
        for node in chosen:
            graph.nodes[node]["kind"] = "thesis"
    if len(graph) and not amap.theses():
        graph.nodes[next(iter(graph))]["kind"] = "thesis"
