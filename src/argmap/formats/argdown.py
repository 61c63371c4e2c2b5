"""Argdown (https://argdown.org): read its statements, arguments, relations and
premise-conclusion structures; write maps back as Argdown the real Argdown CLI accepts.

The reader is a line parser modelled on Argdown 1.7's lexer (same escapes, tags, data,
comments and relation tokens) and on its model plugin (untitled elements numbered
"Untitled N" in document order, relations out of a reconstructed argument moved to its
conclusion).  What maps to what, and what is lost, is in docs/formats/argdown.md."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Location, ParseError
from ..model import ArgMap
from . import Format
from ._imported import mark_theses
from .native._syntax import SLUG, scalar

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml
    _Loader = yaml.SafeLoader

# -- the tokens, after Argdown's lexer --------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Relation operators at the start of a line, longest first; the child is the element after it.
_RELATION = re.compile(r"(\+>|->|<\+|<-|><|_>|<_|\+|-|_(?=\s))")
_NUMBER = re.compile(r"\((\d+)\)")
_LIST_ITEM = re.compile(r"(?:\d+\.|\*)(?=\s)")
_HEADING = re.compile(r"(#+) ")
_STATEMENT_DEFINITION = re.compile(r"\[(.+?)\]:")
_STATEMENT_REFERENCE = re.compile(r"\[([^-].*?)\]")
_ARGUMENT_DEFINITION = re.compile(r"<(.+?)>:")
_ARGUMENT_REFERENCE = re.compile(r"<([^-].*?)>")
_INLINE = re.compile(
    r"\\(?P<escaped>[^\n\r\u2028\u2029] *)"
    r"|(?P<tag>#(?:\((?P<long>[^)]+)\)|(?P<short>[A-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf"
    r"\ufdf0-\uffef]+))[ \t]?)"
    r"|(?P<data>\{(?:(?!\}\s[^,}])[^\r\u2028\u2029])*\}(?!\s*[,}]))"
    r"|(?P<link>\[[^\]\n]+?\]\([^)\n]+?\)[ \t]?)"
    r"|(?P<plain>[^\\#{\[]+|.)", re.S)
_COMMENT = re.compile(r"<!--|/\*|//|\\[^\n\r\u2028\u2029]|\[[^\]\n]+?\]\([^)\n]+?\)")
_COMMENT_END = {"<!--": "-->", "/*": "*/"}

# (relation, child is the source) for each operator written under a parent element.
_OPERATORS = {"+": ("support", True), "<+": ("support", True), "+>": ("support", False),
              "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
              "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
              "><": ("contradictory", False)}
# Argdown relation type -> argmap relation (undercuts are resolved separately).
_RELATION_TYPES = {"support": "support", "entails": "support", "attack": "rebut",
                   "contrary": "rebut", "contradictory": "rebut", "undercut": "undercut"}
_DATA_KEY = "argmap"
_CLAIM_DATA = {"kind": str, "text": str, "perspective": str, "note": str, "weight": (int, float),
               "sources": list, "tags": list}


@dataclass
class _Element:
    """One equivalence class (statement) or argument, merged over all its occurrences."""

    kind: str  # "statement" | "argument"
    title: str
    line: int
    column: int
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None


@dataclass
class _Relation:
    source: tuple[str, str]
    target: tuple[str, str]
    type: str
    line: int
    column: int


class _Reader:
    """Builds elements, relations and premise-conclusion structures line by line."""

    def __init__(self, path: str | None):
        self.path = path
        self.elements: dict[tuple[str, str], _Element] = {}
        self.relations: list[_Relation] = []
        self.pcs: dict[tuple[str, str], list[tuple[tuple[str, str], str]]] = {}
        self.untitled = 0
        self.sections: list[tuple[int, str]] = []
        self.front: dict[str, Any] = {}

    def fail(self, message: str, line: int, column: int = 1):
        raise ParseError(message, Location(self.path, line, column))

    # -- preprocessing -------------------------------------------------------------------
    def front_matter(self, text: str) -> tuple[str, int]:
        """The YAML between ``===`` fences at the start; returns the rest and its first line."""
        stripped = text.lstrip(" \t\r\n")
        if not stripped.startswith("==="):
            return text, 1
        start_line = text[: len(text) - len(stripped)].count("\n") + 1
        match = re.match(r"===+(.*?)===+", stripped, re.S)
        if match is None:
            self.fail("unterminated front matter (no closing ===)", start_line)
        try:
            front = yaml.load(match.group(1), Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = start_line + (mark.line if mark else 0)
            self.fail(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line)
        except (ValueError, RecursionError) as exc:
            self.fail(f"front matter is not valid YAML: {exc}", start_line)
        if front is not None and not isinstance(front, dict):
            self.fail("front matter must be a YAML mapping", start_line)
        self.front = front or {}
        consumed = len(text) - len(stripped) + match.end()
        return text[consumed:], text[:consumed].count("\n") + 1

    def lines_without_comments(self, text: str, first_line: int) -> list[tuple[int, str]]:
        """``(line number, text)`` with ``//``, ``/* */`` and ``<!-- -->`` comments blanked;
        a line that held only comment disappears, so it does not split a paragraph."""
        out, position, commented = [], 0, set()
        while True:
            match = _COMMENT.search(text, position)
            if match is None:
                out.append(text[position:])
                break
            token = match.group()
            if token.startswith(("\\", "[")):  # an escape or a link: not a comment
                out.append(text[position:match.end()])
                position = match.end()
                continue
            out.append(text[position:match.start()])
            line = first_line + text.count("\n", 0, match.start())
            if token == "//":
                end = _LINE_BREAK.search(text, match.end())
                stop = end.start() if end else len(text)
            else:
                stop = text.find(_COMMENT_END[token], match.end())
                if stop < 0:
                    column = match.start() - text.rfind("\n", 0, match.start())
                    self.fail(f"unterminated comment {token}", line, column)
                stop += len(_COMMENT_END[token])
            body = text[match.start():stop]
            out.append(re.sub(r"[^\r\n]", " ", body))
            commented.update(range(line, line + len(_LINE_BREAK.findall(body)) + 1))
            position = stop
        lines = _LINE_BREAK.split("".join(out))
        return [(number, line) for number, line in enumerate(lines, first_line)
                if line.strip() or number not in commented]

    # -- elements ------------------------------------------------------------------------------
    def element(self, raw: str, line: int, column: int, default_kind: str = "statement"):
        """The element an occurrence starts (definition, reference or untitled text) and
        the text that follows its title."""
        for pattern, kind in ((_STATEMENT_DEFINITION, "statement"),
                              (_ARGUMENT_DEFINITION, "argument"),
                              (_STATEMENT_REFERENCE, "statement"),
                              (_ARGUMENT_REFERENCE, "argument")):
            match = pattern.match(raw)
            if match:
                return self.occurrence(kind, match.group(1), line, column), raw[match.end():]
        if raw[:1] in ("[", "<") and not raw.startswith("<!"):
            closing = "]" if raw[0] == "[" else ">"
            self.fail(f"unclosed {raw[0]}: expected {closing} to end the title", line, column)
        self.untitled += 1
        return self.occurrence(default_kind, f"Untitled {self.untitled}", line, column), raw

    def occurrence(self, kind: str, title: str, line: int, column: int) -> tuple[str, str]:
        key = (kind, title)
        if key not in self.elements:
            section = self.sections[-1][1] if self.sections else None
            self.elements[key] = _Element(kind, title, line, column, section=section)
        return key

    def finish_text(self, key, raw_lines: list[str], line: int) -> None:
        """Decode an occurrence's text; the first non-empty text defines the element."""
        element = self.elements[key]
        text, tags, data = decode("\n".join(raw_lines), self.path, line)
        if text and not element.text:
            element.text = text
        element.tags += [tag for tag in tags if tag not in element.tags]
        for key_, value in data.items():
            element.data.setdefault(key_, value)

    # -- the document -----------------------------------------------------------------------------
    def read(self, text: str) -> None:
        body, first_line = self.front_matter(text.removeprefix("\ufeff"))
        lines = self.lines_without_comments(body, first_line)
        current = None  # [key, raw text lines, line] of the element being read
        stack: list[tuple[int, tuple[str, str]]] = []  # (indent, element) for relations
        last_top: tuple[str, str] | None = None  # the top-level element before a PCS
        pcs: list | None = None  # [argument, [(element, inference seen before it)]]
        after_blank = True
        index = 0

        def close():
            nonlocal current
            if current is not None:
                self.finish_text(current[0], current[1], current[2])
                current = None

        def start(raw, number, indent, kind="statement"):
            nonlocal current
            key, rest = self.element(raw, number, indent + 1, kind)
            current = [key, [rest], number]
            return key

        while index < len(lines):
            number, line = lines[index]
            index += 1
            content = line.lstrip(" \t")
            indent = len(line) - len(content)
            if not content:
                close()
                after_blank = True
                continue
            if indent == 0 and _HEADING.match(content):
                close()
                pcs = self.end_pcs(pcs)
                level = len(_HEADING.match(content).group(1))
                while self.sections and self.sections[-1][0] >= level:
                    self.sections.pop()
                heading_lines = [content[level + 1:]]
                while index < len(lines) and lines[index][1].strip():  # a wrapped heading
                    heading_lines.append(lines[index][1])
                    index += 1
                heading, _, _ = decode("\n".join(heading_lines), self.path, number)
                self.sections.append((level, heading))
                stack, last_top, after_blank = [], None, True
                continue
            if content.startswith("--"):
                close()
                if pcs is None or not pcs[1]:
                    self.fail("an inference line (--) must follow a numbered premise",
                              number, indent + 1)
                if not re.search(r"-{2,}", content[2:]):
                    while index < len(lines) and not re.search(r"-{2,}", lines[index][1]):
                        index += 1
                    if index == len(lines):
                        self.fail("unterminated inference: no closing --", number, indent + 1)
                    index += 1
                pcs[2] = True
                stack, after_blank = [], False
                continue
            numbered = _NUMBER.match(content)
            if numbered:
                close()
                if pcs is None:
                    argument = last_top if last_top and last_top[0] == "argument" else None
                    if argument is None:
                        self.untitled += 1
                        argument = self.occurrence("argument", f"Untitled {self.untitled}",
                                                   number, indent + 1)
                    pcs = [argument, [], False]
                rest = content[numbered.end():].lstrip(" \t")
                key = start(rest, number, indent + len(content) - len(rest))
                pcs[1].append((key, pcs[2]))
                pcs[2] = False
                stack, after_blank = [(indent, key)], False
                continue
            operator = _RELATION.match(content) if stack else None
            if operator:
                close()
                parent = self.parent(stack, indent, number)
                rest = content[operator.end():].lstrip(" \t")
                column = indent + len(content) - len(rest) + 1
                if not rest:
                    self.fail(f"relation {operator.group()} needs a statement or argument "
                              "after it", number, column)
                child = start(rest, number, column - 1)
                relation, child_is_source = _OPERATORS[operator.group()]
                source, target = (child, parent) if child_is_source else (parent, child)
                self.relations.append(_Relation(source, target, relation, number, indent + 1))
                stack.append((indent, child))
                after_blank = False
                continue
            if _RELATION.match(content):
                self.fail(f"relation {_RELATION.match(content).group()} has no statement or "
                          "argument above it to attach to", number, indent + 1)
            item = _LIST_ITEM.match(content)
            if current is not None and not after_blank and not item:
                if _STATEMENT_DEFINITION.match(content) or _ARGUMENT_DEFINITION.match(content):
                    self.fail("a new statement or argument must start after an empty line",
                              number, indent + 1)
                current[1].append(content)
                continue
            close()
            pcs = self.end_pcs(pcs)
            if item:
                rest = content[item.end():].lstrip(" \t")
                key = start(rest, number, indent + len(content) - len(rest))
                stack = [(indent + 1, key)]
            else:
                key = start(content, number, indent)
                stack = [(indent, key)]
            last_top, after_blank = key, False
        close()
        self.end_pcs(pcs)

    def parent(self, stack, indent: int, line: int):
        """The element a relation at ``indent`` hangs from.  As in Argdown, a dedent to a
        level between two open ones joins the outer level."""
        popped = None
        while len(stack) > 1 and stack[-1][0] >= indent:
            popped = stack.pop()[0]
        if indent <= stack[0][0]:
            self.fail("inconsistent indentation: a relation must be indented under the "
                      "statement or argument it belongs to", line, indent + 1)
        if popped is not None and popped != indent and len(stack) > 1:
            stack.pop()
        return stack[-1][1]

    def end_pcs(self, pcs) -> None:
        """Record a finished premise-conclusion structure: the statement after the last
        inference line is the main conclusion, every other one a premise."""
        if pcs is None:
            return None
        argument, members, pending = pcs
        if pending or not any(inferred for _, inferred in members):
            key, _ = members[-1]
            element = self.elements[key]
            problem = "ends with an inference line but no conclusion" if pending else \
                "has no inference line (--) before its conclusion"
            self.fail(f"premise-conclusion structure of <{argument[1]}> {problem}",
                      element.line, element.column)
        self.pcs[argument] = [(key, "premise") for key, _ in members[:-1]] + \
            [(members[-1][0], "main-conclusion")]
        return None


