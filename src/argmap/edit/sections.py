"""Edits of what a map declares besides its claims: title, description, perspectives and
sources, and the claims' references to perspectives and sources.

Like the claim edits in ``operations``, each is a set of splices of one parse, new text
comes from the canonical writer, and a section that does not exist yet is inserted where
the canonical order of top-level keys puts it."""

from __future__ import annotations

import yaml

from ..errors import EditError, Location, unknown_name
from ..formats.native import key_value_lines, write
from ..formats.native._syntax import SLUG, SOURCE_FIELDS, TOP_KEYS
from ..model import ArgMap
from .document import entry_indexes, flow_scalar, is_block, is_null, pairs
from .operations import ArgumentFile, Claim, as_flow, relative

SECTIONS = {"perspectives": "perspective", "sources": "source"}


# -- canonical rendering ------------------------------------------------------------------
def canonical_top(amap: ArgMap, name: str) -> list[str]:
    """The canonical lines of top-level key ``name`` of ``amap`` (key at indent 0)."""
    lines = write(amap).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    end = next(i for i in range(start + 1, len(lines))
               if not lines[i].startswith(" ") and lines[i])
    body = lines[start:end]
    while not body[-1]:
        body.pop()
    return body


def _entry_lines(section: str, eid: str, value) -> list[str]:
    """The canonical lines of one perspective or source (key at indent 2)."""
    amap = ArgMap()
    (amap.perspectives if section == "perspectives" else amap.sources)[eid] = value
    return canonical_top(amap, section)[1:]


# -- the top level ------------------------------------------------------------------------
def _top(doc: ArgumentFile) -> dict[str, tuple[int, yaml.Node, yaml.Node]]:
    found: dict[str, tuple[int, yaml.Node, yaml.Node]] = {}
    for index, (key, key_node, value) in enumerate(pairs(doc.root)):
        found.setdefault(key, (index, key_node, value))
    return found


def put_top(doc: ArgumentFile, name: str, lines: list[str]) -> None:
    """Write top-level key ``name`` (canonical lines) over the one written, or where the
    canonical order puts it; a new section gets a blank line before it when the file sets
    ``claims:`` off with one."""
    claims_line = doc.claims_key.start_mark.line
    gap = name in SECTIONS and claims_line > 0 and not doc.line_text(claims_line - 1).strip()
    doc.put_key(doc.root, name, lines, TOP_KEYS, gap=gap)


def remove_top(doc: ArgumentFile, name: str) -> None:
    """Remove a top-level key, and a blank line it leaves doubled."""
    index, key, value = _top(doc)[name]
    first, last = key.start_mark.line, doc.last_line(value)
    if (first > 0 and not doc.line_text(first - 1).strip()
            and not doc.line_text(last + 1).strip()):
        first -= 1
    if is_block(doc.root):
        doc.delete_lines(first, last)
    else:
        doc.remove_entries(doc.root, {index})


def set_meta(doc: ArgumentFile, name: str, value: str) -> None:
    """Set the map's ``title`` or ``description``; an empty value removes it."""
    if name not in ("title", "description"):
        raise EditError(f"meta sets title or description (got {name!r})", Location(doc.path))
    if not value:
        if name in _top(doc):
            remove_top(doc, name)
        return
    amap = ArgMap()
    amap.graph.graph[name] = value
    put_top(doc, name, canonical_top(amap, name))


# -- perspectives and sources -------------------------------------------------------------
def _section(doc: ArgumentFile, section: str) -> yaml.Node | None:
    found = _top(doc).get(section)
    return None if found is None else found[2]


def declared_ids(doc: ArgumentFile, section: str) -> list[str]:
    node = _section(doc, section)
    return [key for key, _, _ in pairs(node)] if node is not None else []


def _entry(doc: ArgumentFile, section: str, eid: str) -> tuple[int, yaml.Node, yaml.Node]:
    node = _section(doc, section)
    for index, (key, key_node, value) in enumerate(pairs(node) if node is not None else []):
        if key == eid:
            return index, key_node, value
    raise unknown_name(SECTIONS[section], eid, declared_ids(doc, section), Location(doc.path))


def _check_new_id(doc: ArgumentFile, section: str, eid: str) -> None:
    what = SECTIONS[section]
    if not SLUG.match(eid):
        raise EditError(f"{what} id {eid!r} is not a slug (letters, digits, '_' and '-')",
                        Location(doc.path))
    node = _section(doc, section)
    for key, key_node, _ in pairs(node) if node is not None else []:
        if key == eid:
            doc.raise_at(f"{what} {eid!r} already exists", key_node)


