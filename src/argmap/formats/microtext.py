"""Argumentative microtexts (Peldszus & Stede's ``arggraph`` XML), read only
(see docs/formats/microtext.md).

A microtext is segmented into EDUs (text spans); segmentation edges (``seg``), possibly
through a joint of adjacent EDUs, ground each ADU (an argumentative unit, played by the
proponent or the opponent).  ADUs are related by support (``sup``, and ``exa``: support
by example), rebuttal (``reb``) and undercut (``und``, aimed at another edge); ``add``
adds a premise to the relation it points at, so linked premises share one relation group.
Each ADU becomes a claim whose text is its EDUs' text; the plain text beside the XML
(``micro_b001.txt`` for ``micro_b001.xml``) is kept as the map's description."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from ..errors import ArgmapError, Location, ParseError
from ..fileio import read_text
from ..model import ArgMap, edge_key
from . import Format
from ._imported import mark_theses, parse_xml

RELATIONS = {"sup": "support", "exa": "support", "reb": "rebut", "und": "undercut"}
EDGE_TYPES = ("seg", "add", *RELATIONS)
ROLES = {"pro": "Proponent", "opp": "Opponent"}


def read(text: str, path: str | None = None) -> ArgMap:
    root = parse_xml(text, path, "arggraph")
    amap = ArgMap(path=path)
    topic = root.get("topic_id")
    amap.title = f"{root.get('id') or 'microtext'}" + (f": {topic.replace('_', ' ')}"
                                                       if topic else "")
    amap.perspectives.update(ROLES)
    edus = {}
    for element in root.iter("edu"):
        edus[_id(element, path)] = (element.text or "").strip()
    units = {}  # ADU and joint ids -> "adu"/"joint"
    for element in root:
        if element.tag in ("adu", "joint"):
            units[_id(element, path)] = element
    edges = {}
    for element in root.iter("edge"):
        eid = _id(element, path)
        kind = element.get("type")
        if kind not in EDGE_TYPES:
            raise ParseError(f"edge {eid!r} has type {kind!r}, not one of "
                             f"{', '.join(EDGE_TYPES)}", Location(path))
        for end in ("src", "trg"):
            if not element.get(end):
                raise ParseError(f"edge {eid!r} has no {end}", Location(path))
        edges[eid] = element
    texts = _unit_texts(edus, units, edges, path)
    for uid, element in units.items():
        if element.tag != "adu":
            continue
        role = element.get("type")
        if role not in ROLES:
            raise ParseError(f"adu {uid!r} has type {role!r}, not pro or opp", Location(path))
        amap.add_claim(uid, texts.get(uid) or uid, perspective=role,
                       meta={"role": role, "edus": _edus_of(uid, units, edges)})
    _relations(amap, edges, path)
    description = _plain_text(path)
    if description is not None:
        amap.graph.graph["description"] = description
    amap.graph.graph["microtext"] = {key: value for key, value in root.attrib.items()}
    mark_theses(amap)
    return amap


def _id(element: ElementTree.Element, path: str | None) -> str:
    value = element.get("id")
    if not value:
        raise ParseError(f"an <{element.tag}> has no id", Location(path))
    return value


def _unit_texts(edus, units, edges, path) -> dict[str, str]:
    """Each ADU's (and joint's) text: its EDUs in document order, joined by spaces."""
    order = {eid: index for index, eid in enumerate(edus)}
    parts: dict[str, list[str]] = {}
    for eid, edge in edges.items():
        if edge.get("type") != "seg":
            continue
        source, target = edge.get("src"), edge.get("trg")
        if source not in edus and source not in units or target not in units:
            raise ParseError(f"segmentation edge {eid!r} must join an EDU or joint to an "
                             "ADU or joint", Location(path))
        parts.setdefault(target, []).append(source)
    texts: dict[str, str] = {}

    def text_of(unit: str, seen: frozenset) -> str:
        if unit in edus:
            return edus[unit]
        if unit in seen:
            raise ParseError(f"segmentation edges loop through {unit!r}", Location(path))
        sources = sorted(parts.get(unit, []), key=lambda s: order.get(s, len(order)))
        return " ".join(text_of(source, seen | {unit}) for source in sources)

    for unit in units:
        texts[unit] = text_of(unit, frozenset())
    return texts


def _edus_of(unit: str, units, edges) -> list[str]:
    found: list[str] = []
    for edge in edges.values():
        if edge.get("type") == "seg" and edge.get("trg") == unit:
            source = edge.get("src")
            found += _edus_of(source, units, edges) if source in units else [source]
    return found


def _relations(amap: ArgMap, edges, path: str | None) -> None:
    """Argumentative edges to relations; an ``add`` edge is one more premise of the
    relation it points at, in that relation's group (the edge id)."""
    def ends(eid: str) -> tuple[str, str, str | None]:
        """(target claim, relation, attacked source) of the relation edge ``eid``."""
        edge = edges[eid]
        kind = RELATIONS[edge.get("type")]
        target = edge.get("trg")
        if kind != "undercut":
            if target not in amap.graph:
                raise ParseError(f"edge {eid!r} points at {target!r}, which is no ADU",
                                 Location(path))
            return target, kind, None
        attacked = edges.get(target)
        if attacked is None or attacked.get("type") not in ("sup", "exa", "reb"):
            raise ParseError(f"undercut {eid!r} must point at a support or rebuttal edge, "
                             f"not {target!r}", Location(path))
        return attacked.get("trg"), kind, attacked.get("src")

    for eid, edge in edges.items():
        kind = edge.get("type")
        if kind == "seg":
            continue
        group = eid
        if kind == "add":
            group = edge.get("trg")
            if group not in edges or edges[group].get("type") not in RELATIONS:
                raise ParseError(f"additional premise {eid!r} must point at a relation edge, "
                                 f"not {group!r}", Location(path))
        source = edge.get("src")
        if source not in amap.graph:
            raise ParseError(f"edge {eid!r} starts at {source!r}, which is no ADU",
                             Location(path))
        target, relation, attacked = ends(group)
        amap.add_relation(source, target, relation, undercuts=attacked)
        amap.graph.edges[source, target, edge_key(relation, attacked)]["group"] = group


def _plain_text(path: str | None) -> str | None:
    """The raw text the microtext was annotated on, from the ``.txt`` file beside it."""
    if path is None:
        return None
    plain = Path(path).with_suffix(".txt")
    try:
        return read_text(plain).strip() if plain.is_file() else None
    except ArgmapError:
        return None


def _sniff(text: str) -> bool:
    return re.search(r"<arggraph[\s>]", text[:4096]) is not None


FORMATS = [Format("microtext", (".arggraph.xml",), "argumentative microtext (arggraph XML)",
                  read=read, sniff=_sniff, aliases=("arggraph",))]
