"""What each edit means for the map, independent of how the file is written.

Every edit is made twice: as splices of the text (``operations``) and here, on the map read
from the file before the edit.  The session reads the spliced text back and refuses the
edit unless it is exactly this intended map, so a splice that lands in the wrong place (a
miscounted line, an unusual layout) can never be saved as a success."""

from __future__ import annotations

from typing import Any

from ..model import ArgMap, add_edge

_POSITIONS = frozenset(("line", "column", "side"))  # where it was written; derived side


def signature(amap: ArgMap) -> tuple:
    """Everything a file says, as comparable values: map fields, claims with their fields,
    relations with their notes.  Positions are left out, and so are ids only named by a
    relation (the relation carries them)."""
    graph = amap.graph
    claims = {cid: {k: _unplaced(v) for k, v in data.items() if k not in _POSITIONS}
              for cid, data in graph.nodes(data=True) if data}
    relations = {(source, target, data["relation"], data.get("undercuts")): data.get("note")
                 for source, target, data in graph.edges(data=True)}
    return dict(graph.graph), claims, relations


def _unplaced(value: Any) -> Any:
    """A claim field without the positions it carries inside (each quote's line)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [{k: v for k, v in item.items() if k not in _POSITIONS} for item in value]
    return value


def _split(target: str) -> tuple[str | None, str]:
    if "->" in target:
        source, _, target = (part.strip() for part in target.partition("->"))
        return source, target
    return None, target


def add_claim(amap: ArgMap, cid: str, text: str, *, kind: str = "claim",
              perspective: str | None = None, sources=(), tags=(), weight: str | None = None,
              note: str | None = None, supports=(), rebuts=(), undercuts=()) -> None:
    amap.add_claim(cid, text, kind=kind, perspective=perspective, sources=sources, tags=tags,
                   weight=None if weight is None else float(weight), note=note)
    for relation, targets in (("support", supports), ("rebut", rebuts)):
        for target in targets:
            add_edge(amap.graph, cid, target, relation)
    for undercut in undercuts:
        source, target = _split(undercut)
        add_edge(amap.graph, cid, target, "undercut", undercuts=source)


def link(amap: ArgMap, source: str, relation: str, target: str,
         note: str | None = None) -> None:
    """A new relation, or (same key) a new note on an existing one."""
    undercuts, target = _split(target) if relation == "undercut" else (None, target)
    add_edge(amap.graph, source, target, relation, undercuts=undercuts, note=note)


def unlink(amap: ArgMap, source: str, target: str, cascade: bool = False) -> None:
    undercuts, target = _split(target)
    graph = amap.graph
    doomed = [(source, target, key)
              for _, to, key, data in graph.out_edges(source, keys=True, data=True)
              if to == target and data.get("undercuts") == undercuts]
    if cascade and undercuts is None:
        doomed += [(attacker, target, key) for attacker, _, key, data
                   in graph.in_edges(target, keys=True, data=True)
                   if data.get("undercuts") == source]
    graph.remove_edges_from(doomed)


_ATTRIBUTE = {"side": "declared_side", "source": "sources"}
_DEFAULTS: dict[str, Any] = {"kind": "claim"}


def set_field(amap: ArgMap, cid: str, name: str, value: str) -> None:
    set_fields(amap, cid, {name: value})


def set_fields(amap: ArgMap, cid: str, values: dict) -> None:
    data = amap.graph.nodes[cid]
    for name, value in values.items():
        typed: Any = (float(value) if name == "weight" else [value] if name == "source"
                      else list(value) if name in ("tags", "sources") else value)
        data[_ATTRIBUTE.get(name, name)] = typed


def tag(amap: ArgMap, cid: str, tags) -> None:
    data = amap.graph.nodes[cid]
    data["tags"] = list(dict.fromkeys([*data.get("tags", ()), *tags]))


def untag(amap: ArgMap, cid: str, tags) -> None:
    data = amap.graph.nodes[cid]
    data["tags"] = [t for t in data.get("tags", ()) if t not in tags]
    if not data["tags"]:
        del data["tags"]


def set_meta(amap: ArgMap, name: str, value: str) -> None:
    if value:
        amap.graph.graph[name] = value
    else:
        amap.graph.graph.pop(name, None)


def _declared(amap: ArgMap, section: str) -> dict:
    return amap.perspectives if section == "perspectives" else amap.sources


def add_entry(amap: ArgMap, section: str, eid: str, value) -> None:
    _declared(amap, section)[eid] = value


def add_source(amap: ArgMap, sid: str, fields: dict) -> None:
    amap.sources[sid] = dict(fields)


def set_source_field(amap: ArgMap, sid: str, name: str, value: str) -> None:
    amap.sources[sid][name] = value


def rename_entry(amap: ArgMap, section: str, old: str, new: str) -> None:
    declared = _declared(amap, section)
    renamed = {new if eid == old else eid: value for eid, value in declared.items()}
    declared.clear()
    declared.update(renamed)
    for _, data in amap.graph.nodes(data=True):
        if section == "perspectives" and data.get("perspective") == old:
            data["perspective"] = new
        elif section == "sources":
            if old in data.get("sources", ()):
                data["sources"] = [new if s == old else s for s in data["sources"]]
            for quote in data.get("quotes", ()):
                if quote.get("source") == old:
                    quote["source"] = new


def remove_entry(amap: ArgMap, section: str, eid: str, cascade: bool = False) -> None:
    """The perspective or source, and (cascade) the citations of a source."""
    del _declared(amap, section)[eid]
    for _, data in amap.graph.nodes(data=True):
        if section == "sources":
            for name, kept in (("sources", [s for s in data.get("sources", ()) if s != eid]),
                               ("quotes", [q for q in data.get("quotes", ())
                                           if q.get("source") != eid])):
                if kept:
                    data[name] = kept
                else:
                    data.pop(name, None)


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
        add_edge(renamed.graph, swap(source, source), swap(target, target), data["relation"],
                 undercuts=None if undercuts is None else swap(undercuts, undercuts),
                 note=data.get("note"))
    amap.graph = renamed.graph


def remove(amap: ArgMap, cid: str, cascade: bool = False) -> None:
    """The claim, its own relations and (cascade) every relation that names it."""
    graph = amap.graph
    naming = [(source, target, key) for source, target, key, data
              in graph.edges(keys=True, data=True) if data.get("undercuts") == cid]
    graph.remove_edges_from(naming)
    graph.remove_node(cid)


def keep(amap: ArgMap) -> None:
    """Reformatting: the map stays exactly as it was."""
