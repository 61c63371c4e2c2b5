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
from ..edit.operations import ArgumentFile, canonical_claim
from ..errors import EditError, Location
from ..formats.native import read
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
    relative to the first, in this file's indentation step), copied rather than rendered
    canonically, so its comments and layout come along."""

    after: Mapping[str, str | None] = field(default_factory=dict)
    blocks: Mapping[str, list[str]] = field(default_factory=dict)


def patch_text(text: str, diff: MapDiff, path: str | None = None,
               placement: Placement = Placement()) -> str:
    """``text`` (a native argument file) with ``diff``'s changes made as edits, in its own
    line endings and byte-order mark.  Raises ``EditError`` for a change the editor cannot
    make (a field argmap's YAML does not have)."""
    first = ArgumentFile(text, path)
    body = first.text
    for edit in edits(diff, placement):
        doc = ArgumentFile(body, path)
        edit(doc)
        body = doc.edited()
    return first.render(body)


def edits(diff: MapDiff, placement: Placement) -> list[Edit]:
    """The edits that make ``diff``, in the order they must be made (module docstring)."""
    found: list[Edit] = [partial(operations.remove_relation, source=r.source,
                                 relation=r.relation, target=r.target, undercuts=r.undercuts)
                         for r in diff.relations_removed]
    found += [partial(_put_entry, entry=e) for e in diff.entries if e.new is not None]
    found += [partial(operations.rename, old=c.old_id, new=c.new_id)
              for c in diff.changed if c.renamed]
    for change in diff.changed:
        found += _field_edits(change)
    for cid in diff.added:
        found.append(partial(_insert_claim, cid=cid, fields=diff.added_claims.get(cid, {}),
                             relations=[r for r in diff.relations_added if r.source == cid],
                             placement=placement))
    found += [partial(operations.link, source=r.source, relation=r.relation,
                      target=f"{r.undercuts}->{r.target}" if r.undercuts else r.target,
                      note=r.note)
              for r in diff.relations_added if r.source not in diff.added]
    found += [partial(operations.set_relation_note, source=c.new.source,
                      relation=c.new.relation, target=c.new.target,
                      undercuts=c.new.undercuts, note=f.new)
              for c in diff.relations_changed for f in c.fields if f.field == "note"]
    found += [partial(operations.remove, cid=cid, cascade=True) for cid in diff.removed]
    found += [partial(_put_entry, entry=e) for e in diff.entries if e.new is None]
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
    operations.insert_claim(doc, lines, after=index, block_lines=placement.blocks.get(cid))


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
