"""The change model: what differs between two argument maps, claim by claim.

``diff_maps(old, new)`` compares the maps as models, not as text, so reordering, reformatting
or moving a claim within its file is no change, and a renamed claim is one change, not a
removal plus an addition.  ``apply_diff(old, diff)`` replays a diff on ``old``: it gives
``new``'s graph, which is what the merge builds on and what the property tests check.

**How a rename is recognised.**  Only a claim id that disappeared (in OLD only) can be
renamed, and only to a claim id that appeared (in NEW only).  A candidate pair qualifies when

- its text is the same (whitespace runs compared as one space), or
- its texts are at least ``SIMILAR`` (0.8) alike (``difflib``'s ratio), or
- its relations are the same and it has some, and its texts are at least ``RELATED`` (0.5)
  alike.  "The same relations" means the same (direction, relation type, claim at the other
  end, undercut inference) once OLD's ids are mapped through renames already found; a claim at
  the other end that was itself removed or added matches any such claim.

Qualifying pairs are taken best first (same text, then same relations, then the higher text
ratio), ties broken by file order in OLD then NEW, each claim renamed at most once; matching
repeats until no pair qualifies, so a rename found by its text lets its neighbours' relations
match.  The pairwise ratio is computed for every candidate pair only while there are at most
``PAIR_LIMIT`` of them; beyond that (two unrelated big maps) only the pairs sharing a text or
a relation signature are compared, which keeps the diff near linear.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..model import ArgMap, Relation, add_edge, edge_key

SIMILAR = 0.8
RELATED = 0.5
PAIR_LIMIT = 40_000

# Claim fields in the order reports list them; a field not named here (a format's extra
# attribute) follows, by name.  ``side`` is the side as written (``declared_side``): the
# derived side changes with the graph and is the report's business, not a field change.
CLAIM_FIELDS = ("text", "kind", "perspective", "side", "sources", "tags", "weight", "note",
                "quotes", "meta")
_ATTRIBUTE = {"side": "declared_side"}
_FIELD = {attribute: name for name, attribute in _ATTRIBUTE.items()}
# Attributes that say where or how a claim was read or viewed, not what it says.
_NOT_FIELDS = frozenset({"line", "column", "side", "view_role"})
_RELATION_IDENTITY = frozenset({"relation", "undercuts", "line", "column"})
# Map-level metadata kept per entry: graph attribute -> section of an ``EntryChange``.
ENTRY_SECTIONS = {"perspectives": "perspectives", "sources": "sources", "tag_styles": "tags",
                  "lint": "lint"}
_SECTION_ATTRIBUTE = {section: name for name, section in ENTRY_SECTIONS.items()}
_NOT_META = frozenset({"argmap", *ENTRY_SECTIONS})


@dataclass(frozen=True)
class FieldChange:
    """One field of a claim or relation: ``None`` stands for absent on that side."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ClaimChange:
    """A claim in both maps (under ``old_id`` in OLD, ``new_id`` in NEW) that differs."""

    old_id: str
    new_id: str
    fields: tuple[FieldChange, ...]

    @property
    def renamed(self) -> bool:
        return self.old_id != self.new_id


@dataclass(frozen=True)
class RelationChange:
    """A relation in both maps (``old`` in OLD's ids, ``new`` in NEW's) whose fields differ."""

    old: Relation
    new: Relation
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class EntryChange:
    """A map-level entry: ``section`` is meta, perspectives, sources, tags or lint; ``key``
    is ``title``/``description`` for meta, else the entry's id.  ``old`` None = added,
    ``new`` None = removed."""

    section: str
    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class MapDiff:
    """Every difference between OLD and NEW; falsy when there is none.

    ``added_claims`` and ``removed_claims`` hold the fields of the claims in ``added`` and
    ``removed`` (field name -> value, as in ``FieldChange``), so a diff can be applied, drawn
    or reported without the maps it came from."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ClaimChange, ...]
    relations_added: tuple[Relation, ...]
    relations_removed: tuple[Relation, ...]
    relations_changed: tuple[RelationChange, ...]
    entries: tuple[EntryChange, ...]
    added_claims: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)
    removed_claims: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)

    @property
    def renames(self) -> dict[str, str]:
        """Old id -> new id of every renamed claim."""
        return {change.old_id: change.new_id for change in self.changed if change.renamed}

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed, self.relations_added,
                    self.relations_removed, self.relations_changed, self.entries))


# -- fields --------------------------------------------------------------------------------
def claim_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A claim's node attributes as comparable fields: positions and derived values left
    out, quotes without the line and column they were read at."""
    fields = {}
    for attribute, value in data.items():
        if attribute in _NOT_FIELDS:
            continue
        if attribute == "quotes" and isinstance(value, list):
            value = [{k: v for k, v in quote.items() if k not in ("line", "column")}
                     if isinstance(quote, dict) else quote for quote in value]
        fields[_FIELD.get(attribute, attribute)] = value
    return fields


