"""Writing a ``MapDiff`` into an argument file as edits, so the rest of the file stays as
it was written: comments, order, quoting, folded text, line endings and byte-order mark.

Each change is one edit of the byte-preserving editor (``argmap.edit``), made on a fresh
parse of the text the previous edit left; the caller reads the result back and checks it
against ``apply_diff`` (see ``argmap.changes.merge``).  The order matters where one edit
needs another's result: relations are removed first (they are named by OLD's ids), then
entries are added or changed, claims renamed, their fields set, new claims inserted,
relations added and re-noted, and last claims and entries removed (a perspective or
source is only removed once no claim uses it any more)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..edit import operations, sections
from ..edit.document import is_block
from ..edit.operations import ArgumentFile, canonical_claim
from ..errors import EditError, Location
from ..formats.native import read
from ..model import ArgMap
from .diff import ClaimChange, EntryChange, MapDiff

Edit = Callable[[ArgumentFile], None]

# Claim fields the editor sets as text (``argmap set``), and those it sets as lists.
_TEXT_FIELDS = frozenset(("text", "kind", "perspective", "weight", "side", "note"))
_LIST_FIELDS = frozenset(("sources", "tags"))
# Entry sections the editor changes entry by entry; the others are rewritten whole.
_ENTRY_SECTIONS = frozenset(("perspectives", "sources"))
_WHOLE_SECTIONS = {"tags": "tag_styles", "lint": "lint"}


@dataclass(frozen=True)
class Placement:
    """Where new claims go: claim id -> the id of the claim it follows (``None``: first),
    and for some claims their block as written in the other file (unindented, later lines
    relative to the first) with that file's indentation step: copied rather than rendered
    canonically where the step is this file's, so its comments and layout come along."""

    after: Mapping[str, str | None] = field(default_factory=dict)
    blocks: Mapping[str, tuple[list[str], int]] = field(default_factory=dict)


def patch_text(text: str, diff: MapDiff, path: str | None = None,
               placement: Placement = Placement(), old: ArgMap | None = None) -> str:
    """``text`` (a native argument file) with ``diff``'s changes made as edits, in its own
    line endings and byte-order mark.  ``old``, the map ``text`` holds, says which claims
    a rename or a removal rewrites (without it, each is made on a parse of its own).
    Raises ``EditError`` for a change the editor cannot make (a field argmap's YAML does
    not have)."""
    doc = ArgumentFile(text, path)
    render = doc.render
    for number, batch in enumerate(batches(edits(diff, placement, old))):
        if number:
            doc = ArgumentFile(doc.edited(), path)
        for edit in batch:
            edit.make(doc)
    return render(doc.edited())


@dataclass(frozen=True)
class Step:
    """One edit, and what it touches: ``claims`` (None: anything, e.g. a rename rewrites
    every reference), and ``anchor`` for a new claim, the claim it goes after."""

    make: Edit
    claims: frozenset[str] | None
    anchor: tuple[str | None] | None = None


def batches(steps: list[Step]) -> list[list[Step]]:
    """``steps`` cut, in order, into runs that can be made on one parse: each parse of a
    big file costs far more than the edit, and a merge makes many small edits.  A run
    holds edits of different claims (whose splices cannot overlap) and new claims, which
    may share the claim they go after (inserted in order there) as long as nothing else in
    the run edits that claim, whose end is where they go."""
    found: list[list[Step]] = []
    touched: set[str] = set()
    anchors: set[str | None] = set()
    for step in steps:
        if not (found and found[-1][0].claims is not None and _fits(step, touched, anchors)):
            found.append([])
            touched, anchors = set(), set()
        found[-1].append(step)
        touched |= step.claims or set()
        if step.anchor is not None:
            anchors.add(step.anchor[0])
    return found


def _fits(step: Step, touched: set[str], anchors: set[str | None]) -> bool:
    if step.claims is None or touched & step.claims:
        return False
    if step.anchor is None:
        return not anchors & step.claims
    return step.anchor[0] not in touched


