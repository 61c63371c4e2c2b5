"""Editing argument files in place without losing a byte of what the edit does not touch.

Each function here is one ``argmap`` command: it locks the file, splices the change into
the text (``document``/``operations``), validates the result as a map and writes it
atomically, or with ``dry_run`` only returns the change.  All return an ``EditResult``
(``.diff()`` is the unified diff)."""

from __future__ import annotations

import os
from functools import partial

from ..errors import EditError, FileError, Location
from ..fileio import create_new, read_text
from ..formats.native import SLUG, WIDTH, schema_modeline, write
from ..model import ArgMap
from . import intent, operations, sections
from .fmt import format_text
from .operations import SETTABLE, ArgumentFile
from .session import EditResult, edit_file

__all__ = ["EditResult", "SETTABLE", "new_map", "add_claim", "link", "unlink", "set_field",
           "set_fields", "tag", "untag", "unset_field", "rename", "remove", "format_file",
           "format_text", "claim_ids", "set_meta", "add_perspective", "rename_perspective",
           "remove_perspective", "add_source", "import_sources", "set_source", "rename_source",
           "remove_source", "declared_ids"]


def new_map(path: str | os.PathLike, title: str, perspectives: dict[str, str] | None = None,
            *, dry_run: bool = False) -> EditResult:
    """Start a map from the canonical template, with the schema modeline when the schema
    is found beside or above it (see ``schema_modeline``); never overwrites a file."""
    amap = ArgMap(title=title)
    for pid in perspectives or {}:
        if not SLUG.match(pid):
            raise EditError(f"perspective id {pid!r} is not a slug (letters, digits, '_' "
                            "and '-')", Location(str(path)))
    amap.perspectives.update(perspectives or {})
    text = write(amap, modeline=schema_modeline(path))
    if os.path.exists(path):
        raise FileError("already exists; not overwritten", path)
    if not dry_run:
        create_new(path, text)
    return EditResult(str(path), "", text)


def add_claim(path, cid: str, text: str, *, kind: str = "claim", perspective: str | None = None,
              sources=(), tags=(), weight: str | float | None = None, note: str | None = None,
              supports=(), rebuts=(), undercuts=(), dry_run: bool = False) -> EditResult:
    """Add a claim after the last claim of its perspective (or at the end); ``undercuts``
    are relations written ``'A->B'``."""
    return _edit(path, operations.add_claim, intent.add_claim, cid=cid, text=text, kind=kind,
                 perspective=perspective, sources=tuple(sources), tags=tuple(tags),
                 weight=None if weight is None else str(weight), note=note,
                 supports=tuple(supports), rebuts=tuple(rebuts), undercuts=tuple(undercuts),
                 dry_run=dry_run)


def link(path, source: str, relation: str, target: str, note: str | None = None, *,
         dry_run: bool = False) -> EditResult:
    """``relation`` is support, rebut or undercut (then ``target`` is ``A->B``); on an
    existing relation, ``note`` sets its note."""
    return _edit(path, operations.link, intent.link,
                 source=source, relation=relation,
                 target=target, note=note, dry_run=dry_run)


def unlink(path, source: str, target: str, *, cascade: bool = False,
           dry_run: bool = False) -> EditResult:
    """Remove ``source``'s relations to ``target``; ``cascade`` also removes undercuts of
    them (refused otherwise)."""
    return _edit(path, operations.unlink, intent.unlink,
                 source=source, target=target, cascade=cascade, dry_run=dry_run)


def set_field(path, cid: str, field: str, value: str, *, dry_run: bool = False) -> EditResult:
    return set_fields(path, cid, {field: value}, dry_run=dry_run)


def set_fields(path, cid: str, values: dict, *, dry_run: bool = False) -> EditResult:
    """Set several fields of a claim in one edit: ``SETTABLE`` names to text, ``tags`` and
    ``sources`` to lists."""
    return _edit(path, operations.set_fields, intent.set_fields,
                 cid=cid, values=dict(values), dry_run=dry_run)


def unset_field(path, cid: str, field: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.unset_field, intent.unset_field,
                 cid=cid, name=field, dry_run=dry_run)


def tag(path, cid: str, tags, *, dry_run: bool = False) -> EditResult:
    """Add tags to a claim (those it has already are left alone)."""
    return _edit(path, operations.tag, intent.tag, cid=cid, tags=tuple(tags), dry_run=dry_run)


def untag(path, cid: str, tags, *, dry_run: bool = False) -> EditResult:
    """Remove tags from a claim (refused for a tag it does not have)."""
    return _edit(path, operations.untag, intent.untag, cid=cid, tags=tuple(tags),
                 dry_run=dry_run)