def _ordered(names: Iterable[str]) -> list[str]:
    names = set(names)
    return [name for name in CLAIM_FIELDS if name in names] + sorted(names - set(CLAIM_FIELDS))


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    if old == new:  # the usual case, settled by one comparison in C
        return ()
    return tuple(FieldChange(name, old.get(name), new.get(name))
                 for name in _ordered(old.keys() | new.keys())
                 if old.get(name) != new.get(name))


def _relation_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _RELATION_IDENTITY}


# -- renames -------------------------------------------------------------------------------
def _words(text: Any) -> str:
    return " ".join(str(text).split()) if text is not None else ""


class _Signatures:
    """Each claim's relations with the claims at their other end mapped to NEW's ids, so a
    claim of OLD and one of NEW can be compared; unmatched removed/added claims are ``None``
    (they match anything)."""

    def __init__(self, amap: ArgMap, known: Mapping[str, str], unmatched: set[str]):
        self.amap, self.known, self.unmatched = amap, known, unmatched

    def other(self, claim_id: str | None) -> str | None:
        if claim_id is None or claim_id in self.unmatched:
            return None
        return self.known.get(claim_id, claim_id)

    def of(self, claim_id: str) -> frozenset:
        graph, other = self.amap.graph, self.other
        found = set()
        for _, target, data in graph.out_edges(claim_id, data=True):
            found.add(("to", data["relation"], other(target), other(data.get("undercuts"))))
        for source, _, data in graph.in_edges(claim_id, data=True):
            found.add(("from", data["relation"], other(source), other(data.get("undercuts"))))
        return frozenset(found)


def _match_renames(old: ArgMap, new: ArgMap, removed: list[str],
                   added: list[str]) -> dict[str, str]:
    """Old id -> new id for the removed and added claims that are one claim renamed (the rule
    is in the module docstring)."""
    renames: dict[str, str] = {}
    while True:
        left = [cid for cid in removed if cid not in renames]
        taken = set(renames.values())
        right = [cid for cid in added if cid not in taken]
        found = _best_pairs(old, new, left, right, renames)
        if not found:
            return renames
        renames.update(found)


def _best_pairs(old: ArgMap, new: ArgMap, left: list[str], right: list[str],
                renames: Mapping[str, str]) -> dict[str, str]:
    if not left or not right:
        return {}
    old_sig = _Signatures(old, renames, set(left))
    new_sig = _Signatures(new, {}, set(right))
    old_text = {cid: _words(old.graph.nodes[cid].get("text")) for cid in left}
    new_text = {cid: _words(new.graph.nodes[cid].get("text")) for cid in right}
    signature = {cid: old_sig.of(cid) for cid in left}
    new_signature = {cid: new_sig.of(cid) for cid in right}
    candidates = set(_shared(left, right, old_text, new_text))
    candidates |= set(_shared(left, right, signature, new_signature))
    if len(left) * len(right) <= PAIR_LIMIT:
        candidates = {(a, b) for a in left for b in right}
    order = {cid: index for index, cid in enumerate(left)}
    new_order = {cid: index for index, cid in enumerate(right)}
    scored = []
    for a, b in candidates:
        same_text = old_text[a] == new_text[b]
        same_relations = bool(signature[a]) and signature[a] == new_signature[b]
        ratio = 1.0 if same_text else _ratio(old_text[a], new_text[b],
                                              RELATED if same_relations else SIMILAR)
        if same_text or ratio >= SIMILAR or (same_relations and ratio >= RELATED):
            scored.append(((not same_text, not same_relations, -ratio, order[a],
                            new_order[b]), a, b))
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for _, a, b in sorted(scored):
        if a not in pairs and b not in taken:
            pairs[a] = b
            taken.add(b)
    return pairs


