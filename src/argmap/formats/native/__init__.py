"""argmap's own format: a YAML argument file (see docs/format.md).

Reading composes the YAML node tree with PyYAML's C parser (when built) instead of
constructing Python objects, because the nodes carry the line and column of every key and
value and show duplicate keys, which a plain load silently lets win.  Every problem found is
collected, so ``argmap check`` reports all of them at once."""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from ...errors import Diagnostic, ValidationError
from ...lint import LINT_SETTINGS, LINTS
from ...model import FORMAT_VERSION, KINDS, SIDES, ArgMap, add_edge
from .. import Format
from . import _fastyaml
from ._syntax import (
    CLAIM_FIELDS,
    ESCAPED_BREAKS,
    MODELINE_PREFIX,
    NULL,
    QUOTE_FIELDS,
    RELATION_FIELDS,
    SCHEMA_FILE,
    SLUG,
    SOURCE_FIELDS,
    TAG_BORDERS,
    TAG_COLOR,
    TAG_FIELDS,
    TEXT_FIELDS,
    TOP_KEYS,
    UNPRINTABLE,
    YamlReader,
    scalar,
)


class _Reader(YamlReader):
    """Walks the composed YAML tree, building the map and collecting diagnostics."""

    # -- the document -----------------------------------------------------------------------
    def read(self, text: str) -> ArgMap:
        root = self.root_mapping(
            text, "empty file: an argument file needs at least 'claims:'",
            "the argument file must be a mapping of 'argmap:', 'title:', 'claims:' ...")
        amap = ArgMap(path=self.path)
        fields = {}
        for key, key_node, value in self.mapping(root, "the argument file"):
            if self.check_keys(key, key_node, TOP_KEYS, "the argument file"):
                fields[key] = value
        if "argmap" in fields:
            version = fields["argmap"]
            if not (isinstance(version, yaml.ScalarNode) and version.value == str(FORMAT_VERSION)):
                self.error(f"unsupported format version (this argmap reads version "
                           f"{FORMAT_VERSION})", version)
        for key in ("title", "description"):
            if key in fields:
                given = self.text(fields[key], key)
                if given is not None:
                    amap.graph.graph[key] = given
        if "lint" in fields:
            self.read_lint(amap, fields["lint"])
        if "perspectives" in fields:
            for pid, key_node, value in self.mapping(fields["perspectives"], "perspectives"):
                label = self.text(value, f"the label of perspective {pid!r}")
                amap.perspectives[pid] = label if label is not None else pid
                amap.entry_positions[f"perspectives/{pid}"] = self.position(key_node)
        if "sources" in fields:
            self.read_sources(amap, fields["sources"])
        if "tags" in fields:
            self.read_tag_styles(amap, fields["tags"])
        if "claims" not in fields:
            self.error("the argument file has no 'claims:'", root)
        else:
            self.read_claims(amap, fields["claims"])
        return amap

    @staticmethod
    def position(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def read_lint(self, amap: ArgMap, node: yaml.Node) -> None:
        """``lint: {code: off}``: the lints this file silences."""
        settings = {}
        for code, key_node, value in self.mapping(node, "lint"):
            if not self.check_keys(code, key_node, tuple(LINTS), "lint"):
                continue
            setting = self.text(value, f"the setting of lint {code!r}")
            if setting is not None and setting not in LINT_SETTINGS:
                self.error(f"the setting of lint {code!r} must be one of "
                           f"{', '.join(LINT_SETTINGS)}", value)
            elif setting is not None:
                settings[code] = setting
                amap.entry_positions[f"lint/{code}"] = self.position(key_node)
        amap.graph.graph["lint"] = settings

    def read_tag_styles(self, amap: ArgMap, node: yaml.Node) -> None:
        """``tags: {tag: {border: dashed, color: "#7b3294", note: ...}}``: how diagrams
        draw the claims with a tag."""
        styles = {}
        for tag, key_node, value in self.mapping(node, "tags"):
            style = self.text_fields(value, TAG_FIELDS, f"tag {tag!r}")
            if "border" in style and style["border"] not in TAG_BORDERS:
                self.error(f"the border of tag {tag!r} must be one of "
                           f"{', '.join(TAG_BORDERS)}", value)
                del style["border"]
            if "color" in style and not TAG_COLOR.match(style["color"]):
                self.error(f"the color of tag {tag!r} must be '#' and six hex digits, such "
                           f"as '#7b3294'", value)
                del style["color"]
            styles[tag] = style
            amap.entry_positions[f"tags/{tag}"] = self.position(key_node)
        amap.graph.graph["tag_styles"] = styles

    def read_sources(self, amap: ArgMap, node: yaml.Node) -> None:
        for sid, key_node, value in self.mapping(node, "sources"):
            amap.entry_positions[f"sources/{sid}"] = self.position(key_node)
            if isinstance(value, yaml.ScalarNode) and value.tag != NULL:
                amap.sources[sid] = {"title": value.value}
                continue
            entry = self.text_fields(value, SOURCE_FIELDS, f"source {sid!r}")
            if "title" not in entry:
                self.error(f"source {sid!r} needs a title", value)
            amap.sources[sid] = entry

    def read_claims(self, amap: ArgMap, node: yaml.Node) -> None:
        relations = []
        for cid, key_node, value in self.mapping(node, "claims"):
            if not SLUG.match(cid):
                self.error(f"claim id {cid!r} is not a slug (letters, digits, '_' and '-')",
                           key_node)
            relations.extend(self.read_claim(amap, cid, key_node, value))
        for args, kwargs in relations:
            add_edge(amap.graph, *args, **kwargs)

    def read_claim(self, amap: ArgMap, cid: str, key_node: yaml.Node, node: yaml.Node):
        what = f"claim {cid!r}"
        attrs: dict[str, Any] = {}
        relations = []
        for key, field_key, value in self.mapping(node, what):
            if (key in TEXT_FIELDS and isinstance(value, yaml.ScalarNode)
                    and value.tag != NULL):
                attrs[key] = value.value  # the common case, with nothing to report
                continue
            if not self.check_keys(key, field_key, CLAIM_FIELDS, what):
                continue
            if key in TEXT_FIELDS:
                attrs[key] = self.text(value, f"{key} of {what}")
            elif key == "kind":
                kind = self.text(value, f"kind of {what}")
                if kind is not None and kind not in KINDS:
                    self.error(f"kind of {what} must be one of {', '.join(KINDS)}", value)
                attrs["kind"] = kind
            elif key == "side":
                side = self.text(value, f"side of {what}")
                if side is not None and side not in SIDES:
                    self.error(f"side of {what} must be pro or con", value)
                    side = None
                attrs["side"] = side
            elif key == "weight":
                attrs["weight"] = self.weight(value, what)
            elif key in ("source", "sources"):
                if "sources" in attrs:
                    self.error(f"{what} has both 'source' and 'sources'", field_key)
                attrs["sources"] = [s for s, _ in self.text_list(value, f"{key} of {what}")]
            elif key == "tags":
                attrs["tags"] = [t for t, _ in self.text_list(value, f"tags of {what}")]
            elif key == "quote":
                attrs["quotes"] = self.quotes(value, what)
            elif key == "undercuts":
                relations.extend(self.undercuts(cid, value, what))
            else:
                relations.extend(self.relations(cid, RELATION_FIELDS[key], value, what))
        text = attrs.pop("text", None)
        if text is None and not any(p.location == self.at(node) for p in self.problems):
            self.error(f"{what} has no text", key_node)
        # A field that failed to read is None here, which add_claim takes as unset.
        amap.add_claim(cid, text if text is not None else "", kind=attrs.pop("kind", None) or
                       "claim", line=key_node.start_mark.line + 1,
                       column=key_node.start_mark.column + 1, **attrs)
        return relations

    def quotes(self, node: yaml.Node, what: str) -> list[dict[str, Any]]:
        """``quote:`` as text, one ``{exact, prefix, suffix, source}`` or a list of these."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found = []
        for item in items:
            line, column = self.position(item)
            if isinstance(item, yaml.ScalarNode) and item.tag != NULL:
                found.append({"exact": item.value, "line": line, "column": column})
                continue
            if not isinstance(item, yaml.MappingNode):
                self.error(f"a quote of {what} must be text or {{exact: ..., prefix: ..., "
                           "suffix: ..., source: ...}", item)
                continue
            quote: dict[str, Any] = self.text_fields(item, QUOTE_FIELDS, f"a quote of {what}")
            if "exact" not in quote:
                self.error(f"a quote of {what} needs 'exact' (the quoted text)", item)
                continue
            found.append({**quote, "line": line, "column": column})
        return found

    def weight(self, node: yaml.Node, what: str) -> float | None:
        try:
            value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None or not 0 <= value <= 1:
            self.error(f"weight of {what} must be a number from 0 to 1", node)
            return None
        return value

    def relations(self, cid: str, relation: str, node: yaml.Node, what: str):
        """``[a, b]``, ``a`` or ``{a: note, b: null}`` -> relation constructor calls."""
        if isinstance(node, yaml.MappingNode):
            targets = []
            for target, target_node, note_node in self.mapping(node, f"{relation}s of {what}"):
                note = None
                if not (isinstance(note_node, yaml.ScalarNode) and note_node.tag == NULL):
                    note = self.text(note_node, f"the note on {cid}->{target}")
                targets.append((target, target_node, note))
        else:
            targets = [(t, n, None) for t, n in self.text_list(node, f"{relation}s of {what}")]
        return [((cid, target, relation), {"note": note, "line": n.start_mark.line + 1,
                                           "column": n.start_mark.column + 1})
                for target, n, note in targets]

    def undercuts(self, cid: str, node: yaml.Node, what: str):
        """A list of ``{from: A, to: B, note: ...}`` or ``"A->B"`` items."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found = []
        for item in items:
            note = None
            if isinstance(item, yaml.ScalarNode) and "->" in item.value:
                source, _, target = (part.strip() for part in item.value.partition("->"))
            elif isinstance(item, yaml.MappingNode):
                fields = {}
                for key, key_node, value in self.mapping(item, f"an undercut of {what}"):
                    if self.check_keys(key, key_node, ("from", "to", "note"), "an undercut"):
                        fields[key] = self.text(value, f"{key} of an undercut of {what}")
                source, target, note = fields.get("from"), fields.get("to"), fields.get("note")
                if source is None or target is None:
                    self.error("an undercut needs 'from' and 'to' (the relation it attacks)",
                               item)
                    continue
            else:
                self.error(f"undercuts of {what} must be 'A->B' or {{from: A, to: B}}", item)
                continue
            found.append(((cid, target, "undercut"), {
                "undercuts": source, "note": note, "line": item.start_mark.line + 1,
                "column": item.start_mark.column + 1}))
        return found


def read(text: str, path: str | None = None) -> ArgMap:
    """Parse an argument file; raise ``ValidationError`` listing every problem in the file.

    (Carneades graphs share the ``.yml`` suffix: ``argmap.registry`` tells them apart.)"""
    amap = _fastyaml.read(text, path)  # None unless the file is clean writer output
    if amap is not None:
        return amap
    amap, problems = read_with_problems(text, path)
    if problems:
        raise ValidationError(problems[0].message, problems[0].location, problems)
    return amap


def read_with_problems(text: str, path: str | None = None) -> tuple[ArgMap, list[Diagnostic]]:
    """The map as far as it reads, with the problems found (what ``read`` raises): the
    editor compares maps of files that already have errors.  A syntax error still raises
    ``ParseError``."""
    reader = _Reader(path)
    amap = reader.read(text)
    return amap, reader.problems


# -- writing ------------------------------------------------------------------------------
def _flow_list(items) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


WIDTH = 88  # the line width the writer keeps to where it can


# Text a folded block scalar cannot hold as it is: tabs and the characters ``scalar`` escapes.
_UNFOLDABLE = re.compile("[\t" + ESCAPED_BREAKS + UNPRINTABLE.pattern[1:])
_WORD_BREAK = re.compile(r"(?<=\S) (?=\S)")  # a single space between words


def key_value_lines(indent: int, key: str, value: Any, width: int = WIDTH) -> list[str]:
    """``key: value`` at ``indent``, as the canonical writer writes every text field: on
    one line, or when that is longer than ``width`` (or the text has line breaks) as a
    folded block scalar wrapped at word boundaries, where the text allows it."""
    line = f"{' ' * indent}{key}: {scalar(value)}"
    if isinstance(value, str) and (len(line) > width or "\n" in value):
        folded = fold(value, indent + 2, width)
        if folded is not None:
            return [f"{' ' * indent}{key}: >-"] + folded
    return [line]


def fold(text: str, indent: int, width: int = WIDTH) -> list[str] | None:
    """The lines of ``text`` as a folded (``>-``) block scalar's content at ``indent``,
    wrapped at single spaces to ``width``; ``None`` when folding would change the text
    (an empty paragraph, space at a paragraph's ends, a tab or a character to escape)."""
    if _UNFOLDABLE.search(text):
        return None
    lines: list[str] = []
    pad = " " * indent
    for paragraph in text.split("\n"):
        if not paragraph or paragraph != paragraph.strip(" "):
            return None
        if lines:
            lines.append("")
        current = ""
        for word in _WORD_BREAK.split(paragraph):
            if current and indent + len(current) + 1 + len(word) > width:
                lines.append(pad + current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(pad + current)
    return lines


def source_lines(sid: str, entry: dict[str, str], block: bool = False,
                 width: int = WIDTH, known=SOURCE_FIELDS) -> list[str]:
    """One source (key at indent 2), or any entry with ``known`` fields: a flow mapping on
    one line when it fits in ``width`` and ``block`` is not asked for, else one field a
    line."""
    fields = [key for key in known if key in entry]
    flow = (f"  {scalar(sid)}: {{"
            + ", ".join(f"{key}: {scalar(entry[key], flow=True)}" for key in fields) + "}")
    if not fields or (not block and len(flow) <= width):
        return [flow]
    return [f"  {scalar(sid)}:"] + [line for key in fields
                                    for line in key_value_lines(4, key, entry[key], width)]


def schema_modeline(path: str | os.PathLike) -> str | None:
    """The YAML language server's modeline for a file at ``path``: the schema's path
    relative to the file's folder, when a ``schema/argmap.schema.json`` (or an
    ``argmap.schema.json``) is found in that folder or one above it; else ``None``."""
    folder = os.path.dirname(os.path.abspath(path))
    here = folder
    while True:
        for candidate in (os.path.join(here, "schema", SCHEMA_FILE),
                          os.path.join(here, SCHEMA_FILE)):
            if os.path.isfile(candidate):
                relative = os.path.relpath(candidate, folder).replace(os.sep, "/")
                return f"{MODELINE_PREFIX}{relative}"
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def write(amap: ArgMap, *, modeline: str | None = None, width: int = WIDTH,
          block_sources=frozenset()) -> str:
    """The canonical text of ``amap``: fixed key order, two-space indent, a blank line
    before each section and each claim, flow lists for plain relations and a mapping where
    a relation carries a note, text longer than ``width`` folded.  A source is one flow
    mapping when it fits in ``width`` (and is not in ``block_sources``), else a block.
    ``modeline`` is a first comment line (see ``schema_modeline``)."""
    graph = amap.graph
    lines = [modeline] if modeline else []
    lines.append(f"argmap: {FORMAT_VERSION}")
    for key in ("title", "description"):
        if graph.graph.get(key) is not None:
            lines += key_value_lines(0, key, graph.graph[key], width)
    if amap.lint:
        lines += ["", "lint:"]
        lines += [f"  {scalar(code)}: {scalar(setting)}" for code, setting in amap.lint.items()]
    if amap.perspectives:
        lines += ["", "perspectives:"]
        for pid, label in amap.perspectives.items():
            lines += key_value_lines(2, scalar(pid), label, width)
    if amap.sources:
        lines += ["", "sources:"]
        for sid, entry in amap.sources.items():
            lines += source_lines(sid, entry, sid in block_sources, width)
    if amap.tag_styles:
        lines += ["", "tags:"]
        for tag, style in amap.tag_styles.items():
            lines += source_lines(tag, style, width=width, known=TAG_FIELDS)
    lines += ["", "claims:" if len(graph) else "claims: {}"]
    claim_lines = _claim_writer(graph, width)
    first = True
    for cid, data in graph.nodes(data=True):
        if not first:
            lines.append("")
        first = False
        lines.append(f"  {scalar(cid)}:")
        for emit in claim_lines:
            lines += emit(cid, data)
    return "\n".join(lines) + "\n"


def _claim_writer(graph, width: int) -> list:
    """One function per claim field, in the order of ``CLAIM_FIELDS``, each giving the
    field's lines for ``(claim id, node data)`` (none when it is unset or the default)."""
    def text_field(name: str, attr: str):
        return lambda cid, data: ([] if data.get(attr) is None
                                  else key_value_lines(4, name, data[attr], width))

    def sources(count_ok):
        def emit(cid, data):
            found = data.get("sources") or []
            if not count_ok(len(found)):
                return []
            return ([f"    source: {scalar(found[0])}"] if len(found) == 1
                    else [f"    sources: {_flow_list(found)}"])
        return emit

    relations: dict[str, list[str]] = {}

    def relation_field(name: str):
        def emit(cid, data):
            if name == "supports":  # the first of the three: group this claim's relations
                relations.clear()
                relations.update(_relation_lines(graph, cid, width))
            return relations.get(name, [])
        return emit

    emitters = {
        "text": lambda cid, data: key_value_lines(4, "text", data.get("text", ""), width),
        "kind": lambda cid, data: ([] if data.get("kind", "claim") == "claim"
                                   else [f"    kind: {scalar(data['kind'])}"]),
        "perspective": text_field("perspective", "perspective"),
        "source": sources(lambda n: n == 1),
        "sources": sources(lambda n: n > 1),
        "quote": lambda cid, data: _quote_lines(data.get("quotes") or [], width),
        "tags": lambda cid, data: ([f"    tags: {_flow_list(data['tags'])}"]
                                   if data.get("tags") else []),
        "weight": text_field("weight", "weight"),
        "side": text_field("side", "declared_side"),
        "note": text_field("note", "note"),
        "supports": relation_field("supports"),
        "rebuts": relation_field("rebuts"),
        "undercuts": relation_field("undercuts"),
    }
    return [emitters[name] for name in CLAIM_FIELDS]


def _quote_lines(quotes: list[dict], width: int) -> list[str]:
    """``quote: text`` for one bare quote, ``quote: {exact: ..., source: ...}`` for one
    with fields, else a list of these; a quote that does not fit on its line is folded,
    its fields one a line."""
    if len(quotes) == 1:
        quote = quotes[0]
        if _quote_fields(quote) == ["exact"]:
            return key_value_lines(4, "quote", quote["exact"], width)
        flow = "    quote: " + _flow_quote(quote)
        return [flow] if len(flow) <= width else ["    quote:", *_block_quote(quote, 6, width)]
    lines = ["    quote:"] if quotes else []
    for quote in quotes:
        if _quote_fields(quote) == ["exact"]:
            line = "      - " + scalar(quote["exact"])
            folded = fold(quote["exact"], 10, width) if len(line) > width else None
            lines += ["      - >-", *folded] if folded else [line]
        elif len(flow := "      - " + _flow_quote(quote)) <= width:
            lines.append(flow)
        else:
            item = _block_quote(quote, 8, width)
            lines += ["      - " + item[0][8:], *item[1:]]
    return lines


def _quote_fields(quote: dict) -> list[str]:
    return [key for key in QUOTE_FIELDS if quote.get(key) is not None]


def _flow_quote(quote: dict) -> str:
    return "{" + ", ".join(f"{key}: {scalar(quote[key], flow=True)}"
                           for key in _quote_fields(quote)) + "}"


def _block_quote(quote: dict, indent: int, width: int) -> list[str]:
    return [line for key in _quote_fields(quote)
            for line in key_value_lines(indent, key, quote[key], width)]


def _relation_lines(graph, cid: str, width: int) -> dict[str, list[str]]:
    """The lines of a claim's ``supports``, ``rebuts`` and ``undercuts`` fields."""
    fields: dict[str, list[str]] = {}
    by_relation: dict[str, list[tuple[str, dict]]] = {"support": [], "rebut": [], "undercut": []}
    for _, target, data in graph.out_edges(cid, data=True):
        by_relation[data["relation"]].append((target, data))
    for field, relation in RELATION_FIELDS.items():
        targets = by_relation[relation]
        if not targets:
            continue
        if any(data.get("note") is not None for _, data in targets):
            lines = fields[field] = [f"    {field}:"]
            for target, data in targets:
                lines += ([f"      {scalar(target)}: null"] if data.get("note") is None
                          else key_value_lines(6, scalar(target), data["note"], width))
        else:
            fields[field] = [f"    {field}: {_flow_list(t for t, _ in targets)}"]
    if by_relation["undercut"]:
        lines = fields["undercuts"] = ["    undercuts:"]
        for target, data in by_relation["undercut"]:
            note = (f", note: {scalar(data['note'], flow=True)}"
                    if data.get("note") is not None else "")
            line = (f"      - {{from: {scalar(data['undercuts'], flow=True)}, "
                    f"to: {scalar(target, flow=True)}{note}}}")
            if len(line) <= width:
                lines.append(line)
            else:  # one field a line, a long note folded
                lines += [f"      - from: {scalar(data['undercuts'])}",
                          f"        to: {scalar(target)}"]
                if data.get("note") is not None:
                    lines += key_value_lines(8, "note", data["note"], width)
    return fields


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff")[:4096]
    return bool(re.search(r"^argmap:\s*\d", head, re.M) or re.search(r"^claims:", head, re.M))


FORMATS = [Format("yaml", (".yaml", ".yml", ".argmap"), "argmap argument file (YAML)",
                  read=read, write=write, sniff=_sniff, aliases=("argmap", "native"),
                  slug_ids=True, placed=lambda path: {"modeline": schema_modeline(path)})]
