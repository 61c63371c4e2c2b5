"""Helpers shared by the readers of other tools' formats (JSON, XML, GraphML, AIF, Kialo,
Carneades): decoding JSON with a location, checking value types by path, and choosing
theses for formats that have no notion of one."""

from __future__ import annotations

import json
import re
from typing import Any, TypedDict
from xml.etree import ElementTree

import networkx as nx

from ..errors import Location, ParseError, did_you_mean
from ..model import ArgMap
from .native._syntax import SLUG

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_A_NUMBER = re.compile(r"-?\b(?:NaN|Infinity)\b")


class Position(TypedDict):
    """Where something was written, as ``line``/``column`` keyword arguments (1-based)."""

    line: int
    column: int


def load_json(text: str, path: str | None) -> Any:
    """Decode JSON; a syntax error carries the line and column of the problem.  ``NaN``
    and ``Infinity`` (which Python's decoder accepts) and strings holding a lone surrogate
    (an escape no UTF-8 writer can encode) are refused."""
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)) \
            from None
    except _NotANumber:
        raise ParseError("invalid JSON: NaN and Infinity are not JSON numbers",
                         _position(text, _NOT_A_NUMBER.search(text), path)) from None
    except (ValueError, RecursionError) as exc:  # huge numbers, absurd nesting
        raise ParseError(f"invalid JSON: {exc}", Location(path)) from None
    if _SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(data, text, path)
    return data


class _NotANumber(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def _position(text: str, match: re.Match | None, path: str | None) -> Location:
    return Location(path) if match is None else Location.at(text, match.start(), path)


def _refuse_lone_surrogates(data: Any, text: str, path: str | None) -> None:
    """A ``\\udXXX`` escape that is not half of a pair decodes to a string that cannot be
    encoded: find one in the decoded data and report where its escape is."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += list(value.keys()) + list(value.values())
        elif isinstance(value, list):
            stack += value
        elif isinstance(value, str) and (lone := LONE_SURROGATE.search(value)):
            code = ord(lone[0])
            escape = re.compile(rf"\\u{code:04x}", re.IGNORECASE)
            raise ParseError(f"a string holds U+{code:04X}, a lone surrogate that cannot be "
                             "encoded", _position(text, escape.search(text), path))


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_xml(text: str, path: str | None, root: str) -> ElementTree.Element:
    """Parse another tool's XML, whose root element must be ``<root>``.  Entity
    declarations (how XML bombs work; these formats need none) are refused, and a syntax
    error carries its line and column."""
    if re.search(r"<!ENTITY", text):
        raise ParseError("XML entity declarations are refused (this format needs none)",
                         Location(path))
    try:
        element = ElementTree.fromstring(text.removeprefix("\ufeff").lstrip())
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise ParseError(f"invalid XML: {str(exc).split(':')[0]}",
                         Location(path, line, column + 1)) from None
    if element.tag != root:
        raise ParseError(f"the root element is <{element.tag}>, not <{root}>", Location(path))
    return element


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


class SlugIds:
    """Other formats' ids as argmap ids: an id that is a slug stays itself; any other (or
    one already taken) becomes a unique slug of it (``¬app(a1)`` -> ``not-app-a1``), so
    a converted map can be written as argmap's own format.  Readers keep the original."""

    def __init__(self) -> None:
        self.of: dict[str, str] = {}  # original id -> argmap id
        self.used: set[str] = set()

    def declare(self, original: str) -> str:
        node_id = original
        if not SLUG.match(node_id) or node_id in self.used:
            base = re.sub(r"^[¬-]", "not-", original)
            base = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-") or "id"
            node_id, suffix = base, 2
            while node_id in self.used or node_id in self.of:
                node_id, suffix = f"{base}-{suffix}", suffix + 1
        self.of[original] = node_id
        self.used.add(node_id)
        return node_id

    def get(self, original: str) -> str:
        return self.of.get(original, original)


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
              path: str | None) -> tuple[str, str]:
    """The two node ids an edge joins (``keys`` name its fields); each must be ``known``."""
    def end(key: str) -> str:
        node_id = identifier(item.get(key), f"{where}.{key}", path)
        if node_id not in known:
            raise ParseError(f"{where}.{key}: no node has the id {node_id!r}"
                             f"{did_you_mean(node_id, known)}", Location(path))
        return node_id

    return end(keys[0]), end(keys[1])


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
