"""Argdown (https://argdown.org): read its statements, arguments, relations and
premise-conclusion structures; write maps back as Argdown the real Argdown CLI accepts.

The reader is a line parser modelled on Argdown 1.7's lexer (same escapes, tags, data,
comments and relation tokens) and on its model plugin (untitled elements numbered
"Untitled N" in document order, relations out of a reconstructed argument moved to its
conclusion).  What maps to what, and what is lost, is in docs/formats/argdown.md."""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NoReturn

import yaml

from ..errors import ArgmapError, FileError, Location, ParseError
from ..fileio import read_text
from ..model import ArgMap
from . import Format, safe_yaml
from ._imported import Position, mark_theses
from .native._syntax import SLUG, scalar

# -- the tokens, after Argdown's lexer --------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Relation operators at the start of a line, longest first; the child is the element after it.
_INCLUDE = re.compile(r"@include\(([^)]+)\)")
_RELATION = re.compile(r"(\+>|->|<\+|<-|><|_>|<_|\+|-|_(?=\s))")
_NUMBER = re.compile(r"\((\d+)\)")
_LIST_ITEM = re.compile(r"(?:\d+\.|\*)(?=\s)")
_HEADING = re.compile(r"(#+) ")
_STATEMENT_DEFINITION = re.compile(r"\[(.+?)\]:")
_STATEMENT_REFERENCE = re.compile(r"\[([^-].*?)\]")
_ARGUMENT_DEFINITION = re.compile(r"<(.+?)>:")
_ARGUMENT_REFERENCE = re.compile(r"<([^-].*?)>")
# Where the linear scanner stops to look: comment starts, escapes, link and data openers.
_SCAN = re.compile(r"<!--|/\*|//|\\|\[|\{")
_ESCAPE = re.compile(r"\\([^\n\r\u2028\u2029] *)")
_SHORT_TAG = re.compile(r"#([A-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)[ \t]?")
_PLAIN = re.compile(r"[^\\#{\[]+")
_LINE_JOIN = re.compile(r"[ \t]*\n[ \t]*")
_LINK_START = re.compile(r"\[[^\]\r\n]+\]\([^)\r\n]+\)")  # tried once, at a paragraph start
_CLOSING_BRACKET = re.compile(r"\]")
_CLOSING_PAREN = re.compile(r"\)")
# A data body may not hold \r, \u2028, \u2029, or a } followed by a space and something
# other than , or }; its closing } may not be followed by , or }.
_DATA_STOP = re.compile(r"[\r\u2028\u2029]|\}(?=\s[^,}])")
_DATA_END = re.compile(r"\}(?!\s*[,}])")
_COMMENT_END = {"<!--": "-->", "/*": "*/"}

# (relation, child is the source) for each operator written under a parent element.
_OPERATORS = {"+": ("support", True), "<+": ("support", True), "+>": ("support", False),
              "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
              "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
              "><": ("contradictory", False)}
# Argdown relation type -> argmap relation (undercuts are resolved separately).
_RELATION_TYPES = {"support": "support", "entails": "support", "attack": "rebut",
                   "contrary": "rebut", "contradictory": "rebut", "undercut": "undercut"}
