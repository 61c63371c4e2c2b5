"""The three-way merge of argument files: BASE, OURS and THEIRS, merged on the model.

The merge compares the maps, not their lines: ``diff_maps(BASE, OURS)`` and
``diff_maps(BASE, THEIRS)`` say what each side changed, claim by claim and field by field,
with renames followed.  THEIRS' changes that OURS did not also make are then written into
OURS' text as edits (``argmap.changes.patch``), so OURS keeps its comments, order and
formatting; a claim THEIRS added is copied with its own comments where its relations need
no renaming.  Before anything is written the merged text is read back and must be exactly
``apply_diff(OURS, the changes taken)``, and checked as every edit is: it may not have an
error that OURS did not have.

**What is a conflict.**  Each claim is one unit, written as one block, and so is each
map-level entry (the title, the description, a perspective, a source, a tag style, a lint
setting).  A conflict is

- a field (text, kind, perspective, sources, tags, weight, side, note, quotes) that both
  sides changed to different values, or a claim both sides renamed differently;
- a claim one side removed and the other changed (any field, its id or its relations);
- an id both sides added with different content, or that one side added while the other
  renamed a claim to it;
- a relation one side added or changed whose claim at the other end the other side removed,
  both sides adding one relation with different notes, or one side changing the note of a
  relation the other removed (the claim holding the relation is the unit in conflict);
- an entry both sides set differently, or a perspective or source THEIRS removed while the
  merged map still uses it.

A claim or entry in conflict takes none of THEIRS' changes: in the output its block from
OURS and its block from THEIRS stand between git's markers (``<<<<<<< ours``, ``=======``,
``>>>>>>> theirs``), and nothing else of the file is inside markers.  So nothing from
either side is lost: every claim of both sides is in the output, merged, or between
markers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property

import yaml

from ..edit.document import is_block, pairs
from ..edit.operations import ArgumentFile, head_line
from ..edit.session import verify
from ..errors import EditError, FormatError, Location, ValidationError
from ..fileio import atomic_write, read_text
from ..formats.native import read, read_with_problems
from ..model import ArgMap, Relation
from ..pipeline import gc_paused
from ..registry import format_for_reading, formats, get_format
from .diff import (ClaimChange, EntryChange, FieldChange, MapDiff, RelationChange,
                   apply_diff, claim_fields, diff_maps)
from .patch import Placement, patch_text

OURS_MARKER, SEPARATOR, THEIRS_MARKER = "<<<<<<< ours", "=======", ">>>>>>> theirs"


@dataclass(frozen=True)
class Conflict:
    """One conflict: what it is, and where the unit in conflict is written in OURS and in
    THEIRS (``None`` on a side that does not have it)."""

    message: str
    ours: Location | None
    theirs: Location | None

    def __str__(self) -> str:
        where = self.ours or self.theirs or Location()
        also = f" (theirs: {self.theirs})" if self.ours and self.theirs else ""
        return f"{where}: conflict: {self.message}{also}"


@dataclass(frozen=True)
class MergeResult:
    """The merged text (with conflict markers when there are conflicts) and the conflicts."""

    text: str
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass(frozen=True)
class _Side:
    """One input: its text, its map and the name its locations use."""

    text: str
    amap: ArgMap
    name: str

    @cached_property
    def doc(self) -> ArgumentFile:
        """The parsed file, for the positions of its blocks (parsed only when needed: a
        big file takes longer to parse than to merge)."""
        return ArgumentFile(self.text, self.name)

    def claim_location(self, cid: str | None) -> Location | None:
        if cid is None or cid not in self.amap:
            return None
        data = self.amap.claim(cid)
        return Location(self.name, data.get("line"), data.get("column"))

    def entry_location(self, section: str, key: str) -> Location | None:
        span = _entry_span(self.doc, section, key)
        if span is None:
            return None
        return Location(self.name, span[0] + 1, span[2] + 1)


def merge_texts(base: str, ours: str, theirs: str, *,
                names: tuple[str, str, str] = ("BASE", "OURS", "THEIRS")) -> MergeResult:
    """Merge THEIRS' changes since BASE into OURS (all native argument files' text); see
    the module docstring.  ``names`` name the three in locations.  Raises ``FormatError``
    for a file in another format, ``ParseError`` for one that does not parse, and
    ``EditError`` when the merged map would have an error neither side had."""
    with gc_paused():  # it reads and parses big files several times: see gc_paused
        return _merge(base, ours, theirs, names)


def _merge(base: str, ours: str, theirs: str, names: tuple[str, str, str]) -> MergeResult:
    # Git gives an empty BASE for a file both branches added.
    base_map = _side(base, names[0]).amap if base.strip() else ArgMap()
    ours_side, theirs_side = _side(ours, names[1]), _side(theirs, names[2])
    plan = _Plan(base_map, ours_side, theirs_side)
    taken = plan.changes()
    merged = patch_text(ours, taken, names[1], plan.placement(taken), ours_side.amap)
    try:
        verify(merged, ours, names[1], expected=apply_diff(ours_side.amap, taken))
    except EditError as exc:
        raise EditError("merge refused: " + exc.message.removeprefix("edit refused: "),
                        exc.location) from None
    if plan.conflicts:
        merged = _with_markers(merged, names[1], ours_side, theirs_side, plan)
    return MergeResult(merged, tuple(sorted(plan.conflicts, key=_position)))


def _position(conflict: Conflict) -> tuple:
    where = conflict.ours or conflict.theirs or Location()
    return (conflict.ours is None, where.line or 0, where.column or 0)


def merge_files(base: str | os.PathLike, ours: str | os.PathLike, theirs: str | os.PathLike,
                output: str | os.PathLike, *, name: str | None = None) -> MergeResult:
    """Merge three files and write the result to ``output`` atomically (nothing is written
    when the merge fails with an error, nor when ``output`` already holds the result).
    ``name`` names OURS in locations, and ``NAME (theirs)`` THEIRS (git's merge driver
    gives the file's path; the three inputs are then temporary files)."""
    texts = [read_text(path) for path in (base, ours, theirs)]
    names = (str(base), name or str(ours), f"{name} (theirs)" if name else str(theirs))
    result = merge_texts(*texts, names=names)
    current = read_text(output) if os.path.exists(output) else None
    if result.text != current:
        atomic_write(output, result.text.encode("utf-8"))
    return result


def _side(text: str, name: str) -> _Side:
    native = get_format("yaml")
    suffixes = [suffix for fmt in formats() for suffix in fmt.suffixes]
    if name.lower().endswith(tuple(suffixes)) or not (native.sniff and native.sniff(text)):
        # Named like a file of some format (else, as git's temporary files are, by content:
        # a claim's text may look like another format's).
        fmt = format_for_reading(name, text)
        if fmt is not native:
            raise FormatError(f"argmap merges argmap's YAML argument files only (this is "
                              f"{fmt.name}); convert it with 'argmap convert' first",
                              Location(name))
    try:
        amap = read(text, name)
    except ValidationError:  # a problem the file already has does not stop the merge
        amap, _ = read_with_problems(text, name)
    return _Side(text, amap, name)


class _Plan:
    """The three-way decision: which of THEIRS' changes OURS takes, and the conflicts."""

    def __init__(self, base: ArgMap, ours: _Side, theirs: _Side):
        self.base, self.ours, self.theirs = base, ours, theirs
        self.mine = diff_maps(base, ours.amap)
        self.their = diff_maps(base, theirs.amap)
        self.conflicts: list[Conflict] = []
        # Units in conflict: claims by (OURS id or None, THEIRS id or None), entries by
        # (section, key).
        self.claims_in_conflict: dict[tuple[str | None, str | None], None] = {}
        self.entries_in_conflict: dict[tuple[str, str], None] = {}
        self._their_back = {new: old for old, new in self.their.renames.items()}
        self._mine_back = {new: old for old, new in self.mine.renames.items()}
        # The diffs' id tuples as sets: asked of every claim and relation.
        self._mine_removed, self._their_removed = set(self.mine.removed), set(self.their.removed)
        self._mine_added, self._their_added = set(self.mine.added), set(self.their.added)
        self._find_conflicts()

    # -- ids across the three maps --------------------------------------------------------
    def ours_id(self, base_id: str) -> str | None:
        """The id in OURS of a claim of BASE (None: OURS removed it)."""
        if base_id in self._mine_removed:
            return None
        return self.mine.renames.get(base_id, base_id)

    def theirs_id(self, base_id: str) -> str | None:
        if base_id in self._their_removed:
            return None
        return self.their.renames.get(base_id, base_id)

    def base_of_theirs(self, cid: str) -> str | None:
        """The BASE id of a claim of THEIRS (None: THEIRS added it)."""
        return None if cid in self._their_added else self._their_back.get(cid, cid)

    def base_of_ours(self, cid: str) -> str | None:
        return None if cid in self._mine_added else self._mine_back.get(cid, cid)

    def theirs_in_ours(self, cid: str | None) -> str | None:
        """The OURS id of a claim of THEIRS (its own id when THEIRS added it; None when
        OURS removed it)."""
        if cid is None:
            return None
        base_id = self.base_of_theirs(cid)
        return cid if base_id is None else self.ours_id(base_id)

    # -- conflicts -------------------------------------------------------------------------
    def _conflict(self, message: str, ours_id: str | None, theirs_id: str | None) -> None:
        self.claims_in_conflict[(ours_id, theirs_id)] = None
        self.conflicts.append(Conflict(message, self.ours.claim_location(ours_id),
                                       self.theirs.claim_location(theirs_id)))

    def _entry_conflict(self, message: str, section: str, key: str) -> None:
        self.entries_in_conflict[(section, key)] = None
        self.conflicts.append(Conflict(message, self.ours.entry_location(section, key),
                                       self.theirs.entry_location(section, key)))

    def _touched(self, diff: MapDiff, back) -> set[str]:
        """BASE ids of the claims whose block a side changed: fields, id or relations."""
        touched = {change.old_id for change in diff.changed}
        touched |= {relation.source for relation in diff.relations_removed}
        touched |= {change.old.source for change in diff.relations_changed}
        touched |= {back(relation.source) for relation in diff.relations_added}
        return {cid for cid in touched if cid is not None}

    def _find_conflicts(self) -> None:
        mine, their = self.mine, self.their
        mine_touched = self._touched(mine, self.base_of_ours)
        their_touched = self._touched(their, self.base_of_theirs)
        mine_changes = {change.old_id: change for change in mine.changed}
        for change in their.changed:
            base_id, theirs_id = change.old_id, change.new_id
            ours_id = self.ours_id(base_id)
            if ours_id is None:
                continue  # reported below: removed in ours, changed in theirs
            ours_change = mine_changes.get(base_id)
            if change.renamed and ours_change and ours_change.renamed and ours_id != theirs_id:
                self._conflict(f"claim {base_id!r} renamed to {ours_id!r} in ours and to "
                               f"{theirs_id!r} in theirs", ours_id, theirs_id)
            elif change.renamed and ours_id != theirs_id and theirs_id in self.ours.amap:
                self._conflict(f"claim {base_id!r} renamed to {theirs_id!r} in theirs, an id "
                               "ours has for another claim", ours_id, theirs_id)
            ours_fields = {item.field: item.new for item in
                           (ours_change.fields if ours_change else ())}
            for item in change.fields:
                if item.field in ours_fields and ours_fields[item.field] != item.new:
                    self._conflict(f"claim {ours_id!r}: {item.field} changed on both sides",
                                   ours_id, theirs_id)
        for base_id in self.base.claims():
            in_ours, in_theirs = self.ours_id(base_id), self.theirs_id(base_id)
            if in_theirs is None and in_ours is not None and base_id in mine_touched:
                self._conflict(f"claim {in_ours!r} changed in ours, removed in theirs",
                               in_ours, None)
            elif in_ours is None and in_theirs is not None and base_id in their_touched:
                self._conflict(f"claim {in_theirs!r} removed in ours, changed in theirs",
                               None, in_theirs)
        for cid in their.added:
            if cid in self.ours.amap and (cid not in mine.added or not self._same_claim(cid)):
                self._conflict(f"claim {cid!r} added on both sides, differently"
                               if cid in mine.added else
                               f"claim {cid!r} added in theirs, an id ours has for another "
                               "claim", cid, cid)
        self._relation_conflicts()
        self._entry_conflicts()

    def _same_claim(self, cid: str) -> bool:
        """Whether a claim both sides added says the same on both, relations included."""
        ours, theirs = self.ours.amap, self.theirs.amap
        if claim_fields(ours.claim(cid)) != claim_fields(theirs.claim(cid)):
            return False
        return self._relations_from(ours, cid, lambda c: c) == \
            self._relations_from(theirs, cid, self.theirs_in_ours)

    @staticmethod
    def _relations_from(amap: ArgMap, cid: str, to_ours) -> set:
        return {(to_ours(target), data["relation"], to_ours(data.get("undercuts")),
                 data.get("note")) for _, target, data in amap.graph.out_edges(cid, data=True)}

    def _in_ours(self, relation: Relation) -> tuple:
        """A relation of THEIRS in OURS' ids (None for a claim OURS removed)."""
        return (self.theirs_in_ours(relation.source), self.theirs_in_ours(relation.target),
                relation.relation, self.theirs_in_ours(relation.undercuts)
                if relation.undercuts is not None else "")

    @cached_property
    def _ours_relations(self) -> dict[tuple, str | None]:
        """OURS' relations by identity (``_identity``) -> note."""
        return {_identity(r): r.note for r in self.ours.amap.relations()}

    def _relation_conflicts(self) -> None:
        ours_relations = self._ours_relations
        mine_removed = {_identity(r) for r in self.mine.relations_removed}
        mine_noted = {_identity(c.old): c.new.note
                      for c in self.mine.relations_changed}
        for relation in self.their.relations_added:
            source, target, kind, undercuts = key = self._in_ours(relation)
            if source is None:
                continue  # the claim holding it: removed in ours, changed in theirs
            if None in (target, undercuts):
                self._conflict(f"claim {relation.source!r}: theirs adds '{relation.label}', "
                               "naming a claim ours removed", source, relation.source)
            elif key in ours_relations and ours_relations[key] != relation.note:
                self._conflict(f"claim {source!r}: relation '{relation.label}' added on both "
                               "sides with different notes", source, relation.source)
        for change in self.their.relations_changed:
            base_key = _identity(change.old)
            source = self.ours_id(change.old.source)
            if source is None:
                continue
            if base_key in mine_removed:
                self._conflict(f"claim {source!r}: relation '{change.old.label}' removed in "
                               "ours, its note changed in theirs", source, change.new.source)
            elif base_key in mine_noted and mine_noted[base_key] != change.new.note:
                self._conflict(f"claim {source!r}: the note of '{change.old.label}' changed "
                               "on both sides", source, change.new.source)
        their_relations_removed = {_identity(r) for r in self.their.relations_removed}
        for change in self.mine.relations_changed:
            if _identity(change.old) in their_relations_removed:
                self._conflict(f"claim {change.new.source!r}: the note of "
                               f"'{change.new.label}' changed in ours, the relation removed "
                               "in theirs", change.new.source,
                               self.theirs_id(change.old.source))
        # A claim THEIRS removed that a relation OURS added still names.
        for relation in self.mine.relations_added:
            for cid in (relation.target, relation.undercuts):
                base_id = self.base_of_ours(cid) if cid is not None else None
                if base_id in self._their_removed:
                    self._conflict(f"claim {cid!r} removed in theirs, but ours adds "
                                   f"'{relation.label}'", cid, None)

    def _entry_conflicts(self) -> None:
        mine = {(e.section, e.key): e.new for e in self.mine.entries}
        for entry in self.their.entries:
            key = (entry.section, entry.key)
            if key in mine and mine[key] != entry.new:
                what = "the " + entry.key if entry.section == "meta" else \
                    f"{entry.section.rstrip('s')} {entry.key!r}"
                how = ("removed in ours, changed in theirs" if mine[key] is None else
                       "changed in ours, removed in theirs" if entry.new is None else
                       "changed on both sides")
                self._entry_conflict(f"{what} {how}", *key)

    # -- the changes OURS takes ----------------------------------------------------------
    def _claim_free(self, ours_id: str | None, theirs_id: str | None) -> bool:
        return not any(ours_id is not None and ours_id == o or
                       theirs_id is not None and theirs_id == t
                       for o, t in self.claims_in_conflict)

    def changes(self) -> MapDiff:
        """THEIRS' changes that OURS does not have, in OURS' ids (a ``MapDiff`` from OURS
        to the merged map), leaving out every unit in conflict."""
        their, ours = self.their, self.ours.amap
        mine_changes = {change.old_id: change for change in self.mine.changed}
        changed, new_ids = [], {}
        for change in their.changed:
            ours_id = self.ours_id(change.old_id)
            if ours_id is None or not self._claim_free(ours_id, change.new_id):
                continue
            ours_change = mine_changes.get(change.old_id)
            new_id = change.new_id if change.renamed and not (
                ours_change and ours_change.renamed) else ours_id
            data = claim_fields(ours.claim(ours_id))
            fields = tuple(FieldChange(item.field, data.get(item.field), item.new)
                           for item in change.fields if data.get(item.field) != item.new)
            if fields or new_id != ours_id:
                changed.append(ClaimChange(ours_id, new_id, fields))
                new_ids[ours_id] = new_id
        removed = [ours_id for base_id in their.removed
                   if (ours_id := self.ours_id(base_id)) is not None
                   and self._claim_free(ours_id, None)]
        added = [cid for cid in their.added if cid not in ours and self._claim_free(cid, cid)]

        def merged(cid: str) -> str | None:
            return new_ids.get(cid, cid)

        ours_relations = self._ours_relations
        relations_removed, relations_added = [], []
        for relation in their.relations_removed:
            in_ours = _mapped(relation, self.ours_id)
            if in_ours and _identity(in_ours) in ours_relations and \
                    self._claim_free(in_ours.source, None):
                relations_removed.append(replace(in_ours,
                                                 note=ours_relations[_identity(in_ours)]))
        for relation in their.relations_added:
            in_ours = _mapped(relation, self.theirs_in_ours)
            if in_ours and _identity(in_ours) not in ours_relations and \
                    self._claim_free(in_ours.source, relation.source):
                relations_added.append(replace(_mapped(in_ours, merged) or in_ours,
                                               line=None, column=None))
        relations_changed = []
        for noted in their.relations_changed:
            in_ours = _mapped(noted.old, self.ours_id)
            if in_ours is None or _identity(in_ours) not in ours_relations or \
                    not self._claim_free(in_ours.source, None):
                continue
            old = replace(in_ours, note=ours_relations[_identity(in_ours)])
            if old.note != noted.new.note:
                new = replace(_mapped(old, merged) or old, note=noted.new.note)
                relations_changed.append(RelationChange(old, new, (
                    FieldChange("note", old.note, new.note),)))
        taken = MapDiff(tuple(added), tuple(removed), tuple(changed), tuple(relations_added),
                        tuple(relations_removed), tuple(relations_changed),
                        tuple(self._entries()),
                        added_claims={cid: their.added_claims[cid] for cid in added},
                        removed_claims={})
        return self._keep_used_entries(taken)

    def _entries(self) -> Iterable[EntryChange]:
        graph = self.ours.amap.graph.graph
        sections = {"perspectives": graph.get("perspectives") or {},
                    "sources": graph.get("sources") or {}, "tags": graph.get("tag_styles") or {},
                    "lint": graph.get("lint") or {}, "meta": graph}
        for entry in self.their.entries:
            if (entry.section, entry.key) in self.entries_in_conflict:
                continue
            current = sections[entry.section].get(entry.key)
            if current != entry.new:
                yield replace(entry, old=current)

    def _keep_used_entries(self, taken: MapDiff) -> MapDiff:
        """A perspective or source THEIRS removed that the merged map still uses is a
        conflict, and stays."""
        if not any(entry.new is None and entry.section in ("perspectives", "sources")
                   for entry in taken.entries):
            return taken
        merged = apply_diff(self.ours.amap, taken)
        used: dict[str, set[str | None]] = {"perspectives": set(), "sources": set()}
        for _, data in merged.graph.nodes(data=True):
            used["perspectives"].add(data.get("perspective"))
            used["sources"].update(data.get("sources") or ())
            used["sources"].update(q.get("source") for q in data.get("quotes") or ())
        kept = []
        for entry in taken.entries:
            if entry.new is None and entry.key in used.get(entry.section, ()):
                self._entry_conflict(f"{entry.section.rstrip('s')} {entry.key!r} removed in "
                                     "theirs, still used in ours", entry.section, entry.key)
            else:
                kept.append(entry)
        return replace(taken, entries=tuple(kept))

    # -- where new claims go ---------------------------------------------------------------
    def placement(self, taken: MapDiff) -> Placement:
        """Each new claim after the claim of OURS it follows in THEIRS (the nearest one
        before it) and the claims OURS added after that one, so OURS' text stays together;
        new claims going after one claim go there in THEIRS' order.  Copied as THEIRS
        writes it when its relations keep their ids (``patch`` checks that both files
        indent alike)."""
        order = list(self.theirs.amap.claims())
        ours_order = list(self.ours.amap.claims())
        theirs_at = {cid: index for index, cid in enumerate(order)}
        ours_at = {cid: index for index, cid in enumerate(ours_order)}
        renamed = {change.old_id: change.new_id for change in taken.changed}
        after: dict[str, str | None] = {}
        blocks = {}
        for cid in taken.added:
            previous: str | None = None
            for other in reversed(order[:theirs_at[cid]]):
                in_ours = self.theirs_in_ours(other)
                if in_ours is not None and in_ours in self.ours.amap:
                    previous = in_ours
                    break
            if previous is not None:
                index = ours_at[previous]
                while index + 1 < len(ours_order) and ours_order[index + 1] in self._mine_added:
                    index += 1
                previous = ours_order[index]
            after[cid] = renamed.get(previous, previous) if previous is not None else None
            if all(r.source != cid or self._keeps_ids(r) for r in taken.relations_added):
                block = _claim_lines(self.theirs.doc, cid)
                if block is not None:
                    blocks[cid] = (block, self.theirs.doc.step)
        return Placement(after, blocks)

    def _keeps_ids(self, relation: Relation) -> bool:
        """Whether THEIRS has ``relation`` as it is (its ends not renamed on the way)."""
        return self.theirs.amap.graph.has_edge(relation.source, relation.target, relation.key)


def _identity(relation: Relation) -> tuple[str, str, str, str]:
    return (relation.source, relation.target, relation.relation, relation.undercuts or "")


def _mapped(relation: Relation, to: Callable[[str], str | None]) -> Relation | None:
    """``relation`` with its claims' ids mapped by ``to`` (None when one maps to None)."""
    source, target = to(relation.source), to(relation.target)
    undercuts = to(relation.undercuts) if relation.undercuts is not None else None
    if source is None or target is None or (relation.undercuts is not None and undercuts is None):
        return None
    return replace(relation, source=source, target=target, undercuts=undercuts)


# -- spans in the text ---------------------------------------------------------------------
def _claim_span(doc: ArgumentFile, cid: str) -> tuple[int, int, int] | None:
    """First line, last line (0-based) and key column of a claim's block."""
    claim = doc.claim(cid)
    if claim is None:
        return None
    return claim.key.start_mark.line, doc.last_line(claim.value), claim.key.start_mark.column


def _claim_lines(doc: ArgumentFile, cid: str) -> list[str] | None:
    """A claim's block with the comments heading it, unindented to its key's column, when
    the file's claims are in block style."""
    claim = doc.claim(cid)
    if claim is None or not is_block(doc.claims) or not is_block(claim.value):
        return None
    column = claim.key.start_mark.column
    lines = [doc.line_text(number) for number in
             range(head_line(doc, claim.key), doc.last_line(claim.value) + 1)]
    return [_unindent(line, column) for line in lines]


def _unindent(line: str, column: int) -> str:
    if line[:column].strip():
        return line.lstrip()
    return line[column:] if line.strip() else ""


def _entry_span(doc: ArgumentFile, section: str, key: str) -> tuple[int, int, int] | None:
    """First line, last line and key column of a map-level entry (for meta, the top-level
    key itself)."""
    if doc.root is None:
        return None
    top = {name: (key_node, value) for name, key_node, value in pairs(doc.root)}
    name = {"tags": "tags", "meta": key}.get(section, section)
    if name not in top:
        return None
    key_node, value = top[name]
    if section != "meta":
        found = [(k, v) for entry, k, v in pairs(value) if entry == key]
        if not found or not is_block(value):
            return None
        key_node, value = found[0]
    return key_node.start_mark.line, doc.last_line(value), key_node.start_mark.column


# -- conflict markers ------------------------------------------------------------------------
def _with_markers(text: str, name: str, ours: _Side, theirs: _Side, plan: _Plan) -> str:
    """The merged ``text`` with each unit in conflict between markers: OURS' block (as it is
    in ``text``) and THEIRS' (re-indented to OURS' column).  Where OURS has no block the
    markers stand where THEIRS' block would go.  In a file whose claims are in flow style
    the whole file is in conflict."""
    doc = ArgumentFile(text, name)
    lines = doc.lines()
    theirs_lines = theirs.doc.lines()
    replaced: dict[int, tuple[int, list[str]]] = {}  # first line -> (last line, new lines)
    inserted: dict[int, list[str]] = {}  # before line -> lines

    def theirs_block(span, column: int) -> list[str]:
        if span is None:
            return []
        first, last, their_column = span
        shift = column - their_column
        return [(" " * shift + line if shift > 0 else line[-shift:]) if line.strip() else ""
                for line in theirs_lines[first:last + 1]]

    units = [(_claim_span(doc, o) if o else None, _claim_span(theirs.doc, t) if t else None,
              t, "claims") for o, t in plan.claims_in_conflict]
    units += [(_entry_span(doc, section, key), _entry_span(theirs.doc, section, key), key,
               section) for section, key in plan.entries_in_conflict]
    if not is_block(doc.claims) or any(ours_span is None and theirs_span is None
                                       for ours_span, theirs_span, _, _ in units):
        return _whole(text, theirs.text, doc)
    for ours_span, theirs_span, theirs_id, section in units:
        if ours_span is not None:
            first, last, column = ours_span
            if first in replaced:
                continue
            replaced[first] = (last, [OURS_MARKER, *lines[first:last + 1], SEPARATOR,
                                      *theirs_block(theirs_span, column), THEIRS_MARKER])
        else:
            before, column, header = _insertion_point(doc, section, theirs_id, plan)
            inserted.setdefault(before, []).extend(
                [OURS_MARKER, SEPARATOR, *header, *theirs_block(theirs_span, column),
                 THEIRS_MARKER])
    out: list[str] = []
    index = 0
    while index < len(lines):
        out += inserted.pop(index, [])
        if index in replaced:
            last, block = replaced[index]
            out += block
            index = last + 1
        else:
            out.append(lines[index])
            index += 1
    for block in inserted.values():
        out += block
    body = "\n".join(out) + ("\n" if doc.text.endswith("\n") else "")
    return doc.render(body)


def _insertion_point(doc: ArgumentFile, section: str, theirs_id: str | None,
                     plan: _Plan) -> tuple[int, int, list[str]]:
    """The line before which THEIRS' block of a unit OURS lacks goes, its column, and the
    lines that must head it: after the claim that precedes it in THEIRS, else at the end
    of its section, else (OURS has no such section) before the claims, under the
    section's key."""
    if section == "claims" and theirs_id is not None:
        order = list(plan.theirs.amap.claims())
        for other in reversed(order[:order.index(theirs_id)]):
            span = _claim_span(doc, plan.theirs_in_ours(other) or "")
            if span is not None:
                return span[1] + 1, span[2], []
        first = doc.claims.value[0][0] if doc.claims.value else doc.claims_key
        return first.start_mark.line, first.start_mark.column, []
    node = {key: value for key, _, value in pairs(doc.root)}.get(section) if doc.root else None
    if isinstance(node, yaml.MappingNode) and node.value and is_block(node):
        return doc.last_line(node) + 1, node.value[0][0].start_mark.column, []
    if section == "meta":
        return doc.claims_key.start_mark.line, 0, []
    return doc.claims_key.start_mark.line, doc.step, [f"{section}:"]


def _whole(text: str, theirs: str, doc: ArgumentFile) -> str:
    """Both files whole between markers."""
    theirs_body = ArgumentFile(theirs).text
    body = "\n".join([OURS_MARKER, doc.text.rstrip("\n"), SEPARATOR, theirs_body.rstrip("\n"),
                      THEIRS_MARKER]) + "\n"
    return doc.render(body)
