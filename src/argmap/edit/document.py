"""The editing engine: an argument file as text plus the positions of its YAML nodes.

Edits are splices of the original text at positions PyYAML reports while composing
(``start_mark``/``end_mark`` carry character indexes), so every byte an edit does not
touch stays exactly as written: comments, blank lines, quoting, folded strings, key order.
All splices of one edit are computed against one parse and applied together, which keeps
an edit of a large file to a single compose."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NoReturn

import yaml

from ..errors import EditError, Location, ParseError
from ..fileio import BOM
from ..formats.native._syntax import NULL, compose, scalar
from ..formats.safe_yaml import YAML_BREAKS, line_starts

_FLOW_PLAIN = re.compile(r"[\w .-]*\Z")
BLANKS = " \t" + YAML_BREAKS


def flow_scalar(value) -> str:
    """``scalar(value)``, single-quoted unless it is plainly safe inside a flow collection
    (where a comma, bracket, ``?`` or ``:`` can end or confuse a plain scalar)."""
    text = scalar(value)
    if text[0] != '"' and not _FLOW_PLAIN.match(text):
        return "'" + text.replace("'", "''") + "'"
    return text


def entry_indexes(indexes: set[int | None]) -> set[int] | None:
    """Indexes of entries in a field's collection, or None when one is the field itself
    (a field written as one scalar has the index None): removing that empties the field."""
    if None in indexes:
        return None
    return {index for index in indexes if index is not None}


def is_null(node: yaml.Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL)


def is_block(node: yaml.Node) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style


def pairs(node: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """``(key, key node, value node)`` of a mapping with text keys (others are skipped:
    the reader reports them)."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def entries(node: yaml.Node) -> list[tuple[yaml.Node | None, yaml.Node]]:
    """The entries of a collection as ``(key node or None, value node)``."""
    if isinstance(node, yaml.MappingNode):
        return list(node.value)
    return [(None, item) for item in node.value]


@dataclass
class Splice:
    start: int
    end: int
    text: str