def decode(raw: str, path: str | None = None, line: int = 1) -> tuple[str, list[str], dict]:
    """Argdown text -> (text, tags, data).  Escapes are undone, line breaks become spaces,
    tags and ``{data}`` at the end are taken off the text (tags elsewhere stay in it) and
    unescaped whitespace at either end is dropped."""
    pieces: list[tuple[str, str]] = []  # (kind, text) with kind plain|escaped|tag|data
    tags: list[str] = []
    data: dict[str, Any] = {}
    for match in _INLINE.finditer(raw):
        if match.group("tag") is not None:
            tags.append(match.group("long") or match.group("short"))
            pieces.append(("tag", match.group("tag")))
        elif match.group("data") is not None:
            data.update(_data(match.group("data"), path, line))
            pieces.append(("data", ""))
        elif match.group("escaped") is not None:
            pieces.append(("escaped", match.group("escaped")))
        else:
            pieces.append(("plain", re.sub(r"[ \t]*\n[ \t]*", " ", match.group())))
    while pieces and (pieces[-1][0] in ("tag", "data") or
                      (pieces[-1][0] == "plain" and not pieces[-1][1].strip(" \t"))):
        pieces.pop()
    text = "".join(piece for _, piece in pieces)
    start = len(pieces[0][1]) - len(pieces[0][1].lstrip(" \t")) \
        if pieces and pieces[0][0] == "plain" else 0
    end = len(pieces[-1][1]) - len(pieces[-1][1].rstrip(" \t")) \
        if pieces and pieces[-1][0] == "plain" else 0
    return text[start:len(text) - end], tags, data