def add_entry(doc: ArgumentFile, section: str, eid: str, value) -> None:
    """Add a perspective (``value`` its label) or a source (``value`` its fields)."""
    _check_new_id(doc, section, eid)
    lines = _entry_lines(section, eid, value)
    node = _section(doc, section)
    if isinstance(node, yaml.MappingNode) and node.value:
        doc.insert_entry(node, relative(lines, doc.step), as_flow(lines))
    elif isinstance(node, yaml.MappingNode) and not is_block(node):  # {}
        key = _top(doc)[section][1]
        doc.fill_empty(node, relative(lines, doc.step), key.start_mark.column + doc.step)
    else:  # absent, or empty
        put_top(doc, section, [f"{section}:"] + lines)


def set_entry(doc: ArgumentFile, section: str, eid: str, value) -> None:
    """Rewrite a perspective (``value`` its label) or a source (its fields) whole."""
    index, _, _ = _entry(doc, section, eid)
    lines = _entry_lines(section, eid, value)
    entries = _top(doc)[section][2]  # there: _entry found the entry in it
    doc.replace_entry(entries, index, relative(lines, doc.step), as_flow(lines))


def add_source(doc: ArgumentFile, sid: str, fields: dict[str, str]) -> None:
    unknown = [name for name in fields if name not in SOURCE_FIELDS]
    if unknown:
        raise EditError(f"unknown source field {unknown[0]!r} (one of "
                        f"{', '.join(SOURCE_FIELDS)})", Location(doc.path))
    if not fields.get("title"):
        raise EditError(f"source {sid!r} needs a title", Location(doc.path))
    add_entry(doc, "sources", sid, {name: fields[name] for name in SOURCE_FIELDS
                                    if fields.get(name) is not None})


def set_source_field(doc: ArgumentFile, sid: str, name: str, value: str) -> None:
    if name not in SOURCE_FIELDS:
        raise EditError(f"cannot set {name!r} of a source (one of {', '.join(SOURCE_FIELDS)})",
                        Location(doc.path))
    index, _, node = _entry(doc, "sources", sid)
    if isinstance(node, yaml.MappingNode) and node.value:
        doc.put_key(node, name, key_value_lines(0, name, value), SOURCE_FIELDS)
        return
    # A source written as its bare title (or empty) is rewritten whole.
    fields = {"title": node.value} if isinstance(node, yaml.ScalarNode) and not is_null(node) \
        else {}
    fields[name] = value
    lines = _entry_lines("sources", sid, fields)
    sources = _top(doc)["sources"][2]  # there: _entry found the source in it
    doc.replace_entry(sources, index, relative(lines, doc.step), as_flow(lines))


def _references(doc: ArgumentFile, section: str, eid: str):
    """``(claim, field name, entry index or None, node)`` of every claim reference to a
    perspective or source ``eid``: the node naming it, and the entry of the field's list it
    is in (None: the field is that one value).  A quote names its source too."""
    names = ("perspective",) if section == "perspectives" else ("source", "sources", "quote")
    for claim in doc.claims_in_order():
        for name in names:
            if name not in claim.fields:
                continue
            node = claim.fields[name][2]
            items = [(i, item) for i, item in enumerate(node.value)] \
                if isinstance(node, yaml.SequenceNode) else [(None, node)]
            for index, item in items:
                if name == "quote":  # a quote names its source in a mapping
                    item = next((value for key, _, value in pairs(item) if key == "source"),
                                None)
                if isinstance(item, yaml.ScalarNode) and item.value == eid:
                    yield claim, name, index, item


def rename_entry(doc: ArgumentFile, section: str, old: str, new: str) -> None:
    """Rename a perspective or source and every claim's reference to it."""
    _, key, _ = _entry(doc, section, old)
    if new == old:
        return
    _check_new_id(doc, section, new)
    doc.replace_node(key, flow_scalar(new))
    for _, _, _, node in _references(doc, section, old):
        doc.replace_node(node, flow_scalar(new))


def remove_entry(doc: ArgumentFile, section: str, eid: str, cascade: bool = False) -> None:
    """Remove a perspective or source; refused while claims use it unless ``cascade``
    (sources only) drops those citations."""
    index, key, _ = _entry(doc, section, eid)
    using = list(_references(doc, section, eid))
    if using and not cascade:
        names = ", ".join(dict.fromkeys(claim.cid for claim, *_ in using))
        hint = "; use --cascade to drop those citations" if section == "sources" else ""
        doc.raise_at(f"{SECTIONS[section]} {eid!r} is used by {names}{hint}", key)
    by_claim: dict[str, tuple[Claim, list]] = {}
    for claim, name, item, _ in using:
        by_claim.setdefault(claim.cid, (claim, []))[1].append((name, item))
    for claim, cited in by_claim.values():
        for name in {name for name, _ in cited}:
            node = claim.fields[name][2]
            items = entry_indexes({item for field, item in cited if field == name})
            if items is None or len(items) == len(node.value):
                doc.drop_field(claim, name)
            else:
                doc.remove_entries(node, items)
    node = _top(doc)[section][2]  # there: _entry found the entry in it
    if len(node.value) == 1:
        remove_top(doc, section)
    else:
        doc.remove_entries(node, {index})