def set_meta(path, name: str, value: str, *, dry_run: bool = False) -> EditResult:
    """Set the map's ``title`` or ``description`` (an empty value removes it)."""
    return _edit(path, sections.set_meta, intent.set_meta, name=name, value=value,
                 dry_run=dry_run)


def add_perspective(path, pid: str, label: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, sections.add_entry, intent.add_entry, section="perspectives", eid=pid,
                 value=label, dry_run=dry_run)


def add_source(path, sid: str, *, dry_run: bool = False, **fields: str | None) -> EditResult:
    """Declare a source; ``fields`` are its ``title``, ``url``, ``date`` ... (None: unset)."""
    return _edit(path, sections.add_source, intent.add_source, sid=sid,
                 fields={name: value for name, value in fields.items() if value is not None},
                 dry_run=dry_run)


def import_sources(path, references, *, format: str | None = None,
                   dry_run: bool = False) -> EditResult:
    """Declare every entry of a BibTeX or CSL-JSON file (``format`` bibtex or csl-json,
    else from its suffix) as a source keyed by its citation key, all in one edit: a key
    already declared, or one that is not an id, is refused and nothing is written."""
    from ..citations import read_references
    entries = read_references(read_text(references), str(references), format)
    return _edit(path, _add_sources, _intend_sources, entries=entries, dry_run=dry_run)


def _add_sources(doc: ArgumentFile, entries: dict[str, dict[str, str]]) -> None:
    for sid, fields in entries.items():
        sections.add_source(doc, sid, fields)


def _intend_sources(amap: ArgMap, entries: dict[str, dict[str, str]]) -> None:
    for sid, fields in entries.items():
        intent.add_source(amap, sid, fields)


def set_source(path, sid: str, field: str, value: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, sections.set_source_field, intent.set_source_field, sid=sid,
                 name=field, value=value, dry_run=dry_run)


def rename_perspective(path, old: str, new: str, *, dry_run: bool = False) -> EditResult:
    """Rename a perspective and every claim's reference to it."""
    return _edit(path, sections.rename_entry, intent.rename_entry, section="perspectives",
                 old=old, new=new, dry_run=dry_run)


def rename_source(path, old: str, new: str, *, dry_run: bool = False) -> EditResult:
    """Rename a source and every citation of it."""
    return _edit(path, sections.rename_entry, intent.rename_entry, section="sources",
                 old=old, new=new, dry_run=dry_run)


def remove_perspective(path, pid: str, *, dry_run: bool = False) -> EditResult:
    """Remove a perspective no claim uses."""
    return _edit(path, sections.remove_entry, intent.remove_entry, section="perspectives",
                 eid=pid, dry_run=dry_run)


def remove_source(path, sid: str, *, cascade: bool = False,
                  dry_run: bool = False) -> EditResult:
    """Remove a source; refused while cited, unless ``cascade`` drops the citations."""
    return _edit(path, sections.remove_entry, intent.remove_entry, section="sources",
                 eid=sid, cascade=cascade, dry_run=dry_run)


def rename(path, old: str, new: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.rename, intent.rename,
                 old=old, new=new, dry_run=dry_run)


def remove(path, cid: str, *, cascade: bool = False, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.remove, intent.remove,
                 cid=cid, cascade=cascade, dry_run=dry_run)


def format_file(path, *, width: int = WIDTH, dry_run: bool = False) -> EditResult:
    """Rewrite a file in the canonical layout (text folded at ``width``), keeping its
    comments."""
    def reformat(doc: ArgumentFile) -> None:
        doc.replace(0, len(doc.text), format_text(doc.text, doc.path, width))
    return edit_file(path, reformat, intent=intent.keep, dry_run=dry_run)


def _edit(path, splices, meaning, dry_run: bool = False, **arguments) -> EditResult:
    """One edit made as splices of the text (an ``operations`` function) and checked
    against the same edit of the map (its ``intent`` twin)."""
    return edit_file(path, partial(splices, **arguments), intent=partial(meaning, **arguments),
                     dry_run=dry_run)


def claim_ids(path) -> list[str]:
    """The claim ids written in a native file, for shell completion."""
    return ArgumentFile(read_text(path), str(path)).ids()


def declared_ids(path, section: str) -> list[str]:
    """The perspective (``section="perspectives"``) or source ids declared in a native
    file, for shell completion."""
    return sections.declared_ids(ArgumentFile(read_text(path), str(path)), section)