def _shared(left: list[str], right: list[str], old_key: Mapping[str, Any],
            new_key: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The (old, new) pairs whose keys are equal (and not empty)."""
    by_key: dict[Any, list[str]] = {}
    for cid in right:
        if new_key[cid]:
            by_key.setdefault(new_key[cid], []).append(cid)
    for cid in left:
        for match in by_key.get(old_key[cid], ()) if old_key[cid] else ():
            yield cid, match


def _ratio(a: str, b: str, least: float) -> float:
    """difflib's similarity of two texts, 0 when its cheap upper bounds are below ``least``."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return 0.0
    return matcher.ratio()


# -- the diff ------------------------------------------------------------------------------
Edge = tuple[str, str, dict[str, Any]]  # (source, target, attributes) as networkx gives it


def _identity(relation: Relation, rename=lambda cid: cid) -> tuple:
    return (rename(relation.source), rename(relation.target), relation.relation,
            rename(relation.undercuts) if relation.undercuts is not None else None)


def _edges(amap: ArgMap, rename=lambda cid: cid) -> dict[tuple, Edge]:
    """Each relation by its identity (ends and type, ids mapped by ``rename``).  Plain
    tuples: a ``Relation`` is made only for the few relations a diff reports."""
    found = {}
    for edge in amap.graph.edges(data=True):
        source, target, data = edge
        undercuts = data.get("undercuts")
        found[rename(source), rename(target), data["relation"],
              rename(undercuts) if undercuts is not None else None] = edge
    return found


def _relation(edge: Edge) -> Relation:
    source, target, data = edge
    return Relation(source, target, data["relation"], data.get("undercuts"), data.get("note"),
                    data.get("line"), data.get("column"))


def _entry_changes(old: ArgMap, new: ArgMap) -> list[EntryChange]:
    before, after = old.graph.graph, new.graph.graph
    changes = []
    meta_keys = [key for key in (*before, *after) if key not in _NOT_META]
    for key in dict.fromkeys(["title", "description", *sorted(set(meta_keys))]):
        if before.get(key) != after.get(key):
            changes.append(EntryChange("meta", key, before.get(key), after.get(key)))
    for attribute, section in ENTRY_SECTIONS.items():
        old_entries = before.get(attribute) or {}
        new_entries = after.get(attribute) or {}
        for key in dict.fromkeys([*old_entries, *new_entries]):
            if old_entries.get(key) != new_entries.get(key):
                changes.append(EntryChange(section, key, old_entries.get(key),
                                           new_entries.get(key)))
    return changes


def diff_maps(old: ArgMap, new: ArgMap) -> MapDiff:
    """What changed from ``old`` to ``new``: claims, relations and map-level entries.

    Lists follow file order (NEW's for added and changed, OLD's for removed)."""
    old_graph, new_graph = old.graph, new.graph
    removed = [cid for cid in old_graph if cid not in new_graph]
    added = [cid for cid in new_graph if cid not in old_graph]
    renames = _match_renames(old, new, removed, added)
    renamed_to = {new_id: old_id for old_id, new_id in renames.items()}

    def rename(cid: str) -> str:
        return renames.get(cid, cid)

    changed = []
    for new_id, data in new_graph.nodes(data=True):
        old_id = renamed_to.get(new_id, new_id)
        if old_id in old_graph:
            fields = _field_changes(claim_fields(old_graph.nodes[old_id]), claim_fields(data))
            if fields or old_id != new_id:
                changed.append(ClaimChange(old_id, new_id, fields))

    old_edges, new_edges = _edges(old, rename), _edges(new)
    relations_changed = []
    for key, edge in new_edges.items():
        if key in old_edges:
            before = old_edges[key]
            fields = _field_changes(_relation_fields(before[2]), _relation_fields(edge[2]))
            if fields:
                relations_changed.append(RelationChange(_relation(before), _relation(edge),
                                                        fields))

    gone = [cid for cid in removed if cid not in renames]
    new_only = [cid for cid in added if cid not in renamed_to]
    return MapDiff(
        added=tuple(new_only), removed=tuple(gone), changed=tuple(changed),
        relations_added=tuple(_relation(edge) for key, edge in new_edges.items()
                              if key not in old_edges),
        relations_removed=tuple(_relation(edge) for key, edge in old_edges.items()
                                if key not in new_edges),
        relations_changed=tuple(relations_changed),
        entries=tuple(_entry_changes(old, new)),
        added_claims={cid: claim_fields(new_graph.nodes[cid]) for cid in new_only},
        removed_claims={cid: claim_fields(old_graph.nodes[cid]) for cid in gone})


# -- applying a diff -----------------------------------------------------------------------
def _set_fields(attributes: dict[str, Any], changes: Iterable[FieldChange]) -> None:
    for change in changes:
        attribute = _ATTRIBUTE.get(change.field, change.field)
        if change.new is None:
            attributes.pop(attribute, None)
        else:
            attributes[attribute] = copy.deepcopy(change.new)


def _apply_entries(metadata: dict[str, Any], entries: Iterable[EntryChange]) -> None:
    for entry in entries:
        if entry.section == "meta":
            target = metadata
        else:
            target = metadata.setdefault(_SECTION_ATTRIBUTE[entry.section], {})
        if entry.new is None:
            target.pop(entry.key, None)
        else:
            target[entry.key] = copy.deepcopy(entry.new)
    for attribute in ("tag_styles", "lint"):
        if attribute in metadata and not metadata[attribute]:
            del metadata[attribute]


def apply_diff(old: ArgMap, diff: MapDiff) -> ArgMap:
    """``old`` with ``diff`` replayed on it, as a new map (``old`` is not changed):
    ``apply_diff(a, diff_maps(a, b))`` has ``b``'s claims, fields, relations and entries.
    Sides are derived again, as on reading."""
    renames = diff.renames
    removed = set(diff.removed)
    edits = {change.old_id: change.fields for change in diff.changed}
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.graph.update(copy.deepcopy(old.graph.graph))
    _apply_entries(graph.graph, diff.entries)
    for cid, data in old.graph.nodes(data=True):
        if cid in removed:
            continue
        attributes = copy.deepcopy(dict(data))
        _set_fields(attributes, edits.get(cid, ()))
        graph.add_node(renames.get(cid, cid), **attributes)
    for cid in diff.added:
        attributes = {}
        _set_fields(attributes, (FieldChange(name, None, value) for name, value
                                 in diff.added_claims.get(cid, {}).items()))
        graph.add_node(cid, **attributes)

    def rename(cid: str) -> str:
        return renames.get(cid, cid)

    dropped = {_identity(relation, rename) for relation in diff.relations_removed}
    relation_edits = {_identity(change.new): change.fields for change in diff.relations_changed}
    for key, edge in _edges(old, rename).items():
        if key in dropped or removed.intersection(key):
            continue
        attributes = _relation_fields(edge[2])
        _set_fields(attributes, relation_edits.get(key, ()))
        _add_relation(graph, key, attributes, _relation(edge))
    for relation in diff.relations_added:
        _add_relation(graph, _identity(relation), {"note": relation.note}, relation)
    result = ArgMap(graph, path=old.path)
    result.derive_sides()
    return result


def _add_relation(graph: nx.MultiDiGraph, key: tuple, attributes: dict[str, Any],
                  relation: Relation) -> None:
    source, target, kind, undercuts = key
    extras = {name: value for name, value in attributes.items() if name != "note"}
    add_edge(graph, source, target, kind, undercuts=undercuts, note=attributes.get("note"),
             line=relation.line, column=relation.column)
    graph.edges[source, target, edge_key(kind, undercuts)].update(extras)
