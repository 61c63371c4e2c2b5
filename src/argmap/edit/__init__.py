"""Editing argument files in place without losing a byte of what the edit does not touch.

Each function here is one ``argmap`` command: it locks the file, splices the change into
the text (``document``/``operations``), validates the result as a map and writes it
atomically, or with ``dry_run`` only returns the change.  All return an ``EditResult``
(``.diff()`` is the unified diff)."""

from __future__ import annotations

import os
from functools import partial

from ..errors import ArgmapError, Location
from ..fileio import create_new, read_text
from ..formats.native import write
from ..model import ArgMap
from . import intent, operations
from .fmt import format_text
from .operations import SETTABLE, ArgumentFile
from .session import EditResult, edit_file

__all__ = ["EditResult", "SETTABLE", "new_map", "add_claim", "link", "unlink", "set_field",
           "unset_field", "rename", "remove", "format_file", "format_text", "claim_ids"]


def new_map(path: str | os.PathLike, title: str, perspectives: dict[str, str] | None = None,
            *, dry_run: bool = False) -> EditResult:
    """Start a map from the canonical template; never overwrites an existing file."""
    amap = ArgMap(title=title)
    amap.perspectives.update(perspectives or {})
    text = write(amap)
    if os.path.exists(path):
        raise ArgmapError("already exists; not overwritten", Location(str(path)))
    if not dry_run:
        create_new(path, text)
    return EditResult(str(path), "", text)


def add_claim(path, cid: str, text: str, *, kind: str = "claim", perspective: str | None = None,
              source: str | None = None, supports=(), rebuts=(),
              dry_run: bool = False) -> EditResult:
    return _edit(path, operations.add_claim, intent.add_claim,
                 cid=cid, text=text, kind=kind,
                 perspective=perspective, source=source,
                 supports=supports, rebuts=rebuts, dry_run=dry_run)


def link(path, source: str, relation: str, target: str, note: str | None = None, *,
         dry_run: bool = False) -> EditResult:
    """``relation`` is support, rebut or undercut (then ``target`` is ``A->B``)."""
    return _edit(path, operations.link, intent.link,
                 source=source, relation=relation,
                 target=target, note=note, dry_run=dry_run)


def unlink(path, source: str, target: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.unlink, intent.unlink,
                 source=source, target=target, dry_run=dry_run)


def set_field(path, cid: str, field: str, value: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.set_field, intent.set_field,
                 cid=cid, name=field, value=value, dry_run=dry_run)


def unset_field(path, cid: str, field: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.unset_field, intent.unset_field,
                 cid=cid, name=field, dry_run=dry_run)


def rename(path, old: str, new: str, *, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.rename, intent.rename,
                 old=old, new=new, dry_run=dry_run)


def remove(path, cid: str, *, cascade: bool = False, dry_run: bool = False) -> EditResult:
    return _edit(path, operations.remove, intent.remove,
                 cid=cid, cascade=cascade, dry_run=dry_run)


def format_file(path, *, dry_run: bool = False) -> EditResult:
    """Rewrite a file in the canonical layout, keeping its comments."""
    def reformat(doc: ArgumentFile) -> None:
        doc.replace(0, len(doc.text), format_text(doc.text, doc.path))
    return edit_file(path, reformat, intent=intent.keep, dry_run=dry_run)


def _edit(path, splices, meaning, dry_run: bool = False, **arguments) -> EditResult:
    """One edit made as splices of the text (an ``operations`` function) and checked
    against the same edit of the map (its ``intent`` twin)."""
    return edit_file(path, partial(splices, **arguments), intent=partial(meaning, **arguments),
                     dry_run=dry_run)


def claim_ids(path) -> list[str]:
    """The claim ids written in a native file, for shell completion."""
    return ArgumentFile(read_text(path), str(path)).ids()