class Document:
    """One argument file being edited.  ``text`` is the body with a BOM removed and CRLF
    read as LF (both restored by ``render``), so positions and inserted lines are uniform."""

    def __init__(self, text: str, path: str | None = None):
        self.path = path
        self.bom = text.startswith(BOM)
        body = text[1:] if self.bom else text
        crlf = body.count("\r\n")
        # Only a file whose every break is CRLF is read as LF: a lone CR is a line break
        # of its own to YAML, and folding it into a CRLF would change what the file says.
        self.newline = ("\r\n" if crlf and crlf == body.count("\n") == body.count("\r")
                        else "\n")
        self.text = body.replace("\r\n", "\n") if self.newline == "\r\n" else body
        self.splices: list[Splice] = []
        self._line_starts: list[int] | None = None
        root = compose(self.text, path)
        if not isinstance(root, yaml.MappingNode):
            raise ParseError("an argument file is a mapping with 'claims:'", Location(path, 1, 1))
        self.root: yaml.MappingNode = root

    # -- output -----------------------------------------------------------------------------
    def render(self, body: str) -> str:
        """``body`` with this file's line endings and BOM."""
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return BOM + body if self.bom else body

    def edited(self) -> str:
        """The body with every recorded splice applied."""
        ordered = sorted(self.splices, key=lambda s: (s.start, s.end))
        out, position = [], 0
        for splice in ordered:
            if splice.start < position:
                raise AssertionError(f"overlapping edits at {splice.start}")
            out += [self.text[position:splice.start], splice.text]
            position = splice.end
        out.append(self.text[position:])
        return "".join(out)

    # -- positions --------------------------------------------------------------------------
    # Lines are YAML's own (``yaml_lines``), the ones its marks count, so a raw U+2028 or
    # a lone CR in a quoted text cannot shift the lines of everything after it.
    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def lines(self) -> list[str]:
        """The text of each line, without its break."""
        return [self.line_text(number) for number in range(len(self.line_starts))]

    def line_start(self, line: int) -> int:
        """Offset of 0-based ``line``; the end of the text past the last line."""
        return self.line_starts[line] if line < len(self.line_starts) else len(self.text)

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.line_starts, index) - 1

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line):self.line_start(line + 1)].rstrip(YAML_BREAKS)

    def end(self, node: yaml.Node) -> int:
        """Where ``node``'s own text ends.  PyYAML ends a block collection at the next
        token, past any comments that head the next entry, and a block scalar after its
        trailing line breaks; neither belongs to the node."""
        if is_block(node) and node.value:
            return self.end(node.value[-1][1] if isinstance(node, yaml.MappingNode)
                            else node.value[-1])
        end = node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.text[end - 1] in BLANKS:
                end -= 1
        return end

    def last_line(self, node: yaml.Node) -> int:
        end = self.end(node)
        return self.line_of(max(end - 1, node.start_mark.index))

    def location(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    # -- primitive splices ------------------------------------------------------------------
    def replace(self, start: int, end: int, text: str) -> None:
        self.splices.append(Splice(start, end, text))

    def replace_node(self, node: yaml.Node, text: str) -> None:
        self.replace(node.start_mark.index, self.end(node), text)

    def delete_lines(self, first: int, last: int) -> None:
        self.replace(self.line_start(first), self.line_start(last + 1), "")

    def insert_lines(self, after_line: int, lines: list[str]) -> None:
        """Insert whole lines after 0-based ``after_line``."""
        position = self.line_start(after_line + 1)
        if position == len(self.text) and not self.text.endswith(tuple(YAML_BREAKS)):
            self.replace(position, position, "\n" + "\n".join(lines))
        else:
            self.replace(position, position, "".join(line + "\n" for line in lines))

    # -- collections ------------------------------------------------------------------------
    def entry_span(self, key: yaml.Node | None, value: yaml.Node) -> tuple[int, int]:
        return (key or value).start_mark.index, self.end(value)

    def remove_entries(self, collection: yaml.Node, doomed: set[int]) -> None:
        """Remove entries (by index) from a mapping or sequence that keeps at least one."""
        items = entries(collection)
        if is_block(collection):
            for index in doomed:
                key, value = items[index]
                self.delete_lines((key or value).start_mark.line, self.last_line(value))
            return
        spans = [self.entry_span(k, v) for k, v in items]
        first_kept = min(i for i in range(len(items)) if i not in doomed)
        if first_kept > 0:  # a leading run goes with the separator after it
            self.replace(spans[0][0], spans[first_kept][0], "")
        for index in sorted(doomed):
            if index > first_kept:  # later ones go with the separator before them
                self.replace(spans[index - 1][1], spans[index][1], "")

    def _indented(self, anchor: yaml.Node, block_lines: list[str]) -> list[str]:
        """``block_lines`` indented like the entry starting at ``anchor`` (a sequence item's
        first line takes its ``- ``); empty lines stay empty."""
        prefix = self.line_text(anchor.start_mark.line)[:anchor.start_mark.column]
        continuation = " " * len(prefix)
        return [prefix + block_lines[0]] + [continuation + line if line else ""
                                            for line in block_lines[1:]]

    def insert_entry(self, collection: yaml.Node, block_lines: list[str], flow_text: str,
                     after: int | None = None, gap: bool = False) -> None:
        """Add an entry to a non-empty collection: ``block_lines`` (unindented, later lines
        indented relative to the first) in block style, ``flow_text`` in flow style.  It goes
        after entry ``after`` (-1: before the first; default: after the last), in block style
        preceded by a blank line when ``gap``."""
        items = entries(collection)
        if after == -1:
            key, value = items[0]
            if not is_block(collection):
                start = (key or value).start_mark.index
                self.replace(start, start, flow_text + ", ")
                return
            lines = self._indented(key or value, block_lines)
            self.insert_lines((key or value).start_mark.line - 1, lines)
            return
        key, value = items[-1 if after is None else after]
        if not is_block(collection):
            self.replace(self.end(value), self.end(value), ", " + flow_text)
            return
        lines = self._indented(key or value, block_lines)
        self.insert_lines(self.last_line(value), [""] * gap + lines)

    def replace_entry(self, collection: yaml.Node, index: int, block_lines: list[str],
                      flow_text: str) -> None:
        """Rewrite one entry whole (block lines or flow text as for ``insert_entry``)."""
        key, value = entries(collection)[index]
        if not is_block(collection):
            self.replace(*self.entry_span(key, value), flow_text)
            return
        lines = self._indented(key or value, block_lines)
        first, last = (key or value).start_mark.line, self.last_line(value)
        tail = self.text[self.end(value):self.line_start(last + 1)].rstrip(YAML_BREAKS)
        if tail.lstrip().startswith("#"):  # the entry's end-of-line comment stays with it
            lines[0] += tail
        self.replace(self.line_start(first), self.line_start(last + 1),
                     "".join(line + "\n" for line in lines))

    def fill_empty(self, collection: yaml.Node, block_lines: list[str], indent: int) -> None:
        """Replace an empty flow collection (``{}``/``[]``) with block lines."""
        start = collection.start_mark.index
        while start and self.text[start - 1] in " \t":
            start -= 1
        self.replace(start, collection.end_mark.index,
                     "".join("\n" + (" " * indent + line if line else "") for line in block_lines))

    def raise_at(self, message: str, node: yaml.Node | None = None) -> NoReturn:
        raise EditError(message, self.location(node) if node is not None else
                        Location(self.path))