def _data(raw: str, path: str | None, line: int) -> dict:
    try:
        value = yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid {{data}}: {getattr(exc, 'problem', None) or exc}",
                         Location(path, line)) from None
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"invalid {{data}}: {exc}", Location(path, line)) from None
    return value if isinstance(value, dict) else {}


# -- from Argdown's model to argmap's --------------------------------------------------------
def slugify(title: str) -> str:
    """A claim id from a title: accents dropped, every run of other characters turned
    into ``-``; a title that already is a slug stays as it is."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_title).lstrip("-")
    return slug or "claim"


def _unique_ids(keys) -> dict[tuple[str, str], str]:
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for key in keys:
        base = slugify(key[1])
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids[key] = candidate
    return ids


def _explicit_relations(reader: _Reader) -> list[_Relation]:
    """Argdown's own post-processing: a relation out of a reconstructed argument leaves
    from its main conclusion, an attack on a reconstructed argument that repeats an attack
    on one of its premises is dropped, and repeats are merged."""
    conclusion = {arg: members[-1][0] for arg, members in reader.pcs.items()}
    moved = []
    for r in reader.relations:
        source = conclusion.get(r.source, r.source)
        if source == r.target != r.source:
            continue  # an argument's relation to its own conclusion is its inference
        moved.append(_Relation(source, r.target, r.type, r.line, r.column))
    attacks = {(r.source, r.target) for r in moved if r.type == "attack"} | {
        pair for r in moved if r.type == "contradictory"
        for pair in ((r.source, r.target), (r.target, r.source))}
    premises = {arg: {k for k, role in members if role == "premise"}
                for arg, members in reader.pcs.items()}
    seen, kept = set(), []
    for r in moved:
        if r.type == "attack" and r.source[0] == "statement" and r.target in premises and \
                any((r.source, p) in attacks for p in premises[r.target]):
            continue
        if (r.source, r.target, r.type) not in seen:
            seen.add((r.source, r.target, r.type))
            kept.append(r)
    return kept


def _claim_data(element: _Element, path: str | None) -> dict[str, Any]:
    """The ``{argmap: {...}}`` data argmap writes, type-checked."""
    block = element.data.get(_DATA_KEY)
    if block is None:
        return {}
    where = Location(path, element.line, element.column)
    if not isinstance(block, dict):
        raise ParseError(f"{{{_DATA_KEY}: ...}} of {element.title!r} must be a mapping", where)
    for key, value in block.items():
        expected = _CLAIM_DATA.get(key)
        if expected is None or not isinstance(value, expected) or isinstance(value, bool) or (
                isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise ParseError(f"{{{_DATA_KEY}: ...}} of {element.title!r} has a bad or unknown "
                             f"field {key!r}", where)
    return block


def _front_map_fields(front: dict, amap: ArgMap, path: str | None) -> None:
    title = front.get("title")
    if title is not None and not isinstance(title, (dict, list)):
        amap.title = str(title)
    block = front.get(_DATA_KEY) or {}
    ok = isinstance(block, dict) and isinstance(block.get("perspectives", {}), dict) and \
        isinstance(block.get("sources", {}), dict) and \
        isinstance(block.get("description", ""), str)
    if ok:
        for source in block.get("sources", {}).values():
            ok = ok and isinstance(source, dict) and all(
                isinstance(v, str) for v in source.values())
    if not ok:
        raise ParseError(f"front matter {_DATA_KEY}: must hold perspectives, sources and "
                         "description as argmap writes them", Location(path, 1, 1))
    amap.perspectives.update({str(k): str(v) for k, v in block.get("perspectives", {}).items()})
    amap.sources.update({str(k): dict(v) for k, v in block.get("sources", {}).items()})
    if "description" in block:
        amap.graph.graph["description"] = block["description"]


def read(text: str, path: str | None = None) -> ArgMap:
    """Parse an Argdown document into a map (see docs/formats/argdown.md for the mapping)."""
    reader = _Reader(path)
    try:
        reader.read(text)
    except RecursionError:
        raise ParseError("input nested too deeply", Location(path)) from None
    amap = ArgMap(path=path)
    _front_map_fields(reader.front, amap, path)
    ids = _unique_ids(reader.elements)
    declared_thesis = False
    for key, element in reader.elements.items():
        fields = _claim_data(element, path)
        kind = "argument" if element.kind == "argument" else fields.get("kind", "claim")
        if kind not in ("thesis", "claim", "evidence", "argument"):
            raise ParseError(f"kind of {element.title!r} must be thesis, claim or evidence",
                             Location(path, element.line, element.column))
        declared_thesis |= kind == "thesis"
        if "tags" in fields or "perspective" in fields:  # argmap wrote them out in full
            tags, perspective = fields.get("tags", []), fields.get("perspective")
        else:
            perspective = next((t for t in element.tags if t in amap.perspectives), None)
            tags = [t for t in element.tags if t != perspective]
        meta = {"title": element.title, "argdown": element.kind}
        if element.section is not None:
            meta["section"] = element.section
        amap.add_claim(ids[key], fields.get("text", element.text or element.title), kind=kind,
                       perspective=perspective, sources=fields.get("sources", ()),
                       tags=tags, weight=fields.get("weight"),
                       note=fields.get("note"), line=element.line, column=element.column,
                       meta=meta)
    for argument, members in reader.pcs.items():
        for statement, role in members:
            if role == "premise":
                amap.add_relation(ids[statement], ids[argument], "support")
            else:
                amap.add_relation(ids[argument], ids[statement], "support")
    explicit = _explicit_relations(reader)
    # Undercuts last: which inference one attacks depends on all the other relations.
    for r in sorted(explicit, key=lambda r: r.type == "undercut"):
        source, target = ids[r.source], ids[r.target]
        where = {"line": r.line, "column": r.column}
        if r.type == "undercut":
            _add_undercut(amap, source, target, where)
        else:
            amap.add_relation(source, target, _RELATION_TYPES[r.type], **where)
            if r.type == "contradictory":
                amap.add_relation(target, source, "rebut", **where)
    if not declared_thesis:
        mark_theses(amap)
    return amap


def _add_undercut(amap: ArgMap, source: str, target: str, where: dict) -> None:
    """``source _> target`` attacks target's inference: an undercut of the relation from
    ``target`` to its only conclusion, else a rebut of ``target`` noted in ``meta``."""
    graph = amap.graph
    conclusions = {t for _, t, rel in graph.out_edges(target, data="relation")
                   if rel in ("support", "rebut")}
    if len(conclusions) == 1:
        amap.add_relation(source, conclusions.pop(), "undercut", undercuts=target, **where)
        return
    amap.add_relation(source, target, "rebut", **where)
    meta = graph.nodes[source].setdefault("meta", {})
    if target not in meta.setdefault("undercuts", []):
        meta["undercuts"].append(target)


# -- writing --------------------------------------------------------------------------------
# Characters Argdown always reads as syntax, and the control characters that only matter
# before a run of whitespace (which Argdown would collapse) or inside a ``.x.``/``:x:``
# shortcode.
_NEEDS_ESCAPE = re.compile(r"[\\@#*_\[\]<>/{}=]|[,;()\-](?=[ \t]{2})"
                           r"|\.(?=[ \t]{2}|[^\s]+?\.)|:(?=[ \t]{2}|[^\s]+?:)")
_MAX_DEPTH = 12  # deeper trees continue at top level, so lines stay short


def _quoted(value: Any) -> str:
    """A YAML scalar safe inside Argdown front matter and ``{data}``: characters that
    would end those blocks or start a comment are written as escapes."""
    out = scalar(value)
    if isinstance(value, str) and not out.startswith('"') and not SLUG.match(out):
        out = f'"{out}"'
    for char in "{}/<":  # braces end {data}; / and < could start a comment
        out = out.replace(char, f"\\x{ord(char):02x}")
    return re.sub("={3,}", lambda m: "\\x3d" * len(m.group()), out)


def _flow(mapping: dict) -> str:
    items = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            rendered = _flow(value)
        elif isinstance(value, list):
            rendered = "[" + ", ".join(_quoted(v) for v in value) + "]"
        else:
            rendered = _quoted(value)
        items.append(f"{_quoted(key)}: {rendered}")
    return "{" + ", ".join(items) + "}"


def escape(text: str) -> str:
    """Text on one Argdown line that Argdown reads back as ``text``: syntax characters
    backslash-escaped, as is whitespace at either end; line breaks become spaces (so such
    text also needs its exact form in ``{data}``)."""
    flat = re.sub(r"\r\n|[\r\n\u2028\u2029]", " ", text)
    out = _NEEDS_ESCAPE.sub(lambda m: "\\" + m.group(), flat)
    if len(flat) > 1 and flat[-1] in " \t":
        out = out[:-1] + "\\" + out[-1]
    if flat[:1] in (" ", "\t"):
        out = "\\" + out
    return out


def _tag_mark(tag: str) -> str | None:
    if re.fullmatch(r"[A-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+", tag):
        return f"#{tag}"
    if tag.strip() and not re.search(r"[)\r\n\u2028\u2029]", tag) and tag == tag.strip():
        return f"#({tag})"
    return None


def _title(cid: str, data: dict, used: set[str]) -> str:
    """The title written for a claim: its Argdown title when that reads back as the same
    id, else the id itself (ids are slugs, always valid titles)."""
    title = (data.get("meta") or {}).get("title")
    if isinstance(title, str) and slugify(title) == cid and title not in used and \
            title == title.strip() and not re.search(r"[\[\]<>\\\r\n\u2028\u2029]", title) \
            and title[:1] != "-":
        return title
    return cid


def _definition(data: dict, title: str, perspectives) -> str:
    argument = data.get("kind") == "argument"
    head = f"<{title}>:" if argument else f"[{title}]:"
    text = data.get("text", "")
    line = escape(text)
    fields: dict[str, Any] = {}
    if data.get("kind") in ("thesis", "evidence"):
        fields["kind"] = data["kind"]
    tags = list(data.get("tags") or [])
    perspective = data.get("perspective")
    marks = ([perspective] if perspective else []) + tags
    if (perspective is None or perspective in perspectives) and len(set(marks)) == len(marks) \
            and not any(tag in perspectives for tag in tags) and all(map(_tag_mark, marks)):
        marks = [_tag_mark(mark) for mark in marks]
    else:  # tags Argdown cannot hold, or that would read back as a perspective
        fields.update({"perspective": perspective} if perspective else {})
        fields.update({"tags": tags} if tags else {})
        marks = []
    for key, attr in (("weight", "weight"), ("sources", "sources"), ("note", "note")):
        if data.get(attr) not in (None, []):
            fields[key] = data[attr]
    # Checked with the {data} that may follow, since an escape at the end swallows spaces.
    # The Argdown CLI drops tabs inside text (seen with 1.7.5), so they need it too.
    if "\t" in text or decode(" ".join([line, *marks, "{}"]))[0] != text:
        fields["text"] = text
    parts = [head, line, *marks]
    if fields:
        parts.append(_flow({_DATA_KEY: fields}))
    return " ".join(p for p in parts if p)


def write(amap: ArgMap) -> str:
    """Argdown for ``amap``: front matter, then each claim's tree of incoming relations
    (``+`` support, ``-`` rebut, ``<_`` undercut of the child's inference)."""
    graph = amap.graph
    front = [f"title: {_quoted(amap.title)}"] if amap.title is not None else []
    extra: dict[str, Any] = {}
    if amap.perspectives:
        extra["perspectives"] = dict(amap.perspectives)
    if amap.sources:
        extra["sources"] = dict(amap.sources)
    if graph.graph.get("description") is not None:
        extra["description"] = graph.graph["description"]
    if extra:
        front.append(f"{_DATA_KEY}: {_flow(extra)}")
    lines = ["===", *front, "==="] if front else []
    used: set[str] = set()
    titles = {}
    for cid, data in graph.nodes(data=True):
        titles[cid] = _title(cid, data, used)
        used.add(titles[cid])
    children: dict[str, list[tuple[str, str]]] = {cid: [] for cid in graph}
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        if relation == "undercut":
            children[data["undercuts"]].append(("<_", source))
        elif relation == "rebut" and target in ((graph.nodes[source].get("meta") or {})
                                                .get("undercuts") or ()):
            children[target].append(("<_", source))
        else:
            children[target].append(("+" if relation == "support" else "-", source))
    written: set[str] = set()
    later: list[str] = []

    def occurrence(cid: str) -> str:
        """The definition at a claim's first appearance, a reference afterwards."""
        data = graph.nodes[cid]
        if cid not in written:
            written.add(cid)
            return _definition(data, titles[cid], amap.perspectives)
        return f"<{titles[cid]}>" if data.get("kind") == "argument" else f"[{titles[cid]}]"

    def expand(cid: str, depth: int) -> None:
        for operator, child in children[cid]:
            if child not in written and depth >= _MAX_DEPTH:
                later.append(child)
                lines.append(f"{'  ' * depth}{operator} [{titles[child]}]"
                             if graph.nodes[child].get("kind") != "argument" else
                             f"{'  ' * depth}{operator} <{titles[child]}>")
                continue
            fresh = child not in written
            lines.append(f"{'  ' * depth}{operator} {occurrence(child)}")
            if fresh:
                expand(child, depth + 1)

    theses = amap.theses()
    queue = theses + [cid for cid in graph if cid not in theses]
    while queue:
        root = queue.pop(0)
        if root in written:
            continue
        lines += ["", occurrence(root)] if lines else [occurrence(root)]
        expand(root, 1)
        queue[:0] = later
        later.clear()
    return "\n".join(lines) + "\n"


def _sniff(text: str) -> bool:
    head = text.lstrip("\ufeff")[:4096]
    return bool(re.search(r"^(\[[^\]\n]+\]|<[^>\n]+>):\s", head, re.M))


FORMATS = [Format("argdown", (".argdown", ".ad"), "Argdown argument map", read=read,
                  write=write, sniff=_sniff)]