def edits(diff: MapDiff, placement: Placement, old: ArgMap | None = None) -> list[Step]:
    """The edits that make ``diff``, in the order they must be made (module docstring),
    each with the claims it touches, under their old and new ids."""
    renames = diff.renames
    other_name = {**renames, **{new: old_id for old_id, new in renames.items()}}

    def touching(*ids: str) -> frozenset[str]:
        return frozenset(ids) | {other_name[cid] for cid in ids if cid in other_name}

    undercut_by: dict[str, set[str]] = {}  # claim -> who undercuts its inferences, in one pass
    if old is not None:
        for source, _, data in old.graph.edges(data=True):
            if "undercuts" in data:
                undercut_by.setdefault(data["undercuts"], set()).add(source)

    def naming(cid: str) -> frozenset[str] | None:
        """``cid`` and the claims whose relations name it (None: not known)."""
        if old is None or cid not in old:
            return None
        named_by = {source for source, _ in old.graph.in_edges(cid)}
        return touching(cid, *named_by, *undercut_by.get(cid, ()))

    # A relation of or to a claim that goes is removed with it (its block goes; ``remove``
    # cascades): removed on its own first, it would touch the claim the removal touches
    # and cost the removal a parse of its own.
    going = set(diff.removed)
    found = [Step(partial(operations.remove_relation, source=r.source, relation=r.relation,
                          target=r.target, undercuts=r.undercuts), touching(r.source))
             for r in diff.relations_removed
             if not {r.source, r.target, r.undercuts} & going]
    found += [Step(partial(_put_entry, entry=e), None) for e in diff.entries
              if e.new is not None]
    for change in diff.changed:
        if change.renamed:
            named = naming(change.old_id)
            found.append(Step(partial(operations.rename, old=change.old_id, new=change.new_id),
                              None if named is None else named | touching(change.new_id)))
    for change in diff.changed:
        found += [Step(edit, touching(change.new_id)) for edit in _field_edits(change)]
    first = next(iter(old.claims()), None) if old is not None else None
    for cid in diff.added:
        # A claim going first goes before the first claim: a removal of that one rewrites
        # the same place when it is the last claim (``claims: {}``).
        anchor = placement.after.get(cid) or first
        found.append(Step(partial(_insert_claim, cid=cid, fields=diff.added_claims.get(cid, {}),
                                  relations=[r for r in diff.relations_added
                                             if r.source == cid], placement=placement),
                          frozenset([cid]), (anchor,)))
    found += [Step(partial(operations.link, source=r.source, relation=r.relation,
                           target=f"{r.undercuts}->{r.target}" if r.undercuts else r.target,
                           note=r.note), touching(r.source))
              for r in diff.relations_added if r.source not in diff.added]
    found += [Step(partial(operations.set_relation_note, source=c.new.source,
                           relation=c.new.relation, target=c.new.target,
                           undercuts=c.new.undercuts, note=f.new), touching(c.new.source))
              for c in diff.relations_changed for f in c.fields if f.field == "note"]
    found += [Step(partial(operations.remove, cid=cid, cascade=True), naming(cid))
              for cid in diff.removed]
    found += [Step(partial(_put_entry, entry=e), None) for e in diff.entries if e.new is None]
    return found


def _field_edits(change: ClaimChange) -> list[Edit]:
    """The edits of one claim's fields: the values set in one edit, each removal and the
    quotes in one of their own."""
    cid = change.new_id
    values: dict[str, Any] = {}
    found: list[Edit] = []
    for item in change.fields:
        if item.field not in _TEXT_FIELDS | _LIST_FIELDS | {"quotes"}:
            raise EditError(f"claim {cid!r}: argmap's YAML has no field {item.field!r} to "
                            "merge", Location())
        if item.field == "quotes":
            found.append(partial(operations.set_quotes, cid=cid, quotes=item.new))
        elif item.new is None:
            found.append(partial(operations.unset_field, cid=cid, name=item.field))
        else:
            values[item.field] = (list(item.new) if item.field in _LIST_FIELDS
                                  else str(item.new))
    if values:
        found.insert(0, partial(operations.set_fields, cid=cid, values=values))
    return found


def _insert_claim(doc: ArgumentFile, cid: str, fields: Mapping[str, Any], relations,
                  placement: Placement) -> None:
    unknown = set(fields) - _TEXT_FIELDS - _LIST_FIELDS - {"quotes"}
    if unknown:
        raise EditError(f"claim {cid!r}: argmap's YAML has no field {sorted(unknown)[0]!r} "
                        "to merge", Location(doc.path))
    attrs = {name: value for name, value in fields.items() if name != "side"}
    if "weight" in attrs:
        attrs["weight"] = float(attrs["weight"])
    lines = canonical_claim(cid, {**attrs, "side": fields.get("side")},
                            [(r.target, r.relation, r.undercuts, r.note) for r in relations])
    after = placement.after.get(cid)
    ids = doc.ids()
    index = ids.index(after) if after in ids else (-1 if cid in placement.after else None)
    block, step = placement.blocks.get(cid, (None, 0))
    operations.insert_claim(doc, lines, after=index, block_lines=block if step == doc.step
                            and is_block(doc.claims) else None)


def _put_entry(doc: ArgumentFile, entry: EntryChange) -> None:
    """Add, change or remove one map-level entry."""
    if entry.section == "meta":
        if entry.key not in ("title", "description"):
            raise EditError(f"argmap's YAML has no map field {entry.key!r} to merge",
                            Location(doc.path))
        sections.set_meta(doc, entry.key, entry.new or "")
    elif entry.section in _ENTRY_SECTIONS:
        if entry.new is None:
            sections.remove_entry(doc, entry.section, entry.key)
        elif entry.old is None:
            sections.add_entry(doc, entry.section, entry.key, entry.new)
        else:
            sections.set_entry(doc, entry.section, entry.key, entry.new)
    else:
        _put_whole_section(doc, entry.section, [entry])


def _put_whole_section(doc: ArgumentFile, section: str, changes: Iterable[EntryChange]) -> None:
    """Tag styles and lint settings: the section rewritten in the canonical layout with the
    change made (comments inside it are not kept; see docs/review.md)."""
    amap = read(doc.text, doc.path)
    attribute = _WHOLE_SECTIONS[section]
    values = dict(amap.graph.graph.get(attribute) or {})
    for change in changes:
        if change.new is None:
            values.pop(change.key, None)
        else:
            values[change.key] = change.new
    if not values:
        sections.remove_top(doc, section)
        return
    amap.graph.graph[attribute] = values
    sections.put_top(doc, section, sections.canonical_top(amap, section))
