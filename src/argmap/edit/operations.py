"""The edits themselves, as splices of a ``Document``: add, link, unlink, set, unset,
rename and remove claims.

New text is always rendered by the canonical writer (``argmap.formats.native.write``) from a
tiny map holding just what is being added, then re-indented to the file's own indentation,
so the canonical layout has one definition.  Existing text is only touched where the edit
must change it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..errors import EditError, Location, did_you_mean, unknown_name
from ..formats.native import key_value_lines, write
from ..formats.native._syntax import CLAIM_FIELDS, RELATION_FIELDS, SLUG, compose, scalar
from ..model import KINDS, SIDES, ArgMap, add_edge
from .document import Document, entries, entry_indexes, flow_scalar, is_block, is_null, pairs

# The fields ``argmap set`` may change, and the model attribute each one feeds.
SETTABLE = {"text": "text", "kind": "kind", "perspective": "perspective", "source": "sources",
            "weight": "weight", "side": "side", "note": "note"}
# Fields holding lists, set whole from the library and by repeatable options.
LIST_FIELDS = {"tags": "tags", "sources": "sources"}
FIELD_RELATIONS = {**RELATION_FIELDS, "undercuts": "undercut"}
RELATION_FIELD = {relation: name for name, relation in FIELD_RELATIONS.items()}


@dataclass(frozen=True)
class Written:
    """A relation as written in a claim: which field, which entry, and the nodes that hold
    claim ids (to rename them)."""

    field: str
    index: int | None  # entry in the field's collection; None when the field is one scalar
    target: str
    undercuts: str | None = None
    note: str | None = None
    id_nodes: tuple = ()  # (node, role): role "target", "from", "to" or "arrow" ("A->B")


@dataclass
class Claim:
    cid: str
    key: yaml.Node
    value: yaml.Node
    fields: dict[str, tuple[int, yaml.Node, yaml.Node]] = field(default_factory=dict)


# -- canonical rendering ------------------------------------------------------------------
def canonical_claim(cid: str, attrs: dict, relations=()) -> list[str]:
    """The canonical lines of one claim (key at indent 2), from the canonical writer.

    ``relations`` are ``(target, relation, undercuts, note)``."""
    amap = ArgMap()
    amap.add_claim(cid, **attrs)
    for target, relation, undercuts, note in relations:
        add_edge(amap.graph, cid, target, relation, undercuts=undercuts, note=note)
    lines = write(amap).split("\n")
    return _nested(lines, lines.index(f"  {cid}:"), "   ")


def _nested(lines: list[str], start: int, deeper: str) -> list[str]:
    """Line ``start`` and the lines after it that start with ``deeper`` (blank lines
    between them included: a folded text's paragraphs)."""
    end = start + 1
    for index in range(start + 1, len(lines)):
        if lines[index].startswith(deeper):
            end = index + 1
        elif lines[index]:
            break
    return lines[start:end]


def canonical_field(name: str, attrs: dict, relations=()) -> list[str]:
    """The canonical lines of one field (key at indent 4); empty when the writer leaves the
    field out (e.g. ``kind: claim``)."""
    lines = canonical_claim("x", {"text": "x", **attrs}, relations)[1:]
    found = [i for i, line in enumerate(lines) if line.startswith(f"    {name}:")]
    if not found:
        return []
    return _nested(lines, found[0], "     ")


def flow_value(value) -> str:
    """A loaded YAML value as flow text (for claims and fields written in flow style)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow_scalar(k)}: {flow_value(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_value(v) for v in value) + "]"
    if isinstance(value, _Plain) and _BARE.match(value):
        return value
    return "null" if value is None else flow_scalar(value)


def relative(lines: list[str], step: int) -> list[str]:
    """Canonical lines (2-space levels) re-indented relative to the first line, ``step``
    spaces a level."""
    base = _indent(lines[0])
    return [" " * ((_indent(line) - base) // 2 * step) + line.lstrip(" ") for line in lines]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def as_flow(lines: list[str]) -> str:
    """``key: value`` flow text of canonical block lines holding one key."""
    loaded = _plain_value(compose("\n".join(relative(lines, 2)), None))
    (key, value), = loaded.items()
    return f"{flow_scalar(key)}: {flow_value(value)}"


def _plain_value(node: yaml.Node | None):
    """A composed node as text, lists and dicts, every scalar kept as the text written (as
    argmap reads it: ``2025-11-03`` stays text, not a date)."""
    if isinstance(node, yaml.MappingNode):
        return {_plain_value(k): _plain_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain_value(item) for item in node.value]
    if not isinstance(node, yaml.ScalarNode) or is_null(node):
        return None
    return _Plain(node.value) if not node.style else node.value


class _Plain(str):
    """Text that was written as a plain scalar: a number such as ``0.25`` stays plain."""


_BARE = re.compile(r"[\w.+-]+\Z")


# -- the argument file ----------------------------------------------------------------------
class ArgumentFile(Document):
    """A ``Document`` that knows where claims and their relations are written."""

    def __init__(self, text: str, path: str | None = None):
        super().__init__(text, path)
        top = {key: (key_node, value) for key, key_node, value in pairs(self.root)}
        if "claims" not in top:
            raise EditError("the argument file has no 'claims:'", Location(path, 1, 1))
        self.claims_key, self.claims = top["claims"]
        if not isinstance(self.claims, yaml.MappingNode):
            self.raise_at("'claims' must be a mapping", self.claims)
        self._index = {key: i for i, (key, _, _) in enumerate(pairs(self.claims))}
        self._named_by: dict[str, list[tuple[Claim, list[Written]]]] | None = None

    def empty_claims(self) -> None:
        """Leave ``claims: {}`` (the last claim is going)."""
        colon = self.text.index(":", self.claims_key.end_mark.index)
        end = self.line_start(self.last_line(self.claims) + 1) if is_block(self.claims) \
            else self.claims.end_mark.index
        self.replace(colon + 1, end, " {}\n" if is_block(self.claims) else " {}")

    def ids(self) -> list[str]:
        return list(self._index)

    def claim(self, cid: str) -> Claim | None:
        if cid not in self._index:
            return None
        key, value = self.claims.value[self._index[cid]]
        claim = Claim(cid, key, value)
        for index, (name, key_node, field_value) in enumerate(pairs(value)):
            claim.fields.setdefault(name, (index, key_node, field_value))
        return claim

    def require(self, cid: str) -> Claim:
        claim = self.claim(cid)
        if claim is None:
            raise unknown_name("claim", cid, self.ids(), Location(self.path))
        if not isinstance(claim.value, yaml.MappingNode):
            self.raise_at(f"claim {cid!r} must be a mapping", claim.value)
        return claim

    def claims_in_order(self):
        for cid in self._index:
            claim = self.claim(cid)
            if claim is not None and isinstance(claim.value, yaml.MappingNode):
                yield claim

    @property
    def step(self) -> int:
        """The file's indentation step (claim key to its fields)."""
        for _, key, value in pairs(self.claims):
            if is_block(value) and value.value:
                return max(value.value[0][0].start_mark.column - key.start_mark.column, 1)
        return 2

    # -- relations as written -------------------------------------------------------------
    def named_by(self, cid: str) -> list[tuple[Claim, list[Written]]]:
        """The claims whose relations name ``cid`` (as a target, or as an undercut
        relation's source), with those relations.  Indexed once per parse: an edit splices
        text but never changes the parse, so a batch removing many claims asks this of the
        same index instead of walking every claim each time."""
        if self._named_by is None:
            index: dict[str, list[tuple[Claim, list[Written]]]] = {}
            for other in self.claims_in_order():
                naming: dict[str, list[Written]] = {}
                for written in self.written(other):
                    for name in dict.fromkeys((written.target, written.undercuts)):
                        if name is not None:
                            naming.setdefault(name, []).append(written)
                for name, relations in naming.items():
                    index.setdefault(name, []).append((other, relations))
            self._named_by = index
        return self._named_by.get(cid, [])

    def written(self, claim: Claim) -> list[Written]:
        found = []
        for name in FIELD_RELATIONS:
            if name in claim.fields:
                found += self._field_relations(name, claim.fields[name][2])
        return found

    def _field_relations(self, name: str, node: yaml.Node) -> list[Written]:
        items: list[tuple[int | None, yaml.Node | None, yaml.Node]]
        if isinstance(node, yaml.ScalarNode) or (name == "undercuts" and
                                                 isinstance(node, yaml.MappingNode)):
            # One target written bare (or one undercut, not in a list): the field is it.
            items = [] if is_null(node) else [(None, None, node)]
        else:
            items = [(i, k, v) for i, (k, v) in enumerate(entries(node))]
        found = []
        for index, key, value in items:
            if name != "undercuts":
                target_node, note = (key, value) if key is not None else (value, None)
                if isinstance(target_node, yaml.ScalarNode):
                    found.append(Written(name, index, target_node.value, note=_text(note),
                                         id_nodes=((target_node, "target"),)))
            elif isinstance(value, yaml.ScalarNode) and "->" in value.value:
                source, _, target = (p.strip() for p in value.value.partition("->"))
                found.append(Written(name, index, target, source,
                                     id_nodes=((value, "arrow"),)))
            elif isinstance(value, yaml.MappingNode):
                parts = {k: v for k, _, v in pairs(value)}
                if "from" in parts and "to" in parts:
                    found.append(Written(name, index, parts["to"].value, parts["from"].value,
                                         _text(parts.get("note")),
                                         ((parts["from"], "from"), (parts["to"], "to"))))
        return found

    # -- field-level edits ----------------------------------------------------------------
    def put_field(self, claim: Claim, name: str, lines: list[str],
                  replacing: str | None = None) -> None:
        """Write field ``name`` (canonical lines) in place of field ``replacing`` (default:
        itself) where that is written, else where the canonical order puts it."""
        if not claim.value.value:
            self.raise_at(f"claim {claim.cid!r} is empty", claim.value)
        self.put_key(claim.value, name, lines, CLAIM_FIELDS, replacing)

    def put_key(self, mapping: yaml.Node, name: str, lines: list[str], order,
                replacing: str | None = None, gap: bool = False) -> None:
        """Write key ``name`` of a non-empty mapping (canonical lines) in place of key
        ``replacing`` (default: itself) where that is written, else after the last key that
        ``order`` puts before it (``gap``: after a blank line)."""
        written = {key: index for index, (key, _, _) in reversed(list(enumerate(pairs(mapping))))}
        flow_text = as_flow(lines)
        block_lines = relative(lines, self.step)
        replacing = replacing or name
        if replacing in written:
            self.replace_entry(mapping, written[replacing], block_lines, flow_text)
            return
        rank = order.index(name)
        before = [index for key, index in written.items()
                  if key in order and order.index(key) < rank]
        self.insert_entry(mapping, block_lines if is_block(mapping) else [], flow_text,
                          after=max(before) if before else -1, gap=gap)

    def drop_field(self, claim: Claim, name: str) -> None:
        self.remove_entries(claim.value, {claim.fields[name][0]})

    def set_value(self, claim: Claim, name: str, lines: list[str]) -> None:
        """Replace just the value of a one-line field, keeping its key and anything after."""
        _, key, value = claim.fields[name]
        new_key, _, new_value = as_flow(lines).partition(": ") if not is_block(claim.value) \
            else lines[0].strip().partition(": ")
        if key.value != new_key:
            self.replace_node(key, new_key)
        self.replace_node(value, new_value)


def _text(node: yaml.Node | None) -> str | None:
    return None if is_null(node) or not isinstance(node, yaml.ScalarNode) else node.value


# -- the edits ----------------------------------------------------------------------------
def add_claim(doc: ArgumentFile, cid: str, text: str, *, kind: str = "claim",
              perspective: str | None = None, sources=(), tags=(), weight: str | None = None,
              note: str | None = None, supports=(), rebuts=(), undercuts=()) -> None:
    """Add a claim after the last claim of its perspective, or at the end of the claims.
    ``undercuts`` are relations written ``A->B``."""
    if not SLUG.match(cid):
        raise EditError(f"claim id {cid!r} is not a slug (letters, digits, '_' and '-')",
                        Location(doc.path))
    existing = doc.claim(cid)
    if existing is not None:
        doc.raise_at(f"claim {cid!r} already exists", existing.key)
    _check_choice("kind", kind, KINDS)
    attrs = {"text": text, "kind": kind, "perspective": perspective, "sources": sources,
             "tags": tags, "note": note,
             "weight": None if weight is None else _typed(doc, "weight", weight)}
    relations = [(t, "support", None, None) for t in supports] + \
                [(t, "rebut", None, None) for t in rebuts] + \
                [(target, "undercut", source, None)
                 for source, target in (_arrow(doc, u) for u in undercuts)]
    lines = canonical_claim(cid, attrs, relations)
    same = [index for index, (_, value) in enumerate(doc.claims.value)
            if perspective is not None and _perspective(value) == perspective]
    insert_claim(doc, lines, after=same[-1] if same else None)


def insert_claim(doc: ArgumentFile, lines: list[str], after: int | None = None,
                 block_lines: list[str] | None = None) -> None:
    """Insert a claim given as canonical ``lines`` after claim number ``after`` (-1: before
    the first; default: after the last).  ``block_lines`` (unindented, later lines indented
    relative to the first, as written in another file with this file's indentation step)
    are written instead of the canonical lines where the claims are in block style."""
    claims = doc.claims
    if not claims.value:
        if is_block(claims):
            doc.raise_at("'claims' is empty", claims)
        doc.fill_empty(claims, relative(lines, 2), doc.claims_key.start_mark.column + 2)
        return
    after = len(claims.value) - 1 if after is None else after
    # A blank line before the new claim where the file sets claims apart with one (as the
    # canonical layout does, which also sets 'claims:' apart).
    claims_line = head_line(doc, doc.claims_key)
    gap = is_block(claims) and any(
        not doc.line_text(head_line(doc, claims.value[index][0]) - 1).strip()
        for index in {after, len(claims.value) - 1} if index > 0) or (
        len(claims.value) == 1 and claims_line > 0 and not doc.line_text(claims_line - 1).strip())
    doc.insert_entry(claims, block_lines or relative(lines, doc.step), as_flow(lines),
                     after=after, gap=gap)


def _perspective(claim: yaml.Node) -> str | None:
    for key, _, value in pairs(claim):
        if key == "perspective" and isinstance(value, yaml.ScalarNode):
            return value.value
    return None


def head_line(doc: Document, key: yaml.Node) -> int:
    """The first line of the comments heading ``key`` (its own line without any)."""
    line = key.start_mark.line
    while line > 0 and doc.line_text(line - 1).lstrip().startswith("#"):
        line -= 1
    return line


def link(doc: ArgumentFile, source: str, relation: str, target: str,
         note: str | None = None) -> None:
    """``source`` supports/rebuts/undercuts ``target`` (for undercuts, ``A->B``).  When the
    relation exists, ``note`` sets its note."""
    claim = doc.require(source)
    undercuts = None
    if relation == "undercut":
        undercuts, target = _arrow(doc, target)
    else:
        _no_dangling_arrow(doc, target)
    name = RELATION_FIELD[relation]
    current = [w for w in doc.written(claim) if w.field == name]
    same = [w for w in current if w.target == target and w.undercuts == undercuts]
    if same:
        label = f"{undercuts}->{target}" if undercuts else target
        if note is None:
            raise EditError(f"{source!r} already {name} {label!r} (give --note to set the "
                            "relation's note)", Location(doc.path))
        _set_relation_note(doc, claim, current, same[0], note)
        return
    node = claim.fields[name][2] if name in claim.fields else None
    if isinstance(node, yaml.MappingNode) and node.value and name != "undercuts":
        doc.insert_entry(node, _note_entry(target, note), f"{flow_scalar(target)}: "
                         f"{flow_value(note)}")
    elif isinstance(node, yaml.SequenceNode) and node.value and (undercuts or note is None):
        lines, item = _undercut_item(undercuts, target, note) if undercuts else \
            ([flow_scalar(target)], flow_scalar(target))
        doc.insert_entry(node, lines, item)
    else:  # absent, one scalar, or a list that must become a mapping to hold a note
        wanted = [(w.target, relation, w.undercuts, w.note) for w in current]
        doc.put_field(claim, name, canonical_field(name, {}, wanted + [
            (target, relation, undercuts, note)]))


def _note_entry(target: str, note: str | None) -> list[str]:
    """The canonical block lines of ``target: note`` in a relation mapping."""
    if note is None:
        return [f"{flow_scalar(target)}: null"]
    return relative(key_value_lines(0, scalar(target), note), 2)


def _undercut_item(undercuts: str, target: str, note: str | None) -> tuple[list[str], str]:
    """An item of ``undercuts:`` as block lines (after its ``- ``, later lines relative to
    it), as the canonical writer writes it, and as flow text."""
    lines = canonical_field("undercuts", {}, [(target, "undercut", undercuts, note)])[1:]
    lines[0] = lines[0].replace("- ", "  ", 1)
    return relative(lines, 2), flow_value({"from": undercuts, "to": target,
                                           **({"note": note} if note is not None else {})})


def _set_relation_note(doc: ArgumentFile, claim: Claim, current: list[Written],
                       written: Written, note: str | None) -> None:
    """Give an existing relation a note: the entry is rewritten where it is a mapping
    entry or an undercut item; a list of targets becomes the mapping form."""
    node = claim.fields[written.field][2]
    if written.undercuts is not None and written.index is not None:  # an undercut item
        doc.replace_entry(node, written.index,
                          *_undercut_item(written.undercuts, written.target, note))
    elif isinstance(node, yaml.MappingNode) and written.index is not None:
        doc.replace_entry(node, written.index, _note_entry(written.target, note),
                          f"{flow_scalar(written.target)}: {flow_value(note)}")
    else:
        relation = FIELD_RELATIONS[written.field]
        doc.put_field(claim, written.field, canonical_field(written.field, {}, [
            (w.target, relation, w.undercuts, note if w == written else w.note)
            for w in current]))


def remove_relation(doc: ArgumentFile, source: str, relation: str, target: str,
                    undercuts: str | None = None) -> None:
    """Remove exactly one relation (``unlink`` removes every relation to a target)."""
    claim = doc.require(source)
    doomed = [w for w in doc.written(claim) if FIELD_RELATIONS[w.field] == relation
              and (w.target, w.undercuts) == (target, undercuts)]
    if not doomed:
        raise EditError(f"{source!r} has no {relation} relation to {target!r}",
                        Location(doc.path))
    _remove_written(doc, claim, doomed)


def set_relation_note(doc: ArgumentFile, source: str, relation: str, target: str,
                      undercuts: str | None, note: str | None) -> None:
    """Set (``None``: remove) the note of an existing relation."""
    claim = doc.require(source)
    name = RELATION_FIELD[relation]
    current = [w for w in doc.written(claim) if w.field == name]
    same = [w for w in current if (w.target, w.undercuts) == (target, undercuts)]
    if not same:
        raise EditError(f"{source!r} has no {relation} relation to {target!r}",
                        Location(doc.path))
    _set_relation_note(doc, claim, current, same[0], note)


def _no_dangling_arrow(doc: ArgumentFile, target: str) -> None:
    """``a->b`` unquoted in a shell is ``a-`` with its output sent to a file ``b``."""
    if target.endswith("-") and doc.claim(target) is None:
        raise EditError(f"target {target!r} ends in '-': quote an undercut target, e.g. "
                        "'a->b' (unquoted, the shell reads '>' as a redirection)",
                        Location(doc.path))


def _arrow(doc: ArgumentFile, text: str) -> tuple[str, str]:
    source, arrow, target = (part.strip() for part in text.partition("->"))
    if not arrow or not source or not target:
        _no_dangling_arrow(doc, text)
        raise EditError(f"an undercut target names a relation, e.g. 'a->b' (got {text!r})",
                        Location(doc.path))
    return source, target


def unlink(doc: ArgumentFile, source: str, target: str, cascade: bool = False) -> None:
    """Remove every relation from ``source`` to ``target`` (``A->B`` for an undercut); the
    undercuts of a removed relation go too with ``cascade``, else they refuse it."""
    claim = doc.require(source)
    if "->" in target:
        undercuts, target = _arrow(doc, target)
        doomed = [w for w in doc.written(claim)
                  if w.field == "undercuts" and (w.undercuts, w.target) == (undercuts, target)]
    else:
        _no_dangling_arrow(doc, target)
        doomed = [w for w in doc.written(claim) if w.field != "undercuts" and w.target == target]
    if not doomed:
        raise EditError(f"{source!r} has no relation to {target!r}", Location(doc.path))
    attacking = []
    if any(w.field != "undercuts" for w in doomed):
        for other in doc.claims_in_order():
            found = [w for w in doc.written(other) if w.field == "undercuts"
                     and (w.undercuts, w.target) == (source, target)]
            if found:
                attacking.append((other, found))
    if attacking and not cascade:
        names = ", ".join(other.cid for other, _ in attacking)
        raise EditError(f"'{source}->{target}' is undercut by {names}; use --cascade to "
                        "remove those undercuts too", Location(doc.path))
    for other, found in attacking:
        if other.cid != source:
            _remove_written(doc, other, found)
        else:
            doomed += found
    _remove_written(doc, claim, doomed)


def _remove_written(doc: ArgumentFile, claim: Claim, doomed: list[Written]) -> None:
    """Remove relations from a claim, and a field that is left empty."""
    emptied = []
    for name in {w.field for w in doomed}:
        node = claim.fields[name][2]
        indexes = entry_indexes({w.index for w in doomed if w.field == name})
        if indexes is None or len(indexes) == len(node.value):
            emptied.append(name)
        else:
            doc.remove_entries(node, indexes)
    if emptied:
        doc.remove_entries(claim.value, {claim.fields[name][0] for name in emptied})


def set_field(doc: ArgumentFile, cid: str, name: str, value) -> None:
    set_fields(doc, cid, {name: value})


def set_fields(doc: ArgumentFile, cid: str, values: dict) -> None:
    """Set fields of one claim: ``values`` maps a ``SETTABLE`` name to its text, or
    ``tags``/``sources`` to a list.  New fields are written in canonical order."""
    claim = doc.require(cid)
    order = CLAIM_FIELDS
    for name in sorted(values, key=lambda n: order.index(n) if n in order else len(order)):
        _set_one(doc, claim, name, values[name])


def _set_one(doc: ArgumentFile, claim: Claim, name: str, value) -> None:
    attr = _settable(doc, name)
    typed = list(value) if attr in LIST_FIELDS.values() and not isinstance(value, str) \
        else _typed(doc, name, value)
    written = ("source" if len(typed) == 1 else "sources") if attr == "sources" else name
    lines = canonical_field(written, {attr: typed})
    present = _present(claim, name)
    if not lines:  # the canonical form leaves it out: the default value
        if present:
            doc.drop_field(claim, present)
    elif present and isinstance(claim.fields[present][2], yaml.ScalarNode) and len(lines) == 1:
        doc.set_value(claim, present, lines)
    else:
        doc.put_field(claim, written, lines, replacing=present)


def set_quotes(doc: ArgumentFile, cid: str, quotes: list[dict] | None) -> None:
    """Write a claim's quotes (``quote:``) whole, or remove them (``None`` or empty)."""
    claim = doc.require(cid)
    lines = canonical_field("quote", {"quotes": quotes or ()})
    if lines:
        doc.put_field(claim, "quote", lines)
    elif "quote" in claim.fields:
        doc.drop_field(claim, "quote")


def _present(claim: Claim, name: str) -> str | None:
    """The key under which field ``name`` is written (``source`` and ``sources`` are one
    field)."""
    keys = ("source", "sources") if name in ("source", "sources") else (name,)
    return next((key for key in keys if key in claim.fields), None)


def _listed(claim: Claim, name: str) -> list[tuple[int | None, str]]:
    """The items of a text-or-list field as ``(index or None, text)``."""
    if name not in claim.fields:
        return []
    node = claim.fields[name][2]
    if isinstance(node, yaml.ScalarNode):
        return [] if is_null(node) else [(None, node.value)]
    if isinstance(node, yaml.SequenceNode):
        return [(i, item.value) for i, item in enumerate(node.value)
                if isinstance(item, yaml.ScalarNode)]
    return []


def tag(doc: ArgumentFile, cid: str, tags) -> None:
    """Add tags a claim does not have yet (at the end of its list)."""
    claim = doc.require(cid)
    current = [text for _, text in _listed(claim, "tags")]
    new = [t for t in dict.fromkeys(tags) if t not in current]
    node = claim.fields["tags"][2] if "tags" in claim.fields else None
    if isinstance(node, yaml.SequenceNode) and node.value:
        for text in new:
            doc.insert_entry(node, [flow_scalar(text)], flow_scalar(text))
    elif new:
        _set_one(doc, claim, "tags", current + new)


def untag(doc: ArgumentFile, cid: str, tags) -> None:
    """Remove tags from a claim, and its ``tags`` field when none is left."""
    claim = doc.require(cid)
    current = _listed(claim, "tags")
    texts = [text for _, text in current]
    missing = [t for t in tags if t not in texts]
    if missing:
        doc.raise_at(f"claim {cid!r} has no tag {missing[0]!r}{did_you_mean(missing[0], texts)}",
                     claim.key)
    doomed = entry_indexes({index for index, text in current if text in tags})
    if doomed is None or len(doomed) == len(current):
        doc.drop_field(claim, "tags")
    else:
        doc.remove_entries(claim.fields["tags"][2], doomed)


def unset_field(doc: ArgumentFile, cid: str, name: str) -> None:
    claim = doc.require(cid)
    _settable(doc, name)
    if name == "text":
        raise EditError("a claim needs its text; use 'argmap set' to change it",
                        Location(doc.path))
    present = _present(claim, name)
    if present is None:
        doc.raise_at(f"claim {cid!r} has no {name}", claim.key)
    doc.drop_field(claim, present)


def _settable(doc: Document, name: str) -> str:
    if name in LIST_FIELDS:
        return LIST_FIELDS[name]
    if name not in SETTABLE:
        raise EditError(f"cannot set {name!r} (one of {', '.join(SETTABLE)})",
                        Location(doc.path))
    return SETTABLE[name]


def _typed(doc: Document, name: str, value: str):
    if name == "kind":
        _check_choice("kind", value, KINDS)
    elif name == "side":
        _check_choice("side", value, SIDES)
    elif name == "weight":
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not 0 <= weight <= 1:
            raise EditError(f"weight must be a number from 0 to 1 (got {value!r})",
                            Location(doc.path))
        return weight
    elif name == "source":
        return [value]
    return value


def _check_choice(name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise EditError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")


def rename(doc: ArgumentFile, old: str, new: str) -> None:
    """Rename a claim and every reference to it."""
    claim = doc.require(old)
    if not SLUG.match(new):
        raise EditError(f"claim id {new!r} is not a slug (letters, digits, '_' and '-')",
                        Location(doc.path))
    if new != old and (existing := doc.claim(new)) is not None:
        doc.raise_at(f"claim {new!r} already exists", existing.key)
    doc.replace_node(claim.key, flow_scalar(new))
    for other in doc.claims_in_order():
        for written in doc.written(other):
            for node, role in written.id_nodes:
                if role == "arrow" and old in (written.undercuts, written.target):
                    before, arrow, after = node.value.partition("->")
                    text = (_swap(before, old, new) + arrow + _swap(after, old, new))
                    doc.replace_node(node, flow_scalar(text))
                elif role != "arrow" and node.value == old:
                    doc.replace_node(node, flow_scalar(new))


def _swap(part: str, old: str, new: str) -> str:
    """``part`` of ``A->B`` with the id ``old`` replaced, keeping its spacing."""
    return part.replace(old, new) if part.strip() == old else part


def referrers(doc: ArgumentFile, cid: str) -> list[tuple[Claim, list[Written]]]:
    """Other claims whose relations name ``cid`` (as target or as an undercut relation's
    source), with those relations."""
    return [(other, written) for other, written in doc.named_by(cid) if other.cid != cid]


def remove(doc: ArgumentFile, cid: str, cascade: bool = False) -> None:
    """Remove a claim; with ``cascade`` also the relations pointing at it, else refuse
    while there are any."""
    claim = doc.require(cid)
    pointing = referrers(doc, cid)
    if pointing and not cascade:
        names = ", ".join(f"{other.cid} ({'/'.join(sorted({w.field for w in ws}))})"
                          for other, ws in pointing)
        doc.raise_at(f"{cid!r} is referenced by {names}; use --cascade to remove those "
                     "relations too", claim.key)
    for other, written in pointing:
        _remove_written(doc, other, written)
    if len(doc.claims.value) == 1:
        doc.empty_claims()
    elif not is_block(doc.claims):
        doc.remove_entries(doc.claims, {doc.ids().index(cid)})
    else:
        first, last = claim.key.start_mark.line, doc.last_line(claim.value)
        before = doc.line_text(first - 1).strip() if first else "#"
        if not before or before.startswith("#"):
            # Don't leave a double gap, nor a heading comment cut off from the next claim.
            while last + 1 < len(doc.line_starts) and not doc.line_text(last + 1).strip():
                last += 1
        doc.delete_lines(first, last)
