"""The one way argmap reads YAML (native files, Carneades graphs, Argdown front matter and
data blocks): PyYAML's safe C parser, with the work an alias can cause bounded.

Composing shares an aliased node instead of copying it, so a 1 KB "billion laughs" file
composes instantly, but anything that walks or copies the tree (building ``meta``,
writing JSON) expands it: 9 levels of 9 aliases are 387 million nodes.  And an alias
inside its own anchor makes a cyclic tree that any walk follows forever.  So after
composing, the tree's expanded size is counted (linear in the distinct nodes) and a file
whose aliases would expand past ``ALIAS_EXPANSION_LIMIT`` nodes, or that holds a
recursive alias, is refused with its location.  Nesting depth is bounded by libyaml
itself (1,000 levels)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import Location, ParseError

ALIAS_EXPANSION_LIMIT = 100_000  # nodes that aliases may add to a file
DEPTH_LIMIT = 100  # nested collections kept as data (JSON writers recurse per level)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built
YAML_BREAKS = "\r\n\x85\u2028\u2029"  # the line breaks PyYAML and libyaml count
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NULL = "tag:yaml.org,2002:null"


class AliasError(yaml.MarkedYAMLError):
    """Aliases that would expand too far, or that refer to the node holding them."""


def line_starts(text: str) -> list[int]:
    """The offset of each line of ``text`` as YAML counts lines (its marks' ``line``):
    CRLF, CR, LF, NEL, LS and PS each end one."""
    return [0] + [match.end() for match in _BREAK.finditer(text)]


def compose(text: str, path: str | None, loader=_Loader) -> yaml.Node | None:
    """The YAML node tree of ``text`` (``None`` when empty), aliases bounded; every
    problem is a located ``ParseError``."""
    text = text.removeprefix("\ufeff")
    try:
        return _bounded(yaml.compose(text, Loader=loader), text)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; position counts chars
        starts = line_starts(text[: exc.position])
        raise ParseError(f"YAML error: {str(exc).splitlines()[0]}",
                         Location(path, len(starts), exc.position - starts[-1] + 1)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        prefix = "YAML error" if isinstance(exc, AliasError) else "YAML syntax error"
        raise ParseError(f"{prefix}: {problem}", location) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"YAML error: {exc}", Location(path)) from None


def load(text: str) -> Any:
    """``yaml.safe_load`` of ``text`` with aliases bounded (an ``AliasError``, a
    ``yaml.YAMLError``, otherwise), for callers that report YAML errors themselves."""
    loader = _Loader(text)
    try:
        node = _bounded(loader.get_single_node(), text)
        if node is None:
            return None
        plain(node)  # refuses data nested too deep to write back out
        return loader.construct_document(node)
    except ParseError as exc:
        raise yaml.YAMLError(exc.message) from None
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _bounded(root: yaml.Node | None, text: str) -> yaml.Node | None:
    """``root`` if its aliases are harmless; else ``AliasError``.  Without an anchor
    (``&``) in the text there is no alias, and nothing to count."""
    if root is None or "&" not in text:
        return root
    sizes: dict[int, int] = {}  # expanded size of each finished node
    distinct = 0
    open_nodes: set[int] = set()  # the path from the root to the node being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            if size - distinct > ALIAS_EXPANSION_LIMIT:
                raise AliasError(None, None, f"aliases expand this file past "
                                 f"{ALIAS_EXPANSION_LIMIT:,} extra nodes (an alias bomb?)",
                                 node.start_mark)
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise AliasError(None, None, "an alias refers to a node that contains it "
                             "(a recursive alias)", node.start_mark)
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True))
        stack += [(child, False) for child in _children(node)]
    return root


def plain(root: yaml.Node, path: str | None = None) -> Any:
    """A composed (bounded) node as JSON-ready data: scalars stay text (``null`` is None),
    so nothing YAML guesses (dates, octal numbers) leaks out.  Iterative; data nested
    deeper than ``DEPTH_LIMIT`` is an ``AliasError``-like located ``ParseError``."""
    def new(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {}
        if isinstance(node, yaml.SequenceNode):
            return []
        return None if node.tag == _NULL else node.value

    result = new(root)
    stack = [(root, result, 0)]
    while stack:
        node, built, depth = stack.pop()
        if depth > DEPTH_LIMIT and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            mark = node.start_mark
            raise ParseError(f"data nested deeper than {DEPTH_LIMIT} levels",
                             Location(path, mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = new(value)
                key_value = new(key)
                if isinstance(key_value, (dict, list)):  # a collection as a key: as text
                    key_value = str(plain(key, path))
                built[key_value] = child
                stack.append((value, child, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                child = new(item)
                built.append(child)
                stack.append((item, child, depth + 1))
    return result
