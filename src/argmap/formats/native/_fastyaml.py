"""A line-based reader for argument files in the exact layout ``native.write`` produces.

Composing a YAML node tree and walking it is most of the time of loading a big map, yet
nearly every file argmap reads was written by argmap.  This reader accepts only that
layout (plus blank lines, full-line comments and CRLF) and gives up, returning ``None``,
at the first line it does not expect or the first value the YAML reader would report, so
the caller runs the full YAML path from scratch: every diagnostic stays that path's."""

from __future__ import annotations

import re
from typing import Any, overload

from ...lint import LINT_SETTINGS, LINTS
from ...model import FORMAT_VERSION, KINDS, SIDES, ArgMap, add_edge
from ._syntax import (
    ESCAPED_BREAKS,
    NULLS,
    PLAIN,
    QUOTE_FIELDS,
    RELATION_FIELDS,
    SLUG,
    SOURCE_FIELDS,
    TAG_BORDERS,
    TAG_COLOR,
    TAG_FIELDS,
    TOP_KEYS,
    UNPRINTABLE,
)


class _Unusual(Exception):
    """The text leaves the layout this reader knows; the YAML path must read it."""


# Characters that change how YAML splits lines or that it rejects: tabs, too, which a
# plain scalar could hold but which are never worth the subtleties here.
_ODD = re.compile("[\t" + ESCAPED_BREAKS + UNPRINTABLE.pattern[1:])
# `indent key:` or `indent key: value`, the key plain (checked after) or double-quoted.
_LINE = re.compile(r'( *)(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^\s"#:][^:]*)):(?: (.+))?\Z')
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_FLOW_PLAIN = re.compile(r"[^,?\[\]{}\"]+")
_FIELD_NAME = re.compile(r"([a-z]+): ")
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))")
# YAML 1.1's one-character escapes (an escaped tab is ruled out with tabs).
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v",
                   "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
                   "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _unescape(match: re.Match) -> str:
    simple = match[4]
    if simple is not None:
        if simple not in _SIMPLE_ESCAPES:
            raise _Unusual
        return _SIMPLE_ESCAPES[simple]
    code = int(match[1] or match[2] or match[3], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # YAML rejects these escapes
        raise _Unusual
    return chr(code)


def _quoted(body: str) -> str:
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def _plain(raw: str) -> str:
    """A plain scalar that reads back as this very text (never null)."""
    if PLAIN.match(raw) and raw[-1] != " " and raw not in NULLS:
        return raw
    raise _Unusual


def _scalar(raw: str | None) -> str:
    """A block value: plain or double-quoted text filling the rest of the line."""
    if not raw:  # none, or only the space after the colon (a null or a block to come)
        raise _Unusual
    if raw[0] == '"':
        match = _QUOTED.fullmatch(raw)
        if match is None:
            raise _Unusual
        return _quoted(match[1])
    return _plain(raw)


class _Folded(str):
    """A value already read from a folded block scalar (not raw text to decode)."""


def _value(raw: str | None) -> str:
    return str(raw) if isinstance(raw, _Folded) else _scalar(raw)  # a plain str in the map


def _folded(text_lines: list[str], index: int, indent: int) -> tuple[int, str]:
    """The ``>-`` block scalar whose content starts at line ``index``, as the writer folds
    text: lines at exactly ``indent`` joined by a space, paragraphs parted by one blank
    line.  Returns the index past its last content line, and the text."""
    paragraphs: list[list[str]] = [[]]
    end = index
    pad = " " * indent
    while index < len(text_lines):
        line = text_lines[index]
        if not line:
            index += 1
            continue
        if not line.startswith(pad):
            break
        if line[indent:indent + 1] in ("", " ") or line[-1] == " ":
            raise _Unusual  # more indented, or trailing space: YAML's finer rules
        blanks = index - end
        if blanks:
            if blanks > 1 or not paragraphs[-1]:
                raise _Unusual
            paragraphs.append([])
        paragraphs[-1].append(line[indent:])
        index = end = index + 1
    if not paragraphs[0]:
        raise _Unusual
    return end, "\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _flow_item(raw: str, at: int) -> tuple[str, int]:
    """The scalar starting at ``raw[at]`` inside ``[...]`` or ``{...}``, and its end."""
    match = (_QUOTED if raw.startswith('"', at) else _FLOW_PLAIN).match(raw, at)
    if match is None:
        raise _Unusual
    return (_quoted(match[1]) if match.lastindex else _plain(match[0])), match.end()


def _flow_list(raw: str, column: int) -> list[tuple[str, int]]:
    """``[a, "b"]`` (as the writer spaces it) -> ``(item, 1-based column)`` pairs."""
    if len(raw) < 3 or raw[-1] != "]":
        raise _Unusual
    items, at = [], 1
    while True:
        item, end = _flow_item(raw, at)
        items.append((item, column + at))
        if end == len(raw) - 1:
            return items
        if not raw.startswith(", ", end):
            raise _Unusual
        at = end + 2


def _flow_mapping(raw: str, allowed) -> dict[str, str]:
    """``{key: value, ...}`` with known keys, each once, values text."""
    if len(raw) < 3 or raw[0] != "{" or raw[-1] != "}":
        raise _Unusual
    fields, at = {}, 1
    while True:
        name = _FIELD_NAME.match(raw, at)
        if name is None or name[1] not in allowed or name[1] in fields:
            raise _Unusual
        fields[name[1]], end = _flow_item(raw, name.end())
        if end == len(raw) - 1:
            return fields
        if not raw.startswith(", ", end):
            raise _Unusual
        at = end + 2


def _text_list(raw: str | None, column: int) -> list[tuple[str, int]]:
    """A scalar or a flow list of them, each with its column."""
    if raw and raw[0] == "[":
        return _flow_list(raw, column)
    return [(_scalar(raw), column)]


class _Lines:
    """The meaningful lines as ``(line number, indent, key, value)``, one at a time."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.index = 0
        self.peeked: tuple[int, int, str, str | None] | None = None

    def peek(self) -> tuple[int, int, str, str | None] | None:
        if self.peeked is not None:
            return self.peeked
        lines = self.lines
        while self.index < len(lines):
            line = lines[self.index]
            self.index += 1
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            match = _LINE.match(line)
            if match is None:
                raise _Unusual
            quoted, plain = match[2], match[3]
            key = _quoted(quoted) if quoted is not None else _plain(plain)
            self.peeked = (self.index, len(match[1]), key, match[4])
            return self.peeked
        return None

    def take(self, indent: int) -> tuple[int, int, str, str | None] | None:
        """The next line if it is indented by ``indent`` (less: ``None``; more: unusual)."""
        line = self.peek()
        if line is None or line[1] < indent:
            return None
        if line[1] != indent:
            raise _Unusual
        self.peeked = None
        return line

    @overload
    def value(self, raw: str, indent: int) -> str: ...
    @overload
    def value(self, raw: None, indent: int) -> None: ...

    def value(self, raw: str | None, indent: int) -> str | None:
        """``raw``, or for ``>-`` the folded block that follows, its content at ``indent``."""
        if raw != ">-":
            return raw
        self.index, text = _folded(self.lines, self.index, indent)
        return _Folded(text)

    def entries(self, indent: int):
        """Each line of a nested block at ``indent``: at least one, keys unique."""
        keys = set()
        while (line := self.take(indent)) is not None:
            if line[2] in keys:
                raise _Unusual
            keys.add(line[2])
            yield line
        if not keys:
            raise _Unusual


def read(text: str, path: str | None) -> ArgMap | None:
    """The map ``native.read`` would build from ``text``, or ``None`` when the text is
    anything but a clean file in the writer's layout."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _ODD.search(text):
        return None
    try:
        return _read(_Lines(text), path)
    except _Unusual:
        return None


def _read(lines: _Lines, path: str | None) -> ArgMap:
    """Top-level keys in any order, each once, built in the order the YAML path builds."""
    inline: dict[str, str] = {}
    blocks: dict[str, list] = {}
    while (line := lines.take(0)) is not None:
        _, _, key, value = line
        if key not in TOP_KEYS or key in inline or key in blocks:
            raise _Unusual
        if value is not None:
            inline[key] = lines.value(value, 2)
        elif key == "claims":
            blocks[key] = _claims(lines)
        elif key in ("lint", "perspectives"):
            blocks[key] = [(k, lines.value(v, 4), number) for number, _, k, v in lines.entries(2)]
        elif key in ("sources", "tags"):  # a flow mapping, a bare title, or a block of fields
            blocks[key] = [(k, lines.value(v, 4) if v is not None else
                            {field: lines.value(raw, 6) for _, _, field, raw in lines.entries(4)},
                            number)
                           for number, _, k, v in lines.entries(2)]
        else:
            raise _Unusual
    if ("perspectives" in inline or "sources" in inline or "lint" in inline or "tags" in inline
            or inline.get("claims", "{}") != "{}"
            or "claims" not in inline and "claims" not in blocks):
        raise _Unusual  # of the blocks, only an empty map of claims is written inline
    amap = ArgMap(path=path)
    if "argmap" in inline and _scalar(inline["argmap"]) != str(FORMAT_VERSION):
        raise _Unusual
    for key in ("title", "description"):
        if key in inline:
            amap.graph.graph[key] = _value(inline[key])
    if "lint" in blocks:
        settings = amap.graph.graph["lint"] = {}
        for code, setting, number in blocks["lint"]:
            settings[code] = _value(setting)
            if code not in LINTS or settings[code] not in LINT_SETTINGS:
                raise _Unusual
            amap.entry_positions[f"lint/{code}"] = (number, 3)
    for pid, label, number in blocks.get("perspectives", ()):
        amap.perspectives[pid] = _value(label)
        amap.entry_positions[f"perspectives/{pid}"] = (number, 3)
    for sid, raw, number in blocks.get("sources", ()):
        amap.entry_positions[f"sources/{sid}"] = (number, 3)
        entry = _fields(raw, SOURCE_FIELDS)
        if entry is None:
            entry = {"title": _value(raw)}
        if "title" not in entry:
            raise _Unusual
        amap.sources[sid] = entry
    if "tags" in blocks:
        amap.graph.graph["tag_styles"] = dict(_tag_style(tag, raw)
                                                for tag, raw, _ in blocks["tags"])
    relations = []
    for cid, attrs, claim_relations in blocks.get("claims", ()):
        amap.add_claim(cid, **attrs)
        relations += claim_relations
    for args, kwargs in relations:
        add_edge(amap.graph, *args, **kwargs)
    return amap


def _fields(raw, allowed) -> dict[str, str] | None:
    """An entry of known fields, as a block (``raw`` a dict) or a flow mapping; ``None``
    for a plain scalar."""
    if isinstance(raw, dict):
        if not raw.keys() <= set(allowed):
            raise _Unusual
        return {field: _value(value) for field, value in raw.items()}
    if raw and raw[0] == "{" and not isinstance(raw, _Folded):
        return _flow_mapping(raw, allowed)
    return None


def _tag_style(tag: str, raw) -> tuple[str, dict[str, str]]:
    """One entry of ``tags:``; anything the full reader would report is left to it."""
    style = _fields(raw, TAG_FIELDS)
    if style is None or style.get("border", "solid") not in TAG_BORDERS or (
            "color" in style and not TAG_COLOR.match(style["color"])):
        raise _Unusual
    return tag, style


def _is_filler(line: str) -> bool:
    """A blank line or a full-line comment, which YAML skips wherever it stands."""
    stripped = line.lstrip(" ")
    return not stripped or stripped[0] == "#"


def _claims(lines: _Lines) -> list:
    """``(id, add_claim keywords, relations)`` for each claim, in file order.  The hot
    loop of a big file, so it tests each line's shape by slicing instead of through
    ``_Lines``; no comment or blank line passes these shape tests by accident."""
    claims: list[tuple[str, dict[str, Any], list]] = []
    ids: set[str] = set()
    text_lines, index = lines.lines, lines.index
    attrs: dict[str, Any] = {}
    relations: list = []
    cid, fields_seen = "", set()
    raw: str | None
    while index < len(text_lines):
        line = text_lines[index]
        index += 1
        if line[:4] == "    " and line[4:5] not in ("", " ", "#"):
            if not attrs:  # a field before any claim
                raise _Unusual
            key, colon, raw = line[4:].partition(": ")
            if not colon:
                if line[-1] != ":":
                    raise _Unusual
                key, raw = line[4:-1], None
            if key in attrs or key in fields_seen:
                raise _Unusual
            fields_seen.add(key)
            if key in ("text", "perspective", "note"):
                if raw == ">-":
                    index, attrs[key] = _folded(text_lines, index, 6)
                else:
                    attrs[key] = _scalar(raw)
            elif key in RELATION_FIELDS:
                if raw is None:
                    index, block = _block(text_lines, index)
                    relations += _relation_block(block, cid, RELATION_FIELDS[key])
                else:
                    relation = RELATION_FIELDS[key]
                    relations += [((cid, target, relation),
                                   {"note": None, "line": index, "column": column})
                                  for target, column in _text_list(raw, len(key) + 7)]
            elif key == "kind" or key == "side":
                attrs[key] = _scalar(raw)
                if attrs[key] not in (KINDS if key == "kind" else SIDES):
                    raise _Unusual
            elif key == "weight":
                attrs["weight"] = _weight(_scalar(raw))
            elif key in ("source", "sources", "tags"):
                name = "tags" if key == "tags" else "sources"
                if name in attrs:
                    raise _Unusual
                attrs[name] = [item for item, _ in _text_list(raw, len(key) + 7)]
            elif key == "undercuts" and raw is None:
                index, block = _block(text_lines, index)
                relations += _undercuts(block, cid)
            elif key == "quote":
                if raw is None:
                    index, block = _block(text_lines, index)
                    attrs["quotes"] = _quotes(block)
                else:
                    attrs["quotes"] = [{"exact": _scalar(raw), "line": index, "column": 12}]
            else:
                raise _Unusual
        elif line[:2] == "  " and line[2:3] not in ("", " ", "#") and line[-1] == ":":
            cid = line[2:-1]
            if cid[:1] == '"':  # the writer quotes ids YAML would read as other types
                cid = _scalar(cid)
            if cid in ids or not SLUG.match(cid):
                raise _Unusual
            if attrs:
                _finish(claims, attrs, relations)
            ids.add(cid)
            attrs, relations, fields_seen = {"id": cid, "line": index, "column": 3}, [], set()
        elif not _is_filler(line):
            if line[:1] == " ":
                raise _Unusual
            index -= 1  # the next top-level key
            break
    if not attrs:
        raise _Unusual
    _finish(claims, attrs, relations)
    lines.index = index
    return claims


def _finish(claims: list, attrs: dict, relations: list) -> None:
    if "text" not in attrs:  # a claim without text, or without any field
        raise _Unusual
    claims.append((attrs.pop("id"), attrs, relations))


def _block(text_lines: list[str], index: int) -> tuple[int, list]:
    """The lines indented by six under a claim's field from ``index``, numbered, each with
    the text of the folded block scalar that follows it (or None)."""
    block = []
    while index < len(text_lines):
        line = text_lines[index]
        if line[:6] == "      " and line[6:7] not in ("", " ", "#"):
            index += 1
            number = index
            folded: str | dict | None = None
            if line.endswith(": >-"):  # a relation's note as a folded block
                index, folded = _folded(text_lines, index, 8)
            elif line[6:8] == "- " and line[8:9] != "{":  # an undercut, a field a line
                index, folded = _item_fields(text_lines, index, line[8:])
            block.append((number, line[6:], folded))
        elif _is_filler(line):
            index += 1
        else:
            break
    if not block:
        raise _Unusual
    return index, block


def _item_fields(text_lines: list[str], index: int, first: str) -> tuple[int, dict]:
    """The fields of a list item written one a line (``- from: a``, then ``to: b`` and
    ``note:`` indented by eight), each key once; a folded note read whole."""
    fields: dict[str, str] = {}
    line = first
    while True:
        key, colon, raw = line.partition(": ")
        if not colon or key in fields:
            raise _Unusual
        if raw == ">-":
            index, raw = _folded(text_lines, index, 10)
            raw = _Folded(raw)
        fields[key] = raw
        if index >= len(text_lines) or text_lines[index][:8] != "        " or \
                text_lines[index][8:9] in ("", " ", "#"):
            return index, fields
        line = text_lines[index][8:]
        index += 1


def _weight(raw: str) -> float:
    try:
        weight = float(raw)
    except ValueError:
        raise _Unusual from None
    if not 0 <= weight <= 1:
        raise _Unusual
    return weight


def _relation_block(block, cid: str, relation: str):
    """``target: note`` lines (``null`` or nothing: no note), each target once."""
    found, targets = [], set()
    for number, line, folded in block:
        match = _LINE.match(line)
        if match is None:
            raise _Unusual
        quoted, target, note = match[2], match[3], match[4]
        target = _quoted(quoted) if quoted is not None else _plain(target)
        if target in targets:
            raise _Unusual
        targets.add(target)
        note = folded if folded is not None else \
            None if note is None or note in NULLS else _scalar(note)
        found.append(((cid, target, relation), {"note": note, "line": number, "column": 7}))
    return found


def _quotes(block) -> list[dict]:
    """``- text`` or ``- {exact: ..., source: ...}`` lines, one quote each."""
    found = []
    for number, line, folded in block:
        if not line.startswith("- ") or isinstance(folded, str):
            raise _Unusual
        item = line[2:]
        if folded is None:
            quote = (_flow_mapping(item, QUOTE_FIELDS) if item[:1] == "{"
                     else {"exact": _scalar(item)})
        elif folded.keys() <= set(QUOTE_FIELDS):  # a quote's fields, one a line
            quote = {key: _value(raw) for key, raw in folded.items()}
        else:
            raise _Unusual
        if "exact" not in quote:
            raise _Unusual
        found.append({**quote, "line": number, "column": 9})
    return found


def _undercuts(block, cid: str):
    """``- {from: A, to: B, note: N}`` lines, each an undercut of ``A -> B``."""
    found = []
    for number, line, folded in block:
        if not line.startswith("- ") or isinstance(folded, str):
            raise _Unusual
        if folded is None:
            fields = _flow_mapping(line[2:], ("from", "to", "note"))
        elif folded.keys() <= {"from", "to", "note"}:
            fields = {key: _value(raw) for key, raw in folded.items()}
        else:
            raise _Unusual
        if "from" not in fields or "to" not in fields:
            raise _Unusual
        found.append(((cid, fields["to"], "undercut"), {
            "undercuts": fields["from"], "note": fields.get("note"), "line": number,
            "column": 9}))
    return found
