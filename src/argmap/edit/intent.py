"""What each edit means for the map, independent of how the file is written.

Every edit is made twice: as splices of the text (``operations``) and here, on the map read
from the file before the edit.  The session reads the spliced text back and refuses the
edit unless it is exactly this intended map, so a splice that lands in the wrong place (a
miscounted line, an unusual layout) can never be saved as a success."""

from __future__ import annotations

from typing import Any

from ..model import ArgMap

_POSITIONS = frozenset(("line", "column", "side"))  # where it was written; derived side


def signature(amap: ArgMap) -> tuple:
    """Everything a file says, as comparable values: map fields, claims with their fields,
    relations with their notes.  Positions are left out, and so are ids only named by a
    relation (the relation carries them)."""
    graph = amap.graph
    claims = {cid: {k: v for k, v in data.items() if k not in _POSITIONS}
              for cid, data in graph.nodes(data=True) if data}
    relations = {(source, target, data["relation"], data.get("undercuts")): data.get("note")
                 for source, target, data in graph.edges(data=True)}
    return dict(graph.graph), claims, relations


def _split(target: str) -> tuple[str | None, str]:
    if "->" in target:
        source, _, target = (part.strip() for part in target.partition("->"))
        return source, target
    return None, target


def add_claim(amap: ArgMap, cid: str, text: str, *, kind: str = "claim",
              perspective: str | None = None, source: str | None = None,
              supports=(), rebuts=()) -> None:
    amap.add_claim(cid, text, kind=kind, perspective=perspective,
                   sources=[source] if source else ())
    for relation, targets in (("support", supports), ("rebut", rebuts)):
        for target in targets:
            amap.add_relation(cid, target, relation)


def link(amap: ArgMap, source: str, relation: str, target: str,
         note: str | None = None) -> None:
    undercuts, target = _split(target) if relation == "undercut" else (None, target)
    amap.add_relation(source, target, relation, undercuts=undercuts, note=note)


def unlink(amap: ArgMap, source: str, target: str) -> None:
    undercuts, target = _split(target)
    graph = amap.graph
    doomed = [key for _, to, key, data in graph.out_edges(source, keys=True, data=True)
              if to == target and data.get("undercuts") == undercuts]
    for key in doomed:
        graph.remove_edge(source, target, key)


_ATTRIBUTE = {"side": "declared_side", "source": "sources"}
_DEFAULTS: dict[str, Any] = {"kind": "claim"}


def set_field(amap: ArgMap, cid: str, name: str, value: str) -> None:
    typed: Any = float(value) if name == "weight" else [value] if name == "source" else value
    amap.graph.nodes[cid][_ATTRIBUTE.get(name, name)] = typed


def unset_field(amap: ArgMap, cid: str, name: str) -> None:
    data = amap.graph.nodes[cid]
    if name in _DEFAULTS:
        data[name] = _DEFAULTS[name]
    else:
        data.pop(_ATTRIBUTE.get(name, name), None)


def rename(amap: ArgMap, old: str, new: str) -> None:
    if old == new:
        return
    graph = amap.graph
    renamed = ArgMap()
    renamed.graph.graph.update(graph.graph)
    swap = {old: new}.get
    for cid, data in graph.nodes(data=True):
        renamed.graph.add_node(swap(cid, cid), **data)
    for source, target, data in graph.edges(data=True):
        undercuts = data.get("undercuts")
        renamed.add_relation(swap(source, source), swap(target, target), data["relation"],
                             undercuts=swap(undercuts, undercuts), note=data.get("note"))
    amap.graph = renamed.graph


def remove(amap: ArgMap, cid: str, cascade: bool = False) -> None:
    """The claim, its own relations and (cascade) every relation that names it."""
    graph = amap.graph
    naming = [(source, target, key) for source, target, key, undercuts
              in graph.edges(keys=True, data="undercuts") if undercuts == cid]
    graph.remove_edges_from(naming)
    graph.remove_node(cid)


def keep(amap: ArgMap) -> None:
    """Reformatting: the map stays exactly as it was."""