_SYMMETRIC = ("contrary", "contradictory")
_DATA_KEY = "argmap"
_CLAIM_DATA: dict[str, type | tuple[type, ...]] = {
    "kind": str, "text": str, "perspective": str, "note": str, "weight": (int, float),
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
        self.inferences: dict[tuple[str, str], dict[int, dict]] = {}  # member index -> data
        self.untitled = 0
        self.sections: list[tuple[int, str]] = []
        self.front: dict[str, Any] = {}

    @property
    def front_model(self) -> dict[str, Any]:
        """The front matter's ``model:`` settings (``mode``, ``explodeArguments``)."""
        model = self.front.get("model")
        return model if isinstance(model, dict) else {}

    def fail(self, message: str, line: int, column: int = 1) -> NoReturn:
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
            front = safe_yaml.load(match.group(1))
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
        a line that held only comment disappears, so it does not split a paragraph.  A
        ``{data}`` block over several lines stays one line (with its line breaks), and
        comment marks inside data, links and escapes are text, as in Argdown's lexer.
        One pass, each stop answered by ``_Spans`` in logarithmic time."""
        spans = _Spans(text)
        out: list[str] = []
        position, at = 0, 0
        commented: set[int] = set()  # line numbers
        glued: set[int] = set()
        while True:
            match = _SCAN.search(text, at)
            if match is None:
                break
            token, begin = match.group(), match.start()
            if token == "\\":
                at = begin + 2
                continue
            if token in ("[", "{"):
                end = spans.link_end(begin) if token == "[" else spans.data_end(begin)
                if token == "{" and end > 0:
                    glued.update(spans.lines_after_breaks(begin, end, first_line))
                at = end if end > 0 else begin + 1
                continue
            out.append(text[position:begin])
            begin_line = spans.line(begin, first_line)
            if token == "//":
                end_of_line = _LINE_BREAK.search(text, match.end())
                stop = end_of_line.start() if end_of_line else len(text)
            else:
                stop = text.find(_COMMENT_END[token], match.end())
                if stop < 0:
                    self.fail(f"unterminated comment {token}", begin_line, spans.column(begin))
                stop += len(_COMMENT_END[token])
            body = text[begin:stop]
            out.append(re.sub(r"[^\r\n]", " ", body))
            commented.update(range(begin_line, spans.line(stop, first_line) + 1))
            position = at = stop
        out.append(text[position:])
        lines: list[tuple[int, str]] = []
        for number, line in enumerate(_LINE_BREAK.split("".join(out)), first_line):
            if number in glued:
                lines[-1] = (lines[-1][0], f"{lines[-1][1]}\n{line}")
            else:
                lines.append((number, line))
        return [(number, line) for number, line in lines
                if line.strip() or number not in commented]

    # -- elements ------------------------------------------------------------------------------
    def element(self, raw: str, line: int, column: int, default_kind: str = "statement"):
        """The element an occurrence starts (definition, reference or untitled text) and
        the text that follows its title.  A Markdown link ``[text](url)`` starts untitled
        text, as Argdown lexes links before titles."""
        if not _LINK_START.match(raw):
            for pattern, kind in ((_STATEMENT_DEFINITION, "statement"),
                                  (_ARGUMENT_DEFINITION, "argument"),
                                  (_STATEMENT_REFERENCE, "statement"),
                                  (_ARGUMENT_REFERENCE, "argument")):
                match = pattern.match(raw)
                if match:
                    return self.occurrence(kind, match.group(1), line, column), \
                        raw[match.end():]
            if raw[:1] in ("[", "<") and not raw.startswith("<!"):
                closing = "]" if raw[0] == "[" else ">"
                self.fail(f"unclosed {raw[0]}: expected {closing} to end the title", line,
                          column)
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
        # (indent, element) for relations; the element ("inference", argument title) stands
        # for an argument's inference, which only an undercut can attack.
        stack: list[tuple[int, tuple[str, str]]] = []
        last_top: tuple[str, str] | None = None  # the top-level element before a PCS
        pcs: _Pcs | None = None
        conclusion: tuple[tuple[str, str], tuple[str, str]] | None = None  # (it, its inference)
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
            heading = _HEADING.match(content)
            if heading:  # Argdown lexes a heading after any line break, indented or not
                close()
                self.end_pcs(pcs)
                pcs = None
                level = len(heading.group(1))
                while self.sections and self.sections[-1][0] >= level:
                    self.sections.pop()
                heading_lines = [content[level + 1:]]
                while index < len(lines) and lines[index][1].strip():  # a wrapped heading
                    heading_lines.append(lines[index][1])
                    index += 1
                title, _, _ = decode("\n".join(heading_lines), self.path, number)
                self.sections.append((level, title))
                stack, last_top, after_blank, conclusion = [], None, True, None
                continue
            if content.startswith("--"):
                close()
                if pcs is None or not pcs.members:
                    self.fail("an inference line (--) must follow a numbered premise",
                              number, indent + 1)
                inference = [content[2:]]
                if not re.search(r"-{2,}", content[2:]):
                    while index < len(lines) and not re.search(r"-{2,}", lines[index][1]):
                        inference.append(lines[index][1])
                        index += 1
                    if index == len(lines):
                        self.fail("unterminated inference: no closing --", number, indent + 1)
                    inference.append(lines[index][1])
                    index += 1
                pcs.inference = decode("\n".join(inference), self.path, number)[2]
                stack = [(indent, ("inference", pcs.argument[1]))]
                after_blank, conclusion = False, None
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
                    pcs = _Pcs(argument)
                rest = content[numbered.end():].lstrip(" \t")
                key = start(rest, number, indent + len(content) - len(rest))
                concluded = pcs.add(key)
                conclusion = (key, ("inference", pcs.argument[1])) if concluded is not None \
                    else None
                stack, after_blank = [(indent, key)], False
                continue
            operator = _RELATION.match(content)
            if operator and after_blank:
                self.fail(f"relation {operator.group()} after an empty line: a relation must "
                          "follow the statement or argument it belongs to directly",
                          number, indent + 1)
            if operator and stack:
                close()
                parent = self.parent(stack, indent, number)
                rest = content[operator.end():].lstrip(" \t")
                column = indent + len(content) - len(rest) + 1
                if not rest:
                    self.fail(f"relation {operator.group()} needs a statement or argument "
                              "after it", number, column)
                relation, child_is_source = _OPERATORS[operator.group()]
                if relation == "undercut" and child_is_source and conclusion and \
                        parent == conclusion[0]:
                    parent = conclusion[1]  # an undercut below a conclusion: its inference
                if parent[0] == "inference" and not (relation == "undercut" and
                                                     child_is_source):
                    self.fail(f"relation {operator.group()} below an inference: only an "
                              "undercut (<_ or _) can attack an inference", number,
                              indent + 1)
                child = start(rest, number, column - 1)
                source, target = (child, parent) if child_is_source else (parent, child)
                self.relations.append(_Relation(source, target, relation, number, indent + 1))
                stack.append((indent, child))
                after_blank = False
                continue
            if operator:
                self.fail(f"relation {operator.group()} has no statement or argument above "
                          "it to attach to", number, indent + 1)
            item = _LIST_ITEM.match(content)
            if current is not None and not after_blank and not item:
                if _STATEMENT_DEFINITION.match(content) or _ARGUMENT_DEFINITION.match(content):
                    self.fail("a new statement or argument must start after an empty line",
                              number, indent + 1)
                current[1].append(content)
                continue
            close()
            self.end_pcs(pcs)
            pcs, conclusion = None, None
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

    def end_pcs(self, pcs: _Pcs | None) -> None:
        """Record a finished premise-conclusion structure: the statement after the last
        inference line is the main conclusion, one after an earlier inference line an
        intermediary conclusion, every other one a premise."""
        if pcs is None:
            return None
        if pcs.inference is not None or not pcs.steps:
            element = self.elements[pcs.members[-1]]
            problem = "ends with an inference line but no conclusion" \
                if pcs.inference is not None else \
                "has no inference line (--) before its conclusion"
            self.fail(f"premise-conclusion structure of <{pcs.argument[1]}> {problem}",
                      element.line, element.column)
        last = len(pcs.members) - 1
        roles = ["main-conclusion" if index == last else "intermediary-conclusion"
                 if index in pcs.steps else "premise" for index in range(len(pcs.members))]
        self.pcs[pcs.argument] = list(zip(pcs.members, roles, strict=True))
        self.inferences[pcs.argument] = pcs.steps
        return None


class _Pcs:
    """A premise-conclusion structure being read: its members in order and, for each
    member that follows an inference line, that inference's ``{data}``."""

    def __init__(self, argument: tuple[str, str]):
        self.argument = argument
        self.members: list[tuple[str, str]] = []
        self.steps: dict[int, dict] = {}  # member index -> data of the inference before it
        self.inference: dict | None = None  # an inference line waiting for its conclusion

    def add(self, key: tuple[str, str]) -> dict | None:
        """Append a member; returns the data of the inference it concludes, if any."""
        inference, self.inference = self.inference, None
        if inference is not None:
            self.steps[len(self.members)] = inference
        self.members.append(key)
        return inference


class _Spans:
    """Where a link, ``{data}`` block or ``#(tag)`` that opens at a position ends.

    Argdown's token patterns, tried at every ``[`` or ``{`` of a line that never closes
    them, took quadratic time (a 40,000-character line of ``[`` took 40 s).  Here the
    positions the patterns look for are indexed once, so each question is a binary
    search and a whole scan stays linear."""

    def __init__(self, text: str):
        self.text = text

    def _positions(self, pattern: re.Pattern) -> list[int]:
        return [match.start() for match in pattern.finditer(self.text)]

    # Each index is built on first use: most texts never need most of them.
    breaks = cached_property(lambda self: self._positions(_LINE_BREAK))
    brackets = cached_property(lambda self: self._positions(_CLOSING_BRACKET))
    parens = cached_property(lambda self: self._positions(_CLOSING_PAREN))
    data_stops = cached_property(lambda self: self._positions(_DATA_STOP))
    data_ends = cached_property(lambda self: self._positions(_DATA_END))

    @staticmethod
    def _after(positions: list[int], position: int) -> int | None:
        index = bisect_right(positions, position)
        return positions[index] if index < len(positions) else None

    def _with_space(self, end: int) -> int:
        return end + 1 if self.text[end:end + 1] in (" ", "\t") else end

    def link_end(self, start: int) -> int:
        """The end of the link ``[text](url)`` opening at ``start``, or -1."""
        close = self._after(self.brackets, start)
        if close is None or close == start + 1 or self.text[close + 1:close + 2] != "(":
            return -1
        paren = self._after(self.parens, close + 1)
        line_break = self._after(self.breaks, start - 1)
        if paren is None or paren == close + 2 or (line_break is not None and
                                                   line_break < paren):
            return -1
        return self._with_space(paren + 1)

    def data_end(self, start: int) -> int:
        """The end of the ``{data}`` block opening at ``start``, or -1: the furthest
        closing ``}`` before the first character its body may not hold (Argdown's greedy
        pattern)."""
        stop = self._after(self.data_stops, start)
        limit = len(self.text) - 1 if stop is None else \
            stop if self.text[stop] == "}" else stop - 1
        index = bisect_right(self.data_ends, limit) - 1
        if index < 0 or self.data_ends[index] <= start:
            return -1
        return self.data_ends[index] + 1

    def tag_end(self, start: int) -> int:
        """The end of the long tag ``#(...)`` opening at ``start``, or -1."""
        paren = self._after(self.parens, start + 1)
        if paren is None or paren == start + 2:
            return -1
        return self._with_space(paren + 1)

    def line(self, position: int, first_line: int) -> int:
        return first_line + bisect_left(self.breaks, position)

    def column(self, position: int) -> int:
        index = bisect_left(self.breaks, position)
        if index == 0:
            return position + 1
        previous = self.breaks[index - 1]
        width = 2 if self.text.startswith("\r\n", previous) else 1
        return position - previous - width + 1

    def lines_after_breaks(self, start: int, end: int, first_line: int) -> range:
        """The numbers of the lines that begin inside ``text[start:end]``."""
        first = bisect_left(self.breaks, start)
        last = bisect_left(self.breaks, end)
        return range(first_line + first + 1, first_line + last + 1)


def decode(raw: str, path: str | None = None, line: int = 1) -> tuple[str, list[str], dict]:
    """Argdown text -> (text, tags, data).  Escapes are undone, line breaks become spaces,
    tags and ``{data}`` at the end are taken off the text (tags elsewhere stay in it) and
    unescaped whitespace at either end is dropped.  Linear in the text (see ``_Spans``)."""
    pieces: list[tuple[str, str]] = []  # (kind, text) with kind plain|escaped|tag|data
    tags: list[str] = []
    data: dict[str, Any] = {}
    spans = _Spans(raw)
    at = 0
    while at < len(raw):
        char, end = raw[at], -1
        if char == "\\":
            escaped = _ESCAPE.match(raw, at)
            if escaped:
                pieces.append(("escaped", escaped.group(1)))
                at = escaped.end()
                continue
        elif char == "#":
            if raw.startswith("#(", at):
                end = spans.tag_end(at)
                tag = raw[at + 2:raw.rindex(")", at, end)] if end > 0 else None
            else:
                short = _SHORT_TAG.match(raw, at)
                end, tag = (short.end(), short.group(1)) if short else (-1, None)
            if tag is not None:
                tags.append(tag)
                pieces.append(("tag", raw[at:end]))
                at = end
                continue
        elif char == "{":
            end = spans.data_end(at)
            if end > 0:
                data.update(_data(raw[at:end], path, line))
                pieces.append(("data", ""))
                at = end
                continue
        elif char == "[":
            end = spans.link_end(at)
        if end < 0:
            run = _PLAIN.match(raw, at)
            end = run.end() if run and at != run.end() else at + 1
        plain = raw[at:end]
        pieces.append(("plain", _LINE_JOIN.sub(" ", plain) if "\n" in plain else plain))
        at = end
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
    """A ``{data}`` block as YAML: flow style, or block style when a line break follows
    the opening brace (Argdown then reads what is between the braces)."""
    block = re.match(r"\{[ \t]*(?:\r\n|\r|\n)", raw)
    source = raw[block.end():-1] if block else raw
    try:
        value = safe_yaml.load(source)
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


def _explode_arguments(reader: _Reader) -> None:
    """Argdown's ``model: explodeArguments: true``: an argument of several inferential
    steps becomes one argument per step, titled ``<title> - 1``, ``- 2`` ...  A step's
    premises are those its inference (or conclusion) ``uses`` (1-based numbers in its
    data), else the
    statements since the previous conclusion, that conclusion included; the argument's
    relations move to its last step."""
    exploded: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for argument, members in list(reader.pcs.items()):
        steps = reader.inferences[argument]
        if len(steps) < 2:
            continue
        keys, start = [], 0
        for number, index in enumerate(sorted(steps), 1):
            conclusion_data = reader.elements[members[index][0]].data
            uses = next((found for found in (steps[index].get("uses"), conclusion_data.get(
                "uses"), steps[index].get("from")) if isinstance(found, list)), None)
            if isinstance(uses, list) and all(isinstance(u, int) and 1 <= u <= len(members)
                                              and not isinstance(u, bool) for u in uses):
                premises = [members[u - 1][0] for u in uses]
            else:
                premises = [key for key, _ in members[start:index]]
            start = index
            key = ("argument", f"{argument[1]} - {number}")
            if key in reader.elements:
                element = reader.elements[argument]
                raise ParseError(f"cannot explode <{argument[1]}>: an argument titled "
                                 f"<{key[1]}> already exists",
                                 Location(reader.path, element.line, element.column))
            keys.append(key)
            reader.pcs[key] = [(p, "premise") for p in premises] + \
                [(members[index][0], "main-conclusion")]
        del reader.pcs[argument]
        exploded[argument] = keys
    if not exploded:
        return
    elements = {}
    for key, element in reader.elements.items():
        for new in exploded.get(key, [key]):
            elements[new] = element if new == key else replace(element, title=new[1])
    reader.elements = elements
    for r in reader.relations:
        r.source = exploded[r.source][-1] if r.source in exploded else r.source
        r.target = exploded[r.target][-1] if r.target in exploded else r.target
        if r.target[0] == "inference" and ("argument", r.target[1]) in exploded:
            r.target = ("inference", exploded[("argument", r.target[1])][-1][1])


def _explicit_relations(reader: _Reader, strict: bool) -> list[_Relation]:
    """Argdown's own post-processing: a relation out of a reconstructed argument leaves
    from its main conclusion, an attack on a reconstructed argument that repeats an attack
    on one of its premises is dropped, and repeats are merged.  In strict mode an attack
    between statements is a contrary and a support an entailment; contraries and
    contradictions are symmetric, so one written both ways is one relation."""
    conclusion = {arg: members[-1][0] for arg, members in reader.pcs.items()}
    moved = []
    for r in reader.relations:
        source = conclusion.get(r.source, r.source)
        if source == r.target != r.source:
            continue  # an argument's relation to its own conclusion is its inference
        kind = r.type
        if strict and source[0] == r.target[0] == "statement":
            kind = {"attack": "contrary", "support": "entails"}.get(kind, kind)
        moved.append(_Relation(source, r.target, kind, r.line, r.column))
    attacks = {(r.source, r.target) for r in moved if r.type == "attack"} | {
        pair for r in moved if r.type == "contradictory"
        for pair in ((r.source, r.target), (r.target, r.source))}
    premises = {arg: {k for k, role in members if role != "main-conclusion"}
                for arg, members in reader.pcs.items()}
    seen, kept = set(), []
    for r in moved:
        if r.type == "attack" and r.source[0] == "statement" and r.target in premises and \
                any((r.source, p) in attacks for p in premises[r.target]):
            continue
        ends = frozenset((r.source, r.target)) if r.type in _SYMMETRIC else \
            (r.source, r.target)
        if (ends, r.type) not in seen:
            seen.add((ends, r.type))
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


def _includes(text: str) -> Iterator[re.Match[str]]:
    """The ``@include(file)`` directives of ``text``; an escaped ``\\@`` is text (argmap
    writes text that way)."""
    for match in _INCLUDE.finditer(text):
        if not (match.start() and text[match.start() - 1] == "\\"):
            yield match


def _with_includes(text: str, path: str | None) -> tuple[str, list[tuple[int, str, int]]]:
    """``text`` with each ``@include(file)`` replaced by that file's text (followed in
    turn), as Argdown's include plugin does: relative to the including file, each file
    once.  A file that includes itself, directly or not, is refused at the ``@include``.
    Also returns where each included stretch came from: (first line in the result, file,
    its line there), so locations can name the file a problem is in."""
    origins: list[tuple[int, str, int]] = []
    first = next(_includes(text), None) if "@include(" in text else None
    if first is None:
        return text, origins
    if path is None:
        raise ParseError("@include needs the including file's path (read it from a file)",
                         Location.at(text, first.start(), path))
    done: set[str] = set()
    pieces: list[str] = []
    lines = 1  # the line of the result the next piece starts on

    def add(piece: str, source: str, line: int) -> None:
        nonlocal lines
        origins.append((lines, source, line))
        pieces.append(piece)
        lines += len(_LINE_BREAK.findall(piece))

    def expand(source_text: str, source: str, open_files: tuple[str, ...]) -> None:
        position, line = 0, 1
        for match in _includes(source_text):
            add(source_text[position:match.start()], source, line)
            line += len(_LINE_BREAK.findall(source_text, position, match.start()))
            target = os.path.realpath(os.path.join(os.path.dirname(source),
                                                   match.group(1).strip()))
            column = match.start() - max(source_text.rfind("\n", 0, match.start()), -1)
            where = Location(source, line, column)
            if target in open_files:
                raise ParseError(f"@include({match.group(1)}) includes a file that is "
                                 "including it (a cycle)", where)
            if target not in done:
                done.add(target)
                try:
                    if os.path.exists(target) and not os.path.isfile(target):
                        raise FileError("not a regular file", target)  # a FIFO would block
                    included = read_text(target)
                except ArgmapError as exc:
                    raise ParseError(f"cannot @include({match.group(1)}): {exc.message}",
                                     where) from None
                expand(included.removeprefix("\ufeff"), target, (*open_files, target))
            position = match.end()
        add(source_text[position:], source, line)

    expand(text, path, (os.path.realpath(path),))
    return "".join(pieces), origins


def _origin(origins: list[tuple[int, str, int]], path: str | None,
            line: int | None) -> tuple[str | None, int | None]:
    """The file and line that ``line`` of the text with its includes came from (the
    including file is named by ``path`` as given)."""
    if line is None:
        return path, line
    index = bisect_right(origins, (line, "\uffff")) - 1
    if index < 0:
        return path, line
    first, source, local = origins[index]
    main = path is not None and source == os.path.realpath(path)
    return (path if main else source), local + line - first


def read(text: str, path: str | None = None) -> ArgMap:
    """Parse an Argdown document into a map (see docs/formats/argdown.md for the mapping)."""
    text, origins = _with_includes(text.removeprefix("\ufeff"), path)
    reader = _Reader(path)
    try:
        reader.read(text)
        if reader.front_model.get("explodeArguments") is True:
            _explode_arguments(reader)
    except RecursionError:
        raise ParseError("input nested too deeply", Location(path)) from None
    except ParseError as exc:
        if not origins or exc.location is None:
            raise
        source, line = _origin(origins, path, exc.location.line)
        raise ParseError(exc.message, Location(source, line, exc.location.column)) from None
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
        meta: dict[str, Any] = {"title": element.title, "argdown": element.kind}
        source, line = _origin(origins, path, element.line)
        if source != path:
            meta["file"] = source
        if element.section is not None:
            meta["section"] = element.section
        amap.add_claim(ids[key], fields.get("text", element.text or element.title), kind=kind,
                       perspective=perspective, sources=fields.get("sources", ()),
                       tags=tags, weight=fields.get("weight"),
                       note=fields.get("note"), line=line, column=element.column,
                       meta=meta)
    for argument, members in reader.pcs.items():
        for statement, role in members:
            if role != "main-conclusion":
                amap.add_relation(ids[statement], ids[argument], "support")
            else:
                amap.add_relation(ids[argument], ids[statement], "support")
    explicit = _explicit_relations(reader, reader.front_model.get("mode") == "strict")
    # Undercuts last: which inference one attacks depends on all the other relations.
    for r in sorted(explicit, key=lambda r: r.type == "undercut"):
        source = ids[r.source]
        target = ids[("argument", r.target[1])] if r.target[0] == "inference" else ids[r.target]
        where = Position(line=r.line, column=r.column)
        if r.type == "undercut":
            _add_undercut(amap, source, target, where)
        else:
            amap.add_relation(source, target, _RELATION_TYPES[r.type], **where)
            if r.type == "contradictory":
                amap.add_relation(target, source, "rebut", **where)
    if not declared_thesis:
        mark_theses(amap)
    return amap


def _add_undercut(amap: ArgMap, source: str, target: str, where: Position) -> None:
    """``source _> target`` attacks target's inference: an undercut of the relation from
    ``target`` to its only conclusion, else a rebut of ``target`` noted in ``meta``."""
    graph = amap.graph
    conclusions = {t for _, t, data in graph.out_edges(target, data=True)
                   if data["relation"] in ("support", "rebut")}
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
                  write=write, sniff=_sniff, self_attack=True, slug_ids=True)]
