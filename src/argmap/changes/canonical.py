"""A map as plain text, one block per claim: what git shows for an argument file.

``git diff`` compares lines.  Given an argument file's own text it reports reflowed
paragraphs, moved quotes and re-indented relations as changes; given this rendering
(installed as the ``textconv`` of argmap's diff driver) it reports what the map says:
each claim is a block headed by its id, each field and each relation one line, long text
never folded.  The rendering depends on the map alone (never on the file's layout,
comments or format), so it is stable: the same map always gives the same text, in file
order.  Text from the map passes through ``visible``, so control characters cannot act
on the reader's terminal."""

from __future__ import annotations

from typing import Any

from ..model import ArgMap
from ..visible import visible

# Claim fields shown on lines of their own, in this order, as ``name: value``.
_FIELDS = (("sources", "sources"), ("tags", "tags"), ("weight", "weight"),
           ("side", "declared_side"), ("note", "note"))
_VERBS = {"support": "supports", "rebut": "rebuts", "undercut": "undercuts"}


def canonical_text(amap: ArgMap) -> str:
    """The map as text: the title and description, then the perspectives, sources, tag
    styles and lint settings, then one block per claim, each separated by a blank line."""
    meta = amap.graph.graph
    lines = [f"{key}: {_one_line(meta[key])}" for key in ("title", "description")
             if meta.get(key) is not None]
    head = [f"perspective {pid}: {_one_line(label)}" for pid, label in amap.perspectives.items()]
    for name, entries in (("source", amap.sources), ("tag", amap.tag_styles)):
        for eid, entry in entries.items():
            head += _entry_lines(f"{name} {eid}", entry)
    head += [f"lint {code}: {_one_line(setting)}" for code, setting in amap.lint.items()]
    blocks = [lines, head] + [claim_block(amap, cid) for cid in amap.claims()]
    return "\n\n".join("\n".join(visible(line) for line in block)
                       for block in blocks if block) + "\n"


def claim_block(amap: ArgMap, cid: str) -> list[str]:
    """One claim's lines: ``[id] kind, perspective``, its text, its fields, its relations."""
    data = amap.claim(cid)
    labels = [label for label in (data.get("kind"), data.get("perspective")) if label]
    lines = [f"[{cid}] {', '.join(map(str, labels))}".rstrip(), f"  {_one_line(data.get('text'))}"]
    for name, attribute in _FIELDS:
        if data.get(attribute) is not None:
            lines.append(f"  {name}: {_one_line(data[attribute])}")
    for quote in data.get("quotes") or ():
        fields = {k: v for k, v in quote.items() if k not in ("line", "column", "exact")}
        lines.append(f"  quote: {_one_line(quote.get('exact'))}"
                     + (f" ({_fields(fields)})" if fields else ""))
    for _, target, relation in amap.graph.out_edges(cid, data=True):
        what = (f"{relation['undercuts']} -> {target}" if relation["relation"] == "undercut"
                else target)
        note = relation.get("note")
        lines.append(f"  {_VERBS[relation['relation']]} {what}"
                     + (f": {_one_line(note)}" if note is not None else ""))
    return lines


def _entry_lines(head: str, entry: Any) -> list[str]:
    """A source or tag style: its head line, then one line per field."""
    if not isinstance(entry, dict):
        return [f"{head}: {_one_line(entry)}"]
    return [head] + [f"  {key}: {_one_line(value)}" for key, value in entry.items()]


def _fields(entry: dict) -> str:
    """A quote's fields besides its text, on one line."""
    return "; ".join(f"{key}: {_one_line(value)}" for key, value in entry.items())


def _one_line(value: Any) -> str:
    """A value on one line: lists joined by commas, line breaks spelled ``\\n``."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_one_line(item) for item in value)
    return str(value).replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
