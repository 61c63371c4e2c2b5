"""``argmap fmt``: the canonical layout, with the file's comments kept.

The layout is the canonical writer's (``argmap.formats.native.write``); this module only
carries comments across.  A comment belongs to the key (or block-list item) that follows
it, a comment at the end of a line to that line's key; in the canonical text it goes back
before (or after) the same key, found by its path (``claims > honor > supports``), or by
the nearest enclosing key that still exists.  Re-formatting formatted text finds the same
anchors, so fmt is idempotent."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import yaml

from ..formats.native import WIDTH, read, write
from ..formats.native._syntax import MODELINE_PREFIX
from .document import Document, is_block

Path = tuple


HEADER: Path = ("",)  # where the comments before a file's first key belong: first


@dataclass
class Block:
    """Comment lines on their own, and whether a blank line came before and after them."""

    blank_before: bool
    lines: list[str]
    blank_after: bool = False


@dataclass
class Comments:
    """Comments found in a file, keyed by the path of the node they belong to."""

    leading: dict[Path | None, list[Block]] = field(default_factory=dict)
    trailing: dict[Path, list[str]] = field(default_factory=dict)


def _anchors(root: yaml.Node) -> list[tuple[int, int, Path]]:
    """``(index, line, path)`` of every block mapping key and block list item, in order."""
    found: list[tuple[int, int, Path]] = []

    def walk(node: yaml.Node, path: Path) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value if isinstance(key, yaml.ScalarNode) else "?",)
                if is_block(node):
                    found.append((key.start_mark.index, key.start_mark.line, child))
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                if is_block(node):
                    found.append((item.start_mark.index, item.start_mark.line,
                                  path + (position,)))
                walk(item, path + (position,))

    walk(root, ())
    return sorted(found, key=lambda a: a[0])


def _scalar_spans(root: yaml.Node, doc: Document) -> list[tuple[int, int]]:
    """Where scalar text is (a ``#`` there is content, not a comment); a block scalar's
    header line may end in a comment, so its span starts on the next line."""
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            start = node.start_mark.index
            if node.style in ("|", ">"):
                start = doc.line_start(node.start_mark.line + 1)
            spans.append((start, node.end_mark.index))
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(spans)


def find_comments(doc: Document) -> Comments:
    """Every comment of the file by the node it belongs to.  Of several schema modelines
    only the first is kept."""
    spans = _scalar_spans(doc.root, doc)
    starts = [s for s, _ in spans]
    anchors = _anchors(doc.root)
    anchor_starts = [a[0] for a in anchors]
    comments = Comments()
    pending: Block | None = None
    modeline_seen = False
    lines = doc.lines()
    for number, line in enumerate(lines):
        offset = doc.line_start(number)
        column = _comment_column(line, offset, spans, starts)
        if column is None:
            if pending is not None:  # (the text after the last line break is no line)
                pending.blank_after = not line.strip() and number < len(lines) - 1
                _attach_leading(comments, pending, anchors, anchor_starts, offset)
                pending = None
            continue
        comment = line[column:].rstrip()
        if line[:column].strip():  # at the end of a line with content
            here = bisect.bisect_right(anchor_starts, offset + column) - 1
            if here >= 0:
                comments.trailing.setdefault(anchors[here][2], []).append(comment)
            continue
        if comment.startswith(MODELINE_PREFIX):
            if modeline_seen:
                continue
            modeline_seen = True
        if pending is None:
            pending = Block(number > 0 and not doc.line_text(number - 1).strip(), [])
        pending.lines.append(comment)
    if pending is not None:
        comments.leading.setdefault(None, []).append(pending)
    return comments


def _comment_column(line: str, offset: int, spans, starts) -> int | None:
    column = line.find("#")
    while column != -1:
        if column == 0 or line[column - 1] in " \t":
            at = offset + column
            inside = bisect.bisect_right(starts, at) - 1
            if inside < 0 or not spans[inside][0] <= at < spans[inside][1]:
                return column
        column = line.find("#", column + 1)
    return None


def _attach_leading(comments: Comments, block: Block, anchors, anchor_starts,
                    offset: int) -> None:
    following = bisect.bisect_left(anchor_starts, offset)
    path = (HEADER if following == 0 else anchors[following][2]) \
        if following < len(anchors) else None
    comments.leading.setdefault(path, []).append(block)


def _block_sources(root: yaml.Node) -> set[str]:
    """The sources written one field a line, which stay so."""
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "sources" and \
                isinstance(value, yaml.MappingNode):
            return {k.value for k, v in value.value
                    if isinstance(k, yaml.ScalarNode) and is_block(v) and v.value}
    return set()


def format_text(text: str, path: str | None = None, width: int = WIDTH) -> str:
    """The canonical layout of an argument file's text (text folded at ``width``), its
    comments kept and its header comments first; BOM and line endings as they were."""
    doc = Document(text, path)
    canonical = write(read(doc.text, path), width=width, block_sources=_block_sources(doc.root))
    comments = find_comments(doc)
    if not comments.leading and not comments.trailing:
        return doc.render(canonical)
    layout = Document(canonical)
    anchor_line = {path: line for _, line, path in _anchors(layout.root)}
    anchor_line[HEADER] = 0
    lines = canonical.split("\n")[:-1]
    before: dict[int | None, list[Block]] = {}
    after: dict[int, list[str]] = {}
    for where, blocks in comments.leading.items():
        before.setdefault(_nearest(where, anchor_line), []).extend(blocks)
    for where, found in comments.trailing.items():
        nearest = _nearest(where, anchor_line)
        if nearest is None:
            before.setdefault(None, []).append(Block(False, found))
        else:
            after.setdefault(nearest, []).extend(found)
    out: list[str] = []
    for number, line in enumerate(lines):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        extra = after.get(number, [])
        blocks = before.get(number, []) + ([Block(False, extra[:-1])] if extra[1:] else [])
        _put_blocks(out, blocks, indent)
        out.append(line + (f"  {extra[-1]}" if extra else ""))
    _put_blocks(out, before.get(None, []), "")
    return doc.render("\n".join(out) + "\n")


def _put_blocks(out: list[str], blocks: list[Block], indent: str) -> None:
    for block in blocks:
        if block.blank_before and out and out[-1]:
            out.append("")
        out += [indent + comment for comment in block.lines]
        if block.blank_after:
            out.append("")


def _nearest(path: Path | None, anchor_line: dict) -> int | None:
    """The canonical line of ``path``, else of its nearest ancestor that exists."""
    while path:
        if path in anchor_line:
            return anchor_line[path]
        path = path[:-1]
    return None
